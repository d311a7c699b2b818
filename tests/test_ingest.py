"""Ingestion and the store: idempotent, deduplicated, boilerplate-free, and bad files reported."""
import json

from bot.ingest import canonical_url, ingest_paths, ingest_text
from bot.store.sqlite import SQLiteStore
from tests.conftest import SEEDS


def test_seeds_ingest_once(tmp_path):
    store = SQLiteStore(tmp_path / "a.db")
    first = ingest_paths(store, [SEEDS])
    second = ingest_paths(store, [SEEDS])
    assert first.added == 5 and not first.errors
    assert second.added == 0 and second.duplicates == 5
    assert store.article_count() == 5


def test_every_article_gets_sentences_summary_claims_and_fts(tmp_path):
    store = SQLiteStore(tmp_path / "a.db")
    ingest_paths(store, [SEEDS])
    per_article = list(store.query(
        "select a.id, count(s.id) n, sum(s.in_summary) k from articles a join sentences s on s.article_id = a.id "
        "group by a.id"))
    assert len(per_article) == 5
    assert all(row["n"] >= 5 and row["k"] >= 1 for row in per_article)
    assert store.db["claims"].count >= 10
    hits = list(store.query("select rowid from sentences_fts where sentences_fts match 'kursk'"))
    assert len(hits) >= 10


def test_boilerplate_never_stored(tmp_path):
    store = SQLiteStore(tmp_path / "a.db")
    ingest_paths(store, [SEEDS])
    texts = [r["text"] for r in store.query("select text from sentences")]
    assert not [t for t in texts if t.startswith(("Artikel lain terkait", "Lebih lanjut tentang", "Baca juga"))]
    assert not [t for t in texts if "geosurvey.co.id/putri" in t]


def test_same_text_reflowed_is_a_duplicate(tmp_path):
    store = SQLiteStore(tmp_path / "a.db")
    text = "Pasukan Korea Utara tiba di Kursk. Mereka berlatih bersama tentara Rusia."
    assert ingest_text(store, text).added
    again = ingest_text(store, "  " + text.replace(" ", "  ") + "\n")
    assert not again.added and again.reason == "duplicate content"


def test_url_with_tracking_parameters_is_a_duplicate(tmp_path):
    store = SQLiteStore(tmp_path / "a.db")
    assert ingest_text(store, "Teks pertama tentang Kursk.", url="https://Example.com/a/?utm_source=x#top").added
    again = ingest_text(store, "Teks lain sama sekali.", url="https://example.com/a?utm_medium=y")
    assert not again.added and again.reason == "duplicate url"


def test_canonical_url_keeps_meaningful_parameters():
    assert canonical_url("https://x.id/berita?id=5&utm_source=tw&fbclid=1#c") == "https://x.id/berita?id=5"


def test_bad_files_are_reported_by_name_and_the_rest_ingested(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Budanov mengatakan 2.600 tentara Korea Utara tiba di Kursk.", encoding="utf-8")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Pasukan tiba di Kursk \xe9\xe9.".encode("latin-1"))
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02PK\x03\x04")
    lines = tmp_path / "more.jsonl"
    lines.write_text("\n".join([
        json.dumps({"text": "NATO mengonfirmasi pasukan Korea Utara di Rusia.", "title": "NATO",
                    "url": "https://n.example/1", "source": "Contoh"}),
        "{not json",
        json.dumps({"title": "no text"}),
    ]), encoding="utf-8")
    store = SQLiteStore(tmp_path / "a.db")
    report = ingest_paths(store, [good, latin, binary, lines, tmp_path / "missing.txt"])
    assert report.added == 2
    named = " ".join(path for path, _ in report.errors)
    for name in ("latin.txt", "blob.txt", "more.jsonl:2", "more.jsonl:3", "missing.txt"):
        assert name in named
    row = next(store.query("select title, outlet, url from articles where url = 'https://n.example/1'"))
    assert row == {"title": "NATO", "outlet": "Contoh", "url": "https://n.example/1"}


def test_migrations_are_recorded_and_not_rerun(tmp_path):
    store = SQLiteStore(tmp_path / "a.db")
    names = {(r["migration_set"], r["name"]) for r in store.query("select * from _sqlite_migrations")}
    assert {("core", "core_001_articles"), ("core", "core_002_chats_audit"), ("indexes", "perf_001_summary_and_claim_indexes")} <= names
    assert SQLiteStore(tmp_path / "a.db").migrate() == []


def test_an_article_checked_first_is_analysed_as_in_one_step():
    """ingest_many cleans and hashes each article once (the duplicate check), then analyses that (issue 21)."""
    from dataclasses import asdict

    from bot.ingest import ArticleIn, analyse_checked, prepare
    from summarizer.article import content_hash

    seed = sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8")
    raw = "\u202e" + seed + "\u200b"  # a bidi override and a zero-width space: cleaned away, once

    def article() -> ArticleIn:
        return ArticleIn(raw, url="https://Example.com/a/?utm_source=x", published="Mon, 21 Oct 2024 10:00:00 +0700")

    checked = prepare(article(), analyse=False)
    assert checked.analysis is None and checked.digest == content_hash(checked.article.text)
    two_steps, one_step = analyse_checked(checked), prepare(article())
    assert asdict(two_steps.analysis) == asdict(one_step.analysis)
    assert (two_steps.canon, two_steps.digest, two_steps.buckets, two_steps.article) == \
        (one_step.canon, one_step.digest, one_step.buckets, one_step.article)
    assert "\u202e" not in two_steps.article.text and two_steps.analysis.content_hash == checked.digest


def test_the_ingest_report_counts_in_words_a_reader_would_write():
    from bot.ingest import IngestReport

    assert IngestReport(added=1, duplicates=1).summary() == "added 1 article, 1 duplicate skipped"
    assert IngestReport(added=0, duplicates=2).summary() == "added 0 articles, 2 duplicates skipped"
    report = IngestReport(added=2, errors=[("a.txt", "no text in file")])
    assert report.summary() == "added 2 articles, 0 duplicates skipped, 1 problem:\n  a.txt: no text in file"
