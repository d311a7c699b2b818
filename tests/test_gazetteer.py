"""The place gazetteer and the entity typing built on it, on the seeds' story and on IndoSum's.

Sentences marked dev.01 are quoted from IndoSum's dev.01 fold (article id
prefix given); the others are from the Kursk seeds or written in their style.
"""
from __future__ import annotations

import json
import re
from functools import cache

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from adapters.console import ask_once, to_request
from summarizer import gazetteer
from summarizer.claims import _COUNTRIES, _FORCE_ALIASES
from summarizer.entities import entity_kind, extract_entities, is_person_name, mentions


@pytest.mark.parametrize(
    "name, key",
    [("Korut", "KP"), ("Korea Utara", "KP"), ("North Korea", "KP"), ("DPRK", "KP"), ("Korsel", "KR"),
     ("AS", "US"), ("Amerika Serikat", "US"), ("United States", "US"), ("Rusia", "RU"), ("Russia", "RU"),
     ("Myanmar", "MM"), ("Burma", "MM"), ("Malaysia", "MY"), ("Thailand", "TH"), ("Sudan", "SD"),
     ("Lebanon", "LB"), ("Tiongkok", "CN"), ("China", "CN"), ("Inggris", "GB"), ("UK", "GB")],
)
def test_every_spelling_of_a_country_has_one_key(name, key):
    assert gazetteer.country_key(name) == key


def test_short_forms_need_capitals_and_cities_are_no_countries():
    assert gazetteer.country_key("as") is None and gazetteer.country_key("us") is None
    assert gazetteer.country_key("Kuala Lumpur") is None
    assert gazetteer.lookup("Kuala Lumpur").country == "MY"
    assert gazetteer.country_name("KP") == "Korea Utara" and gazetteer.country_name("KP", "en") == "North Korea"


def test_places_with_their_kind_or_part_written_out():
    for name in ("Rakhine State", "Provinsi Jawa Barat", "Kabupaten Bandung", "Jakarta Selatan", "Shah Alam"):
        assert gazetteer.is_place(name), name
    assert not gazetteer.is_place("Hijau") and not gazetteer.is_place("Mark Rutte")


def test_longest_place_at_a_token_position():
    tokens = "Gubernur Sulawesi Tengah Longki Djanggola".split()
    assert gazetteer.place_at(tokens, 1) == 2
    assert gazetteer.place_at(tokens, 3) == 0


def test_the_claims_country_lists_come_from_the_gazetteer():
    assert _COUNTRIES["korut"] == _COUNTRIES["north korea"] == "Korea Utara"
    assert _COUNTRIES["myanmar"] == "Myanmar" and _COUNTRIES["malaysia"] == "Malaysia"
    assert _FORCE_ALIASES["moskow"] == _FORCE_ALIASES["kremlin"] == "Rusia"
    assert _FORCE_ALIASES["pyongyang"] == "Korea Utara"
    assert "lima" not in _FORCE_ALIASES  # Peru's capital, but "five" opens many an Indonesian sentence


@pytest.mark.parametrize("name", ["Kuala Lumpur", "Permata Hijau", "Rakhine State", "Shah Alam",
                                  "Jawa Barat", "BPBD Jawa Barat", "Korea Utara", "Timur Jauh Rusia"])
def test_places_and_organisations_are_not_people(name):
    assert not is_person_name(name)


@pytest.mark.parametrize("name", ["Mark Rutte", "Kyrilo Budanov", "Volodymyr Zelensky", "Anifah Aman",
                                  "Zulkifli Hasan", "Nasrun Umar", "Anniesa Hasibuan", "Joko Widodo"])
