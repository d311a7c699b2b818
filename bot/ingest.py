"""Ingestion: text in, analysed rows out. All the expensive work happens here, once."""
from __future__ import annotations

import json
import logging
import re
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Callable, Iterable, Iterator
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from bot.analysis_pool import AnalysisPool
from bot.near_duplicates import INSERT_SHINGLES, find_near_duplicate, lsh_buckets, pack_shingles, shingles
from bot.progress import Tracker
from bot.store import Store, Transaction, get_meta, set_meta, utcnow
from bot.i18n import english
from summarizer.article import AnalyzedArticle, analyze_article, content_hash
from summarizer.invisible import neutralise, neutralise_optional

log = logging.getLogger(__name__)
MAX_ARTICLE_CHARS = 200_000  # longer bodies are cut: no news article is this long
# Query parameters that only say how a reader arrived, never which article: dropped from URLs.
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_")
TRACKING_NAMES = frozenset({"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid",
                            "_ga", "_gl", "igshid", "yclid", "twclid", "ttclid", "ref", "ref_src", "ref_url",
                            "cmpid", "s_cid", "spm", "_hsenc", "_hsmi", "oly_enc_id", "oly_anon_id", "vero_id"})
TRACKING_PARAMS = TRACKING_PREFIXES + tuple(sorted(TRACKING_NAMES))  # kept for callers of the old name
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Bulk ingest commits every WRITE_BATCH articles or WRITE_BATCH_SECONDS, whichever comes first:
# a commit an article was ~7% of ingest, and a running bot's other writers wait at most this long.
WRITE_BATCH = 100
WRITE_BATCH_SECONDS = 0.5
# Chunks left to analyse (analysis_pool) when bulk ingest writes what it holds ahead of its batch:
# about the queue one worker holds, so the writer's write overlaps the worker's last chunks.
TAIL_CHUNKS = 8


@dataclass
class IngestOutcome:
    """What happened to one article."""

    article_id: int | None
    added: bool
    reason: str = ""  # "duplicate url", "duplicate content", "empty"
    story_id: int | None = None  # the story this article tells; shared by near-duplicates
    near_duplicate_of: int | None = None  # the stored article it was judged a near-duplicate of


@dataclass
class IngestReport:
    """What happened to a batch of files."""

    added: int = 0
    duplicates: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)  # (file, why)
    article_ids: list[int] = field(default_factory=list)

    def summary(self) -> str:
        text = english("added {added} {added:article|articles}, {duplicates} {duplicates:duplicate|duplicates} skipped",
                       added=self.added, duplicates=self.duplicates)
        if self.errors:
            text += english(", {count} {count:problem|problems}:", count=len(self.errors))
        for where, why in self.errors:
            text += f"\n  {where}: {why}"
        return text


def _is_tracking(name: str) -> bool:
    name = name.lower()
    return name in TRACKING_NAMES or name.startswith(TRACKING_PREFIXES)


