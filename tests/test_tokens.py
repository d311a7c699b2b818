"""Word tokens, stems, stop words and language detection."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.tokens import STOPWORDS, content_stems, detect_language, stem, words

SEEDS = Path(__file__).parents[1] / "seeds"


def test_words_keep_numbers_and_hyphenated_words_whole() -> None:
    text = "Sekitar 10.000 tentara, naik 6,5 persen pada (23/10) — masing-masing Rusia-Korea!"
    assert words(text) == [
        "sekitar", "10.000", "tentara", "naik", "6,5", "persen", "pada", "23/10",
        "masing-masing", "rusia-korea",
    ]
    assert words("") == []


@pytest.mark.parametrize(
    "word, expected",
    [
        # what Sastrawi 1.0.1 really returns
        ("mengerahkan", "kerah"),
        ("dikerahkan", "kerah"),
        ("pengerahan", "kerah"),
        ("menyerang", "serang"),
        ("serangan", "serang"),
        ("perdamaian", "damai"),
        ("kekhawatiran", "khawatir"),
        ("mengonfirmasi", "konfirmasi"),
        ("mengkonfirmasi", "konfirmasi"),
        ("bentrokan-bentrokan", "bentrok"),
        ("pejabat", "jabat"),
        # Sastrawi's dictionary has "pasu": a quirk, but a consistent one
        ("pasukan", "pasu"),
        ("pasukannya", "pasu"),
        ("tentara", "tentara"),
    ],
)
def test_indonesian_stems(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_english_stems_and_numbers() -> None:
    assert stem("troops", "en") == "troop"
    assert stem("confirmed", "en") == "confirm"
    for number in ("10.000", "6,5", "23/10/2024", "2024"):
        assert stem(number) == number
        assert stem(number, "en") == number


def test_stopwords() -> None:
    assert 300 <= len(STOPWORDS["id"]) <= 700
    for w in ("yang", "dan", "di", "bahwa", "tersebut", "telah", "mengatakan"):
        assert w in STOPWORDS["id"]
    for w in ("pasukan", "rusia", "tentara", "perang", "besar"):
        assert w not in STOPWORDS["id"]
    assert {"the", "and", "of"} <= STOPWORDS["en"]
    assert "troops" not in STOPWORDS["en"]


def test_content_stems() -> None:
    text = "Pentagon mengonfirmasi bahwa Korea Utara telah mengirim sekitar 10.000 tentara ke Rusia."
    assert content_stems(text) == [
        "pentagon", "konfirmasi", "korea", "utara", "kirim", "10.000", "tentara", "rusia",
    ]
    assert content_stems("The Pentagon confirmed 10,000 troops.", "en") == [
        "pentagon", "confirm", "10,000", "troop",
    ]
    assert content_stems("") == []
    assert content_stems("yang dan di, ... !") == []


def test_content_stems_is_fast_on_the_seeds() -> None:
    import time

    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for t in texts:  # warm the stem cache, as ingestion would
        content_stems(t)
    start = time.perf_counter()
    for t in texts:
        content_stems(t)
    assert (time.perf_counter() - start) / len(texts) < 0.05


def test_detect_language() -> None:
    indonesian = (
        "Pasukan Rusia merebut kembali sebagian wilayah yang mereka rebut di Kursk. "
        "Para pejabat Ukraina memperkirakan serangan serupa akan melibatkan militer Korea Utara."
    )
    english = (
        "Russian forces have retaken some of the territory that Ukraine seized in Kursk. "
        "Ukrainian officials expect a similar attack to involve North Korean troops within days."
    )
    assert detect_language(indonesian) == "id"
    assert detect_language(english) == "en"
    assert detect_language("") == "id"
    for p in SEEDS.glob("*.txt"):
        assert detect_language(p.read_text(encoding="utf-8")) == "id"


def test_words_of_the_lower_cased_text_are_the_lower_cased_words() -> None:
    """words() tokenises the lower-cased text in one pass; it must cut where the text's own tokens are cut."""
    import re
    import sys

    from summarizer import tokens

    word, digit, joiners = re.compile(r"\w"), re.compile(r"\d"), set(".,/:-'’")
    changed = [c for c in map(chr, range(sys.maxunicode + 1))
               if len(c.lower()) != 1 or bool(word.match(c)) != bool(word.match(c.lower()))
               or bool(digit.match(c)) != bool(digit.match(c.lower())) or (c in joiners) != (c.lower() in joiners)]
    assert changed == ["\u0130"]  # and "Σ", whose lower case depends on the text after it: both take the slow way
    by_token = lambda text: [w.lower() for w in tokens._WORD.findall(text)]  # noqa: E731
    for text in ["İSTANBUL'da 10.000 Orang", "ΟΔΟΣ.Β ΑΣ:Β ΑΣ", "Korea Utara mengirim 1,5 JUTA peluru ke-2 kali",
                 "Σ", "İ", "ı K ſ"]:
        assert words(text) == by_token(text)
    assert by_token("ΑΣ.Β") != re.findall(tokens._WORD, "ΑΣ.Β".lower())  # why "Σ" is excluded


def test_the_possessive_word_pattern_cuts_as_the_backtracking_one() -> None:
    """tokens._WORD's possessive quantifiers only skip retries that cannot match: the same tokens as
    the plain pattern, on random text over the characters that decide a cut."""
    import random
    import re

    from summarizer import tokens

    plain = re.compile(r"\d+(?:[.,/:]\d+)+|\w+(?:[-'’]\w+)*")
    rnd = random.Random(7)
    alphabet = "ab1٣2.,/:-'’ _\n\tÉİ"
    for _ in range(50_000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 14)))
        assert tokens._WORD.findall(text) == plain.findall(text), text
