"""Sastrawi's Indonesian stemmer with its regular expressions compiled once: same algorithm, same stems.

Sastrawi (the maintained Indonesian stemmer, pip ``Sastrawi``) calls
``re.match(pattern, word)`` some 60 times a word, and every affix it strips
also runs ``re.sub(result, '', word)`` with the *stripped word itself* as the
pattern. Those one-off patterns fill Python's regex cache (512 entries), so
the cache keeps being flushed and the ~80 constant patterns are parsed and
compiled again and again: about 0.2 ms a new word, the largest cost of
ingest. Here:

* the visitors that strip an affix compute the removed part with
  ``str.replace`` (the stripped word holds only ``[a-z0-9-]``, where a regex
  pattern is the literal string, so the result is the same);
* every other Sastrawi function runs unchanged, its code rebound to a
  ``re`` stand-in that looks the constant pattern up in a dict of compiled
  patterns instead of going through ``re``'s cache and flag checks;
* a prefix rule is called only for a word that begins as one of its
  patterns does (the literal start of each pattern, read from the rule's
  code), and a visitor whose rules all need another first letter is skipped;
* one lower-case word without a hyphen skips Sastrawi's text normalisation
  and plural check, and a root word returns at once.

Stemming the fold's 21,656 distinct words once, in a new process: 0.66-0.79 s
here against 1.02-1.10 s with only the patterns compiled once (issue 21;
min and median of 5 processes). Looking the applicable visitors up by a
word's first four letters instead of its first letter saved 10% once warm
but cost 60% more in a cold process (7,762 look-up lists to build), so it
was not kept.

Sastrawi is not modified (no monkey-patching): the subclasses below hold
copies of its functions. ``tests/test_stemmer_id.py`` checks that every word
of the IndoSum fold gets the same stem as Sastrawi's own ``Stemmer``.
"""
from __future__ import annotations

import re
from inspect import isfunction
from types import FunctionType
from typing import Any, Callable, Iterable

from Sastrawi.Stemmer.Context.Context import Context
from Sastrawi.Stemmer.Context.Removal import Removal
from Sastrawi.Stemmer.Context.Visitor.PrefixDisambiguator import PrefixDisambiguator
from Sastrawi.Stemmer.Context.Visitor.RemoveDerivationalSuffix import RemoveDerivationalSuffix
from Sastrawi.Stemmer.Context.Visitor.RemoveInflectionalParticle import RemoveInflectionalParticle
from Sastrawi.Stemmer.Context.Visitor.RemoveInflectionalPossessivePronoun import RemoveInflectionalPossessivePronoun
from Sastrawi.Stemmer.Context.Visitor.RemovePlainPrefix import RemovePlainPrefix
from Sastrawi.Stemmer.Context.Visitor.VisitorProvider import VisitorProvider
from Sastrawi.Stemmer.ConfixStripping.PrecedenceAdjustmentSpecification import PrecedenceAdjustmentSpecification
from Sastrawi.Stemmer.Filter import TextNormalizer
from Sastrawi.Stemmer.Stemmer import Stemmer

__all__ = ["FastStemmer"]


class _CompiledRe:
    """What Sastrawi's functions see as ``re``: its constant patterns, each compiled on first use.

    ``match`` and ``sub`` are plain functions over dicts of the compiled
    patterns' bound methods (not classmethods calling a look-up method): the
    rules call ``re.match`` about 25 times a new word, so each call level counts.
    """

    IGNORECASE, MULTILINE = re.IGNORECASE, re.MULTILINE
    _matchers: dict[str, Callable] = {}  # pattern (flags 0) -> its compiled .match
    _subbers: dict[str, Callable] = {}  # pattern (flags 0) -> its compiled .sub
    _compiled: dict[tuple[str, int], re.Pattern] = {}

    @classmethod
    def _pattern(cls, pattern: str, flags: int) -> re.Pattern:
        compiled = cls._compiled.get((pattern, flags))
        if compiled is None:
            compiled = cls._compiled[pattern, flags] = re.compile(pattern, flags)
        return compiled

    @staticmethod
    def match(pattern: str, string: str, flags: int = 0) -> re.Match | None:
        if not flags:
            matcher = _CompiledRe._matchers.get(pattern)
            if matcher is None:
                matcher = _CompiledRe._matchers[pattern] = _CompiledRe._pattern(pattern, 0).match
            return matcher(string)
        return _CompiledRe._pattern(pattern, flags).match(string)

    @staticmethod
    def sub(pattern: str, repl: str, string: str, count: int = 0, flags: int = 0) -> str:
        # the suffix visitors' remove() calls this for every new word: a plain look-up like match's
        if not flags:
            subber = _CompiledRe._subbers.get(pattern)
            if subber is None:
                subber = _CompiledRe._subbers[pattern] = _CompiledRe._pattern(pattern, 0).sub
            return subber(repl, string, count)
        return _CompiledRe._pattern(pattern, flags).sub(repl, string, count)