def canonical_url(url: str | None) -> str | None:
    """One spelling per article URL, so the same page reached two ways is stored once.

    Lower-case scheme and host (without a trailing dot or the default port),
    no fragment, no tracking parameters (utm_*, fbclid, ...), the remaining
    parameters sorted by name (their order never selects a different news
    article), and no trailing slash on the path (news sites serve both).
    The path's case and the parameters' values are kept: those can matter.
    """
    if not url:
        return None
    parts = urlsplit(url.strip())
    if not parts.scheme or not parts.netloc:
        return url.strip()
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if ":" in host:  # an IPv6 literal keeps its brackets
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port in (None, _DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    if parts.username or parts.password:
        netloc = parts.netloc.rsplit("@", 1)[0] + "@" + netloc
    query = sorted(((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)),
                   key=lambda kv: kv[0])
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


def _find_duplicate(store: Store | Transaction, url: str | None, digest: str) -> tuple[int, str] | None:
    if url:
        rows = list(store.query("select id from articles where canonical_url = ? limit 1", (url,)))
        if rows:
            return rows[0]["id"], "duplicate url"
    rows = list(store.query("select id from articles where content_hash = ? limit 1", (digest,)))
    return (rows[0]["id"], "duplicate content") if rows else None


@dataclass
class ArticleIn:
    """One article to ingest, as read from a file or a source (picklable: sent to analysis workers)."""

    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    source_id: int | None = None
    lang: str | None = None
    origin: str | None = None  # articles.origin of a file article: "seeds/001_x.txt"
    stub: bool = False  # only a feed entry's summary: its page gave no article (articles.stub)
    where: str = ""  # where it was read, for error messages ("file.jsonl:12")


# json.dumps(x, ensure_ascii=False) builds a new encoder on each call (its options are not the
# defaults): one made once writes the same text, for every sentence's entity list.
_ENTITIES_JSON = json.JSONEncoder(ensure_ascii=False).encode


@dataclass
class ArticleRows:
    """What the writer stores of one analysed article, as plain values: the rows less their ids.

    Built where the article was analysed, so the one writer, which every analysis
    worker waits for, only adds ids and inserts; and a worker's result is tuples of
    strings and numbers, about ten times cheaper to pickle and unpickle than the
    analysis's lists of dataclasses (0.19 -> 0.02 CPU s over the 755 real articles).
    """

    title: str
    lang: str
    content_hash: str
    summary: str  # JSON list of the summary sentences' positions
    sentences: list[tuple[str, str, float, int, int, str]]  # text, stems (space-separated), score, in summary,
    #                                                         has a number, entities (JSON list)
    entities: list[tuple[int, str]]  # (sentence position, name)
    claims: list[tuple]  # (sentence position, value, qualifier, counted, kind, force, location, claimant, text,
    #                      state)
    shingles: bytes  # the shingle set, packed (near_duplicates.pack_shingles)
    buckets: list[str]  # its LSH bands


def article_rows(analysis: AnalyzedArticle, shingle_set: set[int], buckets: list[str]) -> ArticleRows:
    """The rows `_write_prepared` stores of an analysis (see ArticleRows)."""
    return ArticleRows(
        title=analysis.title[:300], lang=analysis.lang, content_hash=analysis.content_hash,
        summary=json.dumps([i for i, s in enumerate(analysis.sentences) if s.in_summary]),
        sentences=[(s.text, " ".join(s.stems), s.score, int(s.in_summary), int(s.has_number),
                    _ENTITIES_JSON(s.entities)) for s in analysis.sentences],
        entities=[(i, name) for i, s in enumerate(analysis.sentences) for name in s.entities],
        claims=[(c.sentence, c.value, c.qualifier, c.counted, c.kind, c.force, c.location, c.claimant, c.text,
                 c.state) for c in analysis.claims],
        shingles=pack_shingles(shingle_set) if buckets else b"",  # stored only with buckets (_write_prepared)
        buckets=buckets)


@dataclass
class Prepared:
    """An article analysed by `prepare`, ready for the one writer: everything but the database's part."""

    article: ArticleIn
    canon: str | None
    digest: str
    analysis: AnalyzedArticle | None = None  # the pure analysis, where it was made; not sent to the writer
    shingle_set: set[int] = field(default_factory=set)
    buckets: list[str] = field(default_factory=list)
    reason: str = ""  # why nothing is stored: "empty"
    rows: ArticleRows | None = None  # what the writer stores; None: nothing (empty, or a known duplicate)

    def for_writer(self) -> "Prepared":
        """This article as the writer needs it: the rows, without the analysis objects they came from."""
        return Prepared(self.article, self.canon, self.digest, reason=self.reason, rows=self.rows)


def _clean(text: str | None) -> str:
    # Bidi overrides and zero-width characters could make a stored text display as something else.
    return neutralise((text or "").replace("\x00", "")).strip()[:MAX_ARTICLE_CHARS]


def prepare(article: ArticleIn, analyse: bool = True) -> Prepared:
    """The pure part of ingesting one article (no database): cleaned and hashed, then, if `analyse`, analysed.

    Without `analyse` it is cheap (the duplicate checks need its URL and hash);
    `analyse_checked` then does the expensive rest, in analysis workers.
    """
    text = _clean(article.text)
    article.text = text
    article.title, article.outlet = neutralise_optional(article.title), neutralise_optional(article.outlet)
    article.published = normalize_published(article.published)
    prepared = Prepared(article, canonical_url(article.url), content_hash(text))
    if not text:
        prepared.reason = "empty"
        return prepared
    return analyse_checked(prepared) if analyse else prepared


def analyse_checked(prepared: Prepared) -> Prepared:
    """The analysis of an article `prepare(..., analyse=False)` cleaned and hashed (not cleaned nor hashed again)."""
    article = prepared.article
    text = article.text
    analysis = analyze_article(text, title=article.title, lang=article.lang, digest=prepared.digest)
    if not analysis.sentences:
        prepared.reason = "empty"
        return prepared
    prepared.analysis = analysis
    prepared.shingle_set = shingles(text)
    prepared.buckets = lsh_buckets(prepared.shingle_set)
    prepared.rows = article_rows(analysis, prepared.shingle_set, prepared.buckets)
    return prepared


def ingest_text(store: Store, text: str, *, title: str | None = None, url: str | None = None,
                outlet: str | None = None, published: str | None = None, source_id: int | None = None,
                lang: str | None = None) -> IngestOutcome:
    """Analyse and store one article unless it is already stored (by URL or content).

    A near-duplicate (the same story worded almost the same, e.g. one wire
    story syndicated by two outlets) is stored too, but joins the story of
    the article it repeats: both rows get the same `story_id`, so a reader
    can show the story once and cite both outlets.
    """
    article = ArticleIn(text, title, url, outlet, published, source_id, lang)
    checked = prepare(article, analyse=False)
    if checked.reason:
        return IngestOutcome(None, False, checked.reason)
    duplicate = _find_duplicate(store, checked.canon, checked.digest)
    if duplicate:
        return IngestOutcome(duplicate[0], False, duplicate[1])
    prepared = analyse_checked(checked)
    if prepared.rows is None:
        return IngestOutcome(None, False, prepared.reason)
    with store.write() as tx:
        return _write_prepared(store, tx, prepared)


def ingest_many(store: Store | None, articles: Iterable[ArticleIn], workers: int = 1,
                batch: int = WRITE_BATCH, deadline: float | None = None,
                opener: Callable[[], Store] | None = None) -> Iterator[tuple[ArticleIn, IngestOutcome]]:
    """Ingest a stream of articles: analysis in `workers` processes, one writer (this thread), in order.

    Known URLs and texts are skipped before analysis. The writer commits every
    `batch` articles (or WRITE_BATCH_SECONDS, whichever first) instead of once
    an article, and re-checks duplicates inside its transaction, so two copies
    in one stream, or an article another process stored meanwhile, are stored once.
    At `deadline` (time.monotonic()) the stream stops: what was analysed and
    taken is stored, the rest is not yielded (the caller counts it as left
    over) and the worker processes are stopped, mid-analysis if need be.

    Without a `store`, `opener()` opens it once the workers have their first
    articles, so they analyse while it opens (a cold `python -m bot ingest`:
    the database library's import and a new database's tables take as long as
    thirty articles' analysis, and a second core would sit idle meanwhile).
    The articles read before it was open are not checked before analysis:
    the check inside the writer's transaction still skips a duplicate among them.
    """
    pending: list[Prepared] = []
    started = time.monotonic()
    opened: list[Store] = [store] if store is not None else []
    tail_written = False  # what was held when the last chunks were left to analyse is written

    def open_store() -> None:
        if not opened:
            assert opener is not None, "ingest_many needs a store or an opener"
            opened.append(opener())

    def flush() -> list[tuple[ArticleIn, IngestOutcome]]:
        done = []
        if pending and opened:
            target = opened[0]
            with target.write() as tx:
                done = [(p.article, _write_prepared(target, tx, p) if p.rows else
                         IngestOutcome(None, False, p.reason)) for p in pending]
            pending.clear()
        return done

    def unknown() -> Iterator[Prepared]:
        """Each article cleaned and hashed; a known duplicate or an empty text has its reason set (not analysed)."""
        for article in articles:
            checked = prepare(article, analyse=False)
            duplicate = None if checked.reason or not opened else \
                _find_duplicate(opened[0], checked.canon, checked.digest)
            if duplicate:
                checked.reason = "%s:%d" % (duplicate[1], duplicate[0])
            yield checked

    with AnalysisPool(workers, deadline, warm=warm_analysis, preload=("bot.ingest",)) as pool:
        try:
            for prepared in pool.map(_prepare_or_pass, unknown(), open_store):
                if deadline is not None and time.monotonic() >= deadline:
                    pool.abandon()  # workers read ahead of the writer: stop what they still analyse
                    break
                if prepared.rows is None and prepared.reason.startswith("duplicate"):
                    # a known duplicate: reported in order, nothing to write
                    reason, _, article_id = prepared.reason.partition(":")
                    yield from flush()
                    yield prepared.article, IngestOutcome(int(article_id), False, reason)
                    continue
                pending.append(prepared)
                # Near the end, what is held is written while the workers analyse the last chunks:
                # the last batch, which no one else's work overlaps, is then a few articles, not a hundred.
                ending = pool.chunks_left is not None and pool.chunks_left <= TAIL_CHUNKS and not tail_written
                if len(pending) >= batch or time.monotonic() - started >= WRITE_BATCH_SECONDS or ending:
                    tail_written = tail_written or ending
                    yield from flush()
                    started = time.monotonic()
        finally:
            for item in flush():  # what was analysed is stored even when a later article fails
                yield item


# Touches every table the analysis loads on first use (stemmer dictionary, ranker model,
# gazetteer, number and claim vocabularies): a title, a place, a figure and a claimant.
_WARM_TEXT = ("Menteri Pertahanan Korea Selatan Shin Won-sik mengatakan sekitar 10.000 tentara Korea Utara "
              "telah dikirim ke wilayah Kursk, Rusia, pada 23 Oktober 2024. Menurut Pentagon, jumlahnya bertambah.")


def warm_analysis() -> None:
    """Load what the analysis loads on first use (about 0.3 s), so that forked workers share it."""
    analyze_article(_WARM_TEXT)


def _prepare_or_pass(checked: Prepared) -> Prepared:
    return checked if checked.reason else analyse_checked(checked).for_writer()


# The rows of one article, as prepared statements run by executemany (the sentences through
# the store's add_sentences, which also indexes their stems for search).
_INSERT_ARTICLE = (
    "insert into articles (id, source_id, url, canonical_url, content_hash, title, outlet, published, "
    "ingested_at, lang, body, summary, story_id, origin, stub) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
_INSERT_BUCKET = "insert into article_buckets (article_id, bucket) values (?, ?)"
_INSERT_CLAIM = (
    "insert into claims (article_id, sentence_id, value, qualifier, counted, kind, force, location, claimant, "
    "text, state) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
_INSERT_ENTITY = "insert into entities (article_id, sentence_id, name, norm) values (?, ?, ?, ?)"
# Writers of articles take this lock (Transaction.lock): the duplicate checks and the story link
# read what the last writer stored, so two processes sharing a PostgreSQL store write one at a time.
ARTICLES_LOCK = "articles"


def _write_prepared(store: Store, tx: Transaction, prepared: Prepared) -> IngestOutcome:
    """Write the article, its sentences, claims, entities and story link (inside the caller's transaction)."""
    rows, article = prepared.rows, prepared.article
    assert rows is not None
    text, url, canon = article.text, article.url, prepared.canon
    buckets, source_id = rows.buckets, article.source_id
    # Re-check inside the write lock: two concurrent ingests of one text add it once. Read through
    # tx, not the store: SQLite's store.query (sqlite-utils) wraps each read in a savepoint, and at
    # a savepoint FTS5 writes the sentences indexed so far as a segment of their own: one small
    # segment an article instead of one a batch (about 0.05 CPU s more over the 755 real articles).
    tx.lock(ARTICLES_LOCK)
    duplicate = _find_duplicate(tx, canon, rows.content_hash)
    if duplicate:
        return IngestOutcome(duplicate[0], False, duplicate[1])
    near = find_near_duplicate(tx, rows.shingles, buckets)
    # Ids known before inserting: the article carries its own story_id in the INSERT (an UPDATE
    # afterwards rewrote the whole row, body included) and the sentence ids are not read back.
    (article_id,) = tx.reserve_ids("articles", 1)
    story_id = near[1] if near else article_id
    tx.execute(_INSERT_ARTICLE, (
        article_id, source_id, url, canon, rows.content_hash, rows.title,
        article.outlet or _outlet_from_url(url) or "seeds", article.published, utcnow(), rows.lang, text,
        rows.summary, story_id, article.origin, int(article.stub)))
    tx.executemany(_INSERT_BUCKET, [(article_id, b) for b in buckets])
    if buckets:  # only an article with buckets can be a candidate, and be verified
        tx.execute(INSERT_SHINGLES, (article_id, rows.shingles))
    count = len(rows.sentences)
    ids = tx.reserve_ids("sentences", count)  # sentence i gets ids[i]
    tx.add_sentences([(ids[i], article_id, i, *sentence) for i, sentence in enumerate(rows.sentences)])
    tx.executemany(_INSERT_CLAIM, [
        (article_id, ids[c[0]] if 0 <= c[0] < count else None, *c[1:]) for c in rows.claims])
    tx.executemany(_INSERT_ENTITY, [(article_id, ids[i], name, name.lower()) for i, name in rows.entities])
    if source_id is not None:
        tx.execute("update sources set articles = articles + 1 where id = ?", (source_id,))
    if near:
        log.info("article %s is a near-duplicate of %s (story %s)", article_id, near[0], story_id)
    return IngestOutcome(article_id, True, "near duplicate" if near else "", story_id,
                         near[0] if near else None)


def skip_seeds(store: Store) -> None:
    """Mark the database as a newsroom's own: the bot will never add the demo seeds to it (bot.app)."""
    if get_meta(store, "seeded") is None:
        set_meta(store, "seeded", "0")


def forget_articles(tx: Transaction, article_ids: list[int]) -> int:
    """Delete articles and everything derived from them (call inside `store.write()`)."""
    if not article_ids:
        return 0
    removed = 0
    for start in range(0, len(article_ids), 500):  # stay under SQLite's parameter limit
        chunk = article_ids[start:start + 500]
        marks = ",".join("?" for _ in chunk)
        for table in ("claims", "entities"):
            tx.execute(f"delete from {table} where article_id in ({marks})", chunk)
        tx.delete_sentences(chunk)  # and their stems from the search index
        for table in ("article_buckets", "article_shingles"):
            tx.execute(f"delete from {table} where article_id in ({marks})", chunk)
        removed += tx.execute(f"delete from articles where id in ({marks})", chunk)
    return removed




def normalize_published(value: str | None) -> str | None:
    """An ISO-8601 UTC timestamp (or date) for a publication time in any common form; None if unreadable.

    Stored times sort as text against the briefing window, so every form
    (RFC 822 from feeds, ISO with an offset, a bare date) becomes UTC ISO.
    """
    if not value or not str(value).strip():
        return None
    text = str(value).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text
    try:
        stamp = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            stamp = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            log.info("unreadable publication time %r; the ingest time stands in", text[:40])
            return None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=timezone.utc)
    return stamp.astimezone(timezone.utc).isoformat(timespec="seconds")


def _outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).netloc.lower()
    return host[4:] if host.startswith("www.") else host or None


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise ValueError("binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text (byte {exc.start})") from None


def _expand(paths: Iterable[str | Path]) -> Iterable[Path | tuple[Path, str]]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.suffix in (".txt", ".jsonl") and p.is_file())
            yield from files
        elif path.exists():
            yield path
        else:
            yield path, "no such file"


