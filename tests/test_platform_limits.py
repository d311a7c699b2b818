"""Renderings over a platform limit fail here, not in production: the fakes enforce Slack's and Telegram's rules.

First the fakes are shown to refuse what the real platforms refuse (through the real
slack_sdk and python-telegram-bot clients); then stress replies go through our renderers
and adapters and must come out within every limit.
"""
from __future__ import annotations

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from telegram import Bot
from telegram.error import BadRequest
from telegram.request import HTTPXRequest

from adapters import slack as slack_adapter
from adapters import telegram as telegram_adapter
from bot.models import Item, Reply, SourceRef
from tests.fake_slack import FakeSlack, block_kit_problems
from tests.fake_telegram import FakeTelegram, utf16_units, visible_text
from tests.test_slack import adapters, fake  # noqa: F401 - fixtures (fake checks no violation at teardown)

LONG_URL = "https://news.example.org/berita/kursk?" + "&".join(f"utm_x{n}=" + "a" * 40 for n in range(90)) + "&id=7"
EMOJI = "\U0001F1F0\U0001F1F5"  # a flag: 2 code points, 4 UTF-16 units


def _ref(n: int, url: str | None = None, title: str = "Judul") -> SourceRef:
    return SourceRef(title=f"{title} {n}", source=f"Outlet {n}", url=url or f"https://example.org/{n}", article_id=n)


STRESS = {
    "long source url": Reply(title="Pasukan", items=[Item("Sebanyak 11.000 tentara.", [_ref(1, LONG_URL)])]),
    "many items": Reply(title="Banyak", items=[Item(f"Butir {n} " * 30, [_ref(n), _ref(n + 100)]) for n in range(70)]),
    "huge item": Reply(title="Besar", items=[Item("kata " * 3000, [_ref(n) for n in range(25)])]),
    "long title": Reply(title="Judul yang sangat panjang " * 40, items=[Item("isi", [_ref(1)])]),
    "emoji text": Reply(title=EMOJI * 100, items=[Item(EMOJI * 3000, [_ref(1, title=EMOJI * 200)])]),
    "markup in text": Reply(title="<b>&amp; <!channel> *x*", items=[Item("a < b > c & d <@U1> <a href='x'>", [
        _ref(1, url="https://example.org/?q=<script>&x=\"y\"", title="</pre><i>")])],
        footer="<tg-spoiler> & " * 400),
}


# ---- the fakes refuse what the platforms refuse ----------------------------------------------------
@pytest.mark.parametrize("message,why", [
    ({"text": "x", "blocks": [{"type": "context", "elements": [{"type": "mrkdwn", "text": "a" * 3001}]}]},
     "elements[0]"),
    ({"text": "x", "blocks": [{"type": "header", "text": {"type": "plain_text", "text": "h" * 151}}]}, "(1-150)"),
    ({"text": "x", "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "s" * 3001}}]}, "(1-3000)"),
    ({"text": "x", "blocks": [{"type": "divider"}] * 51}, "51 blocks"),
    ({"text": "x", "blocks": [{"type": "context", "elements": [{"type": "mrkdwn", "text": "c"}] * 11}]},
     "11 elements"),
])
async def test_fake_slack_refuses_what_block_kit_refuses(message, why):
    server = FakeSlack()
    await server.start()
    try:
        client = AsyncWebClient(token="xoxb-test", base_url=server.api_url)
        with pytest.raises(SlackApiError) as caught:
            await client.chat_postMessage(channel="C1", **message)
        assert caught.value.response["error"] == "invalid_blocks"
        assert any(why in v for v in server.violations), server.violations
    finally:
        await server.stop()


@pytest.mark.parametrize("text,why", [
    (EMOJI * 1025, "too long"),  # 2,050 characters but 4,100 UTF-16 units
    ("<div>x</div>", "Unsupported start tag"),
    ("a &nbsp; b", "Unsupported HTML entity"),
    ("<b>bold", "end tag"),
    ("<b><i>x</b></i>", "Unmatched end tag"),
    ('<a href="javascript:alert(1)">x</a>', "Wrong HTTP URL"),
    ("1 < 2", "Unexpected"),
    ("<b></b>  ", "empty"),
])
async def test_fake_telegram_refuses_what_telegram_refuses(text, why):
    server = FakeTelegram()
    base = await server.start()
    try:
        bot = Bot(server.token, base_url=base, request=HTTPXRequest())
        with pytest.raises(BadRequest) as caught:
            await bot.send_message(chat_id=5, text=text, parse_mode="HTML")
        assert why.lower() in str(caught.value).lower()
        ok = await bot.send_message(chat_id=5, text=EMOJI * 1022 + " &amp; <b>ok</b>", parse_mode="HTML")
        assert ok.message_id  # 4,095 units once parsed (the tags and "&amp;" do not count): accepted
        server.violations.clear()
    finally:
        await server.stop()


# ---- our renderings stay within them ---------------------------------------------------------------
@pytest.mark.parametrize("case", list(STRESS))
def test_slack_renderings_of_stress_replies_are_within_block_kit_limits(case):
    messages = slack_adapter.render_messages(STRESS[case])
    assert messages
    for message in messages:
        assert block_kit_problems(message) == [], case


@pytest.mark.parametrize("case", list(STRESS))
def test_telegram_renderings_of_stress_replies_parse_and_fit(case):
    for text in telegram_adapter.render(STRESS[case]):
        shown = visible_text(text, "HTML")
        assert shown.strip() and utf16_units(shown) <= 4096, case


def test_long_source_url_keeps_a_working_link_in_its_canonical_form():
    link = slack_adapter.source_link(_ref(1, LONG_URL))
    assert len(link) <= slack_adapter.SECTION_MAX
    assert link.startswith("<https://news.example.org/berita/kursk?id=7|")  # tracking parameters dropped
    hopeless = "https://example.org/" + "p" * 4000  # nothing to drop: the label alone, never a cut URL
    assert slack_adapter.source_link(_ref(2, hopeless)) == "Outlet 2: Judul 2"


async def test_long_source_url_goes_through_the_real_adapter_to_the_fake(app, fake, adapters):  # noqa: F811
    adapter = await adapters(app)
    await adapter.deliver("C1", STRESS["long source url"])
    posted = await fake.wait_for(lambda: fake.api("chat.postMessage"))
    assert "id=7" in str(posted[0].blocks)
    # the fake fixture asserts at teardown that no message broke a limit
