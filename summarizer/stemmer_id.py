"""Sastrawi's Indonesian stemmer as plain functions over strings: same algorithm, same stems.

Sastrawi (pip ``Sastrawi`` 1.0.1) implements Enhanced Confix Stripping with a
``Context`` object a word, visitor objects that record ``Removal`` objects,
and about 60 ``re.match`` calls a word on patterns that fill and flush
Python's regex cache. This module is the same algorithm written flat: every
prefix rule is a few string comparisons, a removed affix is a pair of
strings, and only the rules that can apply to a word's first letter are
tried. Each function names the Sastrawi function it mirrors, and keeps its
quirks (see ``_strip_prefix`` and ``FastStemmer._singular``) because the
stems must be Sastrawi's, word for word (written by hand because Sastrawi is
the only maintained Indonesian stemmer and cannot be made faster from outside;
it stays the reference and ships the dictionary). The stems of the articles
stored are computed by this code; an upgrade of Sastrawi that changed a stem
would fail the identity test below before it shipped.

Identity is checked by ``tests/test_stemmer_id.py`` (every word of the
IndoSum fold and the seeds, every root word of Sastrawi's dictionary and
every string of one to three letters, about 70,000 words, against the
installed Sastrawi's own ``Stemmer``) and by ``tools/stemmer_identity.py``
(594,323 generated words: affixed roots with meN-/peN- sound changes,
plurals, clitics, names, digits, non-words): no difference. Because the
stems are Sastrawi 1.0.1's, ``stemmer_id`` still names Sastrawi and its
version; a Sastrawi that stemmed differently would fail that test.

Speed (issue 21; CPU time, the two versions alternating in fresh processes,
7 rounds, medians): the fold's 23,119 distinct words stemmed once, stemmer
set-up included, 0.429 s with the previous version (Sastrawi's own visitors
and Context with its patterns compiled once) against 0.081 s here (paired
ratio 0.186); a word that is not a root word 22 -> 3.3 us; a cold
``python -m bot ingest --workers 1`` of the 755 real articles 4.58 -> 4.23 s
(paired ratio 0.934).
"""
from __future__ import annotations

import re
from typing import Callable, Collection

__all__ = ["FastStemmer"]

# The letter classes of Sastrawi's prefix rules (Morphology/Disambiguator/*.py), as sets of one-letter strings
# (a set, not a str: "" is in every str, and a word may be too short to have the letter asked for).
_V = frozenset("aiueo")                                  # [aiueo]
_C = frozenset("bcdfghjklmnpqrstvwxyz")                  # [bcdfghjklmnpqrstvwxyz] (r included)
_C_NO_R = frozenset("bcdfghjklmnpqstvwxyz")              # rule 5's class
_C_35 = frozenset("bcdfghjkpqstvxz")                     # rules 35 and 36
_AZ = frozenset("abcdefghijklmnopqrstuvwxyz")            # [a-z] (no flags: ASCII letters only)
_NOT_E_N = frozenset("abcdfghijklmopqrstuvwxyz")         # rule 19's class
_LRWY, _BFV, _WY = frozenset("lrwy"), frozenset("bfv"), frozenset("wy")
_CDJSTZ, _CDJZ = frozenset("cdjstz"), frozenset("cdjz")
_GHQK = frozenset("g|h|q|k")                             # rule 16 writes [g|h|q|k]: "|" is in the class too

# A prefix rule group is one of Sastrawi's PrefixDisambiguator visitors: it returns None when none of its
# rules matches the word, else what each of its rules returns, in order (None for a rule that does not match).
Rule = Callable[[str], "tuple[str | None, ...] | None"]


def _ber(w: str) -> tuple | None:  # DisambiguatorPrefixRule1a, 1b: ^ber([aiueo].*)$
    if w[:3] == "ber" and w[3:4] in _V:
        return w[3:], "r" + w[3:]
    return None


