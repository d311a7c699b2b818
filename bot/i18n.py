"""User-facing strings in Indonesian and English: one data file per language, bot/data/messages.<lang>.toml."""
from __future__ import annotations

import string
import tomllib
from collections.abc import Callable
from functools import lru_cache
from importlib.resources import files

LANGUAGES = ("id", "en")


@lru_cache(maxsize=None)
def _catalogue(lang: str) -> dict[str, str]:
    """Every message in `lang` from bot/data/messages.<lang>.toml (shipped as package data)."""
    return tomllib.loads(files("bot").joinpath("data", f"messages.{lang}.toml").read_text(encoding="utf-8"))


def templates(lang: str) -> dict[str, str]:
    """Every message in `lang` (Indonesian when unknown), placeholders unfilled."""
    return dict(_catalogue(lang if lang in LANGUAGES else "id"))


@lru_cache(maxsize=None)
def _plural_form(lang: str) -> Callable[[float], str]:
    """The language's plural rule from CLDR, via Babel: 1 -> "one", 2 -> "other" in English."""
    from babel import Locale

    return Locale(lang).plural_form


def _english_plural_form(count: float) -> str:
    # CLDR's English rule (Babel's Locale("en").plural_form) for the counts a terminal line shows:
    # "one" for exactly 1. Written out so that `python -m bot ingest` need not import Babel (0.08 s).
    return "one" if count == 1 else "other"


class _Wording(string.Formatter):
    """`str.format`, and "{count:article|articles}": the word the count takes by the language's plural rule."""

    def __init__(self, lang: str, plural_form: Callable[[float], str] | None = None) -> None:
        self.lang = lang
        self.plural_form = plural_form

    def format_field(self, value: object, format_spec: str) -> str:
        if "|" in format_spec and isinstance(value, (int, float)):
            one, other = format_spec.split("|", 1)
            rule = self.plural_form or _plural_form(self.lang)
            return one if rule(value) == "one" else other
        return super().format_field(value, format_spec)


def english(template: str, **values: object) -> str:
    """A terminal or log line (English only), with "{count:article|articles}" as in the messages."""
    return _Wording("en", _english_plural_form).format(template, **values)


def t(key: str, lang: str, **values: object) -> str:
    """The message in `lang` (Indonesian when unknown), with values filled in."""
    lang = lang if lang in LANGUAGES else "id"
    return _Wording(lang).format(_catalogue(lang)[key], **values)


def number(value: float, lang: str) -> str:
    """A figure as the chat's language writes it, by CLDR through Babel: "12.000" and "59,4" in
    Indonesian, "12,000" and "59.4" in English."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale="en" if lang == "en" else "id")


@lru_cache(maxsize=1)
def _english_territories() -> dict[str, str]:
    """Indonesian country names to English ones, from CLDR via Babel ("Korea Utara" -> "North Korea")."""
    from babel import Locale

    english = Locale("en").territories
    return {name.lower(): english[code] for code, name in Locale("id").territories.items()
            if code in english and not code.isdigit()}


def place_name(name: str, lang: str) -> str:
    """A country or place name as the chat's language writes it; names CLDR does not know stay as they are."""
    if lang != "en":
        return name
    return _english_territories().get(name.lower(), name)


def example(text: str | None, lang: str, style: str = "plain") -> str:
    """", misalnya ..." around an example from the topics file, or nothing when there is none."""
    return t(f"example_{style}", lang, example=text) if text else ""
