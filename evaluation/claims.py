"""Evaluation entry point: extract_claims against the hand annotation of the seeds.

This module reads files (the fixture and the seed articles), unlike the rest
of ``summarizer``; it is a command-line evaluation, not library code::

    python -m evaluation.claims [--fixture tests/fixtures/seed_claims.json] [--seeds seeds]

Precision and recall match predicted claims to annotated ones on
(file, value, kind); attribution accuracy is the share of matched claims
whose claimant equals the annotated one after ``canonical_name`` (None
matches None). Placement accuracy, a secondary figure, is the share of
matched claims whose force and location both equal the annotated ones
(case and spacing ignored; None matches None).
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path

from summarizer.claims import Claim, canonical_name, extract_claims
from summarizer.text import clean_sentences

_ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Scores:
    precision: float
    recall: float
    attribution: float
    placement: float
    predicted: int
    gold: int
    matched: int
    errors: list[str]


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


def _same(a: str | None, b: str | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and _norm(a) == _norm(b))


def evaluate(fixture: Path, seeds: Path) -> Scores:
    gold = json.loads(fixture.read_text(encoding="utf-8"))["claims"]
    predicted: list[tuple[str, Claim]] = []
    for path in sorted(seeds.glob("*.txt")):
        for claim in extract_claims(clean_sentences(path.read_text(encoding="utf-8"))):
            predicted.append((path.name, claim))

    unmatched = list(range(len(predicted)))
    pairs: list[tuple[dict, Claim]] = []
    missed: list[dict] = []
    # Two passes: first require the annotated snippet to be in the sentence
    # (several "200"s in one article), then fall back to file+value+kind.
    remaining = list(gold)
    for strict in (True, False):
        still = []
        for g in remaining:
            hit = None
            for i in unmatched:
                name, c = predicted[i]
                if (name, c.value, c.kind) != (g["file"], g["value"], g["kind"]):
                    continue
                if strict and _norm(g["sentence"]) not in _norm(c.context):
                    continue
                hit = i
                break
            if hit is None:
                still.append(g)
            else:
                unmatched.remove(hit)
                pairs.append((g, predicted[hit][1]))
        remaining = still
    missed = remaining

    known = [g["claimant"] for g in gold] + [c.claimant for _, c in predicted]
    errors: list[str] = []
    correct = 0
    for g, c in pairs:
        if canonical_name(g["claimant"], known) == canonical_name(c.claimant, known):
            correct += 1
        else:
            errors.append(f"claimant {g['file']} {g['value']}: want {g['claimant']!r}, got {c.claimant!r}")
    placed = 0
    for g, c in pairs:
        if _same(g["force"], c.force) and _same(g["location"], c.location):
            placed += 1
        else:
            errors.append(
                f"placement {g['file']} {g['value']}: want {g['force']!r} in {g['location']!r}, "
                f"got {c.force!r} in {c.location!r}"
            )
    for g in missed:
        errors.append(f"missed {g['file']} {g['value']} {g['kind']}: {g['sentence']}")
    for i in unmatched:
        name, c = predicted[i]
        errors.append(f"spurious {name} {c.value} {c.kind}: {c.text}")

    n_pred, n_gold, n_match = len(predicted), len(gold), len(pairs)
    return Scores(
        precision=n_match / n_pred if n_pred else 1.0,
        recall=n_match / n_gold if n_gold else 1.0,
        attribution=correct / n_match if n_match else 1.0,
        placement=placed / n_match if n_match else 1.0,
        predicted=n_pred,
        gold=n_gold,
        matched=n_match,
        errors=errors,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation.claims", description=__doc__.splitlines()[0])
    parser.add_argument("--fixture", type=Path, default=_ROOT / "tests" / "fixtures" / "seed_claims.json")
    parser.add_argument("--seeds", type=Path, default=_ROOT / "seeds")
    args = parser.parse_args(argv)
    if not args.fixture.is_file() or not args.seeds.is_dir():
        parser.error(f"need a fixture file and a seeds directory: {args.fixture}, {args.seeds}")
    s = evaluate(args.fixture, args.seeds)
    print(f"predicted {s.predicted}  annotated {s.gold}  matched {s.matched}")
    print(f"precision   {s.precision:.3f}")
    print(f"recall      {s.recall:.3f}")
    print(f"attribution {s.attribution:.3f}")
    print(f"placement   {s.placement:.3f}  (force and location; secondary)")
    for e in s.errors:
        print("  " + e)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