def _ber_cap(w: str) -> tuple | None:  # DisambiguatorPrefixRule2: ^ber([C])([a-z])(.*), not when (.*) starts "er"
    if w[:3] == "ber" and w[3:4] in _C and w[4:5] in _AZ and w[5:7] != "er":
        return (w[3:],)
    return None


def _ber_caer(w: str) -> tuple | None:  # DisambiguatorPrefixRule3: ber([C])([a-z])er([aiueo])(.*), C != r
    if w[:3] == "ber" and w[3:4] in _C and w[4:5] in _AZ and w[5:7] == "er" and w[7:8] in _V and w[3] != "r":
        return (w[3:],)
    return None


def _belajar(w: str) -> tuple | None:  # DisambiguatorPrefixRule4
    return ("ajar",) if w == "belajar" else None


def _be_c1erc2(w: str) -> tuple | None:  # DisambiguatorPrefixRule5: be([C without r])(er[C])(.*)$
    if w[:2] == "be" and w[2:3] in _C_NO_R and w[3:5] == "er" and w[5:6] in _C:
        return (w[2:],)
    return None


def _ter(w: str) -> tuple | None:  # DisambiguatorPrefixRule6a, 6b: ^ter([aiueo].*)$
    if w[:3] == "ter" and w[3:4] in _V:
        return w[3:], "r" + w[3:]
    return None


def _ter_cerv(w: str) -> tuple | None:  # DisambiguatorPrefixRule7: ^ter([C])er([aiueo].*)$, C != r
    if w[:3] == "ter" and w[3:4] in _C and w[4:6] == "er" and w[6:7] in _V and w[3] != "r":
        return (w[3:],)
    return None


def _ter_cp(w: str) -> tuple | None:  # DisambiguatorPrefixRule8: ^ter([C])(.*)$, C != r and (.*) not "er..."
    if w[:3] == "ter" and w[3:4] in _C and w[3] != "r" and w[4:6] != "er":
        return (w[3:],)
    return None


def _te_c1erc2(w: str) -> tuple | None:  # DisambiguatorPrefixRule9: ^te([C])er([C])(.*)$, C1 != r
    if w[:2] == "te" and w[2:3] in _C and w[3:5] == "er" and w[5:6] in _C and w[2] != "r":
        return (w[2:],)
    return None


def _me_lrwy(w: str) -> tuple | None:  # DisambiguatorPrefixRule10: ^me([lrwy])([aiueo])(.*)$
    if w[:2] == "me" and w[2:3] in _LRWY and w[3:4] in _V:
        return (w[2:],)
    return None


def _mem_bfv(w: str) -> tuple | None:  # DisambiguatorPrefixRule11: ^mem([bfv])(.*)$
    if w[:3] == "mem" and w[3:4] in _BFV:
        return (w[3:],)
    return None


def _mempe(w: str) -> tuple | None:  # DisambiguatorPrefixRule12: ^mempe(.*)$ -> pe...
    if w[:5] == "mempe":
        return (w[3:],)
    return None


def _mem_v(w: str) -> tuple | None:  # DisambiguatorPrefixRule13a, 13b: ^mem([aiueo])(.*)$ -> m..., p...
    if w[:3] == "mem" and w[3:4] in _V:
        return "m" + w[3:], "p" + w[3:]
    return None


def _men_c(w: str) -> tuple | None:  # DisambiguatorPrefixRule14: ^men([cdjstz])(.*)$
    if w[:3] == "men" and w[3:4] in _CDJSTZ:
        return (w[3:],)
    return None


def _men_v(w: str) -> tuple | None:  # DisambiguatorPrefixRule15a, 15b: ^men([aiueo])(.*)$ -> n..., t...
    if w[:3] == "men" and w[3:4] in _V:
        return "n" + w[3:], "t" + w[3:]
    return None


def _meng_c(w: str) -> tuple | None:  # DisambiguatorPrefixRule16: ^meng([g|h|q|k])(.*)$
    if w[:4] == "meng" and w[4:5] in _GHQK:
        return (w[4:],)
    return None