def count_articles(paths: Iterable[str | Path]) -> int:
    """How many articles `ingest_paths` will try: one per .txt file, one per non-empty .jsonl line.

    For a progress bar's total; unreadable files count as one (they are reported, not ingested).
    """
    total = 0
    for entry in _expand(paths):
        if isinstance(entry, tuple) or entry.suffix != ".jsonl":
            total += 1
            continue
        try:
            with entry.open("rb") as handle:
                total += sum(1 for line in handle if line.strip())
        except OSError:
            total += 1
    return total


def ingest_paths(store: Store | None, paths: Iterable[str | Path], source_id: int | None = None, workers: int = 1,
                 tracker: Tracker | None = None, opener: Callable[[], Store] | None = None) -> IngestReport:
    """Ingest .txt and .jsonl files and directories of them; a bad file or line never stops the rest.

    `workers` processes analyse (see `ingest_many`, also for `opener`: the store
    opened while they start). The report's counts are updated as each article
    is committed, so a later failure loses no count; `tracker` (bot.progress) is
    advanced once per article tried, problems included.
    """
    report = IngestReport()
    counted = tried = 0

    def advance() -> None:  # the articles counted and the problems met since the last call
        nonlocal tried
        if tracker and counted + len(report.errors) > tried:
            tracker.advance(counted + len(report.errors) - tried)
        tried = counted + len(report.errors)

    for article, outcome in ingest_many(store, _articles(paths, source_id, report), workers, opener=opener):
        if outcome.reason == "empty" and article.where.endswith(".txt"):
            report.errors.append((article.where, "no text in file"))
        else:
            _count(report, outcome)
            counted += 1
        advance()
    advance()
    return report


