"""The Slack adapter end to end: real slack-bolt and slack_sdk against tests/fake_slack.py on 127.0.0.1."""
from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import aiohttp
import pytest
from slack_sdk.signature import SignatureVerifier

from adapters.slack import (BLOCKS_MAX, HEADER_MAX, SECTION_MAX, SlackAdapter, display_name, factory, load_config,
                            render_messages, safe_url, split_text)
from bot.i18n import t
from bot.ingest import ingest_text
from bot.models import Image, Item, Reply, SourceRef
from bot.platform import ChatGone
from bot.registry import Command
from bot.settings import ConfigError
from tests.fake_slack import BOT_USER_ID, TEAM_ID, FakeSlack

REPO = Path(__file__).resolve().parents[1]
BOT_TOKEN = "xoxb-1111-2222-botTOKENsecret"
APP_TOKEN = "xapp-1-A111-3333-appTOKENsecret"
SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
# The smallest valid PNG: a 1x1 transparent pixel.
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


# ---- fixtures and helpers -----------------------------------------------------------------------
def slack_app(seeded_db: Path, tmp_path: Path, slack_config: str, topics: str | None = None) -> Any:
    """A BotApp on a copy of the seeded database with these [slack] settings (and topics file)."""
    from bot.app import BotApp
    from bot.settings import load_settings

    number = len(list(tmp_path.glob("slack*.db")))
    db = tmp_path / f"slack{number}.db"
    shutil.copy(seeded_db, db)
    config = tmp_path / f"slack{number}.toml"
    config.write_text("[slack]\n" + slack_config, encoding="utf-8")
    env = {}
    if topics is not None:
        (tmp_path / f"topics{number}.toml").write_text(topics, encoding="utf-8")
        env["BRIEFBOT_TOPICS"] = str(tmp_path / f"topics{number}.toml")
    built = BotApp(load_settings(str(config), env=env, db_path=str(db)))
    built.cli_args = ["--config", str(config)]  # for run_manifest: the same settings through the CLI
    return built


@pytest.fixture
async def fake():
    server = FakeSlack()
    await server.start()
    yield server
    await server.stop()
    assert not server.violations, server.violations  # every rendering stayed within Block Kit's limits


def slack_env(fake: FakeSlack, socket: bool = False) -> dict[str, str]:
    env = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_API_BASE_URL": fake.api_url,
           "SLACK_HTTP_HOST": "127.0.0.1", "SLACK_HTTP_PORT": "0"}
    env.update({"SLACK_APP_TOKEN": APP_TOKEN} if socket else {"SLACK_SIGNING_SECRET": SIGNING_SECRET})
    return env


@pytest.fixture
async def adapters(fake: FakeSlack):
    """Start adapters against the fake (forgetting their boot-time calls) and stop them afterwards."""
    running: list[SlackAdapter] = []

    async def start(app: Any, socket: bool = False) -> SlackAdapter:
        adapter = factory(app, slack_env(fake, socket))
        assert isinstance(adapter, SlackAdapter)
        await adapter.start()
        running.append(adapter)
        if socket:
            await fake.wait_for(lambda: fake.sockets)
        fake.calls.clear()
        return adapter

    yield start
    for adapter in running:
        await adapter.stop()


def command_payload(fake: FakeSlack, typed: str, user: str = "U2", channel: str = "C1") -> dict[str, str]:
    """A slash command as Slack sends it (form fields over HTTP, `payload` in Socket Mode).

    `typed` is the whole line the user typed, "/briefbot troops 3": Slack splits it into
    `command` and `text`. The response_url is named after the bot command, for the checks.
    """
    command, _, text = typed.partition(" ")
    name = (text.split() or [command])[0].strip("/") if command == "/briefbot" else command.strip("/")
    return {"token": "legacy-verification", "team_id": TEAM_ID, "team_domain": "fake",
            "channel_id": channel, "channel_name": "general", "user_id": user, "user_name": "someone",
            "command": command, "text": text, "api_app_id": "AFAKE", "trigger_id": "1.2.3",
            "response_url": fake.response_url(name)}


def command_body(fake: FakeSlack, typed: str, user: str = "U2", channel: str = "C1") -> str:
    return urlencode(command_payload(fake, typed, user, channel))


def event_body(event: dict[str, Any]) -> str:
    return json.dumps({"token": "legacy-verification", "team_id": TEAM_ID, "api_app_id": "AFAKE",
                       "event": event, "type": "event_callback", "event_id": f"Ev{time.time_ns()}",
                       "event_time": int(time.time()), "authorizations": [
                           {"team_id": TEAM_ID, "user_id": BOT_USER_ID, "is_bot": True}]})


