"""Reads for the handlers: bounded candidate sets from precomputed rows, never whole tables."""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Iterable, Sequence

from bot.models import SourceRef
from bot.store import Store


@dataclass(frozen=True)
class SentenceRow:
    id: int
    article_id: int
    position: int
    text: str
    stems: tuple[str, ...]
    score: float
    in_summary: bool
    entities: tuple[str, ...]
    stub: bool = False  # the article is only a feed's summary


def _row(r: dict) -> SentenceRow:
    return SentenceRow(r["id"], r["article_id"], r["position"], r["text"], tuple((r["stems"] or "").split()),
                       r["score"] or 0.0, bool(r["in_summary"]), tuple(json.loads(r["entities"] or "[]")),
                       bool(r.get("stub")))


_SENTENCE_COLUMNS = "s.id, s.article_id, s.position, s.text, s.stems, s.score, s.in_summary, s.entities"


def since_hours(hours: float) -> str:
    return (datetime.now(timezone.utc) - timedelta(hours=hours)).isoformat(timespec="seconds")



def latest_ingest(store: Store) -> str | None:
    return next(store.query("select max(ingested_at) as m from articles"))["m"]


def latest_published(store: Store) -> str | None:
    """When the newest article was published (ingested, where no date is known)."""
    return next(store.query(f"select max({store.window_at}) as m from articles"))["m"]


# Up to this many articles in a window, /brief reads their summary sentences article by
# article; beyond it, it walks all summary sentences best-first and stops at the limit.
NARROW_WINDOW = 3000


def has_articles(store: Store) -> bool:
    return next(store.query("select exists(select 1 from articles) as e"))["e"] == 1


def summary_sentences(store: Store, since: str, limit: int = 400,
                      ingested_since: str | None = None) -> list[SentenceRow]:
    """The per-article summary sentences of articles published since `since`, best first.

    An article counts by its publication time (ingest time where none is
    known: `bot.schema.articles.WINDOW_AT`), so a feed's old items are not news again.
    Two plans, chosen by how many articles the window holds (counted up to
    NARROW_WINDOW only): a narrow window goes articles -> their few summary
    sentences; a wide one scans the partial score index from the top and stops
    after `limit` rows, instead of sorting every summary sentence of the window.
    With `ingested_since`, only articles stored since then count as well.
    """
    count = next(store.query(
        f"select count(*) as n from (select 1 from articles where {store.window_at} >= ? limit ?) w",
        (since, NARROW_WINDOW + 1)))["n"]
    # The ingest bound costs nothing when absent: every ingest time sorts after the empty string.
    rows = store.summary_sentences(since, ingested_since or "", limit, _SENTENCE_COLUMNS + ", a.stub",
                                   narrow=count <= NARROW_WINDOW)
    return [_row(r) for r in rows]


def search_sentences(store: Store, terms: Sequence[str], limit: int = 200, op: str = "OR",
                     distinct: bool = False) -> list[SentenceRow]:
    """Sentences whose stems match the terms, best BM25 first.

    The search itself is the store's (`Store.search`: FTS5 on SQLite, a
    tsvector on PostgreSQL, both ranked by BM25 over the same stems). With
    `distinct`, the limit counts distinct sentence texts: wire copy repeated by
    many outlets cannot fill the whole candidate set, and its repeats (read
    from up to 4 x limit rows) still come back to be cited as sources.
    """
    fetch = limit * 4 if distinct else limit
    rows = store.search(terms, fetch, op, _SENTENCE_COLUMNS)
    if not distinct:
        return [_row(r) for r in rows]
    texts: set[str] = set()
    found = []
    for r in rows:
        if r["text"] not in texts:
            if len(texts) >= limit:
                continue
            texts.add(r["text"])
        found.append(_row(r))  # repeats of a kept text stay: they cite the other outlets
    return found


def doc_freq(store: Store, terms: Sequence[str]) -> tuple[dict[str, int], int]:
    """How many sentences contain each term, and how many sentences there are."""
    terms = [t for t in dict.fromkeys(terms) if t]
    # The highest sentence id, not count(*): an index seek instead of a scan of every
    # sentence (6 ms at 100k articles). Deleted articles make it a slight over-count;
    # idf weights only need the order of magnitude.
    total = next(store.query("select max(id) as n from sentences"))["n"] or 1
    if not terms:
        return {}, total
    return store.doc_freqs(terms), total


