"""Hostile or malformed ingest input: wrong-typed .jsonl fields, and invisible characters that spoof text."""
from __future__ import annotations

import json
from dataclasses import replace

import pytest

from bot.cli import main
from bot.ingest import ingest_paths, ingest_text
from bot.models import Request
from bot.store.sqlite import SQLiteStore
from summarizer.invisible import neutralise
from tests.conftest import SEEDS

SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
ENGLISH = ("North Korean troops have been deployed to the Kursk region of Russia, according to officials in "
           "Seoul and Washington. The soldiers arrived by train in late October and were issued Russian "
           "uniforms. Analysts said the deployment marked a new phase of the war. ")


def _line(text: str, **fields: object) -> str:
    return json.dumps({"text": text, **fields}, ensure_ascii=False)


def test_wrong_typed_jsonl_fields_are_counted_and_named_and_the_rest_ingested(tmp_path, capsys, clean_env):
    first = tmp_path / "a.jsonl"
    first.write_text("\n".join([
        _line(SEED_TEXTS[0], title="Satu"),
        _line(SEED_TEXTS[1], title=123),
        _line(SEED_TEXTS[2], url=42),
        _line(SEED_TEXTS[3], published={}),
        _line(SEED_TEXTS[4], source=["a"]),
        json.dumps({"text": 7}),
        "[1, 2]",
        "{broken",
        _line(ENGLISH * 3, title="Two", url="https://example.org/kursk", source="Example", published="2024-11-01"),
    ]) + "\n", encoding="utf-8")
    second = tmp_path / "b.jsonl"  # a later file is still read
    second.write_text(_line(SEED_TEXTS[1].replace("Rusia", "Federasi Rusia"), title="Tiga") + "\n", encoding="utf-8")
    code = main(["ingest", str(first), str(second), "--db", str(tmp_path / "bot.db")])
    out = capsys.readouterr().out
    assert code == 0
    assert out.splitlines()[0] == "added 3 articles, 0 duplicates skipped, 7 problems:"
    for number, field in [(2, '"title"'), (3, '"url"'), (4, '"published"'), (5, '"source"'), (6, '"text"')]:
        assert any(line.strip().startswith(f"{first}:{number}: field {field}") for line in out.splitlines()), out
    assert f"{first}:7: each line must be a JSON object, got a list" in out
    assert f"{first}:8: invalid JSON" in out
    store = SQLiteStore(tmp_path / "bot.db")
    try:
        titles = {row["title"] for row in store.query("select title from articles")}
    finally:
        store.close()
    assert {"Satu", "Two", "Tiga"} <= titles and len(titles) == 3


def test_a_bad_line_in_the_middle_keeps_the_counts_of_lines_already_committed(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join([_line(SEED_TEXTS[0]), _line(SEED_TEXTS[2], title=["x"]), _line(SEED_TEXTS[3])]),
                    encoding="utf-8")
    store = SQLiteStore(tmp_path / "c.db")
    try:
        report = ingest_paths(store, [path])
    finally:
        store.close()
    assert report.added == 2 and [where for where, _ in report.errors] == [f"{path}:2"]


SPOOFS = {
    "rtl override": ("Pasukan tiba di \u202egpj.exe\u202c Kursk", "Pasukan tiba di gpj.exe Kursk"),
    "isolates": ("Kata \u2067\u2066sumber\u2069\u2069 resmi", "Kata sumber resmi"),
    "zero width": ("Ku\u200brs\u2060k dan Be\ufefflgorod", "Kursk dan Belgorod"),
    "marks": ("Seoul\u200e mengatakan\u200f", "Seoul mengatakan"),
    "tags": ("Berita\U000E0049\U000E0047\U000E004E\U000E004F\U000E0052\U000E0045 ini", "Berita ini"),
    "soft hyphen and joiners in latin": ("pa\u00adsu\u200dkan Ru\u200csia", "pasukan Rusia"),
}


@pytest.mark.parametrize("case", list(SPOOFS))
def test_neutralise_removes_what_could_spoof_the_display(case):
    raw, shown = SPOOFS[case]
    assert neutralise(raw) == shown


def test_neutralise_keeps_what_real_scripts_need():
    persian = "می\u200cخواهم"  # ZWNJ inside a Persian word changes its shape, not its letters
    family = "\U0001F468\u200d\U0001F469\u200d\U0001F467"  # one emoji, joined by ZWJ
    arabic_number = "\u0600123"
    for text in (persian, family, arabic_number, "Kursk 11.000 tentara", "Zürich, Đà Nẵng"):
        assert neutralise(text) == text


def test_invisible_characters_are_neutralised_at_ingest_in_text_title_and_outlet(app):
    body = ("Pasukan Korea Utara\u202e tiba di Kursk\u200b pada bulan Oktober menurut pejabat Korea Selatan. "
            "Sebanyak 11.000 tentara dikerahkan ke wilayah perbatasan Rusia itu. ") * 3
    outcome = ingest_text(app.store, body, title="Judul\u202e palsu\u200b", outlet="Out\u2066let\u2069",
                          url="https://example.org/spoof")
    assert outcome.added
    row = next(app.store.query("select title, outlet, body from articles where id = ?", (outcome.article_id,)))
    sentences = [r["text"] for r in app.store.query("select text from sentences where article_id = ?",
                                                    (outcome.article_id,))]
    for text in (row["title"], row["outlet"], row["body"], *sentences):
        assert not any(ch in text for ch in "\u202e\u200b\u2066\u2069"), text
    assert row["title"] == "Judul palsu" and row["outlet"] == "Outlet"


def test_a_source_name_given_by_an_admin_is_neutralised(app, httpserver_ipv4, tmp_path):
    from bot import sources

    app.settings.sources = replace(app.settings.sources, allow_hosts=("127.0.0.1",))
    page = ("<html><head><title>t</title></head><body><article><h1>Judul</h1>"
            + "".join(f"<p>{s}</p>" for s in SEED_TEXTS[0].splitlines() if s.strip()) + "</article></body></html>")
    httpserver_ipv4.expect_request("/a").respond_with_data(page, content_type="text/html")
    run = sources.add_source(app, httpserver_ipv4.url_for("/a"), "Kompas\u202e\u200b")
    assert run.name == "Kompas"
    reply = app.handle(Request("console", "local", "operator", is_admin=True, command="sources"))
    assert "\u202e" not in reply.to_text() and "Kompas" in reply.to_text()
