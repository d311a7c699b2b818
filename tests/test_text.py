"""Indonesian sentence splitting, boilerplate, datelines and detokenisation."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.text import clean_sentences, detokenize, is_boilerplate, split_sentences
from tests.conftest import REPO

SEEDS = Path(__file__).parents[1] / "seeds"
INDOSUM_DEV = Path(__file__).parents[1] / ".." / "shared" / "data" / "indosum" / "dev.01.jsonl"


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "text, expected",
    [
        # thousands separators and decimals
        (
            "Korea Utara mengirim sekitar 10.000 tentara. Inflasi naik 6,5 persen.",
            ["Korea Utara mengirim sekitar 10.000 tentara.", "Inflasi naik 6,5 persen."],
        ),
        # titles and ranks never end a sentence
        (
            "Jend. Kirilo Budanov tiba. Dr. Budi dan Prof. Ani hadir bersama H. Umar.",
            ["Jend. Kirilo Budanov tiba.", "Dr. Budi dan Prof. Ani hadir bersama H. Umar."],
        ),
        (
            "Harganya Rp. 5.000 per buah di Jl. Merdeka No. 5 kemarin. Stok habis.",
            ["Harganya Rp. 5.000 per buah di Jl. Merdeka No. 5 kemarin.", "Stok habis."],
        ),
        # suffix abbreviations: inside a sentence, or at its end
        (
            "PT Telkom Indonesia Tbk. mencatat laba. Ada buah, sayur, dll. Semua habis.",
            ["PT Telkom Indonesia Tbk. mencatat laba.", "Ada buah, sayur, dll.", "Semua habis."],
        ),
        (
            "Surat a.n. direktur dikirim oleh Budi, S.H. kemarin. Dia setuju.",
            ["Surat a.n. direktur dikirim oleh Budi, S.H. kemarin.", "Dia setuju."],
        ),
        # initials
        (
            "Menurut J. Doe dan A.B. Susanto, JD Vance setuju. Trump diam.",
            ["Menurut J. Doe dan A.B. Susanto, JD Vance setuju.", "Trump diam."],
        ),
        # curly and straight quotes followed by a speech verb continue
        (
            "“Kami tunggu unit pertama besok. Kami siap,” kata Budanov. Dia pergi.",
            ["“Kami tunggu unit pertama besok.", "Kami siap,” kata Budanov.", "Dia pergi."],
        ),
        (
            '"Saya belum tahu." kata Joko. "Apa?" tanya dia. Semua diam.',
            ['"Saya belum tahu." kata Joko.', '"Apa?" tanya dia.', "Semua diam."],
        ),
        # a closing quote after the full stop stays with its sentence
        (
            'Dia berkata, "Ini tanda keputusasaan." Rutte menambahkan hal itu.',
            ['Dia berkata, "Ini tanda keputusasaan."', "Rutte menambahkan hal itu."],
        ),
        # ellipses: inside a word run, and before a capital
        (
            "Dia datang ke sini, seperti…sialan…dia datang. Lalu pergi... Semua bingung.",
            ["Dia datang ke sini, seperti…sialan…dia datang.", "Lalu pergi...", "Semua bingung."],
        ),
        # datelines stay in their sentence; dates in parentheses do not split
        (
            "JAKARTA, KOMPAS.com - Pasukan tiba pada Rabu (23/10/2024). Mereka berlatih.",
            ["JAKARTA, KOMPAS.com - Pasukan tiba pada Rabu (23/10/2024).", "Mereka berlatih."],
        ),
        # question and exclamation marks
        (
            "Apakah Rusia masih bersikeras? Tidak! Itu jelas.",
            ["Apakah Rusia masih bersikeras?", "Tidak!", "Itu jelas."],
        ),
        # a credit in brackets after the last sentence is its own unit
        ('Itu luar biasa," ujar Ronaldo. (ptr)', ['Itu luar biasa," ujar Ronaldo.', "(ptr)"]),
    ],
)
def test_split_sentences_tricky_cases(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_newlines_are_hard_boundaries_and_output_is_stripped() -> None:
    text = "  Judul tanpa titik  \n\nKalimat pertama. Kalimat kedua\r\nBaris baru "
    assert split_sentences(text) == [
        "Judul tanpa titik",
        "Kalimat pertama.",
        "Kalimat kedua",
        "Baris baru",
    ]
    assert split_sentences("") == []
    assert split_sentences(" \n \n") == []


def test_split_sentences_on_a_seed_keeps_numbers_and_names_whole() -> None:
    sents = split_sentences(seed("000"))
    assert "JD Vance" in next(s for s in sents if "Vance" in s)
    assert any("50.000 tentara" in s for s in sents)
    assert all(s == s.strip() and s for s in sents)
    # 6 paragraphs, 14 sentences, every one ending in a full stop
    assert len(sents) == 14
    assert all(s.endswith(".") for s in sents)


@pytest.mark.parametrize(
    "line",
    [
        "Baca juga: Setya Novanto: Jangan Sampai Kisruh Taksi",
        "[ Baca juga : Upaya Pemerintah Cegah Kemacetan saat Mudik ]",
        "(Baca: Sheila Marcia Kecelakaan)",
        "Baca juga :",
        "SIMAK JUGA : Arema Datangkan Pemain",
        "Artikel lain terkait konflik Rusia vs Ukraina",
        "Lebih lanjut tentang pasukan Korea Utara",
        "(geosurvey.co.id/putri Farrah)",
        "( den )",
        "(has/has)",
        "[ rhm ]",
        "(Antara)",
        "Editor: Putri Farrah",
        "Penulis : Budi",
        "Sumber: Google.",
        "Foto: Reuters/Maxim Shemetov",
        "ADVERTISEMENT",
        "Lihat juga: video serangan drone",
        "Artikel ini telah tayang di Kompas.com dengan judul X",
        "–",
    ],
)
def test_boilerplate_is_detected(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "sentence",
    [
        "Pasukan Rusia belum mampu mengusir mereka.",
        "Lebih lanjut tentang hal itu, Rutte mengatakan NATO terus memantau.",
        "Sumber intelijen mengatakan 3.000 tentara tiba.",
        "Rutte mengatakan NATO “secara aktif berkonsultasi dengan Ukraina”.",
        "(Pasukan Korea Utara dilaporkan tiba di Kursk pada hari Rabu setelah berlatih di Timur Jauh.)",
    ],
)
def test_real_sentences_are_not_boilerplate(sentence: str) -> None:
    assert not is_boilerplate(sentence)


def test_a_line_without_letters_or_digits_is_boilerplate_and_one_with_any_is_not_for_that() -> None:
    """is_boilerplate's first test finds str.isalnum characters by the regex [^\\W_]: the same characters."""
    import re
    import sys

    from summarizer import text

    assert [c for c in map(chr, range(sys.maxunicode + 1)) if bool(text._ALNUM.match(c)) != c.isalnum()] == []
    assert is_boilerplate("_ -- _ •") and is_boilerplate("   ") and not re.search(r"\w", "–")
    assert not is_boilerplate("\u0663\u0660") and not is_boilerplate("\u00b2")  # digits of other scripts count