def _meng_v(w: str) -> tuple | None:  # DisambiguatorPrefixRule17a, 17b, 17c, 17d
    if w[:4] == "meng" and w[4:5] in _V:
        # 17a ^meng([aiueo])(.*)$, 17b -> k..., 17c ^menge(.*)$ -> ..., 17d -> ng...
        return w[4:], "k" + w[4:], (w[5:] if w[4] == "e" else None), "ng" + w[4:]
    return None


def _meny(w: str) -> tuple | None:  # DisambiguatorPrefixRule18a, 18b: ^meny([aiueo])(.*)$ -> ny..., s...
    if w[:4] == "meny" and w[4:5] in _V:
        return "ny" + w[4:], "s" + w[4:]
    return None


def _memp(w: str) -> tuple | None:  # DisambiguatorPrefixRule19: ^memp([a-z but e, n])(.*)$ -> p...
    if w[:4] == "memp" and w[4:5] in _NOT_E_N:
        return (w[3:],)
    return None


def _pe_wy(w: str) -> tuple | None:  # DisambiguatorPrefixRule20: ^pe([wy])([aiueo])(.*)$
    if w[:2] == "pe" and w[2:3] in _WY and w[3:4] in _V:
        return (w[2:],)
    return None


def _per_v(w: str) -> tuple | None:  # DisambiguatorPrefixRule21a ^per([aiueo])(.*)$, 21b ^pe(r[aiueo])(.*)$
    if w[:3] == "per" and w[3:4] in _V:
        return w[3:], w[2:]
    return None


def _per_cap(w: str) -> tuple | None:  # DisambiguatorPrefixRule23: ^per([C])([a-z])(.*)$, (.*) not "er..."
    if w[:3] == "per" and w[3:4] in _C and w[4:5] in _AZ and w[5:7] != "er":
        return (w[3:],)
    return None


def _per_caerv(w: str) -> tuple | None:  # DisambiguatorPrefixRule24: ^per([C])([a-z])er([aiueo])(.*)$, C != r
    if w[:3] == "per" and w[3:4] in _C and w[4:5] in _AZ and w[5:7] == "er" and w[7:8] in _V and w[3] != "r":
        return (w[3:],)
    return None


def _pem_bfv(w: str) -> tuple | None:  # DisambiguatorPrefixRule25: ^pem([bfv])(.*)$
    if w[:3] == "pem" and w[3:4] in _BFV:
        return (w[3:],)
    return None


def _pem_v(w: str) -> tuple | None:  # DisambiguatorPrefixRule26a, 26b: ^pem([aiueo])(.*)$ -> m..., p...
    if w[:3] == "pem" and w[3:4] in _V:
        return "m" + w[3:], "p" + w[3:]
    return None


def _pen_c(w: str) -> tuple | None:  # DisambiguatorPrefixRule27: ^pen([cdjz])(.*)$
    if w[:3] == "pen" and w[3:4] in _CDJZ:
        return (w[3:],)
    return None


def _pen_v(w: str) -> tuple | None:  # DisambiguatorPrefixRule28a, 28b: ^pen([aiueo])(.*)$ -> n..., t...
    if w[:3] == "pen" and w[3:4] in _V:
        return "n" + w[3:], "t" + w[3:]
    return None


def _peng_c(w: str) -> tuple | None:  # DisambiguatorPrefixRule29: ^peng([C])(.*)$
    if w[:4] == "peng" and w[4:5] in _C:
        return (w[4:],)
    return None


def _peng_v(w: str) -> tuple | None:  # DisambiguatorPrefixRule30a ^peng([aiueo])(.*)$, 30b -> k..., 30c ^penge(.*)$
    if w[:4] == "peng" and w[4:5] in _V:
        return w[4:], "k" + w[4:], (w[5:] if w[4] == "e" else None)
    return None


