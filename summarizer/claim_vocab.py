"""The vocabulary of numeric claims: kinds and their head words, from data/claim_kinds.toml.

Kept as data so a newsroom's story (medals, money, refugees) needs no code
change; see the file's header for what each list means. Read once per process.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from summarizer.tokens import root_words

__all__ = ["ClaimVocab", "claim_vocab", "is_root_word"]

_PATH = Path(__file__).resolve().parent / "data" / "claim_kinds.toml"


@dataclass(frozen=True)
class ClaimVocab:
    kinds: tuple[str, ...]  # display order
    troop_heads: frozenset[str]
    troop_modifiers: frozenset[str]
    casualty_heads: frozenset[str]
    casualty_after: tuple[str, ...]
    casualty_before: tuple[str, ...]
    states: tuple[str, ...]  # what happened to counted people, in display order: "dead", "injured", ...
    state_generic: frozenset[str]  # counted nouns that take a state from the words around them
    state_casualties: frozenset[str]  # states whose figures are of kind "casualties"
    state_words: dict[str, tuple[str, ...]]  # state -> the words that say it
    state_nouns: dict[str, str]  # a counted noun that names a state itself -> the state
    terms: dict[str, tuple[str, ...]]  # [terms]: stage order, fillers, actors, ... in file order
    term_months: dict[str, int]  # a duration unit -> its months: "tahun" -> 12
    term_nouns: dict[str, str]  # a term noun -> its name in a claim: "prison" -> "penjara"
    term_stages: dict[str, tuple[str, ...]]  # stage -> the words that say it: "demanded" -> ("menuntut*", ...)
    money_purposes: dict[str, tuple[str, ...]]  # what a sum is -> the words before it: "fine" -> ("denda", ...)
    people_general: frozenset[str]
    people_bare: frozenset[str]  # "200 orang": a role before or a force after says who they are
    people_roles: frozenset[str]
    civil_before: frozenset[str]
    money_after: dict[str, str]  # currency word -> its name in a claim
    money_before: dict[str, str]  # currency sign -> its name in a claim
    money_country_suffix: tuple[str, ...]
    percent_signs: tuple[str, ...]
    percent_name: str
    materiel: frozenset[str]
    elliptic: dict[str, str]  # "emas" -> "medali emas"
    skip_units: frozenset[str]
    prefixed_nouns: frozenset[str]
    not_counted: frozenset[str]
    classifiers: frozenset[str]
    references: frozenset[str]
    owner_passives: frozenset[str]  # "diperoleh X": X owns the figure's medals
    owner: dict[str, tuple[str, ...]]  # [owner]: possessive, having, possessed_heads, team_heads, ...
    attribution: dict[str, tuple[str, ...]]  # [attribution]: speech_verbs, said_by, according, ... in file order
    # The words of the claims' grammar, each section's lists in file order:
    figure: dict[str, tuple[str, ...]]  # [figure]: function words, verb prefixes, casualty fillers, troop verbs, ...
    claimant: dict[str, tuple[str, ...]]  # [claimant]: where a claimant phrase ends, what is dropped from it, ...
    place: dict[str, tuple[str, ...]]  # [place]: prepositions, place kinds, fronts, wishes
    clause: dict[str, tuple[str, ...]]  # [clause]: list joins, clause starts and cuts


def _words(values: list[str]) -> frozenset[str]:
    return frozenset(v.lower() for v in values)


def _lists(section: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    return {name: tuple(words) for name, words in section.items()}


@lru_cache(maxsize=1)
def claim_vocab() -> ClaimVocab:
    """The parsed vocabulary file (cached)."""
    with _PATH.open("rb") as handle:
        raw = tomllib.load(handle)
    return ClaimVocab(
        kinds=tuple(raw["order"]),
        troop_heads=_words(raw["troops"]["heads"]),
        troop_modifiers=_words(raw["troops"]["modifiers"]),
        casualty_heads=_words(raw["casualties"]["heads"]),
        casualty_after=tuple(raw["casualties"]["after"]),
        casualty_before=tuple(raw["casualties"]["before"]),
        states=tuple(raw["states"]["order"]),
        state_generic=_words(raw["states"]["generic"]),
        state_casualties=frozenset(raw["states"]["casualties"]),
        state_words=_lists(raw["states"]["words"]),
        state_nouns={k.lower(): v for k, v in raw["states"]["nouns"].items()},
        terms={name: tuple(words) for name, words in raw["terms"].items() if isinstance(words, list)},
        term_months=dict(raw["terms"]["months"]),
        term_nouns={k.lower(): v for k, v in raw["terms"]["nouns"].items()},
        term_stages=_lists(raw["terms"]["stages"]),
        money_purposes=_lists(raw["money"]["purposes"]),
        people_general=_words(raw["people"]["general"]),
        people_bare=_words(raw["people"]["bare"]),
        people_roles=_words(raw["people"]["roles"]),
        civil_before=_words(raw["people"]["civil_before"]),
        money_after={k.lower(): v for k, v in raw["money"]["after"].items()},
        money_before={k.lower(): v for k, v in raw["money"]["before"].items()},
        money_country_suffix=tuple(raw["money"]["country_suffix"]),
        percent_signs=tuple(raw["percent"]["signs"]),
        percent_name=raw["percent"]["name"],
        materiel=_words(raw["other"]["materiel"]),
        elliptic={k.lower(): v for k, v in raw["other"]["elliptic"].items()},
        skip_units=_words(raw["words"]["skip_units"]),
        prefixed_nouns=_words(raw["words"]["prefixed_nouns"]),
        not_counted=_words(raw["words"]["not_counted"]),
        classifiers=_words(raw["words"]["classifiers"]),
        references=_words(raw["words"]["references"]),
        owner_passives=_words(raw["words"]["owner_passives"]),
        owner={name: tuple(w.lower() for w in words) for name, words in raw["owner"].items()},
        attribution=_lists(raw["attribution"]),
        figure=_lists(raw["figure"]),
        claimant=_lists(raw["claimant"]),
        place=_lists(raw["place"]),
        clause=_lists(raw["clause"]),
    )


def is_root_word(word: str) -> bool:
    """Whether Sastrawi's dictionary of ~30,000 Indonesian root words holds `word` ("medali", "menteri")."""
    return word.lower() in root_words()
