"""User-facing strings in Indonesian and English: one data file per language, bot/data/messages.<lang>.toml."""
from __future__ import annotations

import tomllib
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


def t(key: str, lang: str, **values: object) -> str:
    """The message in `lang` (Indonesian when unknown), with values filled in."""
    return _catalogue(lang if lang in LANGUAGES else "id")[key].format(**values)


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
