"""The English -> Indonesian lexicon: its shape, English inflections, words shared with Indonesian, and translation."""
from __future__ import annotations

from importlib import resources

import pytest

from summarizer import lexicon
from summarizer.lexicon import (
    EN_ID,
    ID_SYNONYMS,
    PERSON_NOUNS,
    PLACE_NOUNS,
    QUESTION_TYPES,
    SHARED_WORDS,
    english_alternatives,
)
from summarizer.qa import analyze_question, question_type
from summarizer.tokens import STOPWORDS, content_stems, stem, words

# Indonesian news uses these English words as they are; if one is a key it must be shared.
LOAN_WORDS = ["film", "bank", "album", "startup", "video", "game", "online", "offline", "final", "total", "start",
              "lap", "bus", "mall", "festival", "museum", "drone", "tank", "unit", "coach", "rider", "striker",
              "holding", "target", "voting", "update", "upgrade", "smartphone", "single", "event", "fans", "band",
              "brand", "merger", "tender", "ceo", "developer", "esports", "streaming", "website", "gadget", "software",
              "hardware", "laptop", "chip", "area", "main", "ban", "cut", "gang", "sang", "data", "media", "hotel",
              "internet", "radio", "program", "status", "model", "digital", "global", "legal", "minimum", "novel",
              "reshuffle", "debut", "premiere", "live", "cover", "series", "season", "idol", "retail", "profit"]


def _concept_stems(question: str) -> list[frozenset[str]]:
    return [c.stems | c.forms for c in analyze_question(question).concepts]


# ---- shape ---------------------------------------------------------------------------------

def test_entries_are_lower_case_phrases_with_lists_of_lower_case_words() -> None:
    assert len(EN_ID) >= 2000
    for key, alternatives in EN_ID.items():
        assert key == key.lower().strip() and key, key
        assert 1 <= len(key.split(" ")) <= 3, key  # the analyser looks up phrases of up to three words
        assert isinstance(alternatives, list), key
        for alternative in alternatives:
            assert isinstance(alternative, str) and alternative == alternative.lower().strip() and alternative, key
        assert len(set(alternatives)) == len(alternatives), key


def test_the_shipped_data_file_loads_with_every_table() -> None:
    data = lexicon._data()
    assert len(data.words) > 500 and len(data.nouns) > 1000 and len(data.verbs) > 400
    assert data.irregular_verbs["win"] == ("won",) and data.irregular_plurals["child"] == "children"
    assert QUESTION_TYPES["tahun berapa"] == "time" and QUESTION_TYPES["berapa"] == "number"
    assert "kota" in PLACE_NOUNS and "governor" in PERSON_NOUNS and "cancel" in data.doubling_optional
    assert not (set(data.words) & set(data.nouns)) and not (set(data.words) & set(data.verbs))
    assert not (set(data.nouns) & set(data.verbs))


def _with(table: str, line: str) -> str:
    """The shipped data file with one more line at the top of a table."""
    text = resources.files("summarizer").joinpath(lexicon.DATA_FILE).read_text(encoding="utf-8")
    assert f"\n[{table}]\n" in text
    return text.replace(f"\n[{table}]\n", f"\n[{table}]\n{line}\n", 1)


@pytest.mark.parametrize("table, line, message", [
    # a key listed twice: a Python dict literal kept the last one silently
    ("nouns", '"soldier" = ["prajurit"]', r"lexicon_en_id.toml: Cannot overwrite a value \(at line \d+.*\): \"soldier\" = "),
    ("synonyms", '"tentara" = ["serdadu"]', r"Cannot overwrite a value .*: \"tentara\" = "),
    # the same English word in two tables: which one wins depends on the merge order
    ("words", '"soldier" = ["prajurit"]', r"\[nouns\] 'soldier': already in \[words\]"),
    ("verbs", '"Attack Now" = ["serang"]', r"\[verbs\] 'Attack Now': a key is a lower-case word or phrase"),
    ("nouns", '"tank crew" = "awak tank"', r"\[nouns\] 'tank crew': expected a list of words"),
    ("nouns", '"tank crew" = ["awak", "awak"]', r"\[nouns\] 'tank crew': a word is listed twice"),
    ("synonyms", '"laskar" = []', r"\[synonyms\] 'laskar': expected a non-empty list of words"),
    ("question_types", '"berapa lama" = "duration"', r"\[question_types\] 'berapa lama': expected one of"),
    ("irregular_plurals", '"ox" = ["oxen"]', r"\[irregular_plurals\] 'ox': expected a lower-case plural"),
    ("head_nouns", 'animal = ["hewan"]', r"\[head_nouns\] 'animal': expected one of place, person, number, name"),
])
def test_the_loader_rejects_a_malformed_entry_and_names_it(table: str, line: str, message: str) -> None:
    with pytest.raises(lexicon.LexiconError, match=message):
        lexicon.parse_lexicon(_with(table, line))


