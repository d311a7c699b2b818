"""The learned answer model: its file, the FacQA reader, and training end to end on a small corpus."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from evaluation.qa import load_facqa
from summarizer.entities import extract_entities
from summarizer.qa import (
    ANSWER_FEATURES,
    WEIGHTS,
    Passage,
    analyze_question,
    gather_evidence,
    hand_score,
    idf_weights,
    load_answer_model,
    rank_passages,
)
from summarizer.tokens import content_stems
from tests.conftest import REPO

# Made-up rows in IndoNLU FacQA's format (token lists, the answer marked B/I), not FacQA data.
ROWS = [
    (["Berapa", "tentara", "Korea", "Utara", "tiba", "di", "Kursk", "?"],
     ["Sekitar", "8.000", "tentara", "Korea", "Utara", "tiba", "di", "Kursk", "pekan", "lalu", ".",
      "Mereka", "berlatih", "di", "Timur", "Jauh", "Rusia", "."],
     ["O", "B", "I", "O", "O", "O", "O", "O", "O", "O", "O", "O", "O", "O", "O", "O", "O", "O"]),
    (["Siapa", "Menteri", "Luar", "Negeri", "AS", "?"],
     ["Menteri", "Luar", "Negeri", "AS", "Antony", "Blinken", "mengecam", "pengiriman", "itu", "."],
     ["O", "O", "O", "O", "B", "I", "O", "O", "O", "O"]),
]


def _write_facqa(path: Path, rows=ROWS) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["question", "passage", "seq_label"])
        for question, passage, labels in rows:
            writer.writerow([repr(question), repr(passage), repr(labels)])
    return path


def test_the_shipped_model_matches_the_features_and_the_configured_threshold() -> None:
    import tomllib

    model = load_answer_model()
    assert model is not None, "summarizer/data/answer_ranker.json missing or trained on other features"
    assert tuple(model["features"]) == ANSWER_FEATURES
    assert len(model["coef"]) == len(model["mean"]) == len(ANSWER_FEATURES)
    config = tomllib.loads((REPO / "config" / "default.toml").read_text(encoding="utf-8"))
    # the decline threshold is on the model's probability scale: retraining must update the config
    assert config["answers"]["min_score"] == pytest.approx(model["min_score"])
    assert 0 < config["answers"]["hedge_score"] < config["answers"]["min_score"]


def test_learned_scores_are_probabilities_and_hand_scores_stay_available() -> None:
    query = analyze_question("Berapa tentara Korea Utara di Kursk?")
    texts = [(1, "Sekitar 8.000 tentara Korea Utara kini berada di Kursk."),
             (1, "Tentara Korea Utara di Kursk belum bertempur."), (2, "Harga cabai naik menjelang Lebaran.")]
    passages = [Passage(key=k, article=a, position=k, text=t, stems=tuple(content_stems(t)),
                        entities=tuple(extract_entities(t))) for k, (a, t) in enumerate(texts, 1)]
    idf = idf_weights({t: 1 for t in query.terms}, 100)
    learned = rank_passages(query, passages, idf)
    assert [p.key for _, p in learned][0] == 1
    assert all(0.0 <= s <= 1.0 for s, _ in learned)
    hand = dict((p.key, s) for s, p in rank_passages(query, passages, idf, learned=False))
    expected = {p.key: hand_score(e, WEIGHTS) for e, p in gather_evidence(query, passages, idf)}
    assert hand == pytest.approx(expected)
    assert max(hand, key=hand.get) == 1


def test_facqa_rows_become_questions_passages_and_answers(tmp_path: Path) -> None:
    questions, passages = load_facqa(_write_facqa(tmp_path / "facqa.csv"))
    assert [q.question for q in questions] == ["Berapa tentara Korea Utara tiba di Kursk?", "Siapa Menteri Luar Negeri AS?"]
    assert questions[0].answer[0] == "8.000 tentara"
    assert questions[1].answer[0] == "Antony Blinken"
    assert [q.split for q in questions] == ["dev", "heldout"]  # line index ending in 1, 4 or 7 is held out
    assert questions[0].article in passages and passages[questions[0].article].startswith("Sekitar 8.000 tentara")


def test_each_marked_span_is_an_answer_of_its_own(tmp_path: Path) -> None:
    from evaluation.qa import contains

    # made up, in FacQA's format: two spans, and a list whose commas are not marked
    rows = [(["Berapa", "waktu", "Darling", "?"],
             ["Darling", "finis", "dalam", "49,55", "detik", ",", "unggul", "0,19", "detik", "."],
             ["O", "O", "O", "B", "I", "O", "O", "B", "I", "O"]),
            (["Kota", "mana", "saja", "?"],
             ["Pasukan", "tiba", "di", "Kursk", ",", "Belgorod", "dan", "Bryansk", "."],
             ["O", "O", "O", "B", "O", "I", "I", "I", "O"])]
    questions, passages = load_facqa(_write_facqa(tmp_path / "spans.csv", rows))
    assert questions[0].answer[:2] == ("49,55 detik", "0,19 detik")
    assert contains(passages[questions[0].article], questions[0].answer)
    assert "Belgorod dan Bryansk" in questions[1].answer and "Kursk" in questions[1].answer
    assert contains(passages[questions[1].article], questions[1].answer)


def test_a_malformed_facqa_file_names_the_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from evaluation.qa import main

    bad = tmp_path / "bad.csv"
    bad.write_text('question,passage,seq_label\n"[\'Siapa\']","[\'A\', \'B\']","[\'O\']"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="row 1"):
        load_facqa(bad)
    assert main(["--facqa", str(bad)]) == 2
    assert "row 1" in capsys.readouterr().err


def test_training_writes_a_model_that_ranks_its_answers_first(tmp_path: Path) -> None:
    from evaluation import train_qa
    from evaluation.qa import Question

    questions = tmp_path / "q.jsonl"
    lines = [
        {"question": "Berapa tentara Korea Utara di Kursk menurut Amerika Serikat?", "answer": "8.000"},
        {"question": "Siapa juru bicara Pentagon?", "answer": ["Sabrina Singh", "Singh"]},
        {"question": "Siapa Sekretaris Jenderal NATO?", "answer": "Mark Rutte"},
        {"question": "Berapa tentara Korea Utara di Rusia menurut Zelensky?", "answer": ["12.000", "11.000", "10.000"]},
        {"question": "Kapan Presiden Rusia lahir di Kursk?", "answer": None},
        {"question": "Siapa Menteri Pertahanan Korea Selatan?", "answer": "Kim Yong-hyun"},
    ]
    questions.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    out = tmp_path / "model.json"
    code = train_qa.main(["--questions", str(questions), "--facqa-all", str(_write_facqa(tmp_path / "f.csv")),
                          "--articles", "0", "--folds", "2", "--db", str(tmp_path / "t.db"), "--out", str(out)])
    assert code == 0
    model = json.loads(out.read_text(encoding="utf-8"))
    assert tuple(model["features"]) == ANSWER_FEATURES
    assert model["min_score"] in train_qa.THRESHOLDS and model["C"] in train_qa.C_GRID
    assert model["questions"] == len(lines) + len(ROWS)
    # fitted on these questions, it puts a sentence holding the answer first for most of them
    from evaluation.qa import build_app

    app, _ = build_app(tmp_path / "t.db", 0)
    items = train_qa.examples(app, [Question(q["question"], q["answer"]) for q in lines if q["answer"]])
    app.store.close()
    from summarizer.qa import answer_probabilities

    firsts = [bool(e.y[int(answer_probabilities(model, e.x).argmax())]) for e in items if len(e.y)]
    assert sum(firsts) >= len(firsts) - 1, firsts


def test_a_facqa_question_asked_without_its_passage_is_unanswerable(tmp_path: Path) -> None:
    from evaluation import train_qa
    from evaluation.qa import build_app

    rows = [(["Siapa", "pelatih", "Persik", "Kediri", "?"],
             ["Pelatih", "Persik", "Kediri", "Joko", "Susilo", "memimpin", "latihan", "pagi", "."],
             ["O", "O", "O", "B", "I", "O", "O", "O", "O"]),
            ROWS[1]]  # Antony Blinken: the seeds name him too
    questions, passages = load_facqa(_write_facqa(tmp_path / "f.csv", rows))
    app, _ = build_app(tmp_path / "t.db", 0, passages=passages)
    try:
        with_source = train_qa.examples(app, questions)
        without = train_qa.examples(app, questions, without_source=True)
    finally:
        app.store.close()
    assert all(e.answerable and e.y.any() for e in with_source)
    # without its passage, Joko Susilo is nowhere: the copy counts as unanswerable
    assert not without[0].answerable and not without[0].y.any()
    # the labels still say when another source holds the answer
    assert without[1].answerable and without[1].y.any()
