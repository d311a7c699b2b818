"""Every command through the console adapter and the shared dispatch path."""
import json
import re

import pytest

from adapters.console import ask_once, to_request
from bot.models import Request


def reply(app, text):
    return json.loads(ask_once(app, text, as_json=True))


def all_source_ids(item):
    return {s["article_id"] for s in item["sources"]}


def test_help_lists_every_registered_command(app):
    text = ask_once(app, "/help")
    for command in app.registry:
        assert f"/{command.name}" in text


def test_help_follows_the_chat_language(app):
    assert "Daftar perintah" in ask_once(app, "/help")
    assert "English" in ask_once(app, "/lang en")
    assert "List of commands" in ask_once(app, "/help")
    assert "/lang id" in ask_once(app, "/lang xx")


def test_topics_come_from_the_config(app):
    data = reply(app, "/topics")
    names = [item["text"].split()[0] for item in data["items"]]
    assert names == [f"/{t.name}" for t in app.settings.topics]


def test_troops_lists_figures_with_claimants_and_sources(app):
    data = reply(app, "/troops")
    items = data["items"]
    assert len(items) >= 5
    values = [item["value"] for item in items]
    assert all(isinstance(v, int) for v in values)
    assert {10000, 2600} <= set(values)
    # 10.000 is reported by several articles: one entry per group citing them all.
    ten = [i for i in items if i["value"] == 10000]
    assert max(len(all_source_ids(i)) for i in ten) >= 2
    assert any(i["who"] for i in items)
    # Casualty figures never sit inside a troop-total group.
    for item in items:
        if item["value"] in (600000, 430000, 340):
            assert item["kind"] == "casualties"
    for item in items:
        assert item["sources"], item


def test_troops_never_repeats_a_figure_within_a_group(app):
    items = reply(app, "/troops")["items"]
    keys = [(i["group"], i["value"]) for i in items]
    assert len(keys) == len(set(keys))


def test_kursk_brief_is_about_kursk_with_sources(app):
    data = reply(app, "/kursk")
    assert 3 <= len(data["items"]) <= 7
    for item in data["items"]:
        assert "kursk" in item["text"].lower()
        assert item["sources"]
    texts = [i["text"] for i in data["items"]]
    assert len(texts) == len(set(texts))


def test_brief_has_three_to_seven_sourced_points_each_story_once(app):
    data = reply(app, "/brief")
    items = data["items"]
    assert 3 <= len(items) <= 7
    assert all(item["sources"] for item in items)
    assert len({i["text"] for i in items}) == len(items)
    assert all(len(i["text"].split()) <= 61 for i in items)


def test_about_budanov_gives_his_statements(app):
    data = reply(app, "/about Budanov")
    assert data["items"]
    assert all("budanov" in i["text"].lower() for i in data["items"])
    assert len({s for i in data["items"] for s in all_source_ids(i)}) >= 2


def test_about_without_a_name_explains_usage(app):
    assert "/about" in reply(app, "/about")["title"]


@pytest.mark.parametrize("text", ["/ask", "/ask   ", "/tanya"])
def test_ask_without_a_question_explains_usage(app, text):
    data = reply(app, text)
    assert "/ask" in data["title"] and "tidak menjawab" not in data["title"]
    assert data["items"] == []


@pytest.mark.parametrize("question", [
    "berapa tentara Korea Utara di Kursk?",
    "how many North Korean troops are in Kursk?",
])
def test_free_questions_in_both_languages_get_sourced_figures(app, question):
    data = reply(app, question)
    assert 1 <= len(data["items"]) <= 3
    top = data["items"][0]
    assert re.search(r"\d[\d.]*\s*(tentara|pasukan|prajurit)", top["text"])
    assert top["sources"]


def test_question_nothing_answers_is_honest(app):
    data = reply(app, "berapa harga cabai rawit di pasar Kramat Jati?")
    assert data["items"] == []
    assert "tidak menjawab" in data["title"]


def test_unknown_command_suggests_the_closest(app):
    data = reply(app, "/trops")
    assert "/trops" in data["title"]
    assert "/troops" in data["footer"]


@pytest.mark.parametrize("text, expected", [
    ("   ", "kosong"),
    ("x" * 5000, "terlalu panjang"),
    ("apa \x00\x01\x02 ini", "tidak dapat dibaca"),
])
def test_bad_input_gets_a_short_explanation(app, text, expected):
    data = app.handle(to_request(text))
    assert expected in data.title
    assert not data.items


def test_non_admin_is_refused_and_audited(app):
    from bot.registry import Command
    from bot.models import Reply

    app.registry.add(Command("secret", lambda a, r, l: Reply(title="done"), {"id": "x", "en": "x"}, admin=True))
    refused = app.handle(Request(platform="telegram", chat="5", user="99", command="secret"))
    assert "admin" in refused.title and refused.ephemeral
    allowed = app.handle(Request(platform="console", chat="local", user="operator", command="secret"))
    assert allowed.title == "done"
    rows = list(app.store.query("select principal, result from audit order by id"))
    assert rows[0]["principal"] == "telegram:99" and rows[0]["result"].startswith("refused")
    assert rows[1] == {"principal": "console", "result": "done"}


def test_a_crashing_handler_becomes_an_apology(app, caplog):
    from bot.registry import Command

    def boom(a, r, l):
        raise RuntimeError("kaboom")

    app.registry.add(Command("boom", boom, {"id": "x", "en": "x"}))
    result = app.handle(to_request("/boom"))
    assert "Maaf" in result.title and "kaboom" not in result.title
    assert "kaboom" in caplog.text


def test_empty_corpus_says_so(make_app):
    app = make_app(seeded=False)
    assert "Belum ada artikel" in reply(app, "/brief")["title"]
    assert reply(app, "berapa tentara?")["items"] == []


def test_a_pasted_article_may_be_long_but_a_question_may_not(app):
    article = ("Pasukan Korea Utara dilaporkan tiba di wilayah Kursk pekan ini. " * 60).strip()
    assert len(article) > app.settings.get("bot.max_message_chars")
    question = app.handle(to_request(article))
    assert "terlalu panjang" in question.title
    pasted = app.handle(to_request("/addtext " + article))
    assert "terlalu panjang" not in pasted.title
    assert app.store.article_count() == 6


def test_reply_language_follows_an_english_question_unless_the_chat_chose(app):
    from bot.i18n import t

    # the sources give 3.000 to 12.000: a sure answer or the hedge, in the asker's language either way
    english = reply(app, "how many North Korean troops are in Russia?")
    assert english["title"] in (t("answer_title", "en"), t("weak_answer", "en"))
    ask_once(app, "/lang id")
    assert reply(app, "how many North Korean troops are in Russia?")["title"] in (
        t("answer_title", "id"), t("weak_answer", "id"))


def test_each_claimant_keeps_its_own_qualifier(app):
    items = {i["value"]: i for i in reply(app, "/troops")["items"] if i["group"].endswith("di Rusia")}
    eleven = items[11000]
    # Budanov said "sekitar 11.000", Seoul plainly 11.000: the line must not call both approximate.
    assert not eleven["text"].split(": ", 1)[1].startswith("sekitar")
    assert "(sekitar)" in eleven["text"]