def source_refs(store: Store, article_ids: Iterable[int]) -> dict[int, SourceRef]:
    ids = list(dict.fromkeys(article_ids))
    if not ids:
        return {}
    marks = ",".join("?" for _ in ids)
    rows = store.query(f"select id, title, outlet, url from articles where id in ({marks})", tuple(ids))
    return {r["id"]: SourceRef(title=r["title"], source=r["outlet"] or "", url=r["url"], article_id=r["id"])
            for r in rows}


# Figures topics group claims in Python (summarizer.claims.group_claims, quadratic in the
# rows); past this many matching rows only the newest are read.
MAX_CLAIMS = 250


def claims(store: Store, counted: Sequence[str] = (), kinds: Sequence[str] = (),
           limit: int | None = MAX_CLAIMS, articles: Sequence[int] | None = None) -> list[dict]:
    """Claim rows, optionally limited to some articles, counted nouns and kinds, with their sentence text.

    Newest articles first, at most `limit` rows (None: all). The counted-noun
    filter is a case-insensitive substring test, done in SQL so the limit
    counts matching rows only.
    """
    where: list[str] = []
    params: list = []
    if articles is not None:
        ids = list(dict.fromkeys(articles))
        if not ids:
            return []
        where.append(f"c.article_id in ({','.join('?' for _ in ids)})")
        params.extend(ids)
    if kinds:
        where.append(f"c.kind in ({','.join('?' for _ in kinds)})")
        params.extend(kinds)
    if counted:
        like = store.caseless_like
        where.append("(" + " or ".join(f"c.counted {like} ? escape '\\'" for _ in counted) + ")")
        params.extend("%" + w.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
                      for w in counted)
    sql = ("select c.*, s.text as sentence_text from claims c left join sentences s on s.id = c.sentence_id"
           + (" where " + " and ".join(where) if where else "") + " order by c.article_id desc, c.id")
    if limit is not None:
        sql += " limit ?"
        params.append(limit)
    rows = list(store.query(sql, tuple(params)))
    if counted:  # SQLite's LIKE folds ASCII case only: keep the exact Python test as well
        wanted = tuple(w.lower() for w in counted)
        rows = [r for r in rows if any(w in (r["counted"] or "").lower() for w in wanted)]
    rows.sort(key=lambda r: r["id"])  # stored order, as before the limit
    return rows


# A topic's story is read from at most this many alias-matching sentences, best BM25 first.
STORY_SENTENCES = 3000
# An article is part of a topic's story when an alias is in its first sentences (its lead)
# or in at least this many of its sentences; one passing mention elsewhere is another story.
STORY_LEAD = 3
STORY_MENTIONS = 2


def alias_hits(store: Store, aliases: Sequence[str]) -> dict[int, list[int]]:
    """Article id -> positions of its sentences that hold one of the aliases as written."""
    from summarizer.tokens import content_stems, words

    hits: dict[int, list[int]] = {}
    for alias in dict.fromkeys(a for a in aliases if a.strip()):
        terms = content_stems(alias) or [alias.lower()]
        target = words(alias)
        # Only the three columns needed (not whole SentenceRows): thousands of rows a topic at 100k articles.
        for row in store.search(terms, STORY_SENTENCES, "AND", "s.article_id, s.position, s.text"):
            if _holds_words(row["text"], target):
                hits.setdefault(row["article_id"], []).append(row["position"])
    return hits


def topic_articles(store: Store, aliases: Sequence[str], hits: dict[int, list[int]] | None = None) -> list[int]:
    """The articles of the story a topic follows: where its aliases occur, and their near-duplicates.

    An article counts when an alias is in its lead or in STORY_MENTIONS sentences
    or more; when no article passes, every article mentioning an alias does (a
    story told in passing is still the only one there is). Each article brings
    the other outlets' copies of it (`articles.story_id`). Ids, newest first.
    `hits`: the aliases' `alias_hits`, when the caller has them already.
    """
    hits = alias_hits(store, aliases) if hits is None else hits
    central = [a for a, positions in hits.items()
               if len(set(positions)) >= STORY_MENTIONS or min(positions) < STORY_LEAD]
    chosen = central or list(hits)
    if not chosen:
        return []
    marks = ",".join("?" for _ in chosen)
    # A story is its first article's id (story_id null there) and every article whose story_id is it:
    # two index look-ups joined, not coalesce(story_id, id) computed for every article.
    rows = store.query(
        f"with roots as (select coalesce(story_id, id) as root from articles where id in ({marks})) "
        "select id from articles where story_id in (select root from roots) union "
        "select id from articles where story_id is null and id in (select root from roots) order by id desc",
        tuple(chosen))
    return [r["id"] for r in rows]


