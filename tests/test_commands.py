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


@pytest.mark.parametrize("text, meant", [("/", None), ("/ troops", "/troops"), ("//brief", "/brief")])
def test_a_slash_without_a_command_name_is_no_question(app, text, meant):
    # It used to go to the answer search: "Sumber yang ada tidak menjawab pertanyaan ini."
    data = reply(app, text)
    assert data["title"].startswith("Nama perintah ditulis langsung setelah garis miring") and not data["items"]
    assert (data.get("footer") or "") == (f"Maksud Anda {meant}?" if meant else "")


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
    assert len(article) > app.settings.bot.max_message_chars
    question = app.handle(to_request(article))
    assert "terlalu panjang" in question.title
    pasted = app.handle(to_request("/addtext " + article))
    assert "terlalu panjang" not in pasted.title
    assert app.store.article_count() == 6


def test_reply_language_follows_an_english_question_unless_the_chat_chose(app):
    from bot.i18n import t

    # the sources give 3.000 to 12.000: a sure answer or the hedge, in the asker's language either way
    english = reply(app, "how many North Korean troops are in Russia?")
    assert english["title"] in (t("answer_title", "en"), t("weak_answer", "en"), t("sources_differ", "en"))
    ask_once(app, "/lang id")
    assert reply(app, "how many North Korean troops are in Russia?")["title"] in (
        t("answer_title", "id"), t("weak_answer", "id"), t("sources_differ", "id"))


def test_each_claimant_keeps_its_own_qualifier(app):
    items = {i["value"]: i for i in reply(app, "/troops")["items"] if i["group"].endswith("di Rusia")}
    eleven = items[11000]
    # Budanov said "sekitar 11.000", Seoul plainly 11.000: the line must not call both approximate.
    assert not eleven["text"].split(": ", 1)[1].startswith("sekitar")
    assert "(sekitar)" in eleven["text"]


# --- issue 17: topics are their aliases; bad topics say so ---------------------------------


def _topics_file(tmp_path, body):
    path = tmp_path / "topics.toml"
    path.write_text(body, encoding="utf-8")
    return str(path)


FIGURES_NO_MATCH = """
[[topic]]
name = "gempa"
kind = "figures"
description.id = "Angka gempa Palu"
description.en = "Palu earthquake figures"
aliases.id = ["gempa Palu", "Donggala"]
"""


def test_a_figures_topic_whose_aliases_match_nothing_says_so(make_app, tmp_path):
    app = make_app(BRIEFBOT_TOPICS=_topics_file(tmp_path, FIGURES_NO_MATCH))
    data = json.loads(ask_once(app, "/gempa", as_json=True))
    assert not data["items"]
    assert "gempa Palu" in data["title"] and "/gempa" in data["title"] and "alias" in data["title"]
    ask_once(app, "/lang en")
    assert "No article mentions" in ask_once(app, "/gempa")


def test_a_figures_topic_lists_only_its_own_story(make_app, tmp_path):
    # A topic on the seeds' story by name only: no counted, no kinds.
    body = FIGURES_NO_MATCH.replace('"gempa Palu", "Donggala"', '"Kursk"').replace("gempa", "kursk_angka")
    app = make_app(BRIEFBOT_TOPICS=_topics_file(tmp_path, body))
    items = json.loads(ask_once(app, "/kursk_angka", as_json=True))["items"]
    assert {10000, 2600, 50000} <= {i["value"] for i in items}
    kinds = [i["kind"] for i in items]
    assert kinds == sorted(kinds, key=["troops", "casualties", "money", "percent", "other"].index)
    assert not any("Lainnya" in i["text"] for i in items)


def test_topics_file_errors_are_one_line_naming_the_topic(tmp_path):
    from bot.settings import ConfigError, load_settings

    unknown = FIGURES_NO_MATCH.replace('kind = "figures"', 'kind = "angka"')
    no_alias = FIGURES_NO_MATCH.replace('aliases.id = ["gempa Palu", "Donggala"]', "")
    for body, why in ((unknown, "kind must be one of"), (no_alias, "at least one alias")):
        with pytest.raises(ConfigError) as error:
            load_settings(None, env={"BRIEFBOT_TOPICS": _topics_file(tmp_path, body)})
        message = str(error.value)
        assert "(gempa)" in message and why in message and "\n" not in message


def test_help_examples_come_from_the_topics_file(make_app, tmp_path):
    app = make_app(BRIEFBOT_TOPICS=_topics_file(tmp_path, FIGURES_NO_MATCH))
    for text in (ask_once(app, "/help"), ask_once(app, "/about"), ask_once(app, "/ask")):
        assert "Kursk" not in text and "Budanov" not in text and "Korea" not in text
    with_example = FIGURES_NO_MATCH + 'example.id = "berapa korban gempa Palu?"\nexample.en = "how many died in Palu?"\n'
    app = make_app(BRIEFBOT_TOPICS=_topics_file(tmp_path, with_example))
    assert "berapa korban gempa Palu?" in ask_once(app, "/help")
    ask_once(app, "/lang en")
    assert "how many died in Palu?" in ask_once(app, "/ask")


def test_troops_labels_follow_the_chat_language(app):
    indonesian = reply(app, "/troops")["items"]
    assert any(i["text"].startswith("Korea Utara — tentara di Kursk: ") for i in indonesian)
    ask_once(app, "/lang en")
    english = reply(app, "/troops")
    assert any(i["text"].startswith("North Korea — troops in Kursk: ") for i in english["items"])
    assert any("about 10,000" in i["text"] for i in english["items"])
    assert not any("tentara" in i["group"] or "korban" in i["group"] for i in english["items"])
    assert "Casualties are kept apart" in english["footer"]


PLACE_TOPIC = """
[[topic]]
name = "permata"
kind = "place"
description.id = "Ringkasan tentang Permata Hijau"
description.en = "Briefing on Permata Hijau"
aliases.id = ["Permata Hijau"]
"""


def test_a_place_topic_is_its_alias_as_written(make_app, tmp_path):
    from bot.ingest import ingest_text

    app = make_app(seeded=False, BRIEFBOT_TOPICS=_topics_file(tmp_path, PLACE_TOPIC))
    ingest_text(app.store, "Banjir merendam kawasan Permata Hijau di Jakarta Selatan. Warga Permata Hijau "
                           "mengungsi ke masjid. Petugas memompa air dari Permata Hijau sejak pagi.", url="https://a.id/1")
    ingest_text(app.store, "Sayuran hijau baik untuk kesehatan. Teh hijau diminum hangat. Daun hijau dipetik "
                           "pagi hari.", url="https://b.id/2")
    items = json.loads(ask_once(app, "/permata", as_json=True))["items"]
    assert items and all("Permata Hijau" in i["text"] for i in items)