def test_seed_boilerplate_is_dropped_by_clean_sentences() -> None:
    s002 = clean_sentences(seed("002"))
    assert s002[0].startswith("Gelombang pertama pasukan Korea Utara")  # dateline gone
    assert s002[-1].startswith("Perjanjian tersebut juga memuat rahasia")
    assert not any("geosurvey" in s or "Artikel lain" in s for s in s002)
    s001 = clean_sentences(seed("001"))
    assert "Lebih lanjut tentang pasukan Korea Utara" not in s001
    assert len(s001) == len(split_sentences(seed("001"))) - 1


@pytest.mark.parametrize(
    "first, stripped",
    [
        ("JAKARTA, KOMPAS.com - Presiden tiba.", "Presiden tiba."),
        ("Jakarta, CNN Indonesia -- Kiper itu menang.", "Kiper itu menang."),
        ("Jakarta (ANTARA News) - Whatsapp merilis fitur.", "Whatsapp merilis fitur."),
        ("SWEDIA - Arsenal menang mudah.", "Arsenal menang mudah."),
        ("Rimanews - Warga Kota Kediri geger.", "Warga Kota Kediri geger."),
        # not datelines: prose with a dash, a hyphenated word
        ("Presiden Jokowi - yang baru tiba - berkata.", "Presiden Jokowi - yang baru tiba - berkata."),
        ("Serangan Rusia-Korea Utara terjadi.", "Serangan Rusia-Korea Utara terjadi."),
        ("Kevin - Prince Boateng pindah klub.", "Kevin - Prince Boateng pindah klub."),
    ],
)
def test_clean_sentences_strips_only_clear_datelines(first: str, stripped: str) -> None:
    assert clean_sentences(first + " Kalimat kedua.") == [stripped, "Kalimat kedua."]


