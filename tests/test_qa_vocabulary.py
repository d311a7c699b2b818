"""The question and answer-type words are data (summarizer/data/qa_words.toml), read and checked once."""
from __future__ import annotations

import re
import tomllib
from importlib.resources import files

import pytest

from summarizer.qa import analyze_question, answer_candidates
from summarizer.qa import answer_types, question
from summarizer.qa.vocabulary import DATA_FILE, alternation, word_list
from tests.conftest import REPO


def _file() -> dict:
    return tomllib.loads(files("summarizer").joinpath(DATA_FILE).read_text(encoding="utf-8"))


def test_every_list_in_the_file_is_read_by_the_code_and_every_list_read_is_in_the_file() -> None:
    read = set()
    for path in (REPO / "summarizer" / "qa").glob("*.py"):
        read |= set(re.findall(r"word_(?:list|map)\(\s*[\"'](\w+)[\"'],\s*[\"'](\w+)[\"']", path.read_text("utf-8")))
    in_file = {(section, name) for section, lists in _file().items() for name in lists}
    assert read == in_file


def test_a_list_that_is_missing_or_not_lower_case_words_names_the_file_and_key() -> None:
    with pytest.raises(ValueError, match=r"qa_words\.toml: \[time\] fortnights"):
        word_list("time", "fortnights")


def test_patterns_match_the_words_literally_and_in_the_files_order() -> None:
    assert re.fullmatch(alternation(["us$", "gara-gara"]), "us$")
    assert not re.fullmatch(alternation(["us$"]), "us")
    # "Minggu" (Sunday) is listed before "minggu lalu": at one position the day wins, as it always did
    assert answer_types.TIME.search("minggu lalu").group(0).lower() == "minggu"


def test_a_reason_question_finds_the_word_that_gives_the_reason() -> None:
    query = analyze_question("Mengapa pertandingan itu ditunda?")
    text = "Pertandingan itu ditunda lantaran hujan deras mengguyur stadion."
    assert [answer_types.words(text)[i] for i, _ in answer_candidates(query, text)] == ["lantaran"]


def test_question_words_from_the_file_are_never_needed_in_the_answer() -> None:
    listed = set(_file()["question"]["indonesian"])
    assert listed <= question._QUESTION_FILLER
    query = analyze_question("Siapakah sebenarnya pelatih Persib Bandung saat ini?")
    assert not {c.surface for c in query.concepts} & listed
