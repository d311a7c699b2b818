"""Articles grouped into stories (near-duplicates), their shingle sets, origin and stub, the briefing window.

The first two are named sources_* because they came with the sources feature; the
names stay, since existing databases have them recorded as applied.
"""
from __future__ import annotations

import sqlite_utils

from bot.near_duplicates import INSERT_SHINGLES, MIN_SHINGLES, find_near_duplicate, lsh_buckets, pack_shingles, shingles

migrations = sqlite_utils.Migrations("articles")

# When an article counts as new: its publication time, never later than when we stored it
# (a feed's clock or a future date cannot keep an item "new"), ingest time where none is known.
WINDOW_AT = "min(coalesce(published, ingested_at), ingested_at)"


@migrations(name="sources_002_story_buckets")
def _story_buckets(db: sqlite_utils.Database) -> None:
    """Stories for near-duplicates: articles.story_id plus the LSH band index, back-filled."""
    db["articles"].add_column("story_id", int)
    db["articles"].create_index(["story_id"])
    db["article_buckets"].create({"article_id": int, "bucket": str},
                                 foreign_keys=[("article_id", "articles", "id")])
    db["article_buckets"].create_index(["bucket"])
    db["article_buckets"].create_index(["article_id"])
    for row in list(db.query("select id, body from articles order by id")):
        shingle_set = shingles(row["body"] or "")
        near = find_near_duplicate(db, shingle_set, lsh_buckets(shingle_set), stored=False)
        db.execute("update articles set story_id = ? where id = ?", (near[1] if near else row["id"], row["id"]))
        db["article_buckets"].insert_all({"article_id": row["id"], "bucket": b} for b in lsh_buckets(shingle_set))


@migrations(name="sources_003_article_shingles")
def _article_shingles(db: sqlite_utils.Database) -> None:
    """Each article's shingle set, for verifying near-duplicate candidates without re-hashing bodies.

    Back-filled from the stored bodies, a chunk of articles at a time so the
    bodies never all sit in memory (~12 s for 100k articles, once).
    """
    db.execute("create table article_shingles (article_id integer primary key references articles(id), "
               "hashes blob not null)")
    last = 0
    while True:
        rows = db.conn.execute("select id, body from articles where id > ? order by id limit 1000", (last,)).fetchall()
        if not rows:
            return
        packed = []
        for article_id, body in rows:
            shingle_set = shingles(body or "")
            if len(shingle_set) >= MIN_SHINGLES:  # the articles that have LSH buckets
                packed.append((article_id, pack_shingles(shingle_set)))
        db.conn.executemany(INSERT_SHINGLES, packed)
        last = rows[-1][0]


@migrations(name="articles_004_origin_stub_window")
def _origin_stub_window(db: sqlite_utils.Database) -> None:
    """Where a file article came from, feed stubs, each source's outlet, and the briefing window's index.

    `origin` ("seeds/001_x.txt") keeps a file article recognisable once its
    outlet is a real name; `stub` marks an article that is only a feed's
    summary (its page could not be read); a briefing covers articles by
    publication time, ingest time where none is known (`window_at`).
    """
    db["articles"].add_column("origin", str)
    db["articles"].add_column("stub", int, not_null_default=0)
    if "outlet" not in db["sources"].columns_dict:
        db["sources"].add_column("outlet", str)
    db.execute("update articles set origin = outlet where source_id is null and outlet like '%.txt'")
    db.execute(f"create index if not exists idx_articles_window on articles ({WINDOW_AT})")



@migrations(name="articles_005_stems")
def _stems(db: sqlite_utils.Database) -> None:
    """The word -> stem table every ingesting process shared, keyed by stemmer and word (dropped by articles_006)."""
    db.execute("create table if not exists stems (stemmer text not null, word text not null, stem text not null, "
               "primary key (stemmer, word)) without rowid")


@migrations(name="articles_006_drop_stems")
def _drop_stems(db: sqlite_utils.Database) -> None:
    """The stem table cost more than it saved once stemming a new word took 3 us (summarizer.stemmer_id):
    loading it and writing its rows added 4-5% to ingest (docs/benchmarks.md)."""
    db.execute("drop table if exists stems")
