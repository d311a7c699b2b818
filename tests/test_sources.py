"""Sources end to end: chat commands -> BotApp -> real httpx/feedparser/trafilatura -> a local HTTP server.

Every failure case asserts the user-facing answer and that the articles
stored before it are exactly as they were.
"""
from __future__ import annotations

import logging
import asyncio
import html
import shutil
import threading
import time
import tracemalloc
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from pytest_httpserver import HTTPServer

from bot import sources
from bot.app import BotApp, parse_message
from bot.ingest import canonical_url
from bot.near_duplicates import is_near_duplicate, shingles
from bot.queries import topic_articles
from bot.models import Reply, Request
from bot.settings import load_settings

FIX = Path(__file__).parent / "fixtures" / "sources"
CONFIG = """
[sources]
timeout_seconds = 0.5
total_deadline_seconds = 2.0
max_bytes = 100000
max_redirects = 5
allow_hosts = {allow}
"""


# ---- fixtures and helpers ---------------------------------------------------------------
def _app(seeded_db: Path, tmp_path: Path, allow: str = '["127.0.0.1"]', env: dict | None = None) -> BotApp:
    config = tmp_path / "sources.toml"
    config.write_text(CONFIG.format(allow=allow))
    copy = tmp_path / "bot.db"
    shutil.copy(seeded_db, copy)
    return BotApp(load_settings(str(config), env=env or {}, db_path=str(copy)))


@pytest.fixture
def app(seeded_db: Path, tmp_path: Path, clean_env: None) -> BotApp:
    """A seeded bot whose fetches may reach 127.0.0.1 (the allow-list), with short timeouts."""
    return _app(seeded_db, tmp_path)


@pytest.fixture
def guarded_app(seeded_db: Path, tmp_path: Path, clean_env: None) -> BotApp:
    """The same with the allow-list off: the SSRF guard as deployed."""
    return _app(seeded_db, tmp_path, allow="[]")


@pytest.fixture
def server(httpserver_ipv4: HTTPServer) -> HTTPServer:
    return httpserver_ipv4


def say(app: BotApp, text: str, *, user: str = "operator", platform: str = "console",
        chat: str = "local", chat_kind: str = "private") -> Reply:
    command, args = parse_message(text)
    return app.handle(Request(platform=platform, chat=chat, user=user, command=command, args=args,
                              chat_kind=chat_kind))


def english(app: BotApp) -> None:
    app.store.set_chat_language("console", "local", "en")


def page(title: str, text_file: str) -> str:
    paragraphs = "\n".join(f"      <p>{html.escape(line)}</p>"
                           for line in (FIX / text_file).read_text(encoding="utf-8").splitlines() if line.strip())
    return (FIX / "page_template.html").read_text(encoding="utf-8").format(title=html.escape(title),
                                                                           paragraphs=paragraphs)


def feed(server: HTTPServer, name: str) -> str:
    return (FIX / name).read_text(encoding="utf-8").replace("{base}", server.url_for("").rstrip("/"))


def serve_site(server: HTTPServer) -> None:
    """The pages the RSS and Atom fixtures point to."""
    server.expect_request("/berita/kursk").respond_with_data(
        page("11.000 tentara Korea Utara dikerahkan ke Kursk", "kursk.txt"), content_type="text/html; charset=utf-8")
    server.expect_request("/berita/korban").respond_with_data(
        page("Korban tentara Korea Utara di Plekhovo", "korban.txt"), content_type="text/html; charset=utf-8")
    server.expect_request("/world/kursk-fighting").respond_with_data(
        page("North Korean troops join fighting in Kursk", "english.txt"), content_type="text/html")
    server.expect_request("/world/missing").respond_with_data("gone", status=404)
    server.expect_request("/rss").respond_with_data(feed(server, "rss.xml"), content_type="application/rss+xml")
    server.expect_request("/atom").respond_with_data(feed(server, "atom.xml"), content_type="application/atom+xml")


def snapshot(app: BotApp) -> list[tuple]:
    """Every stored article as it is now, to prove a failure changed nothing."""
    return [tuple(row.values()) for row in app.store.query(
        "select id, source_id, url, canonical_url, content_hash, title, outlet, body, story_id from articles "
        "order by id")]