def _peny(w: str) -> tuple | None:  # DisambiguatorPrefixRule31a, 31b: ^peny([aiueo])(.*)$ -> ny..., s...
    if w[:4] == "peny" and w[4:5] in _V:
        return "ny" + w[4:], "s" + w[4:]
    return None


def _pel(w: str) -> tuple | None:  # DisambiguatorPrefixRule32: pelajar -> ajar; ^pe(l[aiueo])(.*)$
    if w == "pelajar":
        return ("ajar",)
    if w[:3] == "pel" and w[3:4] in _V:
        return (w[2:],)
    return None


def _pe_cp(w: str) -> tuple | None:  # DisambiguatorPrefixRule34: ^pe([C])(.*)$, (.*) not "er..."
    if w[:2] == "pe" and w[2:3] in _C and w[3:5] != "er":
        return (w[2:],)
    return None


def _ter_c1erc2(w: str) -> tuple | None:  # DisambiguatorPrefixRule35: ^ter([C35])(er[C])(.*)$
    if w[:3] == "ter" and w[3:4] in _C_35 and w[4:6] == "er" and w[6:7] in _C:
        return (w[3:],)
    return None


def _pe_c1erc2(w: str) -> tuple | None:  # DisambiguatorPrefixRule36: ^pe([C35])(er[C])(.*)$
    if w[:2] == "pe" and w[2:3] in _C_35 and w[3:5] == "er" and w[5:6] in _C:
        return (w[2:],)
    return None


def _infix(infix: str) -> Rule:
    """DisambiguatorPrefixRule37-40 (a, b): ^([C])(X[aiueo])(.*)$ keeps the word, ^([C])X([aiueo])(.*)$ drops X."""

    def rule(w: str) -> tuple | None:
        if w[1:3] == infix and w[:1] in _C and w[3:4] in _V:
            return w, w[0] + w[3:]
        return None

    rule.__name__ = f"_c{infix}v"
    return rule


def _ku(w: str) -> tuple | None:  # DisambiguatorPrefixRule41: ^ku(.*)$
    return (w[2:],) if w[:2] == "ku" else None


def _kau(w: str) -> tuple | None:  # DisambiguatorPrefixRule42: ^kau(.*)$
    return (w[3:],) if w[:3] == "kau" else None


# VisitorProvider.init_visitors' prefix visitors after RemovePlainPrefix, in its order (there is no rule 22
# or 33), each with the first letter a word needs for the rule to match ("": any consonant, rules 37-40).
_RULES: tuple[tuple[str, Rule], ...] = (
    ("b", _ber), ("b", _ber_cap), ("b", _ber_caer), ("b", _belajar), ("b", _be_c1erc2),
    ("t", _ter), ("t", _ter_cerv), ("t", _ter_cp), ("t", _te_c1erc2),
    ("m", _me_lrwy), ("m", _mem_bfv), ("m", _mempe), ("m", _mem_v), ("m", _men_c), ("m", _men_v), ("m", _meng_c),
    ("m", _meng_v), ("m", _meny), ("m", _memp),
    ("p", _pe_wy), ("p", _per_v), ("p", _per_cap), ("p", _per_caerv), ("p", _pem_bfv), ("p", _pem_v), ("p", _pen_c),
    ("p", _pen_v), ("p", _peng_c), ("p", _peng_v), ("p", _peny), ("p", _pel), ("p", _pe_cp),
    ("t", _ter_c1erc2), ("p", _pe_c1erc2),
    ("", _infix("er")), ("", _infix("el")), ("", _infix("em")), ("", _infix("in")),
    ("k", _ku), ("k", _kau),
)
# A word is offered only the rules for its first letter, in the order above: any other rule returns None for it.
_RULES_BY_FIRST: dict[str, tuple[Rule, ...]] = {
    letter: tuple(rule for first, rule in _RULES if first in ("", letter)) for letter in _C
}

