"""Every reply in the chat's language: a walk over every command in English that fails on Indonesian
words the bot wrote itself (titles, labels, footers, help, errors), on the console path and through
the real Telegram and Slack stacks.

Article sentences, outlet names and people's names stay as the sources wrote them: the bot does not
translate the news. So items that carry sources are content, except on figures topics, whose lines
are the bot's labels around a number and its claimants.
"""
from __future__ import annotations

import json
import re
import shutil
import string
from pathlib import Path

import pytest

from bot.app import BotApp, parse_message
from bot.i18n import LANGUAGES, t, templates
from bot.models import Reply, Request
from bot.settings import load_settings
from summarizer.tokens import STOPWORDS

# Indonesian function words English does not share, plus the content words the bot's own labels
# are made of: any of them in an English reply is a label someone forgot to word in i18n.
LABEL_WORDS = {"tentara", "pasukan", "prajurit", "korban", "laporan", "lainnya", "sumber", "artikel", "perintah",
               "sekitar", "hingga", "sedikitnya", "lebih", "tanpa", "ringkasan", "angka", "jawaban", "gunakan",
               "ketik", "langganan", "pukul", "poin", "kalimat", "berita", "harian", "terkirim", "dijeda"}
MARKERS = (STOPWORDS["id"] - STOPWORDS["en"]) | LABEL_WORDS
# Said in Indonesian on purpose: how an Indonesian reader switches back (help footer).
DELIBERATE = {"help_other_language"}
QUESTION = "how many North Korean troops are in Kursk?"


def indonesian(text: str | None) -> set[str]:
    """The marker words in `text` (command names and URLs are not words here)."""
    text = re.sub(r"https?://\S+|/\w+", " ", text or "")
    return {word for word in re.findall(r"[a-z]+", text.lower()) if word in MARKERS}


def bot_written(reply: Reply) -> list[str]:
    """The parts of a reply the bot words: title, footer, image alt and items without sources."""
    parts = [reply.title, reply.footer or ""]
    if reply.image is not None:
        parts.append(reply.image.alt)
    parts.extend(item.text for item in reply.items if not item.sources)
    return parts


def figure_labels(reply: Reply, content: set[str]) -> list[str]:
    """A figures line without its claimants as the articles wrote them (`content`: the names that read
    the same in both languages, "pejabat AS dan Ukraina"): what is left is the bot's label, qualifier
    and generic claimant words ("media reports"), which the bot words per language."""
    lines = []
    for item in reply.items:
        text = item.text
        for name in sorted(item.who or [], key=len, reverse=True):
            if name in content:
                text = text.replace(name, " ")
        lines.append(text)
    return lines


@pytest.fixture
def app(seeded_db: Path, tmp_path: Path, clean_env: None) -> BotApp:
    copy = tmp_path / "bot.db"
    shutil.copy(seeded_db, copy)
    built = BotApp(load_settings(None, env={"BRIEFBOT_ADMINS": "slack:U2,telegram:42"}, db_path=str(copy)))
    built.store.set_chat_language("console", "local", "en")
    return built


def ask(app: BotApp, text: str, chat: str = "local", platform: str = "console") -> Reply:
    command, args = parse_message(text)
    return app.handle(Request(platform, chat, "operator", command=command, args=args))


# Arguments that reach each command's main paths without the network; every command is walked with
# no arguments and with a nonsense one as well.
SAMPLE_ARGS = {
    "about": ["Budanov"], "ask": [QUESTION], "lang": ["en", "fr"],
    "subscribe": ["07:00 Asia/Jakarta", "25:00", "07:00 Europe/Berln"],
    "addsource": ["http://127.0.0.1:9/rss"], "addtext": ["Title | " + "Some article text. " * 30],
    "removesource": ["99"], "refresh": ["99"], "audit": ["3"],
}


def test_both_languages_have_the_same_messages_with_the_same_placeholders():
    """bot/data/messages.id.toml and messages.en.toml: a key or a {placeholder} missing from one
    language would be a KeyError or a half-filled reply in that language only."""
    def placeholders(text: str) -> set[str]:  # a set: English names a count twice ("{n} {n:entry|entries}")
        return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}

    english, bahasa = templates("en"), templates("id")
    assert len(english) > 150 and set(english) == set(bahasa)
    assert {key: placeholders(text) for key, text in english.items()} == \
        {key: placeholders(text) for key, text in bahasa.items()}
    assert t("did_you_mean", "en", name="brief") == "Did you mean /brief?"
    assert t("did_you_mean", "fr", name="brief") == t("did_you_mean", "id", name="brief")  # unknown: Indonesian


def test_an_english_count_takes_the_singular_or_the_plural():
    """"1 sentences from 1 articles" was what /about said of a name one sentence mentions."""
    assert t("about_title", "en", name="Kusno", count=1, articles=1) == "About Kusno: 1 sentence from 1 article"
    assert t("about_title", "en", name="Kusno", count=5, articles=2) == "About Kusno: 5 sentences from 2 articles"
    assert t("src_removed_kept", "en", id=3, name="Antara", count=1) == \
        "Removed source #3 “Antara”; its 1 article was kept."
    assert t("src_refresh_title", "en", count=0, added=1, failed=0) == "Refreshed 0 sources: 1 new article, 0 failed."
    # Indonesian nouns do not inflect for number
    assert t("about_title", "id", name="Kusno", count=1, articles=1) == "Tentang Kusno: 1 kalimat dari 1 artikel"
    english = templates("en")
    plural_forms = [spec for text in english.values() for _, _, spec, _ in string.Formatter().parse(text)
                    if spec and "|" in spec]
    assert len(plural_forms) >= 20 and "(s)" not in "".join(english.values())


