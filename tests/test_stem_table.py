"""The word -> stem table in the store (bot.stem_table): Sastrawi's stems, kept across processes and handles."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bot import stem_table
from bot.ingest import ingest_text
from bot.store import open_store
from summarizer import tokens
from tests.conftest import REPO

SEED = sorted((REPO / "seeds").glob("*.txt"))[0]


@pytest.fixture
def fresh_stems():
    """This process forgets every stored and cached stem, as a new process would start; restored after."""
    known, loaded = dict(tokens._known_stems), set(stem_table._loaded)
    tokens._known_stems.clear()
    stem_table._loaded.clear()
    tokens.stem.cache_clear()
    tokens.take_new_stems()
    yield
    tokens._known_stems.clear()
    tokens._known_stems.update(known)
    stem_table._loaded.clear()
    stem_table._loaded.update(loaded)
    tokens.stem.cache_clear()


def _rows(store) -> dict[str, str]:
    return {r["word"]: r["stem"] for r in store.query("select word, stem from stems where stemmer = ?",
                                                     (tokens.stemmer_id("id"),))}


def _ingest_seed(target: str) -> dict[str, str]:
    store = open_store(target)
    try:
        assert ingest_text(store, SEED.read_text(encoding="utf-8")).added
        return _rows(store)
    finally:
        store.close()


def test_the_stored_stems_are_sastrawis_own(tmp_path, fresh_stems):
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    stored = _ingest_seed(str(tmp_path / "a.db"))
    words = set(tokens.words(SEED.read_text(encoding="utf-8")))
    assert len(stored) >= 100 and set(stored) <= words  # every stemmed word of the article, and nothing else
    sastrawi = StemmerFactory().create_stemmer()  # its own, unmodified stemmer
    assert {w: s for w, s in stored.items()} == {w: sastrawi.stem(w) or w for w in stored}


def test_a_new_process_uses_the_stored_stems_of_an_earlier_one(tmp_path, fresh_stems):
    db = str(tmp_path / "a.db")
    stored = _ingest_seed(db)
    word = sorted(stored)[0]
    # A marker stem no stemmer would give: it proves the later process looked the word up.
    with open_store(db).write() as tx:
        tx.execute("update stems set stem = 'penanda' where word = ?", (word,))
    code = ("import json, sys; from bot import stem_table; from bot.store import open_store; from summarizer import tokens;"
            "store = open_store(sys.argv[1]); n = stem_table.load(store);"
            "print(json.dumps([n, tokens.stem(sys.argv[2]), tokens.take_new_stems()]))")
    done = subprocess.run([sys.executable, "-c", code, db, word], capture_output=True, text=True, cwd=REPO, check=True)
    loaded, looked_up, computed = json.loads(done.stdout)
    assert loaded == len(stored)
    assert looked_up == "penanda"
    assert computed == []  # nothing was stemmed again


def test_two_handles_on_one_database_share_the_table(tmp_path, fresh_stems):
    db = str(tmp_path / "a.db")
    first, second = open_store(db), open_store(db)
    try:
        assert ingest_text(first, SEED.read_text(encoding="utf-8")).added
        stored = _rows(first)
        assert _rows(second) == stored and "pasukan" in stored
        with second.write() as tx:  # a word stored twice, by two writers, keeps the first stem
            stem_table.save(tx, [(tokens.stemmer_id("id"), "pasukan", "lain")])
        assert _rows(first)["pasukan"] == stored["pasukan"] != "lain"
    finally:
        first.close()
        second.close()


def test_stems_of_another_stemmer_version_are_ignored(tmp_path, fresh_stems):
    store = open_store(str(tmp_path / "a.db"))
    try:
        with store.write() as tx:
            stem_table.save(tx, [("id:sastrawi-0.9:r1", "pasukan", "salah"),
                                 (tokens.stemmer_id("id"), "pasukan", "penanda")])
        assert stem_table.load(store) == 1
        assert tokens.stem("pasukan") == "penanda"  # looked up, not stemmed
        assert stem_table.load(store) == 0  # once a process and store
    finally:
        store.close()


def test_analysis_with_stored_stems_equals_analysis_without(tmp_path, fresh_stems):
    from summarizer.article import analyze_article

    text = SEED.read_text(encoding="utf-8")
    cold = analyze_article(text)
    _ingest_seed(str(tmp_path / "a.db"))
    tokens.stem.cache_clear()
    tokens._known_stems.clear()
    stem_table._loaded.clear()
    assert stem_table.load(open_store(str(tmp_path / "a.db"))) > 100
    assert analyze_article(text) == cold


def test_the_postgresql_store_keeps_and_shares_the_table(postgres_url, fresh_stems):
    stored = _ingest_seed(postgres_url)
    assert len(stored) >= 100
    tokens._known_stems.clear()
    stem_table._loaded.clear()
    other = open_store(postgres_url)
    try:
        assert stem_table.load(other) == len(stored)
        assert all(tokens._known_stems[tokens.stemmer_id("id"), w] == s for w, s in stored.items())
    finally:
        other.close()


def test_stems_a_worker_computed_are_learned_by_the_writer(fresh_stems):
    # what `ingest --workers N` does with each worker's article: the writer, which analyses too,
    # then looks those words up instead of stemming them again (marker stems prove the look-up)
    stem_table.learn([(tokens.stemmer_id("id"), "pasukan", "penanda"), ("id:sastrawi-0.9:r1", "tentara", "salah"),
                      (tokens.stemmer_id("en"), "troops", "marker")])
    assert tokens.stem("pasukan") == "penanda" and tokens.stem("troops", "en") == "marker"
    assert tokens.stem("tentara") == "tentara"  # another stemmer's stem is not trusted
    assert tokens.take_new_stems() == [(tokens.stemmer_id("id"), "tentara", "tentara")]