def _articles(paths: Iterable[str | Path], source_id: int | None, report: IngestReport) -> Iterator[ArticleIn]:
    """Every article of the files, in order; unreadable files and lines go to the report's errors."""
    for entry in _expand(paths):
        if isinstance(entry, tuple):
            report.errors.append((str(entry[0]), entry[1]))
            continue
        try:
            found = list(_file_articles(entry, source_id, report))
        except (OSError, ValueError) as exc:
            report.errors.append((str(entry), str(exc)))
            continue
        yield from found


def read_articles(paths: Iterable[str | Path], report: IngestReport) -> Iterator[ArticleIn]:
    """The articles of .txt/.jsonl files and directories, unanalysed (`ingest --queue` sends them to workers)."""
    return _articles(paths, None, report)


def _count(report: IngestReport, outcome: IngestOutcome) -> None:
    if outcome.added:
        report.added += 1
        report.article_ids.append(outcome.article_id)  # type: ignore[arg-type]
    elif outcome.reason.startswith("duplicate"):
        report.duplicates += 1


def _file_articles(path: Path, source_id: int | None, report: IngestReport) -> Iterable[ArticleIn]:
    if path.suffix == ".jsonl":
        yield from _jsonl_articles(path, source_id, report)
        return
    if path.suffix != ".txt":
        raise ValueError("unsupported file type (use .txt or .jsonl)")
    text = _read_text(path)
    if not _clean(text):
        raise ValueError("no text in file")
    origin = f"{path.parent.name}/{path.name}"
    meta = file_metadata(path)
    yield ArticleIn(text, title=meta.get("title"), url=meta.get("url"), outlet=meta.get("source") or origin,
                    published=meta.get("published"), source_id=source_id, origin=origin, where=str(path))