def test_people_stay_people(name):
    assert is_person_name(name)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # dev.01 1503508260-malaysia-pesta-gol-ke-gawang-
        ("Itu setelah, mereka secara mengejutkan takluk dengan skor telak 5-0, dari tuan rumah Malaysia "
         "di Stadion Panasonic, Shah Alam, Selasa (22/8) malam.",
         {"Malaysia": "place", "Shah Alam": "place"}),
        # dev.01 1502780200-teka-teki-anniesa-hasibuan-bi
        ("Dia menggelar peragaan busana di Istanbul, Kuala Lumpur, London, Los Angeles, hingga New York.",
         {"Istanbul": "place", "Kuala Lumpur": "place", "Los Angeles": "place", "New York": "place"}),
        # dev.01 1504827000-myanmar-lobi-china-rusia-blok
        ("Setelah menutup diri, Myanmar memang akhirnya membuka akses bantuan kemanusiaan dari Turki "
         "untuk warga di Rakhine, di mana bentrokan antara militer dan Rohingya kembali memanas.",
         {"Myanmar": "place", "Turki": "place", "Rakhine": "place"}),
        # dev.01 1509231307-taman-nasional-sembilang-akan
        ("Sekretaris Daerah Pemerintah Provinsi Sumatera Selatan Nasrun Umar mengatakan Taman Nasional "
         "Sembilang akan dijadikan cagar biosfer.",
         {"Nasrun Umar": "person"}),
        ("Kepala BPBD Jawa Barat Ahmad Sudrajat mengatakan banjir melanda Kabupaten Bandung.",
         {"BPBD Jawa Barat": "org", "Ahmad Sudrajat": "person", "Kabupaten Bandung": "place"}),
        ("Ribuan warga mengungsi dari Rakhine State ke Bangladesh.", {"Rakhine State": "place"}),
        ("Rumah di kawasan Permata Hijau, Jakarta Selatan, terbakar.",
         {"Permata Hijau": "place", "Jakarta Selatan": "place"}),
        # seeds/002
        ("Gelombang pertama pasukan Korea Utara akan tiba di wilayah Kursk barat daya Rusia.",
         {"Korea Utara": "place", "Kursk": "place", "Rusia": "place"}),
        ("Presiden Rusia Vladimir Putin bertemu Kim Jong-un di Pyongyang.",
         {"Rusia": "place", "Vladimir Putin": "person", "Kim Jong-un": "person", "Pyongyang": "place"}),
    ],
)
def test_entities_are_whole_and_typed(sentence, expected):
    found = extract_entities(sentence)
    for name, kind in expected.items():
        assert name in found, (name, found)
        assert entity_kind(name) == kind, name
    assert "BPBD Jawa" not in found and "Kuala" not in found and "Barat" not in found


def test_a_place_matches_as_a_phrase_not_by_its_last_word():
    assert not mentions("Zat besi bisa berasal dari sayuran berwarna hijau.", "Permata Hijau")
    assert mentions("Kebakaran di Permata Hijau, Jakarta Selatan.", "Permata Hijau")


_PERMATA = """[[topic]]
name = "permata"
kind = "place"
description.id = "Ringkasan tentang Permata Hijau"
description.en = "Briefing on Permata Hijau"
aliases.id = ["Permata Hijau"]
"""


@pytest.fixture
def two_story_app(make_app, tmp_path):
    topics = tmp_path / "topics.toml"
    topics.write_text(_PERMATA, encoding="utf-8")
    app = make_app(seeded=False, BRIEFBOT_TOPICS=str(topics))
    from bot.ingest import ingest_text

    ingest_text(app.store, "Kebakaran melanda sebuah rumah di kawasan Permata Hijau, Jakarta Selatan, pada Senin "
                "malam. Petugas pemadam kebakaran mengerahkan delapan unit mobil ke Permata Hijau. "
                "Polisi masih menyelidiki penyebab kebakaran itu.", url="https://example.test/permata")
    # dev.01 1501666891-nilai-matematika-jeblok-bisa- and 1513650094-mengenal-kola-kacang-penyembu
    ingest_text(app.store, "Zat besi bisa berasal dari daging merah, hati ayam, ikan, sayuran berwarna hijau dan "
                "kacang-kacangan. Sedangkan theobromine ditemukan dalam teh hijau dan coklat. Permata "
                "adalah batu mulia yang mahal.", url="https://example.test/hijau")
    return app


def test_a_place_topic_answers_with_the_place_not_green_tea(two_story_app):
    result = json.loads(ask_once(two_story_app, "/permata", as_json=True))
    texts = " ".join(item["text"] for item in result["items"])
    assert "Permata Hijau" in texts
    assert "teh hijau" not in texts and "sayuran" not in texts and "batu mulia" not in texts


def test_about_a_place_matches_the_whole_name(two_story_app):
    result = json.loads(ask_once(two_story_app, "/about Permata Hijau", as_json=True))
    texts = " ".join(item["text"] for item in result["items"])
    assert "Permata Hijau" in texts and "teh hijau" not in texts and "batu mulia" not in texts


def test_seeds_only_go_into_a_brand_new_database(make_app):
    app = make_app(seeded=False)
    app.handle(to_request("/addtext Banjir melanda Kabupaten Bandung, Jawa Barat, pada Senin. "
                          "BPBD Jawa Barat mencatat 1.200 rumah terendam dan 300 warga mengungsi."))
    count = app.store.article_count()
    assert count == 1
    assert app.ensure_seeded() == 0
    assert app.store.article_count() == count


def test_a_brand_new_database_gets_the_seeds_once(make_app):
    app = make_app(seeded=False)
    assert app.ensure_seeded() == 5
    assert app.ensure_seeded() == 0 and app.store.article_count() == 5