def sentence_count(app: BotApp) -> int:
    return app.store.db["sentences"].count


def articles_of(app: BotApp, source_id: int) -> list[dict]:
    return list(app.store.query("select * from articles where source_id = ? order by id", (source_id,)))


def requests_to(server: HTTPServer, path: str) -> int:
    return sum(1 for request, _ in server.log if request.path == path)


# ---- adding feeds and pages ----------------------------------------------------------------
def test_rss_feed_is_ingested_with_main_text_only_and_tracking_duplicates_skipped(app: BotApp, server: HTTPServer):
    serve_site(server)
    english(app)
    reply = say(app, f"/addsource {server.url_for('/rss')}")
    assert reply.title.startswith("Added source #")
    assert "\u201cWarta Contoh - Internasional\u201d (RSS/Atom feed): 2 articles added, 1 skipped as duplicates" \
        in reply.title
    source_id = int(reply.title.split("#")[1].split()[0])
    stored = articles_of(app, source_id)
    assert [a["title"] for a in stored] == ["11.000 tentara Korea Utara dikerahkan ke Kursk",
                                           "Korban tentara Korea Utara di Plekhovo"]
    kursk = stored[0]
    assert "sekitar 11.000 tentara Korea Utara telah dikerahkan" in kursk["body"]
    for boilerplate in ("Beranda", "menu navigasi", "Baca juga", "harga cabai", "Hak cipta", "Kebijakan privasi"):
        assert boilerplate not in kursk["body"], boilerplate
    assert kursk["canonical_url"].endswith("/berita/kursk")  # utm_* dropped
    assert kursk["published"] == "2024-11-20T01:00:00+00:00" and kursk["lang"] == "id"
    # The third entry is the same article behind fbclid/utm/#fragment: recognised without a second fetch.
    assert requests_to(server, "/berita/kursk") == 1


def test_atom_feed_with_an_english_article_and_a_summary_fallback(app: BotApp, server: HTTPServer):
    serve_site(server)
    english(app)
    reply = say(app, f"/addsource {server.url_for('/atom')} World desk")
    assert "\u201cWorld desk\u201d (RSS/Atom feed): 2 articles added, 0 skipped" in reply.title
    assert any("1 article page could not be fetched; the feed's own summary was used" in i.text
               for i in reply.items)
    source_id = int(reply.title.split("#")[1].split()[0])
    english_article, fallback = articles_of(app, source_id)
    # English goes through the English pipeline: language tag and English stems.
    assert english_article["lang"] == "en" and english_article["outlet"] == "World desk"
    stems = " ".join(r["stems"] for r in app.store.query(
        "select stems from sentences where article_id = ?", (english_article["id"],)))
    assert "troop" in stems.split() and "troops" not in stems.split()
    assert fallback["title"] == "Page gone, summary stays"
    assert "pesawat nirawak" in fallback["body"] and "<p>" not in fallback["body"]


def test_single_article_page_in_windows_1252(app: BotApp, server: HTTPServer):
    text = ("Menteri Luar Negeri menyebut \u201ckerja sama\u201d militer itu melanggar r\u00e9solusi Dewan "
            "Keamanan \u2014 dan menilai biaya operasinya mencapai \u20ac5 juta per pekan. ")
    body = page("Kerja sama militer dikecam", "kursk.txt").replace(
        '<meta charset="utf-8">', "").replace("<div class=\"post-body\">", f"<div class=\"post-body\"><p>{text}</p>")
    server.expect_request("/cp1252").respond_with_data(body.encode("cp1252"),
                                                       content_type="text/html; charset=windows-1252")
    reply = say(app, f"/addsource {server.url_for('/cp1252')}")
    assert "(halaman web) ditambahkan: 1 artikel baru" in reply.title
    stored = list(app.store.query("select body, title from articles where url = ?", (server.url_for("/cp1252"),)))
    assert "\u201ckerja sama\u201d" in stored[0]["body"] and "r\u00e9solusi" in stored[0]["body"]
    assert "\u20ac5 juta" in stored[0]["body"] and "\ufffd" not in stored[0]["body"]
    assert stored[0]["title"] == "Kerja sama militer dikecam"