_PARTICLES = ("lah", "kah", "tah", "pun")
_DERIVATIONAL = ("isasi", "isme", "kan", "an", "is", "i")  # longest first: the leftmost match of Sastrawi's pattern


def _remove_particle(w: str) -> str | None:
    """RemoveInflectionalParticle.remove: -*(lah|kah|tah|pun)$ (None: nothing removed)."""
    return w[:-3].rstrip("-") if w.endswith(_PARTICLES) else None


def _remove_possessive(w: str) -> str | None:
    """RemoveInflectionalPossessivePronoun.remove: -*(ku|mu|nya)$."""
    if w.endswith("nya"):
        return w[:-3].rstrip("-")
    if w.endswith(("ku", "mu")):
        return w[:-2].rstrip("-")
    return None


def _remove_derivational(w: str) -> str | None:
    """RemoveDerivationalSuffix.remove: (is|isme|isasi|i|kan|an)$, whose leftmost match is the longest suffix."""
    for suffix in _DERIVATIONAL:
        if w.endswith(suffix):
            return w[:-len(suffix)]
    return None


_SUFFIX_REMOVERS = (_remove_particle, _remove_possessive, _remove_derivational)  # VisitorProvider's suffix visitors


def _precedence_adjustment(w: str) -> bool:
    """PrecedenceAdjustmentSpecification.is_satisfied_by: ^be(.*)lah$, ^be(.*)an$, ^(me|di|pe)(.*)i$, ^ter(.*)i$."""
    head = w[:2]
    if head == "be":
        return (w.endswith("lah") and len(w) >= 5) or (w.endswith("an") and len(w) >= 4)
    if head in ("me", "di", "pe"):
        return w.endswith("i") and len(w) >= 3
    return w[:3] == "ter" and w.endswith("i") and len(w) >= 4


# TextNormalizer.normalize_text's patterns and flags (with IGNORECASE "ı" and "ſ" count as letters and stay).
_NOT_TEXT = re.compile(r"[^a-z0-9 -]", re.IGNORECASE | re.MULTILINE)
_SPACES = re.compile(r"( +)", re.IGNORECASE | re.MULTILINE)
_NORMAL_WORD = re.compile(r"[a-z0-9-]+")  # a text that normalize_text leaves as it is, with no space
_PLURAL_CLITICS = ("ku", "mu", "nya", "lah", "kah", "tah", "pun")


def normalize_text(text: str) -> str:
    """TextNormalizer.normalize_text: lower case, every character but [a-z0-9 -] a space, spaces collapsed."""
    return _SPACES.sub(" ", _NOT_TEXT.sub(" ", text.lower())).strip()