def test_detokenize_closes_gaps_and_pairs_quotes() -> None:
    tokens = ['"', "Tidak", "hanya", "tarif", ",", "semua", "harus", "diatur", ".", '"',
              "ucap", "Zulkifli", "di", "Senayan", ",", "Senin", "(", "27", "/", "3", ")", "."]
    assert detokenize(tokens) == '"Tidak hanya tarif, semua harus diatur." ucap Zulkifli di Senayan, Senin (27/3).'
    assert detokenize(["Jakarta", ",", "CNN", "Indonesia", "-", "-", "Kiper"]) == "Jakarta, CNN Indonesia -- Kiper"
    assert detokenize(["bentrokan", "-", "bentrokan", "ke", "-", "490", "naik", "10", "%"]) == "bentrokan-bentrokan ke-490 naik 10%"
    assert detokenize(["ucapan", "‘", "selamat", "datang", "’", "!"]) == "ucapan ‘selamat datang’!"
    assert detokenize([]) == ""
    # a figure split at its thousands separator is one figure again; a sentence ending in a year is not
    assert detokenize(["mencapai", "22.091", ".", "039", "anak", "dari", "23.312", ".", "794", "balita", "."]) == (
        "mencapai 22.091.039 anak dari 23.312.794 balita.")
    assert detokenize(["pada", "2005", ".", "100", "orang", "tewas"]) == "pada 2005. 100 orang tewas"


def test_detokenize_changes_only_spaces() -> None:
    tokens = ["Dia", "bilang", "'", "Damn", "'", ",", "lalu", "pergi", "?", "@bepe20", "-nya"]
    assert detokenize(tokens).replace(" ", "") == "".join(tokens)


def test_splitter_f1_on_indosum_dev_fold() -> None:
    if not INDOSUM_DEV.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"IndoSum dev fold missing: {INDOSUM_DEV}")
        pytest.skip(f"IndoSum dev fold missing: {INDOSUM_DEV}")
    from evaluation.splitter import evaluate

    result = evaluate(INDOSUM_DEV)
    assert result.articles == 750
    assert result.all.f1 >= 0.95
    assert result.inner.f1 >= 0.95


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=st.sampled_from(["a", "B", " ", "\u00a0", "\t", "\u2028", "\x1c", ".", "(", "“", "D", "1"]),
               max_size=40), st.integers(min_value=0, max_value=45))
def test_the_word_before_a_terminator_is_the_last_non_space_run(text, end):
    """text._word_before reads backwards what the regular expression (\\S+)$ finds before `end`."""
    import re

    from summarizer.text import _OPENERS, _word_before

    end = min(end, len(text))
    m = re.search(r"(\S+)$", text[:end])
    assert _word_before(text, end) == (m.group(1).lstrip(_OPENERS) if m else "")


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=st.sampled_from(["a", "B", " ", "\u00a0", "\t", "\n", "\u2028", "\x1c", "\u3000", "İ"]),
               max_size=30))
def test_the_content_hash_folds_white_space_runs_as_the_expression_does(text):
    """Stored content hashes must not change: white space folded by str.split as re's \\s+ did, ends stripped."""
    import hashlib
    import re

    from summarizer.article import content_hash

    folded = re.sub(r"\s+", " ", text).strip().lower()
    assert content_hash(text) == hashlib.sha256(folded.encode("utf-8")).hexdigest()


def test_the_abbreviations_are_read_from_the_data_file() -> None:
    import tomllib

    from summarizer import text

    raw = tomllib.loads((REPO / "summarizer" / "data" / "abbreviations.toml").read_text(encoding="utf-8"))
    assert text._PREFIX_ABBREVS == frozenset(raw["prefix"]) and "kombes" in text._PREFIX_ABBREVS
    assert text._SUFFIX_ABBREVS == frozenset(raw["suffix"]) and "s.h" in text._SUFFIX_ABBREVS
    assert all(word == word.lower() and not word.endswith(".") for word in raw["prefix"] + raw["suffix"])
    # a police rank from the list keeps its name in the sentence; a degree ends one before a capital
    assert split_sentences("Kombes. Yusri Yunus menjelaskan kasus itu. Kasus ditutup.") == [
        "Kombes. Yusri Yunus menjelaskan kasus itu.", "Kasus ditutup."]
    assert split_sentences("Ia didampingi Budi S.H. Sidang dibuka pukul 10.") == [
        "Ia didampingi Budi S.H.", "Sidang dibuka pukul 10."]


