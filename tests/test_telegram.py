"""The Telegram adapter end to end: the real python-telegram-bot stack against tests/fake_telegram.py.

Every test starts the real adapter (polling or webhook) pointed at the fake Bot API through the
base URL, puts updates where Telegram would, and asserts on what reached the fake.
"""
from __future__ import annotations

import asyncio
import json
import logging
import shutil
import socket
import time
from contextlib import asynccontextmanager
from html.parser import HTMLParser
from pathlib import Path
from typing import AsyncIterator

import aiohttp
import pytest

from adapters.telegram import (CAPTION_LIMIT, MESSAGE_LIMIT, Pacer, TelegramAdapter, TelegramConfig, factory,
                               render, retry_seconds, utf16_len)
from bot.app import BotApp
from bot.i18n import t
from bot.ingest import ingest_text
from bot.models import Image, Item, Reply, SourceRef
from bot.platform import ChatGone
from bot.registry import Command
from bot.settings import ConfigError, load_settings
from tests.fake_telegram import FakeTelegram

# PTB 22.2+ warns inside RetryAfter's own constructor about the int -> timedelta move; the adapter
# handles both types (test_retry_after_is_read_as_int_or_timedelta), so the warning is noise here.
pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after.*:telegram.warnings.PTBDeprecationWarning")

ALLOWED_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "tg-spoiler", "a", "code", "pre",
                "blockquote", "tg-emoji", "span"}
SECRET = "s3cret_Token-42"
FAST = """
[telegram]
poll_timeout = 2
messages_per_second = 200.0
chat_messages_per_second = 100.0
chat_burst = 50
group_messages_per_minute = 6000
admin_cache_seconds = 60
"""