def test_near_duplicate_from_a_second_outlet_joins_the_story(app: BotApp, server: HTTPServer):
    server.expect_request("/antara/wire").respond_with_data(page("RI minta semua pihak menahan diri", "wire_antara.txt"),
                                                            content_type="text/html")
    server.expect_request("/kompas/wire").respond_with_data(
        page("Indonesia minta pihak di konflik Ukraina menahan diri", "wire_kompas.txt"), content_type="text/html")
    server.expect_request("/berita/kursk").respond_with_data(page("Pengerahan ke Kursk", "kursk.txt"),
                                                             content_type="text/html")
    english(app)
    first = say(app, f"/addsource {server.url_for('/antara/wire')} ANTARA")
    second = say(app, f"/addsource {server.url_for('/kompas/wire')} Kompas")
    other = say(app, f"/addsource {server.url_for('/berita/kursk')} Warta")
    assert "1 article added" in first.title and "1 article added" in second.title
    assert any("1 article repeats a story already stored (another outlet) and was joined to that story." in i.text
               for i in second.items)
    assert not other.items
    rows = {r["outlet"]: r for r in app.store.query("select id, outlet, story_id from articles where outlet in "
                                                    "('ANTARA', 'Kompas', 'Warta')")}
    assert rows["ANTARA"]["story_id"] == rows["Kompas"]["story_id"] == rows["ANTARA"]["id"]
    assert rows["Warta"]["story_id"] == rows["Warta"]["id"]
    # A topic found only in ANTARA's wording ("Perserikatan Bangsa-Bangsa"; Kompas writes "PBB") brings
    # Kompas's copy of the story too, and not the other outlet's article.
    story = topic_articles(app.store, ["Perserikatan Bangsa-Bangsa"])
    assert rows["Kompas"]["id"] in story and rows["ANTARA"]["id"] in story and rows["Warta"]["id"] not in story


def test_near_duplicate_rule():
    antara, kompas, kursk, korban = (shingles((FIX / f).read_text(encoding="utf-8"))
                                     for f in ("wire_antara.txt", "wire_kompas.txt", "kursk.txt", "korban.txt"))
    assert is_near_duplicate(antara, kompas)
    assert not is_near_duplicate(kursk, korban) and not is_near_duplicate(antara, kursk)
    assert not is_near_duplicate(shingles("satu dua tiga empat lima"), shingles("satu dua tiga empat lima"))


def test_seeds_have_stories_after_the_migration(app: BotApp):
    rows = list(app.store.query("select id, story_id from articles"))
    assert rows and all(r["story_id"] for r in rows)
    assert app.store.db["article_buckets"].count >= 32 * len(rows)


@pytest.mark.parametrize("raw,canonical", [
    ("HTTPS://Example.COM:443/a/b/?utm_source=x&id=5&fbclid=1#top", "https://example.com/a/b?id=5"),
    ("http://example.com:8080/x?b=2&a=1&utm_medium=y", "http://example.com:8080/x?a=1&b=2"),
    ("https://example.com/?ref=tw", "https://example.com/"),
    ("https://example.com/x?reference=7&gclid=z", "https://example.com/x?reference=7"),
    ("https://example.com/Berita/ID-5", "https://example.com/Berita/ID-5"),
])
def test_canonical_url(raw: str, canonical: str):
    assert canonical_url(raw) == canonical


# ---- failures: the answer, and nothing stored changes ------------------------------------------
SLOW_DONE = threading.Event()


def _slow(request):  # noqa: ANN001 - werkzeug request
    from werkzeug import Response

    SLOW_DONE.clear()
    time.sleep(0.8)
    SLOW_DONE.set()
    return Response("late")