def test_the_loader_names_a_missing_table() -> None:
    with pytest.raises(lexicon.LexiconError, match=r"^x.toml: the table \[nouns\] is missing$"):
        lexicon.parse_lexicon('[words]\n"soldier" = ["tentara"]\n', "x.toml")
    with pytest.raises(lexicon.LexiconError, match=r"^x.toml: unknown table \[verbz\]$"):
        lexicon.parse_lexicon('[verbz]\n"attack" = ["serang"]\n', "x.toml")


def test_generated_forms_never_replace_an_explicit_entry() -> None:
    data = lexicon._data()
    for table in (data.words, data.nouns, data.verbs):
        for key, alternatives in table.items():
            assert EN_ID[key] == alternatives, key
    assert EN_ID["found"] == ["temu"]  # "find" -> "found" is generated, the listed "found" wins
    assert EN_ID["founded"] == ["didirikan"]


def test_phrase_keys_are_also_listed_without_the_words_the_analyser_drops() -> None:
    assert EN_ID["secretary state"] == EN_ID["secretary of state"]
    assert EN_ID["state emergency"] == EN_ID["state of emergency"]
    assert "menteri" in {s for c in analyze_question("Who is the US secretary of state?").concepts for s in c.stems}


# ---- English inflections -----------------------------------------------------------------

@pytest.mark.parametrize("form, base", [
    ("introduced", "introduce"), ("introduces", "introduce"), ("introducing", "introduce"),
    ("acquired", "acquire"), ("acquires", "acquire"), ("won", "win"), ("winning", "win"), ("beaten", "beat"),
    ("held", "hold"), ("goalkeepers", "goalkeeper"), ("companies", "company"), ("buses", "bus"),
    ("banned", "ban"), ("dying", "die"), ("carried", "carry"), ("spokesmen", "spokesman"),
    ("children", "child"), ("took place", "take place"), ("toll roads", "toll road"), ("knives", "knife"),
    ("transferred", "transfer"), ("cancelled", "cancel"), ("canceled", "cancel"), ("sentenced", "sentence"),
])
def test_inflected_forms_resolve_to_their_base(form: str, base: str) -> None:
    assert form in EN_ID
    assert EN_ID[form] == EN_ID[base]


def test_no_misspelt_forms_are_generated() -> None:
    for wrong in ("begining", "winned", "stoped", "dieing", "companys", "childs", "cannabes", "tennes"):
        assert wrong not in EN_ID


def test_english_alternatives_de_inflects_what_is_not_listed() -> None:
    assert english_alternatives("Won") == ["menang"]
    assert english_alternatives("goalkeepers") == EN_ID["goalkeeper"]
    assert "suicides" not in EN_ID and english_alternatives("suicides") == EN_ID["suicide"]
    assert english_alternatives("jakartans") == ["jakarta"]
    assert english_alternatives("xyzzy") is None  # a name: the caller keeps it


# ---- words shared with Indonesian -----------------------------------------------------------

def test_shared_words_map_to_themselves() -> None:
    assert {"film", "bank", "album", "final", "start"} <= SHARED_WORDS
    for word in SHARED_WORDS:
        assert word in EN_ID[word], word


def test_indonesian_loan_words_that_are_keys_are_shared() -> None:
    for word in LOAN_WORDS:
        if word in EN_ID:
            assert word in SHARED_WORDS, word


def test_no_key_is_an_indonesian_stop_word_unless_it_maps_to_itself() -> None:
    for key in EN_ID:
        if key in STOPWORDS["id"]:
            assert key in EN_ID[key], key


@pytest.mark.parametrize("question", [
    "Berapa penonton film itu di bioskop?",
    "Siapa CEO startup tersebut?",
    "Kapan album baru band itu dirilis?",
    "Siapa striker yang mencetak gol di final?",
    "Apa nama game online terpopuler?",
    "Kapan video musik single terbaru dirilis?",
])
def test_an_indonesian_question_with_loan_words_stays_indonesian(question: str) -> None:
    query = analyze_question(question)
    assert query.lang == "id"
    tokens = words(question)
    # What a detector sees once it ignores the shared words: never more English than Indonesian.
    english = sum(1 for t in tokens if t not in SHARED_WORDS and (t in STOPWORDS["en"] or t in EN_ID))
    assert english <= sum(1 for t in tokens if t in STOPWORDS["id"])