# A named entity in more than this share of all articles (and at least COMMON_ENTITY_MIN of
# them) names no story: "Indonesia", "Jakarta", "AS" link everything in an Indonesian corpus.
COMMON_ENTITY_SHARE = 0.05
COMMON_ENTITY_MIN = 20


def entity_linked(store: Store, articles: Iterable[int], anchors: Iterable[int]) -> set[int]:
    """Those of `articles` naming a distinctive entity that one of the `anchors` articles names too.

    A topic whose aliases are common nouns ("tentara", "pasukan") matches every
    story about soldiers; the articles of *its* story share their actors and
    places (Korea Utara, Kursk, Budanov), a distractor's do not (Paris, TNI).
    """
    ids = list(dict.fromkeys(articles))
    anchor_ids = list(dict.fromkeys(anchors))
    if not ids or not anchor_ids:
        return set()
    total = next(store.query("select count(*) as n from articles"))["n"]
    common = max(COMMON_ENTITY_MIN, int(total * COMMON_ENTITY_SHARE))
    marks, anchor_marks = ",".join("?" for _ in ids), ",".join("?" for _ in anchor_ids)
    rows = store.query(
        f"with shared as (select distinct norm from entities where article_id in ({anchor_marks}) "
        f"intersect select distinct norm from entities where article_id in ({marks})), "
        # Counted up to common + 1 along the (norm, article_id) index: "Indonesia" stops there.
        "distinctive as (select s.norm from shared s where (select count(*) from (select distinct "
        "article_id from entities e where e.norm = s.norm limit ?) capped) <= ?) "
        f"select distinct article_id from entities where article_id in ({marks}) "
        "and norm in (select norm from distinctive)",
        (*anchor_ids, *ids, common + 1, common, *ids))
    return {r["article_id"] for r in rows}


def says(text: str, alias: str) -> bool:
    """The text holds the alias as a run of whole words, case-insensitively.

    An alias is matched as written: "Permata Hijau" is not "sayuran hijau",
    whatever the entity typing thinks a two-word capitalised name is; a topic
    lists the short forms it wants ("Setnov", "Novanto") as aliases of their own.
    """
    from summarizer.tokens import words

    return _holds_words(text, words(alias))


def _holds_words(text: str, target: list[str]) -> bool:
    """`says`, with the alias already cut into its lower-case words."""
    from summarizer.tokens import words

    if not target:
        return False
    pattern = _word_run(tuple(target))
    if pattern is not None and not _NUMBER_WITH_SEPARATOR.search(text):
        return pattern.search(text.lower()) is not None
    found = words(text)
    n = len(target)
    return any(found[i : i + n] == target for i in range(len(found) - n + 1))


# Where the tokeniser's number rule can end a word ("1.250korea" is "1.250", "korea"): the pattern
# below knows only its word rule, so such a text is tokenised.
_NUMBER_WITH_SEPARATOR = re.compile(r"\d[.,/:]\d")


@functools.lru_cache(maxsize=256)
def _word_run(target: tuple[str, ...]) -> re.Pattern | None:
    """A regular expression true exactly where `summarizer.tokens.words` would find the run `target`
    in a text without a separated number (1.250), for words of letters only (None otherwise: then
    the text is tokenised).

    The tokeniser reads a word as letters joined by single hyphens or apostrophes ("Korea-Utara"
    is one word), so a word counts only where no letter, and no hyphen or apostrophe stuck to
    a letter, touches it; between two words of the run, anything but a letter. Thousands of
    sentences a topic at 100k articles: this is the tokeniser's answer without tokenising.
    """
    if not all(word.isalpha() for word in target):
        return None
    before, after = r"(?<!\w)(?<!\w[-'’])", r"(?!\w)(?![-'’]\w)"
    return re.compile(before + (after + r"\W+" + before).join(map(re.escape, target)) + after)