def test_the_chrome_words_are_data_and_drop_real_chrome() -> None:
    import tomllib

    from summarizer.text import strip_dateline

    raw = tomllib.loads((REPO / "summarizer" / "data" / "boilerplate.toml").read_text(encoding="utf-8"))
    chrome = raw["boilerplate"]
    assert "lebih lanjut tentang" in chrome["headers"] and "sumber" in chrome["labels"]
    assert "simak" in chrome["calls"] and "juga" in chrome["call_objects"] and "baca" in chrome["link_labels"]
    assert "co.id" in raw["outlets"]["domain_endings"]
    # The demo story (seeds 001 and 002): a bare section header, a credit, a dateline of an outlet's domain.
    assert is_boilerplate("Lebih lanjut tentang pasukan Korea Utara")
    assert not is_boilerplate("Lebih lanjut tentang pasukan Korea Utara, kata Budanov.")  # a sentence, not a header
    assert is_boilerplate("(geosurvey.co.id/putri Farrah)")
    assert strip_dateline("geosurvey.co.id – Gelombang pertama pasukan Korea Utara akan tiba di wilayah Kursk barat "
                          "daya Rusia pada Rabu (23/10/2024).").startswith("Gelombang pertama")
    # Other stories (IndoSum dev.01): a related-article link, a call to action, a source credit; prose stays.
    assert is_boilerplate("Baca juga: Setya Novanto: Jangan Sampai Kisruh Taksi dan Ojek Online Jadi Besar")
    assert is_boilerplate("SIMAK JUGA: Arema Datangkan Pemain Naturalisasi Timor Leste")
    assert is_boilerplate("Sumber: Windows Central dan The Verge.")
    assert not is_boilerplate("Sumber daya manusia menjadi kunci, kata menteri.")


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from([".", "!", "?", "…", '"', "'", "”", "’", ")", "]", " ", "\n", "\u2028", "a", "B"]),
               max_size=30))
def test_the_terminator_pattern_finds_the_runs_the_alternation_found(text):
    """text._CANDIDATE (one possessive class) matches where and what (?:\\.{2,}|…|[.!?])+ matched."""
    import re

    from summarizer.text import _CANDIDATE

    plain = re.compile(r"(?:\.{2,}|…|[.!?])+[\"'”’)\]]*(?=\s)")
    spans = lambda pattern: [(m.start(), m.group(0)) for m in pattern.finditer(text)]  # noqa: E731
    assert spans(_CANDIDATE) == spans(plain)


def _strip_dateline_trying_every_pattern(sentence: str, first: bool) -> str:
    """strip_dateline as it was before its dash pre-checks: each pattern tried on every sentence."""
    from summarizer import text

    m = text._DATELINE.match(sentence)
    if m and text._is_dateline(m.group("prefix"), first):
        return sentence[m.end():]
    m = text._DATELINE_LINE.match(sentence)
    if m and text._is_dateline(m.group("prefix"), first):
        return ""
    m = text._DOMAIN_PLACE.match(sentence)
    return sentence[m.end():] if m else sentence


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(["JAKARTA", "Jakarta", ",", " ", "  ", "-", "–", "—", "\n", "\u2028", "kata", "Dia",
                                 "(ANTARA)", "KOMPAS.com", "Liputan6.com", ".", "!", "23 Februari"]), max_size=12),
       st.booleans())
def test_strip_dateline_skips_only_patterns_that_cannot_match(words, first):
    from summarizer.text import strip_dateline

    sentence = "".join(words)
    assert strip_dateline(sentence, first) == _strip_dateline_trying_every_pattern(sentence, first)


def test_strip_dateline_agrees_with_every_pattern_tried_on_real_paragraphs() -> None:
    from summarizer.text import _split_line, strip_dateline

    paragraphs = [line for path in sorted((REPO / "seeds").glob("*.txt"))
                  for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    stripped = 0
    for line in paragraphs:
        for sentence in _split_line(line)[:2]:
            for first in (True, False):
                expected = _strip_dateline_trying_every_pattern(sentence, first)
                assert strip_dateline(sentence, first) == expected
                stripped += expected != sentence
    assert stripped > 0