FAILURES = [
    ("malformed XML", lambda s: s.expect_request("/f").respond_with_data(
        (FIX / "malformed.xml").read_bytes(), content_type="application/rss+xml"),
     "The feed is not well-formed XML and no entries could be read"),
    ("billion laughs", lambda s: s.expect_request("/f").respond_with_data(
        (FIX / "billion_laughs.xml").read_bytes(), content_type="application/rss+xml"),
     "Refused: the feed declares XML entities or a DTD"),
    ("external entity", lambda s: s.expect_request("/f").respond_with_data(
        (FIX / "external_entity.xml").read_bytes(), content_type="text/xml"),
     "Refused: the feed declares XML entities or a DTD"),
    ("404", lambda s: s.expect_request("/f").respond_with_data("no", status=404),
     "The server answered HTTP 404 NOT FOUND."),
    ("500", lambda s: s.expect_request("/f").respond_with_data("boom", status=500),
     "The server answered HTTP 500 INTERNAL SERVER ERROR."),
    ("redirect loop", lambda s: (
        s.expect_request("/f").respond_with_data("", status=302, headers={"Location": "/g"}),
        s.expect_request("/g").respond_with_data("", status=302, headers={"Location": "/f"})),
     "The URL redirects in a loop"),
    ("slow", lambda s: s.expect_request("/f").respond_with_handler(_slow),
     "The server did not answer within 0.5 seconds."),
    ("too large", lambda s: s.expect_request("/f").respond_with_data(b"<html>" + b"a" * 200_000,
                                                                      content_type="text/html"),
     "The response is larger than the 100000-byte limit; the download was stopped."),
    ("not a feed or page", lambda s: s.expect_request("/f").respond_with_data(b"\x89PNG\r\n\x1a\n" + b"0" * 100,
                                                                               content_type="image/png"),
     "Found image/png (108 bytes), which is neither an RSS/Atom feed nor a web page."),
    ("page without an article", lambda s: s.expect_request("/f").respond_with_data(
        '<html><head><title>Beranda</title><link rel="alternate" type="application/rss+xml" href="/rss">'
        '</head><body><nav><a href="/a">Nasional</a> <a href="/b">Dunia</a></nav></body></html>',
        content_type="text/html"),
     "Found a web page \u201cBeranda\u201d with no article text (only 0 characters of main text). "
     "The page links to a feed: http://127.0.0.1:"),
]


@pytest.mark.parametrize("case,setup,message", FAILURES, ids=[f[0] for f in FAILURES])
def test_addsource_failures_answer_clearly_and_store_nothing(app: BotApp, server: HTTPServer,
                                                             case: str, setup, message: str):
    setup(server)
    english(app)
    before, sentences, sources_before = snapshot(app), sentence_count(app), app.store.db["sources"].count
    reply = say(app, f"/addsource {server.url_for('/f')}")
    assert reply.title.startswith(f"Could not add {server.url_for('/f')}: ")
    assert message in reply.title
    assert reply.title.endswith("Nothing was stored.") and reply.ephemeral
    assert snapshot(app) == before and sentence_count(app) == sentences
    assert app.store.db["sources"].count == sources_before
    if case == "slow":
        SLOW_DONE.wait(3)  # the test server answers one request at a time: let it finish


def test_billion_laughs_is_refused_cheaply_in_indonesian_too(app: BotApp, server: HTTPServer):
    server.expect_request("/f").respond_with_data((FIX / "billion_laughs.xml").read_bytes(),
                                                  content_type="application/rss+xml")
    tracemalloc.start()
    try:
        reply = say(app, f"/addsource {server.url_for('/f')}")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "Ditolak: feed ini mendeklarasikan entitas XML/DTD" in reply.title
    assert peak < 20_000_000  # expanded, &lol9; alone would be 3 GB


@pytest.mark.parametrize("url,message", [
    ("http://127.0.0.1:{port}/rss", "Refused: 127.0.0.1 points to a loopback address (127.0.0.1)."),
    ("http://169.254.169.254/latest/meta-data/", "Refused: 169.254.169.254 points to a link-local address"),
    ("http://[::1]:{port}/rss", "Refused: ::1 points to a loopback address (::1)."),
])
def test_ssrf_attempts_are_refused_without_the_allow_list(guarded_app: BotApp, server: HTTPServer,
                                                          url: str, message: str):
    serve_site(server)
    english(guarded_app)
    before = snapshot(guarded_app)
    reply = say(guarded_app, "/addsource " + url.format(port=server.port))
    assert message in reply.title and "[sources] allow_hosts" in reply.title
    assert server.log == [] and snapshot(guarded_app) == before