def test_terminal_and_log_lines_count_as_the_chat_does_without_babel():
    # bot.i18n.english writes English's CLDR rule out so that `ingest` need not import Babel for it
    from babel import Locale

    from bot.i18n import english

    line = "{count} {count:briefing was|briefings were} being sent"
    assert english(line, count=1) == "1 briefing was being sent"
    assert english(line, count=0) == "0 briefings were being sent"
    rule = Locale("en").plural_form
    for count in range(0, 30):
        assert english("{n:one|other}", n=count) == rule(count)


def test_every_message_and_command_help_has_an_english_wording(app):
    english, bahasa = templates("en"), templates("id")
    offenders = {key: sorted(indonesian(text)) for key, text in english.items() if key not in DELIBERATE}
    assert {key: words for key, words in offenders.items() if words} == {}
    assert [key for key in english if english[key] == bahasa[key] and indonesian(bahasa[key])] == []
    app_commands = app.registry
    for command in app_commands:  # the Telegram menu and Slack's description use these
        assert set(command.help) == set(LANGUAGES) and not indonesian(command.help["en"]), command.name


def test_walking_every_command_in_english_meets_no_indonesian_label(app):
    seen: dict[str, set[str]] = {}
    for command in app.registry:
        nonsense = [] if command.name == "addsource" else ["zz"]  # "zz" would be looked up as a host name
        for args in ["", *nonsense, *SAMPLE_ARGS.get(command.name, [])]:
            if command.name == "lang" and args == "id":
                continue
            line = f"/{command.name} {args}".strip()
            reply = ask(app, line)
            for part in bot_written(reply):
                if indonesian(part):
                    seen[f"{line} -> {part[:80]}"] = indonesian(part)
    for line in ["/trops", QUESTION, "", "\x00\x01binary", "x" * 5000]:
        reply = ask(app, line)
        for part in bot_written(reply):
            if indonesian(part):
                seen[f"{line[:20]} -> {part[:80]}"] = indonesian(part)
    app.store.set_chat_language("telegram", "7", "en")
    refused = ask(app, "/addsource https://example.org/rss", chat="7", platform="telegram")  # not an admin
    assert refused.ephemeral and not indonesian(refused.title)
    assert seen == {}


def test_figures_topics_are_labelled_in_english(app):
    """The figures lines' labels ("troops in Russia", "media reports", "up to") in English."""
    figures = [topic.name for topic in app.settings.topics if topic.kind == "figures"]
    assert figures
    for name in figures:
        reply = ask(app, f"/{name}")
        assert reply.items, name
        bahasa = ask(app, f"/{name}", chat="other")  # the default language: Indonesian
        content = {n for item in bahasa.items for n in item.who or []} & {n for item in reply.items for n in item.who or []}
        assert {line: indonesian(line) for line in figure_labels(reply, content) if indonesian(line)} == {}
        assert not indonesian(reply.footer) and not indonesian(reply.title)
        chart = ask(app, f"/{name} chart")
        assert chart.image is not None and not indonesian(chart.image.alt)


def test_help_tells_each_reader_how_to_switch_language(app):
    english = ask(app, "/help")
    assert "Bahasa Indonesia: /lang id" in (english.footer or "")
    indonesian_help = ask(app, "/help", chat="other")  # a chat with no choice: the default, Indonesian
    assert indonesian_help.title == t("help_title", "id")
    assert "In English: /lang en" in (indonesian_help.footer or "")
    start = ask(app, "/start", chat="other")
    assert "In English: /lang en" in (start.footer or "")


# ---- through the platforms --------------------------------------------------------------------------
async def test_telegram_and_slack_answer_in_english_after_lang_en(app):
    from tests.fake_slack import FakeSlack
    from tests.fake_telegram import FakeTelegram
    from tests.test_slack import SlackAdapter, command_body, factory, signed_post, slack_env
    from tests.test_telegram import running

    telegram = FakeTelegram()
    await telegram.start()
    try:
        async with running(app, telegram):
            telegram.message_update(42, "/lang en", 42)
            await telegram.wait_for("sendMessage", 1, timeout=15)
            for number, line in enumerate(["/help", "/trops", "/subscribe 25:00", "/sources"], 2):
                telegram.message_update(42, line, 42)
                await telegram.wait_for("sendMessage", number, timeout=15)
    finally:
        await telegram.stop()
    texts = [call.params["text"] for call in telegram.calls_of("sendMessage")]
    assert texts[0] == "<b>Reply language: English.</b>"
    assert "/lang id" in texts[1]
    assert {text[:60]: indonesian(re.sub(r"<[^>]+>", " ", text)) for text in texts
            if indonesian(re.sub(r"<[^>]+>", " ", text))} == {}

    slack = FakeSlack()
    await slack.start()
    adapter = factory(app, slack_env(slack))
    assert isinstance(adapter, SlackAdapter)
    await adapter.start()
    try:
        await signed_post(adapter, command_body(slack, "/briefbot lang en"))
        await slack.wait_for(lambda: slack.of("respond"))
        for number, line in enumerate(["/briefbot", "/briefbot trops", "/briefbot importopml"], 2):
            await signed_post(adapter, command_body(slack, line))
            await slack.wait_for(lambda n=number: len(slack.of("respond")) >= n)
    finally:
        await adapter.stop()
        await slack.stop()
    sent = [json.dumps({"text": c.params.get("text"), "blocks": c.blocks}, ensure_ascii=False).replace("\\n", " ")
            for c in slack.of("respond")]
    assert "Reply language: English." in sent[0] and "/briefbot lang id" in sent[1]
    assert "upload the .opml file" in sent[3].lower()
    assert {s[:60]: indonesian(s) for s in sent if indonesian(s)} == {}
