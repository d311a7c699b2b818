"""Where a cold ingest spends its time: phase shares from a py-spy profile of `python -m bot ingest`.

    py-spy record -r 200 -f raw -o /tmp/ingest.spy -- \
        python -m bot ingest --workers 1 --db /tmp/p.db real-articles.jsonl
    python tools/ingest_phases.py /tmp/ingest.spy

py-spy samples the running process from outside (no tracing hook slowing
small Python functions, as cProfile does), so the shares are those of the
real run. Each sample goes to the innermost phase on its stack, so a lazy
import during the first article counts as an import, not as its phase.
`real-articles.jsonl` is the file `python -m bench --ingest` writes
(the seeds and the IndoSum fold).
"""
from __future__ import annotations

import sys
from collections import Counter

# (phase, the start of a frame that marks it); the innermost frame that matches decides
PHASES: tuple[tuple[str, str], ...] = (
    ("stems (Sastrawi's algorithm, summarizer.stemmer_id)", "content_stems ("),
    ("summary: rank features", "features (summarizer/rank.py"),
    ("summary: ranker model (logistic + boosted trees)", "apply_model ("),
    ("summary: selection", "select_summary ("),
    ("claims", "extract_claims ("),
    ("entities", "extract_entities ("),
    ("sentence splitting", "clean_sentences ("),
    ("language", "detect_language ("),
    ("hashing, shingles, MinHash", "shingles ("),
    ("hashing, shingles, MinHash", "lsh_buckets ("),
    ("hashing, shingles, MinHash", "content_hash ("),
    ("writing (rows, FTS triggers, commits)", "ingest_many.<locals>.flush ("),
    ("duplicate checks before analysis", "ingest_many.<locals>.unknown ("),
    ("imports (start-up, first use)", "_find_and_load ("),
)
OTHER = "other (start-up, reading the file, the loop)"


def phase_of(frames: list[str]) -> str:
    for frame in reversed(frames):
        for label, start in PHASES:
            if frame.startswith(start):
                return label
    return OTHER


def shares(lines) -> tuple[Counter, int]:
    """Samples per phase, and all samples, of py-spy's raw (collapsed stack) output."""
    counts: Counter = Counter()
    total = 0
    for line in lines:
        stack, _, n = line.rstrip().rpartition(" ")
        if not stack or not n.isdigit():
            continue
        total += int(n)
        counts[phase_of(stack.split(";"))] += int(n)
    return counts, total


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        raise SystemExit(__doc__)
    with open(argv[0], encoding="utf-8") as handle:
        counts, total = shares(handle)
    if not total:
        raise SystemExit(f"{argv[0]}: no samples")
    print("| phase | share of samples |\n|---|---:|")
    for label, n in counts.most_common():
        print(f"| {label} | {100 * n / total:.1f}% |")
    print(f"\n{total} samples")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