def test_a_redirect_towards_metadata_is_refused_at_the_hop(app: BotApp, server: HTTPServer):
    server.expect_request("/f").respond_with_data("", status=301,
                                                  headers={"Location": "http://169.254.169.254/latest/"})
    english(app)
    reply = say(app, f"/addsource {server.url_for('/f')}")
    assert "Refused: 169.254.169.254 points to a link-local address (169.254.169.254)" in reply.title


def test_only_http_and_https(app: BotApp):
    english(app)
    assert "Only http and https URLs are allowed (not file:)" in say(app, "/addsource file:///etc/passwd").title
    assert "Only http and https URLs are allowed (not ftp:)" in say(app, "/addsource ftp://127.0.0.1/x").title


def test_adding_the_same_source_twice_is_refused(app: BotApp, server: HTTPServer):
    serve_site(server)
    english(app)
    first = say(app, f"/addsource {server.url_for('/rss')}")
    again = say(app, f"/addsource {server.url_for('/rss')}?utm_source=chat")
    source_id = first.title.split("#")[1].split()[0]
    assert f"Already source #{source_id} \u201cWarta Contoh - Internasional\u201d." in again.title


# ---- refresh, backoff, schedule ----------------------------------------------------------
def _add(app: BotApp, url: str, name: str = "") -> int:
    reply = say(app, f"/addsource {url} {name}".strip())
    assert "#" in reply.title, reply.title
    return int(reply.title.split("#")[1].split()[0])


def _source(app: BotApp, source_id: int) -> dict:
    return next(app.store.query("select * from sources where id = ?", (source_id,)))


def _minutes_until(iso: str) -> float:
    return (datetime.fromisoformat(iso) - datetime.now(timezone.utc)).total_seconds() / 60


def test_failing_refresh_backs_off_exponentially_capped_and_keeps_articles(app: BotApp, server: HTTPServer):
    serve_site(server)
    english(app)
    source_id = _add(app, server.url_for("/rss"))
    before = snapshot(app)
    server.clear()
    server.expect_request("/rss").respond_with_data("down", status=500)
    waits = []
    for _ in range(5):
        reply = say(app, f"/refresh {source_id}")
        assert "Refreshed 1 source: 0 new articles, 1 failed." == reply.title
        assert "failed \u2014 The server answered HTTP 500" in reply.items[0].text
        assert "Stored articles are untouched." in reply.items[0].text
        waits.append(round(_minutes_until(_source(app, source_id)["next_fetch_at"])))
    assert waits == [60, 120, 240, 360, 360]  # 30 min doubled per failure, capped at 6 h
    assert _source(app, source_id)["failures"] == 5
    assert snapshot(app) == before
    listing = say(app, "/sources")
    line = next(i.text for i in listing.items if i.extra.get("id") == source_id)
    assert "last error: The server answered HTTP 500 INTERNAL SERVER ERROR." in line
    assert "last fetched" in line and "next fetch" in line
    # Recovery resets the backoff and clears the error.
    server.clear()
    serve_site(server)
    reply = say(app, f"/refresh {source_id}")
    assert reply.title == "Refreshed 1 source: 0 new articles, 0 failed."
    state = _source(app, source_id)
    assert state["failures"] == 0 and state["last_error"] is None
    assert round(_minutes_until(state["next_fetch_at"])) == 30


def test_hostile_feed_on_refresh_is_recorded_and_articles_kept(app: BotApp, server: HTTPServer):
    serve_site(server)
    source_id = _add(app, server.url_for("/rss"))
    before = snapshot(app)
    server.clear()
    server.expect_request("/rss").respond_with_data((FIX / "billion_laughs.xml").read_bytes(),
                                                    content_type="application/rss+xml")
    run = sources.refresh_source(app, source_id)
    assert run.error is not None and run.error.code == "hostile_xml"
    assert snapshot(app) == before