class FastStemmer:
    """Sastrawi's Stemmer (``stem``, ``stem_word``, plurals, Context's confix stripping) as string functions.

    `words` is Sastrawi's dictionary of root words as a set (its ArrayDictionary's
    words: every line of kata-dasar.txt that is not blank).
    """

    def __init__(self, words: Collection[str]) -> None:
        self.words = words

    def stem(self, text: str) -> str:
        """Stemmer.stem: the stem of each word of the normalised text, joined by spaces."""
        if _NORMAL_WORD.fullmatch(text):  # normalises to itself: one word
            return self.stem_word(text)
        return " ".join(self.stem_word(word) for word in normalize_text(text).split(" "))

    def stem_word(self, word: str) -> str:
        """Stemmer.stem_word."""
        if "-" in word and self.is_plural(word):
            return self.stem_plural_word(word)
        return self._singular(word)

    @staticmethod
    def is_plural(word: str) -> bool:
        """Stemmer.is_plural: a hyphen, not counting one before a final -ku, -mu, -nya, -lah, ... ("nikmat-ku")."""
        head, _, last = word.rpartition("-")  # ^(.*)-(ku|mu|nya|lah|kah|tah|pun)$ : greedy (.*) ends at the last "-"
        if last in _PLURAL_CLITICS:
            return "-" in head
        return "-" in word

    def stem_plural_word(self, plural: str) -> str:
        """Stemmer.stem_plural_word: both halves must stem alike ("buku-buku", "berbalas-balasan", "meniru-nirukan")."""
        first, hyphen, second = plural.rpartition("-")  # ^(.*)-(.*)$
        if not hyphen:
            return plural
        if second in _PLURAL_CLITICS and "-" in first:  # malaikat-malaikat-nya -> malaikat, malaikat-nya
            first, _, middle = first.rpartition("-")
            second = middle + "-" + second
        root1, root2 = self._singular(first), self._singular(second)
        if second not in self.words and root2 == second:
            root2 = self._singular("me" + second)
        return root1 if root1 == root2 else plural

    def stem_singular_word(self, word: str) -> str:
        """Stemmer.stem_singular_word."""
        return self._singular(word)

    def _singular(self, word: str) -> str:
        """Context.execute and Context.start_stemming_process: a root word of the dictionary, else `word`.

        Context's steps, with its Removal objects reduced to what is read back:
        only the suffix removals (subject, result), for the loop that re-adds them.
        """
        words = self.words
        if word in words:
            return word
        # DontStemShortWord: a word of at most 3 letters stops the process, which Sastrawi still runs,
        # each visitor list then ending after its first visitor.
        stopped = len(word) <= 3
        if _precedence_adjustment(word):  # confix stripping: prefixes first, then suffixes
            current = self._remove_prefixes(word, stopped)
            if current in words:
                return current
            current = self._remove_suffixes(word=current, stopped=stopped, removals=[])
            if current in words:
                return current
        removals: list[tuple[str, str]] = []
        current = self._remove_suffixes(word, stopped, removals)
        if current in words:
            return current
        current = self._remove_prefixes(current, stopped)
        if current in words:
            return current
        # Context.loop_pengembalian_akhiran: restore_prefix puts the word back as it came (the subject of the
        # first removal); each removed suffix, the last removed first, is added back and the prefixes stripped.
        for subject, result in reversed(removals):
            if subject[len(result):] == "kan":  # removal.get_removed_part(): the suffix the result lacks
                current = self._remove_prefixes(result + "k", stopped)
                if current in words:
                    return current
                current = self._remove_prefixes(result + "kan", stopped)
            else:
                current = self._remove_prefixes(subject, stopped)
            if current in words:
                return current
        return word

    def _remove_suffixes(self, word: str, stopped: bool, removals: list[tuple[str, str]]) -> str:
        """Context.remove_suffixes (accept_visitors over the suffix visitors); appends (subject, result) pairs."""
        words = self.words
        for remove in _SUFFIX_REMOVERS:
            result = remove(word)
            if result is not None:
                removals.append((word, result))
                word = result
            if stopped or word in words:
                break
        return word

    def _remove_prefixes(self, word: str, stopped: bool) -> str:
        """Context.remove_prefixes: up to three prefixes, one at a time, until a root word is reached."""
        words = self.words
        for _ in range(3):
            result = self._strip_prefix(word, stopped)
            if result is None:  # nothing removed: Sastrawi's further passes would do the same again
                break
            word = result
            if word in words:
                break
        return word

    def _strip_prefix(self, word: str, stopped: bool) -> str | None:
        """Context.accept_prefix_visitors: the word after the first prefix visitor that removes something, or None.

        RemovePlainPrefix (^(di|ke|se)) comes first; then each PrefixDisambiguator
        (AbstractDisambiguatePrefixRule.visit) tries its rules in order and keeps
        the first result that is a root word, else its *last* rule's result,
        which may be None (no removal) even when an earlier rule matched.
        """
        if word[:2] in ("di", "ke", "se"):
            return word[2:]
        words = self.words
        if stopped or word in words:
            return None
        for rule in _RULES_BY_FIRST.get(word[:1], ()):
            results = rule(word)
            if results is not None:
                for result in results:
                    if result in words:
                        break
                if result:  # the root word found, else the last rule's result
                    return result
        return None