def _rebound(func: Callable, **names: Any) -> FunctionType:
    """A copy of `func` whose global ``re`` (and any of `names`) is ours; Sastrawi's own stays untouched."""
    return FunctionType(func.__code__, {**func.__globals__, "re": _CompiledRe, **names}, func.__name__,
                        func.__defaults__, func.__closure__)


def _compiled_subclass(cls: type, **names: Any) -> type:
    """`cls` with every plain method rebound by `_rebound` (dunder methods inherited as they are)."""
    methods = {name: _rebound(f, **names) for name, f in vars(cls).items()
               if isfunction(f) and not name.startswith("__")}
    return type(cls.__name__, (cls,), methods)


def _removal_visit(affix_type: str) -> Callable:
    """The `visit` of Sastrawi's affix-stripping visitors, with the removed part found by str.replace."""

    def visit(self, context) -> None:
        word = context.current_word
        result = self.remove(word)
        if result != word:
            context.add_removal(Removal(self, word, result, word.replace(result, "", 1), affix_type))
            context.current_word = result

    return visit


_REGEX_META = frozenset("[](){}.*+?|\\$^")


def _heads(disambiguator: Any) -> tuple[str, ...] | None:
    """Every way a word can begin for `disambiguator` to return anything; None: cannot tell.

    Each of Sastrawi's prefix rules either compares the word with a literal
    ("belajar") or returns nothing unless its first `re.match`, anchored at the
    word's start, matches. So the literal start of each string constant in the
    rule's code ("ber" of ``^ber([aiueo].*)$``; each letter of a leading
    character class such as ``[bcd...]``) bounds how the word begins.
    Constants that are not patterns only add beginnings, which is safe: the
    rule then simply runs.
    """
    heads: set[str] = set()
    for const in type(disambiguator).disambiguate.__code__.co_consts:
        if not isinstance(const, str):
            continue
        body = const.lstrip("^(")
        literal = ""
        for ch in body:
            if ch in _REGEX_META:
                break
            literal += ch
        if literal:
            heads.add(literal)
        elif body[:1] == "[":
            letters = body[1:body.find("]")]
            if not letters or "^" in letters or "\\" in letters:
                return None
            for i, ch in enumerate(letters):  # ranges such as a-z
                if ch == "-" and 0 < i < len(letters) - 1:
                    heads.update(chr(c) for c in range(ord(letters[i - 1]), ord(letters[i + 1]) + 1))
                else:
                    heads.add(ch)
        elif body:
            return None
    return tuple(sorted(heads))


class _PrefixDisambiguator(PrefixDisambiguator):
    def __init__(self, disambiguators: list[Any]) -> None:
        super().__init__(disambiguators)
        # Each rule with the beginnings it can strip: a word that starts with none of them gets None
        # without the call (what the rule would return after its regular expressions fail).
        self.gated = [(d, _heads(d)) for d in disambiguators]
        gates = [heads for _, heads in self.gated]
        # A word whose first letter no rule of this visitor can strip skips it (the rules would all return None).
        self.first_letters = (None if any(g is None for g in gates)
                              else frozenset(head[0] for g in gates for head in g))

    def visit(self, context) -> None:  # AbstractDisambiguatePrefixRule.visit, str.replace for re.sub
        word = context.current_word
        contains = context.dictionary.contains
        result = None
        for disambiguator, heads in self.gated:
            result = disambiguator.disambiguate(word) if heads is None or word.startswith(heads) else None
            if contains(result):
                break
        if not result:
            return
        context.add_removal(Removal(self, word, result, word.replace(result, "", 1), "DP"))
        context.current_word = result