def test_refresh_due_honours_schedule_and_one_bad_source_never_stops_the_others(app: BotApp, server: HTTPServer):
    serve_site(server)
    server.expect_request("/broken").respond_with_data(page("Halaman rusak", "korban.txt"), content_type="text/html")
    bad = _add(app, server.url_for("/broken"), "Rusak")
    good = _add(app, server.url_for("/rss"), "Bagus")
    later = _add(app, server.url_for("/atom"), "Nanti")
    server.clear()
    serve_site(server)
    server.expect_request("/broken").respond_with_data((FIX / "malformed.xml").read_bytes(), content_type="text/xml")
    past = (datetime.now(timezone.utc) - timedelta(minutes=1)).isoformat(timespec="seconds")
    with app.store.write() as db:  # the bad one first in line, the Atom source not due yet
        db.execute("update sources set next_fetch_at = ? where id in (?, ?)", (past, bad, good))
    runs = sources.refresh_due(app)
    assert [r.source_id for r in runs] == [bad, good]
    assert runs[0].error is not None and runs[0].error.code == "malformed_xml"
    assert runs[1].error is None and runs[1].duplicates == 3
    assert later not in [r.source_id for r in runs] and requests_to(server, "/atom") == 0  # not due
    assert _source(app, good)["failures"] == 0 and _source(app, bad)["failures"] == 1
    assert sources.due_sources(app) == []


async def test_schedule_refresh_adds_one_interval_job_that_runs_due_sources_off_the_loop(
        app: BotApp, server: HTTPServer):
    serve_site(server)
    source_id = await asyncio.to_thread(_add, app, server.url_for("/rss"))
    scheduler = AsyncIOScheduler(timezone=timezone.utc)
    scheduler.start(paused=True)  # jobs are stored (and replaced) but nothing fires on its own
    try:
        job = sources.schedule_refresh(app.context, scheduler, app.source_pool)
        assert job.id == sources.REFRESH_JOB_ID and job.trigger.interval == timedelta(minutes=30)
        again = sources.schedule_refresh(app.context, scheduler, app.source_pool)
        assert again.id == job.id and len(scheduler.get_jobs()) == 1
        assert asyncio.iscoroutinefunction(job.func)  # runs on the loop, hands the work to a thread
        with app.store.write() as db:
            db.execute("update sources set next_fetch_at = '2000-01-01T00:00:00+00:00' where id = ?", (source_id,))
        fetched_before = requests_to(server, "/rss")
        await job.func()
        assert requests_to(server, "/rss") == fetched_before + 1
        assert _minutes_until(_source(app, source_id)["next_fetch_at"]) > 25
        await job.func()  # nothing is due now: no fetch
        assert requests_to(server, "/rss") == fetched_before + 1
    finally:
        scheduler.shutdown(wait=False)


# ---- pasted text -------------------------------------------------------------------------------
ARTICLE = (FIX / "korban.txt").read_text(encoding="utf-8")


def test_addtext_in_one_message_with_a_title(app: BotApp):
    english(app)
    reply = say(app, f"/addtext Korban di Plekhovo | {ARTICLE}")
    assert reply.title.startswith("Added the text as source #") and "\u201cKorban di Plekhovo\u201d" in reply.title
    source_id = int(reply.title.split("#")[1].split(":")[0])
    stored = articles_of(app, source_id)
    assert len(stored) == 1 and stored[0]["body"] == ARTICLE.strip() and stored[0]["title"] == "Korban di Plekhovo"
    again = say(app, f"/addtext {ARTICLE}")
    assert again.title == f"This text is already stored (article #{stored[0]['id']}); not added again."


def test_addtext_followup_in_a_private_chat_titled_by_the_first_sentence(app: BotApp):
    english(app)
    prompt = say(app, "/addtext")
    assert prompt.title.startswith("Send the article text in your next message")
    reply = say(app, ARTICLE)  # free text: goes to /addtext, not to question answering
    assert reply.title.startswith("Added the text as source #")
    assert "\u201cBadan intelijen militer Ukraina melaporkan" in reply.title
    assert say(app, "/sources").items[0].text.endswith("(pasted text) \u00b7 1 article")


