"""OPML import and export: the parser on reader exports and bad files, the command line, and
/importopml with a file attached through the real Telegram (PTB) and Slack (bolt) stacks."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot import opml
from bot.app import BotApp
from bot.detection import SourceError
from bot.models import Attachment, Request
from bot.settings import load_settings
from tests.fake_slack import FakeSlack
from tests.fake_telegram import FakeTelegram
from tests.test_slack import event_body, signed_post, slack_env
from tests.test_sources import CONFIG, serve_site

REPO = Path(__file__).resolve().parents[1]
FIX = Path(__file__).parent / "fixtures"
FEEDLY = (FIX / "opml" / "feedly.opml").read_bytes()
INOREADER = (FIX / "opml" / "inoreader.opml").read_bytes()
ADMIN_TG, ADMIN_SLACK = "telegram:42", "slack:UADMIN"


@pytest.fixture
def app(seeded_db: Path, tmp_path: Path, clean_env: None) -> BotApp:
    copy = tmp_path / "bot.db"
    shutil.copy(seeded_db, copy)
    return BotApp(load_settings(None, env={"BRIEFBOT_ADMINS": f"{ADMIN_TG},{ADMIN_SLACK}"}, db_path=str(copy)))


def feed_sources(app: BotApp) -> list[tuple[str, str]]:
    return [(r["name"], r["url"]) for r in app.store.query("select name, url from sources where kind = 'feed' "
                                                           "order by id")]


# ---- the parser ------------------------------------------------------------------------------------
def test_reader_exports_give_every_feed_with_its_name_once():
    feeds, skipped = opml.parse(FEEDLY)  # a newsroom's international desk, in folders (Feedly)
    assert [(f.name, f.url) for f in feeds] == [
        ("Kompas.com - Internasional", "https://www.kompas.com/rss/internasional"),
        ("ANTARA News - Dunia", "https://www.antaranews.com/rss/dunia.xml"),
        ("Tempo.co | Dunia", "https://rss.tempo.co/dunia"),
        ("Reuters & AP (world)", "https://feeds.example-wire.org/world?format=rss&lang=en"),
    ]  # the fifth outline is the ANTARA feed again (trailing slash): kept once
    assert skipped == []
    feeds, skipped = opml.parse(INOREADER)  # another desk and another story (Inoreader)
    assert [f.name for f in feeds] == ["Mongabay Indonesia", "Carbon Brief", "BMKG Peringatan Dini"]
    assert skipped == ["mailto:desk@example.org"]


@pytest.mark.parametrize("data,code", [
    (b'<?xml version="1.0"?>\n<opml version="2.0"><body>\n<outline text="a" xmlUrl="https://a.example/rss">\n'
     b"</body></opml>", "opml_malformed"),
    ((FIX / "sources" / "rss.xml").read_bytes(), "opml_not_opml"),
    ((FIX / "sources" / "billion_laughs.xml").read_bytes(), "hostile_xml"),
    (b'<opml version="2.0"><head><title>kosong</title></head><body><outline text="Folder"/></body></opml>',
     "opml_empty"),
    (b"<opml><body>" + b'<outline xmlUrl="https://a.example/rss"/>' * 30000 + b"</body></opml>", "opml_too_big"),
    (b"%PDF-1.4 not xml at all", "opml_malformed"),
])
def test_bad_files_are_refused_with_their_reason(data, code):
    with pytest.raises(SourceError) as refused:
        opml.parse(data)
    assert refused.value.code == code


def test_bad_files_get_a_clear_message_in_the_chat_language_and_store_nothing(app):
    before = feed_sources(app)
    broken = FEEDLY[: FEEDLY.index(b"Tempo")]
    for lang, expected in (("id", "OPML rusak"), ("en", "malformed OPML")):
        app.store.set_chat_language("console", "local", lang)
        reply = app.handle(Request("console", "local", "operator", command="importopml",
                                   attachment=Attachment("desk.opml", broken, len(broken))))
        assert reply.ephemeral and expected in reply.title and "desk.opml" in reply.title
        assert f"line {len(broken.splitlines())}," in reply.title  # where the file breaks
    assert feed_sources(app) == before


def test_import_keeps_names_counts_repeats_and_export_gives_them_back(app):
    first = opml.import_opml(app.store, FEEDLY, "console")
    again = opml.import_opml(app.store, FEEDLY, "console")
    assert len(first.added) == 4 and not first.existing and not again.added and len(again.existing) == 4
    opml.import_opml(app.store, INOREADER, "console")
    document, left_out = opml.export(app.store)
    feeds, _ = opml.parse(document)  # what we write, we (and other readers) can read
    assert [(f.name, f.url) for f in feeds] == feed_sources(app) and len(feeds) == 7 and left_out == 0
    due = {r["next_fetch_at"] is not None and r["last_ok_at"] is None
           for r in app.store.query("select * from sources where kind = 'feed'")}
    assert due == {True}  # due at once, never fetched yet: /sources says "never", the refresh takes them


# ---- the command line --------------------------------------------------------------------------------
def cli(app: BotApp, *args: str, config: Path | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "BRIEFBOT_", "TELEGRAM_"))}
    env["BRIEFBOT_DB"] = app.settings.db_path
    extra = ["--config", str(config)] if config else []
    return subprocess.run([sys.executable, "-m", "bot", "sources", *args, *extra], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)


def test_cli_imports_fetches_and_exports(app, tmp_path, httpserver_ipv4):
    serve_site(httpserver_ipv4)
    base = httpserver_ipv4.url_for("").rstrip("/")
    listing = tmp_path / "desk.opml"
    listing.write_text(f'<opml version="2.0"><body><outline text="Desk">'
                       f'<outline type="rss" text="Berita Kursk (RSS)" xmlUrl="{base}/rss"/>'
                       f'<outline type="rss" text="World (Atom)" xmlUrl="{base}/atom"/></outline></body></opml>',
                       encoding="utf-8")
    config = tmp_path / "fetch.toml"
    config.write_text(CONFIG.format(allow='["127.0.0.1"]'), encoding="utf-8")
    result = cli(app, "import", str(listing), config=config)
    assert result.returncode == 0, result.stderr
    assert "2 feed baru ditambahkan" in result.stdout
    assert "#" in result.stdout and "Berita Kursk (RSS)" in result.stdout
    fetched = [line for line in result.stdout.splitlines() if line.startswith("fetched #")]
    assert len(fetched) == 2 and all(re.search(r": \d+ articles?$", line) for line in fetched)
    assert next(app.store.query("select count(*) as n from articles a join sources s on a.source_id = s.id "
                                "where s.name = 'Berita Kursk (RSS)'"))["n"] > 0
    out = tmp_path / "back.opml"
    exported = cli(app, "export", str(out))
    assert exported.returncode == 0 and out.exists()
    assert [f.name for f in opml.parse(out.read_bytes())[0]] == ["Berita Kursk (RSS)", "World (Atom)"]
    broken = tmp_path / "broken.opml"
    broken.write_bytes(b"<opml><body><outline")
    refused = cli(app, "import", str(broken))
    assert refused.returncode == 1 and "OPML rusak" in refused.stdout and "Traceback" not in refused.stderr


# ---- /importopml on the platforms ------------------------------------------------------------------------
async def test_telegram_document_with_caption_or_reply_is_imported_for_admins_only(app):
    from tests.test_telegram import running

    fake = FakeTelegram()
    await fake.start()
    try:
        async with running(app, fake):
            fake.message_update(42, "/importopml", 42, document=fake.document("meja.opml", FEEDLY))
            captioned = (await fake.wait_for("sendMessage", 1, timeout=15))[0].params["text"]
            fake.message_update(42, "/importopml", 42, reply_to_document=fake.document("iklim.opml", INOREADER))
            replied = (await fake.wait_for("sendMessage", 2, timeout=15))[1].params["text"]
            downloads = len(fake.calls_of("download"))
            fake.message_update(77, "/importopml", 77, document=fake.document("evil.opml", FEEDLY))
            refused = (await fake.wait_for("sendMessage", 3, timeout=15))[2].params["text"]
            fake.message_update(42, "/importopml", 42)
            instructions = (await fake.wait_for("sendMessage", 4, timeout=15))[3].params["text"]
            fake.message_update(42, "", 42, document=fake.document("lagi.opml", FEEDLY))  # no caption at all
            dropped = (await fake.wait_for("sendMessage", 5, timeout=15))[4].params["text"]
    finally:
        await fake.stop()
    assert "meja.opml: 4 feed baru" in captioned and "Kompas.com - Internasional" in captioned
    assert "iklim.opml: 3 feed baru" in replied and "1 dilewati" in replied
    assert "hanya untuk admin" in refused and downloads == 2  # the refused file was not even read
    assert [c.params["file_id"] for c in fake.calls_of("download")] == ["doc1", "doc2", "doc4"]
    assert "keterangan /importopml" in instructions
    assert "lagi.opml: 0 feed baru ditambahkan, 4 sudah ada" in dropped
    assert len(feed_sources(app)) == 7


async def test_slack_file_shared_in_a_dm_is_imported(app):
    from tests.test_slack import SlackAdapter, factory

    fake = FakeSlack()
    await fake.start()
    adapter = factory(app, slack_env(fake))
    assert isinstance(adapter, SlackAdapter)
    await adapter.start()
    try:
        def shared(user: str, text: str, name: str, data: bytes, ts: str) -> str:
            return event_body({"type": "message", "subtype": "file_share", "channel_type": "im", "channel": "D5",
                               "user": user, "text": text, "ts": ts, "files": [fake.share(name, data)]})

        await signed_post(adapter, shared("UADMIN", "importopml", "meja.opml", FEEDLY, "1700000501.000001"),
                          json_body=True)
        await signed_post(adapter, shared("UADMIN", "", "iklim.opml", INOREADER, "1700000502.000001"),
                          json_body=True)  # a bare .opml file dropped into the DM
        await signed_post(adapter, shared("U2", "importopml", "evil.opml", FEEDLY, "1700000503.000001"),
                          json_body=True)
        posts = await fake.wait_for(lambda: len(fake.api("chat.postMessage")) >= 3 and fake.api("chat.postMessage"),
                                    timeout=15)
    finally:
        await adapter.stop()
        await fake.stop()
    by_thread = {p.params["thread_ts"]: json.dumps(p.blocks, ensure_ascii=False) for p in posts}
    assert "meja.opml: 4 feed baru" in by_thread["1700000501.000001"]
    assert "iklim.opml: 3 feed baru" in by_thread["1700000502.000001"]
    assert "hanya untuk admin" in by_thread["1700000503.000001"]
    downloads = fake.of("download")
    assert len(downloads) == 2 and all(d.headers["Authorization"].startswith("Bearer xoxb-") for d in downloads)
    assert len(feed_sources(app)) == 7