def file_metadata(path: Path) -> dict[str, str]:
    """What a .txt file's sidecar NAME.json says about it: title, source (the outlet), url, published.

    The keys are those of a .jsonl record, so a newsroom describes a text file
    the same way it describes a line of JSONL; a missing or unreadable sidecar
    means no metadata (the file is still ingested, cited by its file name).
    """
    sidecar = path.with_suffix(".json")
    if not sidecar.is_file():
        return {}
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.warning("ignoring %s: %s", sidecar, exc)
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: str(data[k]) for k in ("title", "source", "url", "published") if isinstance(data.get(k), str)}


def _jsonl_articles(path: Path, source_id: int | None, report: IngestReport) -> Iterable[ArticleIn]:
    for number, line in enumerate(_read_text(path).splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            report.errors.append((f"{path}:{number}", "invalid JSON"))
            continue
        problem = _record_problem(record)
        if problem:
            report.errors.append((f"{path}:{number}", problem))
            continue
        yield ArticleIn(record["text"], title=record.get("title"), url=record.get("url"),
                        # No source named: cite the file, never the demo seeds' label.
                        outlet=record.get("source") or _outlet_from_url(record.get("url")) or path.name,
                        published=record.get("published"),
                        source_id=source_id, where=f"{path}:{number}")


JSONL_OPTIONAL = ("title", "url", "source", "published")  # strings when present; null means absent
_JSON_TYPES = {dict: "an object", list: "a list", str: "a string", int: "a number", float: "a number",
               bool: "true/false", type(None): "null"}


def _record_problem(record: object) -> str | None:
    """Why a .jsonl record cannot be ingested, naming the field; None when it can."""
    if not isinstance(record, dict):
        return f"each line must be a JSON object, got {_JSON_TYPES.get(type(record), 'something else')}"
    if not isinstance(record.get("text"), str):
        got = "missing" if "text" not in record else _JSON_TYPES.get(type(record["text"]), "something else")
        return f'field "text" must be a string ({got})'
    for name in JSONL_OPTIONAL:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            return f'field "{name}" must be a string, got {_JSON_TYPES.get(type(value), "something else")}'
    return None