def test_an_answer_from_pasted_text_names_it_once_on_every_platform(app: BotApp):
    from adapters.slack.render import source_link
    from adapters.telegram.render import _source_html

    english(app)
    first = "Banjir besar melanda Kota Semarang pada Senin."
    say(app, "/addtext " + first + " Sekitar 2.000 warga mengungsi ke tempat yang lebih tinggi, kata BPBD Semarang.")
    answer = say(app, "How many residents fled in Semarang?")
    pasted = answer.items[0].sources[0]
    assert pasted.source.startswith("Banjir besar")  # a pasted text's source is named by its first sentence
    # ... so it is cited once, not as "its first sentence: its first sentence"
    assert f"   \u2014 {first}" in answer.to_text().splitlines()
    assert source_link(pasted) == first and _source_html(pasted) == first
    # an article with an outlet of its own is still cited as "outlet: title"
    seeds = say(app, "/about Budanov").items[0].sources[0]
    assert seeds.label() == f"{seeds.source}: {seeds.title}" and seeds.source not in seeds.title


def test_addtext_in_a_group_needs_the_text_in_the_message(app: BotApp):
    app.store.set_chat_language("console", "group", "en")
    reply = say(app, "/addtext", chat="group", chat_kind="group")
    assert reply.title == "Usage: /addtext [title |] article text"


# ---- listing and removing --------------------------------------------------------------------
def test_sources_lists_the_bundled_seeds_for_everyone(app: BotApp):
    reply = say(app, "/sources", platform="telegram", user="42", chat="g")
    assert reply.title == "Sumber (1)"
    assert reply.items[0].text == "artikel bawaan (seeds) \u00b7 5 artikel"


def test_removesource_removes_its_articles_by_default_and_says_how_many(app: BotApp, server: HTTPServer):
    serve_site(server)
    english(app)
    seeds = snapshot(app)
    source_id = _add(app, server.url_for("/rss"))
    reply = say(app, f"/removesource {source_id}")
    assert reply.title == f"Removed source #{source_id} \u201cWarta Contoh - Internasional\u201d and its 2 articles."
    assert snapshot(app) == seeds
    for table in ("sentences", "claims", "entities", "article_buckets"):  # nothing derived is left behind
        assert not list(app.store.query(f"select 1 from {table} where article_id not in (select id from articles)"))
    assert say(app, f"/removesource {source_id}").title == f"No source {source_id}. See /sources."


def test_removesource_keep_articles_by_url(app: BotApp, server: HTTPServer):
    serve_site(server)
    english(app)
    source_id = _add(app, server.url_for("/rss"))
    kept = [r["id"] for r in articles_of(app, source_id)]
    reply = say(app, f"/removesource {server.url_for('/rss')} --keep-articles")
    assert reply.title == f"Removed source #{source_id} \u201cWarta Contoh - Internasional\u201d; its 2 articles were kept."
    assert [r["id"] for r in app.store.query("select id from articles where id in (?, ?)", tuple(kept))] == kept
    lines = [i.text for i in say(app, "/sources").items]
    assert lines == ["bundled articles (seeds) \u00b7 5 articles",
                     "articles without a source (kept after removal, or ingested from files) \u00b7 2 articles"]


# ---- admins and audit ------------------------------------------------------------------------
@pytest.mark.parametrize("command", ["/addsource http://127.0.0.1/rss", "/addtext judul | teks", "/removesource 1",
                                     "/refresh", "/audit", "/admins", "/removesource seeds"])
def test_non_admins_are_refused_and_audited(app: BotApp, command: str):
    before = snapshot(app)
    reply = say(app, command, platform="telegram", user="42", chat="-100")
    name = command.split()[0][1:]
    assert reply.title == f"/{name} hanya untuk admin bot. Permintaan ini dicatat." and reply.ephemeral
    row = next(app.store.query("select * from audit order by id desc limit 1"))
    assert (row["principal"], row["platform"], row["chat"], row["command"], row["result"]) == (
        "telegram:42", "telegram", "-100", name, "refused: not an admin")
    assert snapshot(app) == before


