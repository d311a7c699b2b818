"""Masks, prefilters and shared entities in the analysis change nothing it finds: the same
masks, the same claims, the same places."""
import re
from pathlib import Path

import pytest

from summarizer import claims
from summarizer.article import analyze_article
from summarizer.claims import extract_claims
from summarizer.entities import extract_entities
from summarizer.numbers import (
    _NON_COUNT,
    _NON_COUNT_ALTERNATIVES,
    _NUMBER,
    _WORD_NUM,
    _WORD_NUM_GROUPED,
    _mask,
)
from summarizer.text import clean_sentences

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
# The non-count alternatives without the start filter: what _mask must still match.
_PLAIN = re.compile(_NON_COUNT_ALTERNATIVES, re.IGNORECASE | re.VERBOSE)
TRICKY = [
    "Harga naik $5 juta, € 10, £3 dan ¥ 200 pada 23/10/2024 pukul 10.30 WIB.",
    "Sebanyak 12.000 tentara tiba ke-2 kalinya sejak 2014, berusia 30 tahun, naik 50 persen.",
    "On October 23, 2024 about 2nd 10:30 pm US$ 3 billion, aged 40 years-old in 1990 and 1990-an.",
    "KE-3 dan Ke 4, RP. 5.000 rupiah, IDR 7 ribu, EUR 9, USD 10 juta, 5 dolar AS.",
    "Kelvin \u212a 5 and long \u017f 2014 fold under IGNORECASE; x2024 y-5 _7 tahun 2020.",
    "Tanpa angka sama sekali, hanya kata: dua ribu tentara.",
    "١٢ and ٣٤٥ are digits too: tahun ٢٠٢٤, pukul ١٠:٣٠.",
    "Dua ratus lima puluh ribu, sebelas, seratus seribu, setengah juta, tiga-puluh, one hundred thousand.",
    "Sepuluhan orang, satu-satunya, salah satu, SEMBILAN BELAS tentara, ſatu dan Kosong.",
    "Sementara itu, Budanov mengatakan 12.000 tentara; menurutnya, seperti dikutip Reuters, laporan itu benar.",
    "Kata dia, ujarnya, katanya, According to the ministry, reportedly, dilaporkan, menempatkan angka itu.",
]
# _NUMBER with the number words as one flat alternation, as written before grouping them.
_PLAIN_NUMBER = re.compile(_NUMBER.pattern.replace(_WORD_NUM_GROUPED, _WORD_NUM), re.IGNORECASE | re.VERBOSE)
_ATTRIBUTIONS = (claims._SPEECH_VERB, claims._SAID_BY, claims._ACCORDING, claims._REPORT, claims._QUOTED_BY)


def _sentences() -> list[str]:
    found = list(TRICKY)
    for path in sorted(SEEDS.glob("*.txt")):
        found += clean_sentences(path.read_text(encoding="utf-8"))
    return found


def test_mask_matches_the_unfiltered_alternatives():
    for sentence in _sentences():
        assert _mask(sentence) == _PLAIN.sub(lambda m: "#" * len(m.group(0)), sentence), sentence
        assert [m.span() for m in _NON_COUNT.finditer(sentence)] == [m.span() for m in _PLAIN.finditer(sentence)]


def test_grouped_number_words_match_like_the_flat_alternation():
    assert _PLAIN_NUMBER.pattern != _NUMBER.pattern
    groups = ("digits", "mult", "k", "words")
    for sentence in _sentences():
        assert [(m.span(), m.group(*groups)) for m in _NUMBER.finditer(sentence)] == [
            (m.span(), m.group(*groups)) for m in _PLAIN_NUMBER.finditer(sentence)], sentence


def test_attribution_prefilter_never_hides_an_attribution():
    found = 0
    for sentence in _sentences():
        any_pattern = any(rx.search(sentence) for rx in _ATTRIBUTIONS)
        assert (claims._ANY_ATTRIBUTION.search(sentence) is not None) == any_pattern, sentence
        found += any_pattern
    assert found > 10


def test_mask_hides_dates_money_and_percentages():
    masked = _mask("Pada 23 Oktober 2024 harga Rp 5 juta naik 50 persen, 12.000 tentara tiba.")
    assert "12.000" in masked and "2024" not in masked and "5 juta" not in masked and "50" not in masked


def test_claims_with_given_entities_equal_claims_without():
    for path in sorted(SEEDS.glob("*.txt")):
        sentences = clean_sentences(path.read_text(encoding="utf-8"))
        entities = [extract_entities(s) for s in sentences]
        given, derived = extract_claims(sentences, entities), extract_claims(sentences)
        assert given == derived and [c.context for c in given] == [c.context for c in derived]
        assert given, path.name  # the seeds report figures: the comparison is not vacuous


def test_analyze_article_claims_equal_standalone_extraction():
    text = (SEEDS / min(p.name for p in SEEDS.glob("*.txt"))).read_text(encoding="utf-8")
    analysis = analyze_article(text)
    assert analysis.claims == extract_claims(clean_sentences(text))
    assert [s.entities for s in analysis.sentences] == [extract_entities(s) for s in clean_sentences(text)]


def test_entities_of_the_wrong_length_are_refused():
    sentences = ["Sekitar 10.000 tentara Korea Utara tiba di Kursk, kata Budanov."]
    with pytest.raises(ValueError):
        extract_claims(sentences, [])


def test_geo_prefix_is_the_longest_gazetteer_place():
    from summarizer import gazetteer
    from summarizer.entities import _geo_prefix_len

    expected = {("Timur", "Jauh", "Rusia", "Kursk"): 3, ("Korea", "Utara", "Selatan"): 2, ("AS", "Mark", "Rutte"): 1,
                ("Semenanjung", "Korea"): 2, ("Indo-Pasifik",): 1, ("Jakarta",): 1, ("KOREA", "UTARA"): 2,
                ("Mark", "Rutte"): 0, ("Kuala", "Lumpur"): 2, ("Jakarta", "Selatan"): 2, ("Rakhine", "State"): 0}  # a small place splits no run; is_place reads the whole
    for tokens, n in expected.items():
        assert _geo_prefix_len(list(tokens), 0) == n, tokens
    assert _geo_prefix_len([], 0) == 0
    for path in sorted(SEEDS.glob("*.txt")):
        for sentence in clean_sentences(path.read_text(encoding="utf-8")):
            tokens = sentence.split()
            for i in range(len(tokens) + 1):
                n = _geo_prefix_len(tokens, i)
                assert n == 0 or gazetteer.is_place(" ".join(tokens[i:i + n])), (tokens, i)