# ---- helpers -------------------------------------------------------------------------------
class TelegramHTML(HTMLParser):
    """Checks what Telegram's HTML parser would: allowed tags only, balanced, named entities ok."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag not in ALLOWED_TAGS:
            self.errors.append(f"tag <{tag}> not allowed")
        if tag == "a" and not any(k == "href" for k, _ in attrs):
            self.errors.append("<a> without href")
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(f"unbalanced </{tag}>")

    def handle_entityref(self, name: str) -> None:
        if name not in ("lt", "gt", "amp", "quot"):
            self.errors.append(f"entity &{name}; not supported")
        self.text.append({"lt": "<", "gt": ">", "amp": "&", "quot": '"'}.get(name, "?"))

    def handle_data(self, data: str) -> None:
        if "<" in data or ">" in data:
            self.errors.append(f"raw angle bracket in {data[:40]!r}")
        self.text.append(data)


def check_html(text: str) -> str:
    """Assert `text` is valid Telegram HTML; returns the visible text."""
    parser = TelegramHTML()
    parser.feed(text)
    parser.close()
    assert not parser.errors, parser.errors
    assert not parser.stack, f"unclosed tags {parser.stack}"
    assert parser.rawdata == "", f"incomplete markup at the end: {parser.rawdata[:40]!r}"
    return "".join(parser.text)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    server = FakeTelegram()
    await server.start()
    yield server
    await server.stop()
    assert not server.violations, server.violations  # every rendering stayed within Telegram's limits


@pytest.fixture
def build_app(seeded_db: Path, tmp_path: Path, clean_env: None):
    """A BotApp on a copy of the seeded database, with fast flood-control settings."""
    def build(extra_config: str = "", **env: str) -> BotApp:
        db = tmp_path / f"bot{len(list(tmp_path.glob('bot*.db')))}.db"
        shutil.copy(seeded_db, db)
        config = tmp_path / "config.toml"
        config.write_text(FAST + extra_config, encoding="utf-8")
        return BotApp(load_settings(str(config), env=env, db_path=str(db)))

    return build


@asynccontextmanager
async def running(app: BotApp, fake: FakeTelegram, **env: str) -> AsyncIterator[TelegramAdapter]:
    adapter = factory(app, {"TELEGRAM_BOT_TOKEN": fake.token, "TELEGRAM_API_BASE_URL": fake.base_url, **env})
    assert isinstance(adapter, TelegramAdapter)
    await adapter.start()
    try:
        yield adapter
    finally:
        await adapter.stop()


async def answers(fake: FakeTelegram, count: int = 1, method: str = "sendMessage") -> list:
    return await fake.wait_for(method, count, timeout=15)


def message_of(update: dict) -> dict:
    return update.get("message") or update["channel_post"]


# ---- commands and questions ------------------------------------------------------------------
async def test_private_troops_gets_an_html_reply_to_the_asker(build_app, fake):
    async with running(build_app(), fake):
        update = fake.message_update(42, "/troops")
        sent = (await answers(fake))[0].params
    assert sent["chat_id"] == "42"
    assert sent["parse_mode"] == "HTML"
    assert sent["link_preview_options"] == {"is_disabled": True}
    assert sent["reply_parameters"]["message_id"] == message_of(update)["message_id"]
    text = sent["text"]
    visible = check_html(text)
    assert text.startswith("<b>") and "</b>" in text.split("\n")[0]
    assert "• " in text and "10.000" in visible  # bullets, and a troop figure from the seeds
    assert utf16_len(text) <= MESSAGE_LIMIT


async def test_start_registers_the_command_menu_in_both_languages(build_app, fake):
    async with running(build_app(), fake):
        calls = fake.calls_of("setMyCommands")
        assert fake.calls_of("deleteWebhook")  # polling mode clears any webhook first
        polls = await fake.wait_for("getUpdates")
    by_language = {c.params.get("language_code"): c.params["commands"] for c in calls}
    assert {"id", "en", None} <= set(by_language)
    names = [c["command"] for c in by_language["en"]]
    assert {"help", "troops", "kursk", "brief", "about"} <= set(names)
    troops_id = next(c for c in by_language["id"] if c["command"] == "troops")["description"]
    troops_en = next(c for c in by_language["en"] if c["command"] == "troops")["description"]
    assert troops_id.startswith("Semua angka pasukan") and troops_en.startswith("Every troop figure")
    assert all(1 <= len(c["description"]) <= 256 for c in by_language["en"])
    assert polls[0].params["timeout"] == 2  # long polling with the configured timeout


async def test_group_command_addressed_to_us_is_answered_and_others_ignored(build_app, fake):
    async with running(build_app(), fake):
        fake.message_update(-100123, "/kursk@OtherBot", user_id=5)  # another bot's command
        fake.message_update(-100123, "/nosuchthing", user_id=5)  # a bare unknown command: maybe not ours
        update = fake.message_update(-100123, "/kursk@OurBot", user_id=5)
        sent = (await answers(fake))[0].params
        await asyncio.sleep(0.3)  # room for a wrong answer to the ignored commands to arrive
        assert len(fake.calls_of("sendMessage")) == 1
    assert sent["chat_id"] == "-100123"
    assert sent["reply_parameters"]["message_id"] == message_of(update)["message_id"]
    assert "Kursk" in check_html(sent["text"])


async def test_group_question_needs_a_mention_or_a_reply(build_app, fake):
    async with running(build_app(), fake):
        fake.message_update(-100200, "berapa tentara Korea Utara di Kursk?", user_id=6)  # not for us
        mention = fake.message_update(-100200, "@OurBot berapa tentara Korea Utara di Kursk?", user_id=6)
        first = (await answers(fake))[0].params
        reply = fake.message_update(-100200, "siapa Budanov?", user_id=6, reply_to_bot=True)
        second = (await answers(fake, 2))[1].params
    assert first["reply_parameters"]["message_id"] == message_of(mention)["message_id"]
    assert second["reply_parameters"]["message_id"] == message_of(reply)["message_id"]
    # an answer (sure, or the hedge the sources' 2.600-12.000 call for), not "empty message"
    assert check_html(first["text"]).startswith((t("answer_title", "id"), t("weak_answer", "id"),
                                                 t("sources_differ", "id")))
    assert len(fake.calls_of("sendMessage")) == 2


async def test_private_question_and_unknown_command(build_app, fake):
    async with running(build_app(), fake):
        fake.message_update(43, "berapa tentara Korea Utara di Kursk?")
        fake.message_update(43, "/trops")
        sent = [c.params["text"] for c in await answers(fake, 2)]
    assert any(text.startswith(tuple(f"<b>{t(key, 'id')}" for key in ("answer_title", "weak_answer", "sources_differ")))
               for text in sent)
    assert any("/troops" in text and "/trops" in text for text in sent)  # unknown, with a suggestion


async def test_channel_post_command_is_answered(build_app, fake):
    async with running(build_app(), fake):
        fake.message_update(-100300, "/help", chat_type="channel")
        sent = (await answers(fake))[0].params
    assert sent["chat_id"] == "-100300"
    assert "/troops" in check_html(sent["text"])


# ---- rendering --------------------------------------------------------------------------------
def long_reply(items: int = 40, words: int = 40) -> Reply:
    ref = SourceRef(title="Judul <artikel> & co", source="Kompas", url="https://example.test/a?x=1&y=\"2\"",
                    article_id=1)
    body = " ".join(["kata&<kata>"] * words)
    reply = Reply(title="Panjang <sekali>", items=[Item(text=f"butir {n}: {body}", sources=[ref, ref])
                                                  for n in range(items)], footer="akhir & selesai")
    reply.items.insert(5, Item(text="X" * 9000 + " ujung", sources=[ref]))  # longer than any message
    return reply


def test_split_messages_are_valid_html_within_the_limit_and_lose_no_item():
    reply = long_reply()
    messages = render(reply)
    assert len(messages) >= 3
    seen = []
    for text in messages:
        assert utf16_len(text) <= MESSAGE_LIMIT
        visible = check_html(text)
        seen += [line.split(":")[0] for line in visible.split("\n") if line.startswith("• butir")]
    assert seen == [f"• butir {n}" for n in range(40)]  # every item once, in order, none split
    overlong = next(m for m in messages if "XXXX" in m)
    assert "…" in overlong and "ujung" not in overlong
    assert check_html(messages[-1]).endswith("akhir & selesai")


def test_cut_never_lands_inside_an_entity():
    for size in range(30):
        reply = Reply(title="t", items=[Item(text="&" * (MESSAGE_LIMIT // 4) + "<" * (MESSAGE_LIMIT // 4) + "x" * size)])
        for text in render(reply):
            check_html(text)
            assert utf16_len(text) <= MESSAGE_LIMIT


def test_limits_count_utf16_units():
    reply = Reply(title="emoji", items=[Item(text="😀" * 3000)])  # 6000 UTF-16 units
    for text in render(reply):
        assert utf16_len(text) <= MESSAGE_LIMIT
        check_html(text)


async def test_long_reply_through_a_real_update_arrives_in_several_valid_messages(build_app, fake):
    app = build_app()
    app.registry.add(Command("panjang", lambda a, r, lang: long_reply(), {"id": "Panjang", "en": "Long"}))
    async with running(app, fake):
        update = fake.message_update(44, "/panjang")
        await answers(fake, len(render(long_reply())))  # all of them, however loaded the machine
        await asyncio.sleep(0.3)  # and no more after that
        sent = fake.calls_of("sendMessage")
    assert len(sent) == len(render(long_reply()))
    for call in sent:
        check_html(call.params["text"])
        assert call.params["reply_parameters"]["message_id"] == message_of(update)["message_id"]
    assert [c.params["text"] for c in sent] == render(long_reply())  # in order, none lost


async def test_hostile_article_text_is_shown_literally(build_app, fake):
    app = build_app()
    hostile = ("Zorglubov mengatakan <b>tebal</b> dan <script>alert(1)</script> di Kursk, Tom &amp; Jerry. "
               "Zorglubov menambahkan bahwa 5 < 7 > 3 tetap benar di wilayah itu. "
               "Pejabat lain menolak berkomentar tentang Zorglubov.")
    outcome = ingest_text(app.store, hostile, title="<i>Judul</i> & \"kutipan\"",
                          url="https://news.example.test/a?x=1&y=<2>", outlet="Outlet <x>")
    assert outcome.added
    async with running(app, fake):
        fake.message_update(45, "/about Zorglubov")
        fake.message_update(45, "/about <b>Nobody</b>&amp;")
        sent = [c.params["text"] for c in await answers(fake, 2)]
    about = next(text for text in sent if "Zorglubov" in text)
    visible = check_html(about)
    assert "<b>tebal</b>" in visible and "<script>alert(1)</script>" in visible and "&amp;" in visible
    assert "&lt;script&gt;" in about and "<script" not in about and "&amp;amp;" in about
    assert "<i>Judul</i>" not in about  # the article title is escaped too
    echoed = next(text for text in sent if "Nobody" in text)
    assert "<b>Nobody</b>&amp;" in check_html(echoed)  # user input echoed literally


async def test_photo_reply_has_a_short_caption_and_the_rest_follows(build_app, fake):
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
    reply = long_reply(items=12, words=10)
    reply.image = Image(png=png, alt="Grafik angka pasukan")
    async with running(build_app(), fake) as adapter:
        await adapter.send("46", reply, reply_to=7)
    photo = fake.calls_of("sendPhoto")
    assert len(photo) == 1
    assert photo[0].files["photo"] == png
    caption = photo[0].params["caption"]
    assert photo[0].params["parse_mode"] == "HTML"
    assert utf16_len(caption) <= CAPTION_LIMIT and caption.startswith("<b>")
    check_html(caption)
    rest = [c.params["text"] for c in fake.calls_of("sendMessage")]
    assert rest, "the text that did not fit the caption follows as a message"
    visible = "\n".join(check_html(text) for text in [caption, *rest])
    assert all(f"butir {n}:" in visible for n in range(12))
    assert all(c.params["reply_parameters"]["message_id"] == 7 for c in [*photo, *fake.calls_of("sendMessage")])


# ---- flood control and failures ---------------------------------------------------------------
async def test_429_is_waited_out_and_nothing_is_lost(build_app, fake):
    app = build_app()
    fake.fail("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    async with running(app, fake):
        fake.message_update(47, "/troops")
        sent = await answers(fake, 2)
    assert len(sent) == 2  # the refused one, then the same message again
    assert sent[0].params["text"] == sent[1].params["text"]
    assert sent[1].at - sent[0].at >= 0.9  # retry_after was honoured


async def test_network_errors_are_retried_with_backoff(build_app, fake):
    fake.fail("sendMessage", 502, "Bad Gateway", times=2)
    async with running(build_app(), fake) as adapter:
        await adapter.deliver("48", Reply(title="halo"))
    sent = fake.calls_of("sendMessage")
    assert len(sent) == 3 and sent[2].at - sent[0].at >= 1.4  # 0.5 s, then 1 s


async def test_a_group_upgraded_to_a_supergroup_gets_the_message_at_its_new_id(build_app, fake):
    fake.fail("sendMessage", 400, "Bad Request: group chat was upgraded to a supergroup chat",
              parameters={"migrate_to_chat_id": -1001234})
    async with running(build_app(), fake) as adapter:
        await adapter.deliver("-1234", Reply(title="briefing"))
    assert [c.params["chat_id"] for c in fake.calls_of("sendMessage")] == ["-1234", "-1001234"]


async def test_403_in_deliver_raises_chat_gone_without_retrying(build_app, fake):
    fake.fail("sendMessage", 403, "Forbidden: bot was blocked by the user")
    async with running(build_app(), fake) as adapter:
        with pytest.raises(ChatGone):
            await adapter.deliver("49", Reply(title="briefing"))
    assert len(fake.calls_of("sendMessage")) == 1


async def test_403_pauses_the_subscription_end_to_end(build_app, fake):
    from bot import scheduler as scheduler_module
    from bot import subscriptions as subs

    from datetime import datetime, timedelta, timezone

    app = build_app()
    start = datetime(2026, 11, 20, 6, 0, tzinfo=timezone.utc)
    sub, _ = subs.subscribe(app.store, "telegram", "-100777", "group", "07:00", "UTC", "telegram:1", start)
    fake.fail("sendMessage", 403, "Forbidden: bot was kicked from the supergroup chat")
    now = start + timedelta(hours=1, minutes=5)
    async with running(app, fake) as adapter:
        scheduler = scheduler_module.BriefingScheduler(app.context, {"telegram": adapter}, clock=lambda: now)
        scheduler.run_due(now)
        await scheduler.drain(10)
    after = subs.by_id(app.store, sub.id)
    assert after.state == subs.PAUSED and "kicked" in (after.paused_reason or "")
    assert len(fake.calls_of("sendMessage")) == 1


async def test_a_failing_send_becomes_an_apology_and_a_logged_error(build_app, fake, caplog):
    caplog.set_level(logging.ERROR, logger="adapters.telegram")
    fake.fail("sendMessage", 400, "Bad Request: can't parse entities: unexpected end tag")
    async with running(build_app(), fake):
        update = fake.message_update(50, "/troops")
        sent = await answers(fake, 2)
    apology = sent[1].params
    assert apology["text"].startswith("Maaf, terjadi kesalahan")
    assert apology["reply_parameters"]["message_id"] == message_of(update)["message_id"]
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR and r.name.startswith("adapters.telegram")]
    assert errors and errors[0].exc_info and "can't parse entities" in str(errors[0].exc_info[1]).lower()


# ---- admins ---------------------------------------------------------------------------------
def _admin_command(app: BotApp) -> None:
    app.registry.add(Command("rahasia", lambda a, r, lang: Reply(title="rahasia dibuka"),
                             {"id": "Rahasia", "en": "Secret"}, admin=True))


async def test_admin_command_refused_for_others_and_allowed_for_listed_admins(build_app, fake):
    app = build_app(BRIEFBOT_ADMINS="telegram:9")
    _admin_command(app)
    async with running(app, fake):
        fake.message_update(51, "/rahasia")
        refused = (await answers(fake))[0].params["text"]
        fake.message_update(9, "/rahasia")
        allowed = (await answers(fake, 2))[1].params["text"]
        menus = fake.calls_of("setMyCommands")
    assert "hanya untuk admin" in refused and "rahasia dibuka" not in refused
    assert "rahasia dibuka" in allowed
    audit = list(app.store.query("select principal, result from audit order by id"))
    assert audit[0]["principal"] == "telegram:51" and audit[0]["result"].startswith("refused")
    public = [c for c in menus if "scope" not in c.params]
    admin = [c for c in menus if c.params.get("scope", {}).get("chat_id") == 9]
    assert all("rahasia" not in [x["command"] for x in c.params["commands"]] for c in public)
    assert admin and "rahasia" in [x["command"] for x in admin[0].params["commands"]]


async def test_group_admin_status_comes_from_get_chat_member(build_app, fake):
    app = build_app()
    app.registry.add(Command("siapa", lambda a, r, lang: Reply(title=f"chat_admin={r.chat_admin} kind={r.chat_kind}"),
                             {"id": "Siapa", "en": "Who"}))
    fake.chat_members[(-100400, 11)] = "administrator"
    async with running(app, fake):
        fake.message_update(-100400, "/siapa@OurBot", user_id=11)
        fake.message_update(-100400, "/siapa@OurBot", user_id=12)
        sent = await answers(fake, 2)
    by_user = {c.params["reply_parameters"]["message_id"]: c.params["text"] for c in sent}
    texts = sorted(by_user.values())
    assert "chat_admin=True kind=group" in texts[1] and "chat_admin=False kind=group" in texts[0]
    asked = {c.params["user_id"] for c in fake.calls_of("getChatMember")}
    assert asked == {11, 12}


# ---- webhook mode ---------------------------------------------------------------------------
async def test_webhook_rejects_requests_without_the_secret_and_processes_those_with_it(build_app, fake):
    port = free_port()
    app = build_app(f'mode = "webhook"\nwebhook_url = "https://bot.example.test/hook"\n'
                    f'webhook_listen = "127.0.0.1"\nwebhook_port = {port}\nwebhook_path = "hook"\n')
    update = {"update_id": 900, "message": {"message_id": 5, "date": int(time.time()),
                                            "chat": {"id": 52, "type": "private", "first_name": "U"},
                                            "from": {"id": 52, "is_bot": False, "first_name": "U"},
                                            "text": "/help", "entities": [{"type": "bot_command", "offset": 0,
                                                                           "length": 5}]}}
    url = f"http://127.0.0.1:{port}/hook"
    async with running(app, fake, TELEGRAM_WEBHOOK_SECRET=SECRET):
        hook = fake.calls_of("setWebhook")[0].params
        assert hook["url"] == "https://bot.example.test/hook" and hook["secret_token"] == SECRET
        assert not fake.calls_of("getUpdates")
        async with aiohttp.ClientSession() as session:
            for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}):
                async with session.post(url, data=json.dumps(update),
                                        headers={"Content-Type": "application/json", **headers}) as response:
                    assert response.status == 403
            await asyncio.sleep(0.3)
            assert not fake.calls_of("sendMessage")
            async with session.post(url, data=json.dumps(update), headers={
                    "Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET}) as response:
                assert response.status == 200
        sent = (await answers(fake))[0].params
    assert sent["chat_id"] == "52" and "/troops" in sent["text"]


def test_webhook_mode_needs_a_public_url_and_a_valid_secret(build_app):
    app = build_app('mode = "webhook"\nwebhook_url = "https://bot.example.test/hook"\n')
    with pytest.raises(ConfigError, match="TELEGRAM_WEBHOOK_SECRET"):
        factory(app, {"TELEGRAM_BOT_TOKEN": "1:x"})
    with pytest.raises(ConfigError, match="TELEGRAM_WEBHOOK_SECRET"):
        factory(app, {"TELEGRAM_BOT_TOKEN": "1:x", "TELEGRAM_WEBHOOK_SECRET": "no spaces allowed"})
    no_url = build_app('mode = "webhook"\n')
    with pytest.raises(ConfigError, match="webhook_url"):
        factory(no_url, {"TELEGRAM_BOT_TOKEN": "1:x", "TELEGRAM_WEBHOOK_SECRET": SECRET})


# ---- the factory, pacing, logs ------------------------------------------------------------------
def test_factory_needs_the_token_and_reads_the_base_url(build_app):
    app = build_app()
    assert factory(app, {}) is None
    assert factory.platform == "telegram" and "TELEGRAM_BOT_TOKEN" in factory.required_env
    adapter = factory(app, {"TELEGRAM_BOT_TOKEN": "1:x", "TELEGRAM_API_BASE_URL": "http://127.0.0.1:9/bot"})
    assert adapter.application.bot.base_url == "http://127.0.0.1:9/bot1:x"
    assert adapter.platform == "telegram"


def test_retry_after_is_read_as_int_or_timedelta(monkeypatch):
    from datetime import timedelta

    from telegram.error import RetryAfter

    assert retry_seconds(RetryAfter(3)) == 3.0
    monkeypatch.setenv("PTB_TIMEDELTA", "true")  # PTB then returns a timedelta
    assert isinstance(RetryAfter(2).retry_after, timedelta)
    assert retry_seconds(RetryAfter(timedelta(seconds=2))) == 2.0


async def test_pacer_spaces_messages_to_one_chat_but_not_across_chats():
    config = TelegramConfig(token="t", base_url="x", chat_messages_per_second=10.0, chat_burst=1,
                            group_messages_per_minute=600)
    pacer = Pacer(config)
    begin = time.monotonic()
    for _ in range(4):
        await pacer.wait("1")
    one_chat = time.monotonic() - begin
    begin = time.monotonic()
    for chat in ("2", "3", "4", "5"):
        await pacer.wait(chat)
    many_chats = time.monotonic() - begin
    assert one_chat >= 0.25 and many_chats < 0.2


async def test_group_pacing_is_per_minute():
    config = TelegramConfig(token="t", base_url="x", chat_messages_per_second=1000.0, chat_burst=100,
                            group_messages_per_minute=60)  # one a second after the bucket fills
    pacer = Pacer(config)
    begin = time.monotonic()
    for _ in range(61):
        await pacer.wait("-100")
    assert time.monotonic() - begin >= 0.5


async def test_the_token_never_reaches_the_logs(build_app, fake, caplog):
    caplog.set_level(logging.DEBUG)
    fake.fail("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    fake.fail("sendMessage", 400, "Bad Request: can't parse entities")
    async with running(build_app(), fake):
        fake.message_update(53, "/troops")
        await answers(fake, 3)
    other_token = "999:another-token-never-to-be-logged"
    wrong = factory(build_app(), {"TELEGRAM_BOT_TOKEN": other_token, "TELEGRAM_API_BASE_URL": fake.base_url})
    with pytest.raises(ConfigError) as rejected:  # the fake answers 401 for a token it does not know
        await wrong.start()
    assert other_token not in str(rejected.value)
    logged = caplog.text + "".join(r.exc_text or "" for r in caplog.records)
    assert "getUpdates" in logged  # the DEBUG logs were captured at all
    assert fake.token not in logged and other_token not in logged


# ---- the real process ---------------------------------------------------------------------------
async def test_python_m_bot_run_serves_telegram_and_stops_cleanly_on_sigterm(seeded_db, tmp_path, clean_env, fake):
    import os
    import signal
    import sys

    db = tmp_path / "run.db"
    shutil.copy(seeded_db, db)
    config = tmp_path / "run.toml"
    config.write_text(FAST, encoding="utf-8")
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": fake.token, "TELEGRAM_API_BASE_URL": fake.base_url,
           "BRIEFBOT_CONFIG": str(config), "BRIEFBOT_DB": str(db)}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=str(tmp_path), env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    try:
        await fake.wait_for("getUpdates", timeout=30)
        fake.message_update(54, "/help")
        sent = (await answers(fake))[0].params
        assert sent["chat_id"] == "54" and "/troops" in sent["text"]
        process.send_signal(signal.SIGTERM)
        output, _ = await asyncio.wait_for(process.communicate(), 20)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert process.returncode == 0, output.decode(errors="replace")[-2000:]
    last = fake.calls_of("getUpdates")[-1].params
    assert last["timeout"] == 0 and last["offset"] >= 1  # PTB confirmed the updates on the way out
    assert fake.token not in output.decode(errors="replace")  # `run` logs at INFO: still no token


# ---- forum topics -------------------------------------------------------------------------------
async def test_a_command_in_a_forum_topic_is_answered_in_that_topic(build_app, fake):
    async with running(build_app(), fake):
        fake.message_update(-100555, "/troops@OurBot", 7, topic=31)
        fake.message_update(-100555, "/kursk@OurBot", 7)  # the General topic carries no thread id
        sent = await answers(fake, 2)
    by_chat_text = {("troops" if "10.000" in check_html(c.params["text"]) else "kursk"): c.params for c in sent}
    assert by_chat_text["troops"]["message_thread_id"] == 31
    assert "message_thread_id" not in by_chat_text["kursk"]


async def test_a_reply_thread_outside_a_forum_is_not_taken_for_a_topic(build_app, fake):
    """In a plain supergroup message_thread_id marks a reply thread; sending into it would fail."""
    async with running(build_app(), fake):
        update = fake.message_update(-100556, "/kursk@OurBot", 7)
        message_of(update)["message_thread_id"] = 12  # is_topic_message is absent, as Telegram sends it
        sent = (await answers(fake))[0].params
    assert "message_thread_id" not in sent


async def test_a_subscription_made_in_a_topic_is_delivered_to_that_topic(build_app, fake):
    from datetime import datetime, timedelta, timezone

    from bot import scheduler as scheduler_module
    from bot import subscriptions as subs

    app = build_app()
    fake.chat_members[(-100557, 7)] = "administrator"
    async with running(app, fake) as adapter:
        fake.message_update(-100557, "/subscribe@OurBot 07:00 UTC", 7, topic=44)
        confirmation = (await answers(fake))[0].params
        sub = subs.get(app.store, "telegram", "-100557")
        assert confirmation["message_thread_id"] == 44 and sub is not None and sub.thread == "44"
        # The briefing is due the next morning: it goes to topic 44, not to the General topic.
        now = subs.next_run(sub.time, sub.zone, datetime.now(timezone.utc)) + timedelta(minutes=1)
        scheduler = scheduler_module.BriefingScheduler(app.context, {"telegram": adapter}, clock=lambda: now)
        scheduler.run_due(now)
        await scheduler.drain(10)
        briefing = (await answers(fake, 2))[1].params
    assert briefing["chat_id"] == "-100557" and briefing["message_thread_id"] == 44
    assert "reply_parameters" not in briefing
    assert subs.last_delivery(app.store, sub.id).status == subs.SENT


async def test_a_briefing_for_a_deleted_topic_still_reaches_the_chat(build_app, fake):
    fake.fail("sendMessage", 400, "Bad Request: message thread not found")
    async with running(build_app(), fake) as adapter:
        await adapter.deliver("-100558", Reply(title="briefing", items=[Item(text="Satu poin.")]), thread="45")
    first, second = fake.calls_of("sendMessage")
    assert first.params["message_thread_id"] == 45 and "message_thread_id" not in second.params
    assert second.params["chat_id"] == "-100558"