def test_audit_shows_recent_admin_commands_with_results(app: BotApp, server: HTTPServer):
    serve_site(server)
    english(app)
    say(app, "/addsource ftp://nowhere/x")
    say(app, "/refresh", platform="telegram", user="42")
    reply = say(app, "/audit 2")
    assert reply.title == "Audit log: last 2 entries"
    assert "telegram:42 (telegram:local) /refresh \u2192 refused: not an admin" in reply.items[0].text
    assert "console (console:local) /addsource ftp://nowhere/x \u2192 Could not add ftp://nowhere/x" \
        in reply.items[1].text
    # /audit itself is audited too (by BotApp), so it shows up next time.
    assert say(app, "/audit 1").items[0].extra["command"] == "audit"


def test_admins_come_from_config_and_the_environment(seeded_db: Path, tmp_path: Path, clean_env: None):
    app = _app(seeded_db, tmp_path, env={"BRIEFBOT_ADMINS": "telegram:123, slack:U123"})
    english(app)
    reply = say(app, "/admins")
    assert reply.title == "Bot admins (3)"
    assert [i.text for i in reply.items] == ["console (config)", "slack:U123 (environment BRIEFBOT_ADMINS)",
                                             "telegram:123 (environment BRIEFBOT_ADMINS)"]
    assert say(app, "/admins", platform="telegram", user="123").title == "Admin bot (3)"  # an admin from env


def test_refresh_uses_a_conditional_get_and_an_unchanged_feed_costs_nothing(app: BotApp, server: HTTPServer):
    serve_site(server)
    server.clear()
    server.expect_request("/rss").respond_with_data(feed(server, "rss.xml"), content_type="application/rss+xml",
                                                    headers={"ETag": '"v1"'})
    serve_site(server)
    english(app)
    source_id = _add(app, server.url_for("/rss"))
    before = snapshot(app)
    server.clear()
    server.expect_request("/rss", headers={"If-None-Match": '"v1"'}).respond_with_data("", status=304)
    reply = say(app, f"/refresh {source_id}")
    assert reply.items[0].text == f"#{source_id} Warta Contoh - Internasional: not changed since the last fetch."
    assert [r.path for r, _ in server.log] == ["/rss"] and snapshot(app) == before
    assert _source(app, source_id)["last_error"] is None


def test_a_url_without_scheme_means_https_and_is_still_guarded_in_indonesian(guarded_app: BotApp):
    reply = say(guarded_app, "/addsource 10.0.0.5/rss")
    assert reply.title == ("Tidak dapat menambah https://10.0.0.5/rss: Ditolak: 10.0.0.5 mengarah ke alamat privat "
                           "(10.0.0.5). Host internal harus dimasukkan ke [sources] allow_hosts. Tidak ada yang disimpan.")


def test_refresh_of_every_source_reports_its_progress_in_the_log(app: BotApp, server: HTTPServer, caplog):
    serve_site(server)
    ids = [_add(app, server.url_for("/rss"), "RSS"), _add(app, server.url_for("/atom"), "Atom")]
    with caplog.at_level(logging.INFO, logger="bot.progress"):
        reply = say(app, "/refresh")
    lines = [r.getMessage() for r in caplog.records if r.name == "bot.progress"]
    assert lines[0] == f"refresh of every source: started (0 of {len(ids)} sources)"
    assert lines[-1].startswith(f"refresh of every source: {len(ids)} sources in ")
    assert reply.items  # the reply itself is unchanged: one line per source


@pytest.mark.parametrize("args", ["text Gempa Cianjur mengguncang Jawa Barat", "berita", "teks | Judul"])
def test_addsource_with_a_word_that_is_no_web_address_points_to_addtext(app: BotApp, args: str):
    # a word with no dot names no site: say so and point to /addtext, without a DNS look-up
    before, sources_before = snapshot(app), app.store.db["sources"].count
    reply = say(app, f"/addsource {args}")
    assert "bukan alamat web" in reply.title and "/addtext" in reply.title and reply.ephemeral
    assert snapshot(app) == before and app.store.db["sources"].count == sources_before
    english(app)
    assert "is not a web address" in say(app, f"/addsource {args}").title
