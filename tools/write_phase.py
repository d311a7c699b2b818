"""CPU time of ingest's write phase alone, and of the near-duplicate hashing alone.

    python tools/write_phase.py prepare real-articles.jsonl /tmp/prepared.pkl  # analyse once, keep the result
    python tools/write_phase.py write /tmp/prepared.pkl     # CPU s: its articles written into an empty database
    python tools/write_phase.py hash /tmp/prepared.pkl      # CPU s: shingles and LSH buckets of their texts

`write` runs `bot.ingest._write_prepared` over the prepared articles in
transactions of 100 (as `ingest_many` commits them) into a new SQLite file:
rows, search index, near-duplicate look-ups and commits, nothing of the
analysis. Run it from two checkouts (PYTHONPATH=checkout) on the same pickle,
alternating, to compare their write paths; `real-articles.jsonl` is the file
`python -m bench --ingest` writes (the seeds and the IndoSum fold).
"""
from __future__ import annotations

import pickle
import shutil
import sys
import tempfile
import time
from pathlib import Path


def prepare(source: str, target: str) -> None:
    from bot.ingest import IngestReport, _articles, prepare as analyse

    prepared = [analyse(article) for article in _articles([source], None, IngestReport())]
    with open(target, "wb") as handle:
        pickle.dump(prepared, handle)
    print(f"{len(prepared)} articles, {sum(p.analysis is not None for p in prepared)} to write")


def write(source: str, batch: int = 100) -> float:
    from bot.ingest import _write_prepared
    from bot.store import open_store

    with open(source, "rb") as handle:
        prepared = [p for p in pickle.load(handle) if p.analysis is not None]
    folder = tempfile.mkdtemp()
    store = open_store(Path(folder) / "write.db")
    try:
        started = time.process_time()
        for start in range(0, len(prepared), batch):
            with store.write() as tx:
                for each in prepared[start:start + batch]:
                    _write_prepared(store, tx, each)
        return time.process_time() - started
    finally:
        store.close()
        shutil.rmtree(folder)


def hash_texts(source: str) -> float:
    from bot.near_duplicates import lsh_buckets, shingles

    with open(source, "rb") as handle:
        texts = [p.article.text for p in pickle.load(handle) if p.analysis is not None]
    lsh_buckets(shingles(texts[0]))  # numpy's first calls
    started = time.process_time()
    for text in texts:
        lsh_buckets(shingles(text))
    return time.process_time() - started


def main(argv: list[str]) -> int:
    if len(argv) == 3 and argv[0] == "prepare":
        prepare(argv[1], argv[2])
    elif len(argv) == 2 and argv[0] == "write":
        print(f"{write(argv[1]):.3f}")
    elif len(argv) == 2 and argv[0] == "hash":
        print(f"{hash_texts(argv[1]):.3f}")
    else:
        raise SystemExit(__doc__)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