def test_an_indonesian_question_keeps_its_own_words() -> None:
    terms = set(analyze_question("Berapa penonton film itu di bioskop?").terms)
    assert {stem("penonton"), "film", "bioskop"} <= terms


# ---- whole English questions -----------------------------------------------------------------

@pytest.mark.parametrize("question, wanted", [
    ("Which company acquired the startup?", ["akuisisi", "startup", "perusahaan"]),
    ("How much was the syndicated loan?", ["sindikasi", "pinjaman"]),
    ("Who directed the film?", ["sutradara", "film"]),
    ("Which goalkeepers were called up to the national team?", ["kiper", "dipanggil", "timnas"]),
    ("When was the new smartphone introduced?", ["ponsel", "diperkenalkan"]),
    ("How many people were injured in the landslide?", ["luka", "longsor"]),
    ("Who won the gold medal in badminton?", ["menang", "medali", "emas", "bulutangkis"]),
    ("Where was the concert held?", ["konser", "digelar"]),
    ("Who was arrested for bribery?", ["ditangkap", "suap"]),
    ("How long was the suspect sentenced to prison?", ["tersangka", "divonis", "penjara"]),
    ("How many pilgrims departed for umrah?", ["jemaah", "berangkat", "umrah"]),
    ("Which airline operates the new route?", ["maskapai", "rute"]),
    ("What is the electability of the candidate in the survey?", ["elektabilitas", "calon", "survei"]),
    ("Who is the regent of Bogor?", ["bupati", "bogor"]),
    ("How many passengers were evacuated from the ship?", ["penumpang", "mengungsi", "kapal"]),
    ("When did the couple divorce?", ["pasangan", "cerai"]),
    ("Who voiced the main character?", ["suara", "karakter"]),
])
def test_english_questions_become_indonesian_concepts(question: str, wanted: list[str]) -> None:
    query = analyze_question(question)
    assert query.lang == "en"
    concepts = _concept_stems(question)
    for word in wanted:
        wanted_stems = set(content_stems(word)) or {word}
        assert any(wanted_stems & c for c in concepts), (word, concepts)


def test_question_words_are_dropped_not_kept_as_english() -> None:
    terms = set(analyze_question("What happened when the company was founded?").terms)
    assert not {"happened", "happen", "founded", "company"} & terms


@pytest.mark.parametrize("question, qtype", [
    ("How tall is the tower?", "number"),
    ("Which player scored the goal?", "person"),
    ("Which province was hit by the flood?", "place"),
    ("Which film won the award?", "name"),
    ("Which month will the election be held?", "time"),
])
def test_english_question_types(question: str, qtype: str) -> None:
    assert question_type(question) == qtype


# ---- Indonesian synonyms -----------------------------------------------------------------------

def test_synonym_keys_and_values_have_stems() -> None:
    for key, values in ID_SYNONYMS.items():
        assert values, key
        assert content_stems(key) or key, key
        for value in values:
            assert value == value.lower().strip() and value, key


def test_synonym_keys_do_not_stem_to_a_common_word_of_another_meaning() -> None:
    """"pengacara" stems to "acara" (an event), "diamankan" to "aman" (safe): never keys."""
    key_stems = {s for key in ID_SYNONYMS for s in content_stems(key)}
    assert not {"acara", "aman"} & key_stems


@pytest.mark.parametrize("question, word, synonyms", [
    ("Siapa yang ditangkap polisi?", "tangkap", ["bekuk", "ringkus"]),
    ("Siapa yang dibekuk polisi?", "bekuk", ["tangkap"]),
    ("Berapa jemaah umrah yang berangkat?", "jemaah", ["jamaah"]),
    ("Berapa orang yang terluka?", "luka", ["cedera"]),
    ("Berapa pinjaman yang diberikan?", "pinjam", ["kredit"]),
])
def test_synonyms_cover_indonesian_question_words(question: str, word: str, synonyms: list[str]) -> None:
    concept = next(c for c in analyze_question(question).concepts if word in c.primary)
    assert set(synonyms) <= concept.stems