# Sastrawi's affix-stripping visitors and the affix type each records (see their `visit`).
_REMOVERS: dict[type, str] = {RemoveInflectionalParticle: "P", RemoveInflectionalPossessivePronoun: "PP",
                              RemoveDerivationalSuffix: "DS", RemovePlainPrefix: "DP"}
_FAST_REMOVERS = {cls: type(cls.__name__, (_compiled_subclass(cls),), {"visit": _removal_visit(kind)})
                  for cls, kind in _REMOVERS.items()}


def _fast_visitor(visitor: Any) -> Any:
    if isinstance(visitor, PrefixDisambiguator):
        return _PrefixDisambiguator([_compiled_subclass(type(d))() for d in visitor.disambiguators])
    fast = _FAST_REMOVERS.get(type(visitor))
    return fast() if fast else visitor  # DontStemShortWord: no regex


class _FastVisitorProvider:
    """Sastrawi's VisitorProvider's visitors, in its order, each swapped for its compiled form."""

    def __init__(self) -> None:
        provider = VisitorProvider()
        self.visitors = self._fast(provider.get_visitors())
        self.suffix_visitors = self._fast(provider.get_suffix_visitors())
        self.prefix_visitors = self._fast(provider.get_prefix_visitors())

    @staticmethod
    def _fast(visitors: Iterable[Any]) -> list[Any]:
        return [_fast_visitor(v) for v in visitors]

    def get_visitors(self) -> list[Any]:
        return self.visitors

    def get_suffix_visitors(self) -> list[Any]:
        return self.suffix_visitors

    def get_prefix_visitors(self) -> list[Any]:
        return self.prefix_visitors


class _Context(_compiled_subclass(Context, PrecedenceAdjustmentSpecification=_compiled_subclass(
        PrecedenceAdjustmentSpecification))):
    # (id of a visitor list, first letter) -> (whether the list's first visitor is skipped, the visitors that apply)
    _applicable: dict[tuple[int, str], tuple[bool, list[Any]]] = {}

    def accept_prefix_visitors(self, visitors: list[Any]) -> str | None:
        """Context.accept_prefix_visitors, not calling the visitors that cannot apply to the word's first letter.

        A skipped visitor changes nothing, so the checks Sastrawi makes after it
        repeat the checks made before it: only a skipped first visitor adds one,
        on the word as it comes in, and it is made here.
        """
        first = self.current_word[:1]
        key = (id(visitors), first)
        found = self._applicable.get(key)
        if found is None:
            applies = [v for v in visitors if getattr(v, "first_letters", None) is None or first in v.first_letters]
            found = self._applicable[key] = (bool(visitors) and (not applies or applies[0] is not visitors[0]),
                                             applies)
        first_skipped, applies = found
        contains = self.dictionary.contains
        if first_skipped and (contains(self.current_word) or self.process_is_stopped):
            return self.current_word
        removals = len(self.removals)
        for visitor in applies:
            visitor.visit(self)
            if contains(self.current_word) or self.process_is_stopped:
                return self.current_word
            if len(self.removals) > removals:
                return None
        return None


_normalize_text = _rebound(TextNormalizer.normalize_text)
_PLAIN_WORD = re.compile(r"[a-z0-9]+")  # a text Sastrawi's normalize_text leaves as it is, with no hyphen


class FastStemmer(Stemmer):
    """Sastrawi's Stemmer (same `stem`, `stem_word`, plural handling) over the compiled visitors.

    `dictionary` is any object with `contains(word)`, as for Sastrawi's.
    """

    def __init__(self, dictionary: Any) -> None:
        super().__init__(dictionary)
        self.visitor_provider = _FastVisitorProvider()

    def stem(self, text: str) -> str:
        if _PLAIN_WORD.fullmatch(text):
            # What Sastrawi does with one lower-case word without a hyphen, minus its detours: the
            # text normalises to itself, is not plural, and a root word is its own stem.
            return text if self.dictionary.contains(text) else self.stem_singular_word(text)
        return " ".join(self.stem_word(word) for word in _normalize_text(text).split(" "))

    is_plural = _rebound(Stemmer.is_plural)
    stem_plural_word = _rebound(Stemmer.stem_plural_word)

    def stem_singular_word(self, word: str) -> str:
        context = _Context(word, self.dictionary, self.visitor_provider)
        context.execute()
        return context.result