def mention(text: str, ts: str = "1700000000.000100", channel: str = "C1", **extra: Any) -> dict[str, Any]:
    return {"type": "app_mention", "user": "U2", "text": f"<@{BOT_USER_ID}> {text}", "ts": ts,
            "channel": channel, "event_ts": ts, **extra}


def signed_headers(body: str, timestamp: int | None = None, secret: str = SIGNING_SECRET) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    return {"X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)}


async def post(adapter: SlackAdapter, body: str, headers: dict[str, str], json_body: bool = False) -> tuple[int, float]:
    """POST to the adapter's real /slack/events endpoint; returns (status, seconds taken)."""
    content_type = "application/json" if json_body else "application/x-www-form-urlencoded"
    started = time.monotonic()
    async with aiohttp.ClientSession() as session:
        async with session.post(f"http://127.0.0.1:{adapter.http_port}/slack/events", data=body.encode(),
                                headers={**headers, "Content-Type": content_type}) as response:
            await response.read()
            return response.status, time.monotonic() - started


async def signed_post(adapter: SlackAdapter, body: str, json_body: bool = False) -> tuple[int, float]:
    return await post(adapter, body, signed_headers(body), json_body)


def all_texts(call: Any) -> str:
    """Every string a message carried (fallback text and blocks), for escaping checks."""
    return json.dumps({"text": call.params.get("text"), "blocks": call.blocks}, ensure_ascii=False)


def add_test_command(app: Any, name: str, reply: Reply | Exception, admin: bool = False,
                     delay: float = 0.0) -> list[Any]:
    """A command in the real registry whose handler returns `reply` (or raises it); returns its call log."""
    seen: list[Any] = []

    def handler(_app: Any, req: Any, _lang: str) -> Reply:
        seen.append(req)
        time.sleep(delay)  # handlers run in a worker thread, as slow ranking would
        if isinstance(reply, Exception):
            raise reply
        return reply

    app.registry.add(Command(name, handler, {"id": name, "en": name}, admin=admin))
    return seen


# ---- HTTP mode ---------------------------------------------------------------------------------------
async def test_troops_slash_command_is_acked_then_answered_in_block_kit(app, fake, adapters):
    adapter = await adapters(app)
    status, seconds = await signed_post(adapter, command_body(fake, "/briefbot troops"))
    assert status == 200 and seconds < 3.0  # the ack is the HTTP answer, well inside Slack's 3 s
    answer = (await fake.wait_for(lambda: fake.of("respond")))[0]
    assert answer.params["response_type"] == "in_channel"
    blocks = answer.blocks
    assert blocks[0]["type"] == "header" and blocks[0]["text"]["type"] == "plain_text"
    sections = [b for b in blocks if b["type"] == "section"]
    assert sections and all(b["text"]["type"] == "mrkdwn" and len(b["text"]["text"]) <= SECTION_MAX
                            for b in sections)
    assert any(b["type"] == "context" for b in blocks)
    assert answer.params["text"].strip()
    assert any(ch.isdigit() for ch in sections[0]["text"]["text"])  # a troop figure made it through


async def test_every_slack_command_is_served_through_the_one_namespaced_command(app, fake, adapters):
    adapter = await adapters(app)
    names = [command.name for command in app.registry.on("slack")]
    assert {"troops", "kursk", "importopml"} <= set(names)  # topics from config/topics.toml are among them
    assert "start" not in names  # Telegram's idiom is not offered on Slack
    for name in names:  # a non-admin in a channel: admin commands answer with a refusal, still served
        status, _ = await signed_post(adapter, command_body(fake, f"/briefbot {name}", user="U2"))
        assert status == 200, name
    await fake.wait_for(lambda: {c.name for c in fake.of("respond")} >= set(names), timeout=20)
    unknown = t("unknown_command", "id", name="").split("/")[0]
    assert not [c.name for c in fake.of("respond") if c.params["text"].startswith(unknown)]
    status, _ = await signed_post(adapter, command_body(fake, "/troops"))
    assert status == 404  # no per-command listeners: nothing to collide with other apps' /troops
    await signed_post(adapter, command_body(fake, "/briefbot start"))
    start = await fake.wait_for(lambda: [c for c in fake.of("respond") if c.name == "start"])
    assert start[0].params["text"].startswith(unknown)


async def test_namespaced_replies_name_commands_as_slack_users_type_them(app, fake, adapters):
    adapter = await adapters(app)
    await signed_post(adapter, command_body(fake, "/briefbot"))  # nothing after it: the help
    help_reply = (await fake.wait_for(lambda: fake.of("respond")))[0]
    lines = [b["text"]["text"] for b in help_reply.blocks if b["type"] == "section"]
    assert any(line.startswith("*1.* /briefbot help") for line in lines)
    assert any("/briefbot troops" in line for line in lines) and not any("/start" in line for line in lines)
    assert not any(re.search(r"(?<!/briefbot )/(troops|kursk|help|lang)\b", line) for line in lines)
    await signed_post(adapter, command_body(fake, "/briefbot trops"))  # a typo: did you mean
    typo = (await fake.wait_for(lambda: len(fake.of("respond")) == 2 and fake.of("respond")))[1]
    assert "/briefbot trops" in typo.params["text"] and "/briefbot troops?" in typo.params["text"]
    await signed_post(adapter, command_body(fake, "/briefbot berapa tentara Korea Utara di Kursk?"))
    answer = (await fake.wait_for(lambda: len(fake.of("respond")) == 3 and fake.of("respond")))[2]
    assert answer.blocks[0]["text"]["text"] in (t("answer_title", "id"), t("weak_answer", "id"), t("sources_differ", "id"))  # a question, answered


async def test_the_command_name_is_configurable_and_the_per_command_style_remains(
        seeded_db, tmp_path, clean_env, fake, adapters):
    named = slack_app(seeded_db, tmp_path, 'command = "berita"\n')
    adapter = await adapters(named)
    await signed_post(adapter, command_body(fake, "/berita kursk"))
    kursk = (await fake.wait_for(lambda: fake.of("respond")))[0]
    assert "Kursk" in kursk.blocks[0]["text"]["text"]
    assert (await signed_post(adapter, command_body(fake, "/briefbot kursk")))[0] == 404
    fake.calls.clear()
    classic = slack_app(seeded_db, tmp_path, 'command_style = "per_command"\n')
    adapter = await adapters(classic)
    for name in ("troops", "kursk", "help"):
        assert (await signed_post(adapter, command_body(fake, f"/{name}")))[0] == 200
    assert (await signed_post(adapter, command_body(fake, "/start")))[0] == 404
    help_reply = await fake.wait_for(lambda: [c for c in fake.of("respond") if c.name == "help"])
    assert "/troops" in json.dumps(help_reply[0].blocks) and "/briefbot" not in json.dumps(help_reply[0].blocks)


def test_a_bad_command_name_or_style_is_a_config_error(seeded_db, tmp_path, clean_env):
    for line, message in (('command = "Brief Bot"\n', "slack.command"),
                          ('command = "' + "x" * 32 + '"\n', "slack.command"),
                          ('command_style = "both"\n', "slack.command_style")):
        with pytest.raises(ConfigError, match=message):
            factory(slack_app(seeded_db, tmp_path, line), {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": APP_TOKEN})


async def test_url_verification_challenge_is_answered(app, fake, adapters):
    adapter = await adapters(app)
    body = json.dumps({"token": "legacy", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
                       "type": "url_verification"})
    async with aiohttp.ClientSession() as session:
        async with session.post(f"http://127.0.0.1:{adapter.http_port}/slack/events", data=body,
                                headers={**signed_headers(body), "Content-Type": "application/json"}) as response:
            assert response.status == 200
            assert "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" in await response.text()


async def test_app_mention_question_is_answered_in_its_thread(app, fake, adapters):
    adapter = await adapters(app)
    event = mention("berapa tentara Korea Utara di Kursk?", ts="1700000123.000200")
    status, _ = await signed_post(adapter, event_body(event), json_body=True)
    assert status == 200
    posted = (await fake.wait_for(lambda: fake.api("chat.postMessage")))[0]
    assert posted.params["channel"] == "C1"
    assert posted.params["thread_ts"] == "1700000123.000200"
    assert posted.params["text"] and posted.blocks[0]["type"] == "header"
    assert posted.headers["Authorization"] == f"Bearer {BOT_TOKEN}"  # the token travels on the client


async def test_direct_message_is_answered_and_bot_posts_are_ignored(app, fake, adapters):
    adapter = await adapters(app)
    own = {"type": "message", "channel_type": "im", "channel": "D9", "bot_id": "BFAKE", "user": BOT_USER_ID,
           "text": "an earlier answer", "ts": "1700000001.000001"}
    await signed_post(adapter, event_body(own), json_body=True)
    dm = {"type": "message", "channel_type": "im", "channel": "D9", "user": "U2", "text": "/kursk",
          "ts": "1700000002.000002"}
    await signed_post(adapter, event_body(dm), json_body=True)
    posted = await fake.wait_for(lambda: fake.api("chat.postMessage"))
    await asyncio.sleep(0.3)
    assert len(fake.api("chat.postMessage")) == len(posted) == 1  # the bot did not answer itself
    assert posted[0].params["channel"] == "D9" and posted[0].params["thread_ts"] == "1700000002.000002"
    assert "Kursk" in posted[0].blocks[0]["text"]["text"]


async def test_a_mention_takes_a_bare_command_word_and_a_question_stays_a_question(app, fake, adapters):
    adapter = await adapters(app)
    await signed_post(adapter, event_body(mention("kursk", ts="1700000301.000001")), json_body=True)
    await signed_post(adapter, event_body(mention("troops in Kursk: how many?", ts="1700000302.000001")),
                      json_body=True)
    await signed_post(adapter, event_body(mention("berapa tentara Korea Utara di Kursk?", ts="1700000303.000001")),
                      json_body=True)
    posts = await fake.wait_for(lambda: len(fake.api("chat.postMessage")) >= 3 and fake.api("chat.postMessage"))
    titles = {p.params["thread_ts"]: p.blocks[0]["text"]["text"] for p in posts}
    assert titles["1700000301.000001"].startswith("Kursk")
    assert titles["1700000302.000001"] != titles["1700000303.000001"]
    assert titles["1700000303.000001"] in (t("answer_title", "id"), t("weak_answer", "id"), t("sources_differ", "id"))


async def test_group_dm_is_answered_once_when_mentioned_and_left_alone_otherwise(app, fake, adapters):
    adapter = await adapters(app)
    chatter = {"type": "message", "channel_type": "mpim", "channel": "G77", "user": "U2",
               "text": "kita rapat jam 3?", "ts": "1700000401.000001"}
    await signed_post(adapter, event_body(chatter), json_body=True)
    asked = {"type": "message", "channel_type": "mpim", "channel": "G77", "user": "U3",
             "text": f"<@{BOT_USER_ID}> kursk", "ts": "1700000402.000001"}
    await signed_post(adapter, event_body(asked), json_body=True)
    # Slack may also send the same mention as app_mention: it is answered once, not twice.
    await signed_post(adapter, event_body({**mention("kursk", ts="1700000402.000001", channel="G77"), "user": "U3"}),
                      json_body=True)
    posted = await fake.wait_for(lambda: fake.api("chat.postMessage"))
    await asyncio.sleep(0.4)
    assert len(fake.api("chat.postMessage")) == len(posted) == 1
    assert posted[0].params["channel"] == "G77" and posted[0].params["thread_ts"] == "1700000402.000001"
    assert posted[0].blocks[0]["text"]["text"].startswith("Kursk")



@pytest.mark.parametrize("case", ["forged", "missing", "replayed"])
async def test_bad_or_missing_signature_or_old_timestamp_gets_401_and_runs_nothing(app, fake, adapters, case):
    seen = add_test_command(app, "probe", Reply(title="should not run"))
    adapter = await adapters(app)
    body = command_body(fake, "/briefbot probe")
    if case == "forged":
        headers = signed_headers(body, secret="not-the-secret")
    elif case == "missing":
        headers = {}
    else:  # a correctly signed request captured ten minutes ago and sent again
        headers = signed_headers(body, timestamp=int(time.time()) - 600)
    status, _ = await post(adapter, body, headers)
    assert status == 401
    await asyncio.sleep(0.3)
    assert seen == [] and fake.calls == []  # no handler, not even bolt's authorize (auth.test) ran


async def test_long_reply_is_split_at_item_boundaries_under_block_limits(app, fake, adapters):
    ref = SourceRef(title="Artikel", source="Kompas", url="https://kompas.example/a", article_id=1)
    items = [Item(text=f"Poin nomor {n} tentang Kursk.", sources=[ref, ref]) for n in range(1, 61)]
    items.append(Item(text="panjang " * 900, sources=[ref]))  # 7200 characters: over one section
    reply = Reply(title="Judul yang sangat panjang " * 10, items=items, footer="Catatan kaki")
    add_test_command(app, "longread", reply)
    adapter = await adapters(app)
    await signed_post(adapter, command_body(fake, "/briefbot longread"))
    await fake.wait_for(lambda: len(fake.of("respond")) >= 3)
    await asyncio.sleep(0.2)
    messages = fake.of("respond")
    assert len(messages) == 3  # 127 blocks: 50 + 50 + 27, never more than 50 in one message
    numbers: list[int] = []
    for index, message in enumerate(messages):
        blocks = message.blocks
        assert 0 < len(blocks) <= BLOCKS_MAX and message.params["text"]
        # items never straddle messages: each message opens with the header or an item's first section
        first = blocks[0]
        assert first["type"] == "header" or first["text"]["text"].startswith("*")
        if index < len(messages) - 1:
            assert blocks[-1]["type"] == "context"  # ... and closes with an item's sources
        for block in blocks:
            if block["type"] == "header":
                assert len(block["text"]["text"]) <= HEADER_MAX
            if block["type"] == "section":
                assert len(block["text"]["text"]) <= SECTION_MAX
                if block["text"]["text"].startswith("*"):
                    numbers.append(int(block["text"]["text"][1:].split(".", 1)[0]))
    assert numbers == list(range(1, 62))
    long_item = [b["text"]["text"] for b in messages[-1].blocks if b["type"] == "section"][-3:]
    assert "".join(long_item).count("panjang") == 900  # the long item is whole, over three sections
    assert messages[-1].blocks[-1]["elements"][0]["text"] == "Catatan kaki"


async def test_hostile_article_text_cannot_ping_or_forge_links(app, fake, adapters):
    text = ("Juru bicara Zorblatistan mengatakan <!channel> bahwa 700 tentara Zorblatistan tiba di Kursk & Belgorod. "
            "Laporan lengkap ada di <http://evil.example|click> menurut kantor berita Zorblatistan. "
            "Pejabat Zorblatistan menolak berkomentar lebih lanjut tentang pasukan itu.")
    outcome = ingest_text(app.store, text, title="Zorblatistan <!here> & co", outlet="Kabar <b>",
                          url="https://news.example/a?x=1&y=<2>|pipe")
    assert outcome.added
    adapter = await adapters(app)
    await signed_post(adapter, event_body(mention("/about Zorblatistan")), json_body=True)
    posted = (await fake.wait_for(lambda: fake.api("chat.postMessage")))[0]
    sent = all_texts(posted)
    assert "Zorblatistan" in sent
    assert "<!channel>" not in sent and "<!here>" not in sent and "<http://evil.example" not in sent
    assert "&lt;!channel&gt;" in sent and "&lt;http://evil.example|click&gt;" in sent and " &amp; " in sent
    links = [e["text"] for b in posted.blocks if b["type"] == "context" for e in b["elements"]]
    assert links and all(link.startswith("<https://news.example/a?x=1&amp;y=%3C2%3E%7Cpipe|") for link in links)


async def test_rate_limited_with_retry_after_then_delivered(app, fake, adapters):
    adapter = await adapters(app)
    fake.fail("chat.postMessage", status=429, error="ratelimited", retry_after=1)
    fake.fail("respond", status=429, error="ratelimited", retry_after=1)
    started = time.monotonic()
    await asyncio.gather(adapter.deliver("C7", Reply(title="Pagi ini", items=[Item(text="Satu poin.")])),
                         signed_post(adapter, command_body(fake, "/briefbot kursk")))
    await fake.wait_for(lambda: len(fake.of("respond")) == 2)
    posts = fake.api("chat.postMessage")
    assert len(posts) == 2 and posts[0].params == posts[1].params  # the same message, retried, not lost
    assert posts[1].at - posts[0].at >= 1.0
    responds = fake.of("respond")
    assert responds[0].params == responds[1].params and responds[1].at - responds[0].at >= 1.0
    assert time.monotonic() - started < 10


async def test_admin_command_refused_ephemerally_for_non_admins(make_app, fake, adapters):
    app = make_app(seeded=False, BRIEFBOT_ADMINS="slack:UADMIN")
    seen = add_test_command(app, "purge", Reply(title="Purged."), admin=True)
    adapter = await adapters(app)
    await signed_post(adapter, command_body(fake, "/briefbot purge", user="U2"))
    refusal = (await fake.wait_for(lambda: fake.of("respond")))[0]
    assert refusal.params["response_type"] == "ephemeral"
    assert "/briefbot purge" in refusal.params["text"] and seen == []
    await signed_post(adapter, command_body(fake, "/briefbot purge", user="UADMIN"))
    allowed = (await fake.wait_for(lambda: len(fake.of("respond")) == 2 and fake.of("respond")))[1]
    assert allowed.params["response_type"] == "in_channel" and "Purged." in allowed.params["text"]
    assert [req.principal for req in seen] == ["slack:UADMIN"] and seen[0].is_admin


async def test_failure_while_answering_becomes_ephemeral_apology(app, fake, adapters, caplog):
    adapter = await adapters(app)
    fake.fail("chat.postMessage", error="invalid_blocks")
    caplog.set_level(logging.ERROR, logger="adapters.slack")
    await signed_post(adapter, event_body(mention("/kursk", ts="1700000555.000001")), json_body=True)
    apology = (await fake.wait_for(lambda: fake.api("chat.postEphemeral")))[0]
    assert apology.params["user"] == "U2" and apology.params["thread_ts"] == "1700000555.000001"
    assert apology.params["text"].startswith("Maaf")
    assert "invalid_blocks" in caplog.text  # the details go to the log, not to the channel


async def test_image_is_uploaded_with_files_upload_v2_into_the_thread(app, fake, adapters):
    add_test_command(app, "chart", Reply(title="Grafik", image=Image(png=PNG, alt="Angka pasukan per sumber")))
    adapter = await adapters(app)
    await signed_post(adapter, event_body(mention("/chart", ts="1700000777.000001")), json_body=True)
    complete = (await fake.wait_for(lambda: fake.api("files.completeUploadExternal")))[0]
    url_call = fake.api("files.getUploadURLExternal")[0]
    assert int(url_call.params["length"]) == len(PNG) and url_call.params["alt_txt"] == "Angka pasukan per sumber"
    assert fake.of("upload")[0].body.endswith(PNG[-12:]) and PNG in fake.of("upload")[0].body
    assert complete.params["channel_id"] == "C1" and complete.params["thread_ts"] == "1700000777.000001"
    assert json.loads(complete.params["files"])[0]["title"] == "Angka pasukan per sumber"


# ---- scheduled deliveries --------------------------------------------------------------------------
async def test_deliver_paces_one_message_a_second_and_reports_gone_channels(app, fake, adapters):
    adapter = await adapters(app)
    reply = Reply(title="Ringkasan", items=[Item(text="Poin.")])
    await asyncio.gather(adapter.deliver("C5", reply), adapter.deliver("C5", reply))
    first, second = fake.api("chat.postMessage")
    assert second.at - first.at >= 0.9
    for number, error in enumerate(("channel_not_found", "not_in_channel", "is_archived")):
        fake.fail("chat.postMessage", error=error)
        with pytest.raises(ChatGone, match=error):
            await adapter.deliver(f"C6{number}", reply)  # a fresh channel each: no pacing wait


# ---- Socket Mode -----------------------------------------------------------------------------------
async def test_socket_mode_end_to_end_slash_command_and_mention(app, fake, adapters):
    add_test_command(app, "slow", Reply(title="Lambat", items=[Item(text="Selesai.")]), delay=0.5)
    adapter = await adapters(app, socket=True)
    assert adapter.http_port is None  # no listening port in Socket Mode
    pushed = time.monotonic()
    await fake.push({"envelope_id": "env-cmd-1", "type": "slash_commands", "accepts_response_payload": True,
                     "payload": command_payload(fake, "/briefbot slow")})
    ack = (await fake.wait_for(lambda: fake.of("ack")))[0]
    answer = (await fake.wait_for(lambda: fake.of("respond")))[0]
    assert ack.name == "env-cmd-1" and ack.at - pushed < 3.0
    assert ack.at < answer.at - 0.3  # acknowledged before the slow work, not after it
    assert answer.params["response_type"] == "in_channel" and answer.blocks[0]["text"]["text"] == "Lambat"
    await fake.push({"envelope_id": "env-cmd-2", "type": "slash_commands", "accepts_response_payload": True,
                     "payload": command_payload(fake, "/briefbot troops")})
    troops = (await fake.wait_for(lambda: len(fake.of("respond")) == 2 and fake.of("respond")))[1]
    assert troops.blocks[0]["type"] == "header" and any(b["type"] == "context" for b in troops.blocks)
    event = json.loads(event_body(mention("berapa tentara Korea Utara di Kursk?", ts="1700000999.000001")))
    await fake.push({"envelope_id": "env-evt-1", "type": "events_api", "accepts_response_payload": False,
                     "payload": event})
    posted = (await fake.wait_for(lambda: fake.api("chat.postMessage")))[0]
    assert posted.params["thread_ts"] == "1700000999.000001"
    assert {a.name for a in fake.of("ack")} == {"env-cmd-1", "env-cmd-2", "env-evt-1"}


async def test_socket_mode_uses_the_app_token_only_to_open_the_connection(app, fake):
    adapter = factory(app, slack_env(fake, socket=True))
    await adapter.start()
    try:
        opened = (await fake.wait_for(lambda: fake.api("apps.connections.open")))[0]
        assert opened.headers["Authorization"] == f"Bearer {APP_TOKEN}"
        assert all(c.headers.get("Authorization") == f"Bearer {BOT_TOKEN}"
                   for c in fake.api() if c.name != "apps.connections.open")
    finally:
        await adapter.stop()


async def test_tokens_and_secret_never_reach_the_log(app, fake, adapters, caplog):
    caplog.set_level(logging.DEBUG)
    add_test_command(app, "boom", RuntimeError(f"handler blew up holding {BOT_TOKEN[:5]}"))
    socket_adapter = await adapters(app, socket=True)
    http_adapter = await adapters(app)
    await fake.push({"envelope_id": "env-1", "type": "slash_commands", "payload": command_payload(fake, "/briefbot troops")})
    await signed_post(http_adapter, command_body(fake, "/briefbot boom"))
    await signed_post(http_adapter, command_body(fake, "/briefbot troops x"))
    await post(http_adapter, command_body(fake, "/briefbot troops"), signed_headers("tampered"))
    await fake.wait_for(lambda: len(fake.of("respond")) >= 3)
    logging.getLogger("test").info("config: %r", socket_adapter.config)
    assert "handler blew up" in caplog.text  # the log did capture the run, at DEBUG
    for secret in (BOT_TOKEN, APP_TOKEN, SIGNING_SECRET):
        assert secret not in caplog.text
        assert secret.split("-")[-1] not in caplog.text


@pytest.mark.parametrize("socket,method,variable", [(False, "auth.test", "SLACK_BOT_TOKEN"),
                                                    (True, "apps.connections.open", "SLACK_APP_TOKEN")])
async def test_rejected_token_is_a_clear_config_error_at_start(app, fake, socket, method, variable):
    fake.fail(method, error="invalid_auth")
    adapter = factory(app, slack_env(fake, socket))
    with pytest.raises(ConfigError, match=f"Slack rejected {variable} \\(invalid_auth\\)"):
        await adapter.start()
    await adapter.stop()


# ---- configuration, rendering and the manifest -------------------------------------------------------
def test_factory_picks_the_mode_from_the_environment(app):
    base = {"SLACK_API_BASE_URL": "http://127.0.0.1:9/api"}
    assert factory(app, {}) is None
    assert factory(app, {"SLACK_BOT_TOKEN": BOT_TOKEN, **base}) is None  # neither mode's second credential
    assert factory(app, {"SLACK_APP_TOKEN": APP_TOKEN, **base}) is None  # no bot token
    socket = load_config(app, {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": APP_TOKEN,
                               "SLACK_SIGNING_SECRET": SIGNING_SECRET, **base})
    assert socket is not None and socket.mode == "socket" and socket.api_base_url == "http://127.0.0.1:9/api/"
    http = load_config(app, {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
                             "SLACK_HTTP_HOST": "127.0.0.2", "SLACK_HTTP_PORT": "8099", **base})
    assert http is not None and http.mode == "http" and (http.http_host, http.http_port) == ("127.0.0.2", 8099)
    default = load_config(app, {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET})
    assert default is not None and (default.http_host, default.http_port) == ("0.0.0.0", 3000)
    with pytest.raises(ConfigError, match="SLACK_HTTP_PORT"):
        load_config(app, {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": "s", "SLACK_HTTP_PORT": "web"})
    assert BOT_TOKEN not in repr(socket) and APP_TOKEN not in repr(socket) and SIGNING_SECRET not in repr(socket)
    assert factory.platform == "slack" and "SLACK_APP_TOKEN" in factory.required_env


def test_rendering_escapes_and_refuses_unsafe_links():
    assert safe_url("!channel") is None and safe_url("javascript:alert(1)") is None
    assert safe_url("slack://open") is None and safe_url("https://a.example/x y") == "https://a.example/x%20y"
    reply = Reply(title="<!everyone> & more", items=[
        Item(text="a <@U123> b", sources=[SourceRef("t>", "s<", "!here", 1)])])
    message = render_messages(reply)[0]
    sent = json.dumps(message)
    assert "<@U123>" not in sent and "<!here" not in sent and "&lt;@U123&gt;" in sent
    assert message["text"].startswith("&lt;!everyone&gt; &amp; more")
    assert message["blocks"][-1]["elements"][0]["text"] == "s&lt;: t&gt;"  # unsafe URL: text, no link
    pieces = split_text("&amp;" * 1000, 3000)
    assert all(p.endswith(";") and len(p) <= 3000 for p in pieces) and "".join(pieces) == "&amp;" * 1000


def run_manifest(app: Any, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "BRIEFBOT_"))}
    env["BRIEFBOT_DB"] = app.settings.db_path  # already seeded: the CLI starts at once
    env.update({k: v for k, v in app.settings.env.items() if k == "BRIEFBOT_TOPICS"})
    args = (*args, *getattr(app, "cli_args", []))
    return subprocess.run([sys.executable, "-m", "bot", "slack-manifest", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=60)


def test_manifest_from_the_cli_is_json_with_one_namespaced_command(app):
    result = run_manifest(app)
    assert result.returncode == 0, result.stderr
    manifest = json.loads(result.stdout)  # Slack takes a JSON manifest as it is
    assert result.stdout == factory.manifest(app) + "\n"  # the CLI prints exactly what the factory builds
    commands = manifest["features"]["slash_commands"]
    assert [c["command"] for c in commands] == ["/briefbot"] and "url" not in commands[0]
    assert "troops" in commands[0]["description"] and "start" not in commands[0]["description"]
    settings = manifest["settings"]
    assert settings["socket_mode_enabled"] is True and "request_url" not in settings["event_subscriptions"]
    assert set(settings["event_subscriptions"]["bot_events"]) == {"app_mention", "message.im", "message.mpim"}
    assert {"commands", "chat:write", "files:write", "files:read", "app_mentions:read", "im:history",
            "mpim:history"} <= set(manifest["oauth_config"]["scopes"]["bot"])
    assert manifest["features"]["bot_user"]["display_name"] == "briefbot"


def test_manifest_http_mode_fills_every_request_url(app):
    result = run_manifest(app, "--http", "https://bot.example.org")
    assert result.returncode == 0, result.stderr
    manifest = json.loads(result.stdout)
    assert manifest["settings"]["socket_mode_enabled"] is False
    assert manifest["settings"]["event_subscriptions"]["request_url"] == "https://bot.example.org/slack/events"
    assert [c["url"] for c in manifest["features"]["slash_commands"]] == ["https://bot.example.org/slack/events"]
    custom = json.loads(factory.manifest(app, "https://edge.example.org/hooks/slack"))
    assert custom["settings"]["event_subscriptions"]["request_url"] == "https://edge.example.org/hooks/slack"
    refused = run_manifest(app, "--http", "http://bot.example.org")
    assert refused.returncode == 2 and "https://" in refused.stderr and "Traceback" not in refused.stderr


def test_per_command_manifest_leaves_out_telegram_only_commands(seeded_db, tmp_path, clean_env):
    classic = slack_app(seeded_db, tmp_path, 'command_style = "per_command"\n')
    commands = [c["command"] for c in json.loads(factory.manifest(classic))["features"]["slash_commands"]]
    assert commands == [f"/{c.name}" for c in classic.registry.on("slack")]
    assert "/troops" in commands and "/importopml" in commands and "/start" not in commands


TOPIC = """
[[topic]]
name = "{name}"
kind = "place"
description.id = "Ringkasan {name}"
description.en = "Briefing on {name}"
aliases.id = ["{name}"]
"""


def test_manifest_refuses_what_slack_would_refuse_and_says_why(seeded_db, tmp_path, clean_env):
    long_name = "a" * 32  # a valid Telegram command, but "/" + 32 characters is over Slack's 32
    long_topic = slack_app(seeded_db, tmp_path, 'command_style = "per_command"\n', TOPIC.format(name=long_name))
    with pytest.raises(ConfigError, match=f"/{long_name} is 33 characters"):
        factory.manifest(long_topic)
    json.loads(factory.manifest(slack_app(seeded_db, tmp_path, "", TOPIC.format(name=long_name))))  # single: fine
    many = "".join(TOPIC.format(name=f"place{n}") for n in range(40))  # 40 topics + the built-in commands
    crowded = slack_app(seeded_db, tmp_path, 'command_style = "per_command"\n', many)
    with pytest.raises(ConfigError, match=r"\d+ slash commands: Slack allows 50"):
        factory.manifest(crowded)
    assert len(json.loads(factory.manifest(slack_app(seeded_db, tmp_path, "", many)))["features"]["slash_commands"]) == 1
    result = run_manifest(crowded)
    assert result.returncode == 2 and "Slack allows 50" in result.stderr and "Traceback" not in result.stderr


def test_display_name_keeps_only_what_slack_allows():
    assert display_name("Brief Bot") == "brief-bot"
    assert display_name("Kabar Harian: Kursk!") == "kabar-harian-kursk"
    assert display_name("news.bot_2") == "news.bot_2"
    assert display_name("Берлин") == ""  # nothing left: the manifest refuses it with the reason


def test_manifest_names_a_display_name_slack_would_refuse(seeded_db, tmp_path, clean_env):
    bot = slack_app(seeded_db, tmp_path, "")
    bot.settings.bot = replace(bot.settings.bot, name="Берлин")
    with pytest.raises(ConfigError, match="display name of a-z 0-9 - _ ."):
        factory.manifest(bot)


async def test_connected_reports_the_socket_and_the_http_endpoint_for_the_health_check(app, fake):
    socket_adapter = factory(app, slack_env(fake, socket=True))
    assert await socket_adapter.connected() is False  # not started
    await socket_adapter.start()
    await fake.wait_for(lambda: fake.sockets)
    for _ in range(50):  # the websocket handshake finishes just after the fake sees it
        if await socket_adapter.connected():
            break
        await asyncio.sleep(0.1)
    assert await socket_adapter.connected() is True
    await socket_adapter.stop()
    assert await socket_adapter.connected() is False
    http_adapter = factory(app, slack_env(fake))
    await http_adapter.start()
    try:
        assert await http_adapter.connected() is True
    finally:
        await http_adapter.stop()
    assert await http_adapter.connected() is False
