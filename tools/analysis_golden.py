"""The stored per-article analysis of real articles, as a reference the fast paths are checked against.

    python tools/analysis_golden.py --write tests/fixtures/analysis_golden.json.gz   # from a known-good state
    python tools/analysis_golden.py --check tests/fixtures/analysis_golden.json.gz   # this state against it

Runs ``bot.ingest.prepare`` (the pure analysis an ingest worker does) on the
five seeds and the IndoSum dev.01 fold (755 real articles) and records what
ingest stores of it: the sentences (text, stems, score, summary flag,
entities), the claims, the shingle hashes and the LSH buckets. Scores are
kept to 12 significant digits, so that a vectorised computation whose last
bit differs still matches; the summary flags they decide are compared exactly.

The file holds a SHA-256 of every article's record, and the whole record of
every 25th article (so that a mismatch there shows what moved).
``tests/test_analysis_golden.py`` runs the check. The reference was written
from main at ed9e1c3, before the ingest speed-ups of issue 21.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any, Iterator

REPO = Path(__file__).resolve().parents[1]
INDOSUM = REPO.parent / "shared" / "data" / "indosum" / "dev.01.jsonl"
SEEDS = REPO / "seeds"
SAMPLE_EVERY = 25


def real_articles(indosum_path: Path = INDOSUM, seeds: Path = SEEDS) -> Iterator[tuple[str, Any]]:
    """(key, ArticleIn) for each seed and each article of the fold, as `python -m bench --ingest` feeds them."""
    from bot.ingest import ArticleIn
    from evaluation import indosum

    for path in sorted(seeds.glob("*.txt")):
        yield f"seeds/{path.name}", ArticleIn(path.read_text(encoding="utf-8"))
    for record in indosum.load(indosum_path):
        yield str(record["id"]), ArticleIn(indosum.article_text(record),
                                           url=f"https://indosum.example/{record['id']}")


def record_of(prepared: Any) -> dict:
    """What ingest stores of one prepared article, in a canonical JSON-able form."""
    analysis = prepared.analysis
    if analysis is None:
        return {"reason": prepared.reason}
    claims = []
    for claim in analysis.claims:
        row = asdict(claim)
        row.pop("context", None)  # not stored
        claims.append(row)
    return {
        "title": analysis.title, "lang": analysis.lang, "content_hash": analysis.content_hash,
        "sentences": [{"text": s.text, "stems": s.stems, "score": float(f"{s.score:.12g}"),
                       "in_summary": s.in_summary, "has_number": s.has_number, "entities": s.entities}
                      for s in analysis.sentences],
        "claims": claims,
        "shingles": sorted(prepared.shingle_set),
        "buckets": prepared.buckets,
    }


def digest(record: dict) -> str:
    return hashlib.sha256(json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def analyse_all(indosum_path: Path = INDOSUM, seeds: Path = SEEDS) -> dict[str, dict]:
    from bot.ingest import prepare

    return {key: record_of(prepare(article)) for key, article in real_articles(indosum_path, seeds)}


def reference(records: dict[str, dict]) -> dict:
    keys = list(records)
    return {"digests": {key: digest(records[key]) for key in keys},
            "sample": {key: records[key] for key in keys[::SAMPLE_EVERY]}}


def differences(expected: dict, records: dict[str, dict]) -> list[str]:
    """What differs between the reference and this state's records: empty when identical."""
    problems = []
    if sorted(expected["digests"]) != sorted(records):
        problems.append("the articles differ: %d in the reference, %d now" % (len(expected["digests"]), len(records)))
    for key, want in expected["digests"].items():
        got = records.get(key)
        if got is None or digest(got) == want:
            continue
        sample = expected["sample"].get(key)
        if sample is None:
            problems.append(f"{key}: the analysis differs (not in the stored sample)")
            continue
        fields = [name for name in sorted(set(sample) | set(got)) if sample.get(name) != got.get(name)]
        problems.append(f"{key}: differs in {', '.join(fields)}")
    return problems


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", type=Path, help="write the reference of this state to this file")
    action.add_argument("--check", type=Path, help="compare this state with the reference in this file")
    parser.add_argument("--indosum", type=Path, default=INDOSUM)
    args = parser.parse_args(argv)
    records = analyse_all(args.indosum)
    if args.write:
        text = json.dumps(reference(records), ensure_ascii=False, sort_keys=True)
        with gzip.GzipFile(args.write, "wb", mtime=0) as handle:  # mtime 0: the same state writes the same bytes
            handle.write(text.encode("utf-8"))
        print(f"wrote the analysis of {len(records)} articles to {args.write}")
        return 0
    with gzip.open(args.check, "rt", encoding="utf-8") as handle:
        expected = json.load(handle)
    problems = differences(expected, records)
    for problem in problems:
        print(problem)
    print(f"{len(records)} articles, {len(problems)} difference(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    raise SystemExit(main(sys.argv[1:]))
