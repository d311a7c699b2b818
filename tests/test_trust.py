"""Sure answers under the frozen-test protocol: the list signals, the nested comparison, FacQA in the report."""
from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from evaluation.qa import Question
from evaluation.trust import LEARNED_RULES, LIST_FEATURES, Record, list_features, main, nested_learned
from summarizer.entities import extract_entities
from summarizer.qa import Passage, analyze_question


def _ranked(*scored: tuple[float, str, str]) -> list[tuple[float, Passage]]:
    return [(score, Passage(key=i, article=article, position=i, text=text, stems=(), entities=extract_entities(text)))
            for i, (score, article, text) in enumerate(scored)]


def test_the_list_signals_see_agreement_rivals_and_names() -> None:
    query = analyze_question("Siapa Sekretaris Jenderal NATO?")
    agreeing = dict(zip(LIST_FEATURES, list_features(query, _ranked(
        (0.9, "a", "Sekretaris Jenderal NATO Mark Rutte berbicara di Brussels."),
        (0.6, "b", "Menurut Sekretaris Jenderal NATO Mark Rutte, pasukan itu tiba."),
        (0.1, "c", "Jens Stoltenberg dulu memimpin aliansi itu.")))))
    assert agreeing["lead"] == pytest.approx(0.8) and agreeing["agreement"] == pytest.approx(1.5 / 1.6)
    assert agreeing["rivals"] == 1 and agreeing["names_sentence"] == 1.0 and agreeing["phrase"] == 1.0
    competing = dict(zip(LIST_FEATURES, list_features(query, _ranked(
        (0.9, "a", "Sekretaris Jenderal NATO Mark Rutte berbicara di Brussels."),
        (0.8, "a", "Jens Stoltenberg, Sekretaris Jenderal NATO sebelumnya, juga hadir.")))))
    assert competing["lead"] == pytest.approx(0.1) and competing["rival_same_article"] == 1.0
    assert competing["agreement"] < agreeing["agreement"]
    assert list_features(query, []) == (0.0,) * len(LIST_FEATURES)


def _record(lead: float, right: bool, noise: float) -> Record:
    features = [0.0] * len(LIST_FEATURES)
    features[LIST_FEATURES.index("lead")] = lead
    features[LIST_FEATURES.index("best")] = noise
    return Record(Question("q", "a"), "development", "id", noise, lead, right, None, False, "ours", tuple(features))


def test_the_nested_comparison_keeps_the_precision_asked_when_a_signal_separates() -> None:
    rng = np.random.default_rng(1)
    records = [_record(float(lead), bool(lead > 0.5), float(rng.random())) for lead in rng.random(300)]
    result = nested_learned(records, 0.95)
    assert set(result) == {"lead", *LEARNED_RULES}
    # the lowest threshold reaching 95% on four fifths may let one wrong answer in on the fifth
    right = np.mean([r.right for r in records])
    assert result["lead"]["precision"] >= 0.9 and result["lead"]["coverage"] > 0.9 * right
    assert result["lead"]["auc"] == pytest.approx(1.0)
    # noise alone separates nothing: no threshold reaches the precision, so nothing is called sure
    noisy = [_record(float(rng.random()), bool(rng.random() > 0.5), 0.0) for _ in range(200)]
    assert nested_learned(noisy, 0.95, rules={})["lead"]["sure"] <= 10


def test_facqa_questions_are_reported_on_their_own(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    facqa = tmp_path / "facqa.csv"
    rows = [(["Berapa", "tentara", "Korea", "Utara", "tiba", "di", "Kursk", "?"],
             ["Sekitar", "8.000", "tentara", "Korea", "Utara", "tiba", "di", "Kursk", "pekan", "lalu", "."],
             ["O", "B", "I", "O", "O", "O", "O", "O", "O", "O", "O"])]
    with facqa.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["question", "passage", "seq_label"])
        writer.writerows([repr(q), repr(p), repr(labels)] for q, p, labels in rows)
    ours = tmp_path / "ours.jsonl"
    ours.write_text('{"question": "Siapa Sekretaris Jenderal NATO?", "answer": "Rutte", "split": "heldout"}\n',
                    encoding="utf-8")
    assert main([str(ours), "--facqa", str(facqa), "--indosum", str(tmp_path / "none.jsonl"),
                 "--db", str(tmp_path / "qa.db")]) == 0
    out = capsys.readouterr().out
    assert "questions not trained on: 2 development" in out
    assert "  facqa " in out and "  ours id " in out
    assert "facqa        n=   1" in out  # its highlight is scored against the marked span


def test_an_unreadable_facqa_file_is_a_short_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ours = tmp_path / "ours.jsonl"
    ours.write_text("", encoding="utf-8")
    assert main([str(ours), "--facqa", str(tmp_path / "missing.csv")]) == 2
    assert "missing.csv" in capsys.readouterr().err


def test_cloze_questions_mask_a_figure_or_a_person_and_skip_the_frozen_part() -> None:
    from evaluation.cloze_qa import cloze_questions
    from evaluation.holdout import is_frozen

    development = next(f"dev-{n}" for n in range(100) if not is_frozen(f"dev-{n}"))
    frozen = next(f"dev-{n}" for n in range(100) if is_frozen(f"dev-{n}"))

    def record(key: str, *sentences: str) -> dict:
        return {"id": key, "paragraphs": [[s.rstrip(".").split() + ["."] for s in sentences]]}

    lines = ("Jakarta - Kementerian Pertanian melepas ekspor ayam olahan pertama ke Papua Nugini .",
             "Kiriman perdana itu berisi 1.000 karton dengan berat bersih lima ton , Senin ( 27/3 ) .",
             "Tendangan sudut yang diambil Toni Kroos disundul oleh Casemiro ke gawang lawan .")
    questions = cloze_questions([record(development, *lines), record(frozen, *lines)])
    assert [q.article for q in questions] == [development, development]
    assert questions[0].question.startswith("Kiriman perdana itu berisi berapa karton") and questions[0].answer == "1.000"
    assert "siapa" in questions[1].question and questions[1].answer == "Toni Kroos"