@pytest.mark.parametrize(
    "sentence, force, location",
    [
        ("Militer Myanmar mengerahkan 2.000 tentara ke Rakhine, kata seorang pejabat.", "Myanmar", "Rakhine"),
        ("Pasukan Korut sebanyak 10.000 tentara dikirim ke Rusia, menurut Pentagon.", "Korea Utara", "Rusia"),
        ("Moskow mengerahkan 50.000 tentara di Kursk.", "Rusia", "Kursk"),
    ],
)
def test_a_figure_owner_is_any_country_by_any_spelling(sentence, force, location):
    from summarizer.claims import extract_claims

    (claim,) = extract_claims([sentence])
    assert (claim.force, claim.location) == (force, location)


@cache
def _country_pattern():
    """The countries' names and the regular expression claims used to find them before the NameMatcher."""
    names = list(_COUNTRIES) + list(_FORCE_ALIASES)
    return names, re.compile(r"\b(" + gazetteer.names_pattern(names) + r")\b", re.IGNORECASE)


def _agrees(matcher, pattern, text) -> bool:
    m = pattern.match(text)
    return ((m.group(1) if m else None) == matcher.match(text)
            and all([(x.start(), x.end()) for x in pattern.finditer(text, 0, end)] == list(matcher.finditer(text, end))
                    for end in (len(text), len(text) // 2, 3)))


def test_the_name_matcher_finds_what_the_names_pattern_finds_on_the_fold():
    from evaluation import indosum
    from summarizer.text import clean_sentences
    from tests.conftest import require_indosum

    names, pattern = _country_pattern()
    matcher = gazetteer.NameMatcher(names)
    sentences = [s for r in indosum.load(require_indosum()) for s in clean_sentences(indosum.article_text(r))]
    texts = sentences + [s[i:] for s in sentences[:2000] for i in range(1, len(s), 9)]  # also from inside
    assert sum(bool(pattern.search(s)) for s in sentences) > 1000
    assert [t for t in texts if not _agrees(matcher, pattern, t)] == []


_NAME_PIECES = ["Rusia", "rusia", "RUSIA", "Korea Utara", "korea  utara", "Korea", "Utara", "İran", "ırak", "ſuriah",
                "AS", "as", "Amerika Serikat", "Washington", "D.C.", "d.c.", "Côte d'Ivoire", "CÔTE", " willemstad",
                "Kremlin", "Moskow", "é", " ", "  ", ".", "-", "'", "&", "_", "x", "1", "\u212a"]


@cache
def _country_matcher() -> gazetteer.NameMatcher:
    return gazetteer.NameMatcher(_country_pattern()[0])


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_NAME_PIECES), min_size=1, max_size=8))
def test_the_name_matcher_finds_what_the_names_pattern_finds(pieces):
    assert _agrees(_country_matcher(), _country_pattern()[1], "".join(pieces))


def test_the_name_matcher_compares_characters_as_ignorecase_does():
    """Every code point equals a name's letter for the matcher exactly when re.IGNORECASE says so."""
    import sys

    names, _ = _country_pattern()
    letters = sorted({ch for name in names for ch in name})
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    folded = every.translate(gazetteer._IGNORECASE_FOLD).lower()
    assert len(folded) == len(every)
    for letter in letters:
        by_re = {m.start() for m in re.finditer(re.escape(letter), every, re.IGNORECASE)}
        assert by_re == {i for i, ch in enumerate(folded) if ch == letter}, letter


def _match_folding_all(matcher: gazetteer.NameMatcher, text: str) -> str | None:
    """NameMatcher.match's general path: the whole text folded, not just the longest name's length of it."""
    folded = text.translate(gazetteer._IGNORECASE_FOLD).lower()
    if not folded or folded[0] not in matcher.tree or not matcher._boundary(text, 0):
        return None
    end = matcher._end(text, folded, 0)
    return text[:end] if end else None


# Greek capital sigma's lower case depends on the letters after it, past case-ignorable ones ("ΑΣ'Α" folds
# to "ασ'α", "ΑΣ" to "ας"), so a text cut after it may fold differently: these names end at the cut.
_SIGMA_MATCHER = gazetteer.NameMatcher(["αααας", "ααααα", "ας", "ασ"])


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_NAME_PIECES + ["Republik Demokratik Rakyat", "a" * 9]), min_size=1, max_size=24),
       st.lists(st.sampled_from(["Α", "ΑΑΑΑ", "Σ", "'", " ", "σ", "ς"]), min_size=1, max_size=8))
@example(["Korea Utara"], ["ΑΑΑΑ", "Σ", "'", "Α"])
def test_the_name_matcher_folds_only_the_longest_names_length_as_folding_all(pieces, greek):
    for matcher, text in ((_country_matcher(), "".join(pieces)), (_SIGMA_MATCHER, "".join(greek))):
        assert matcher.match(text) == _match_folding_all(matcher, text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("aAİıſSsΣσK\u212a ß.'"), max_size=12))
def test_folding_translates_only_texts_that_need_it_as_translating_all(text):
    assert gazetteer._fold(text) == text.translate(gazetteer._IGNORECASE_FOLD).lower()
