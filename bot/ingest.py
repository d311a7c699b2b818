"""Ingestion: text in, analysed rows out. All the expensive work happens here, once."""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable
from urllib.parse import urlsplit, urlunsplit, parse_qsl, urlencode

from bot.store import Store, utcnow
from summarizer.article import AnalyzedArticle, analyze_article, content_hash

log = logging.getLogger(__name__)
MAX_ARTICLE_CHARS = 200_000  # longer bodies are cut: no news article is this long
TRACKING_PARAMS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ref", "_ga", "igshid", "yclid")


@dataclass
class IngestOutcome:
    """What happened to one article."""

    article_id: int | None
    added: bool
    reason: str = ""  # "duplicate url", "duplicate content", "empty"


@dataclass
class IngestReport:
    """What happened to a batch of files."""

    added: int = 0
    duplicates: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)  # (file, why)
    article_ids: list[int] = field(default_factory=list)

    def summary(self) -> str:
        text = f"added {self.added} article(s), {self.duplicates} duplicate(s) skipped"
        for path, why in self.errors:
            text += f"\ncould not read {path}: {why}"
        return text


def canonical_url(url: str | None) -> str | None:
    """Lower-case host, no fragment, no tracking parameters, no trailing slash on the path."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if not parts.scheme or not parts.netloc:
        return url.strip()
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not k.lower().startswith(TRACKING_PARAMS)]
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, urlencode(query), ""))


def _find_duplicate(store: Store, url: str | None, digest: str) -> tuple[int, str] | None:
    if url:
        rows = list(store.query("select id from articles where canonical_url = ? limit 1", (url,)))
        if rows:
            return rows[0]["id"], "duplicate url"
    rows = list(store.query("select id from articles where content_hash = ? limit 1", (digest,)))
    return (rows[0]["id"], "duplicate content") if rows else None


def ingest_text(store: Store, text: str, *, title: str | None = None, url: str | None = None,
                outlet: str | None = None, published: str | None = None, source_id: int | None = None,
                lang: str | None = None) -> IngestOutcome:
    """Analyse and store one article unless it is already stored (by URL or content)."""
    text = (text or "").replace("\x00", "").strip()[:MAX_ARTICLE_CHARS]
    if not text:
        return IngestOutcome(None, False, "empty")
    canon = canonical_url(url)
    duplicate = _find_duplicate(store, canon, content_hash(text))
    if duplicate:
        return IngestOutcome(duplicate[0], False, duplicate[1])
    analysis = analyze_article(text, title=title, lang=lang)
    if not analysis.sentences:
        return IngestOutcome(None, False, "empty")
    return IngestOutcome(_store_analysis(store, analysis, text, url, canon, outlet, published, source_id), True)


def _store_analysis(store: Store, analysis: AnalyzedArticle, text: str, url: str | None, canon: str | None,
                    outlet: str | None, published: str | None, source_id: int | None) -> int:
    """Write the article, its sentences, claims and entities in one transaction."""
    with store.write() as db:
        # Re-check inside the write lock: two concurrent ingests of one text add it once.
        duplicate = _find_duplicate(store, canon, analysis.content_hash)
        if duplicate:
            return duplicate[0]
        summary = [i for i, s in enumerate(analysis.sentences) if s.in_summary]
        article_id = db["articles"].insert({
            "source_id": source_id, "url": url, "canonical_url": canon,
            "content_hash": analysis.content_hash, "title": analysis.title[:300],
            "outlet": outlet or _outlet_from_url(url) or "seeds", "published": published,
            "ingested_at": utcnow(), "lang": analysis.lang, "body": text,
            "summary": json.dumps(summary),
        }).last_pk
        sentence_rows = [
            {"article_id": article_id, "position": i, "text": s.text, "stems": " ".join(s.stems),
             "score": s.score, "in_summary": int(s.in_summary), "has_number": int(s.has_number),
             "entities": json.dumps(s.entities, ensure_ascii=False)}
            for i, s in enumerate(analysis.sentences)
        ]
        db["sentences"].insert_all(sentence_rows)
        ids = {r["position"]: r["id"] for r in db.query(
            "select id, position from sentences where article_id = ?", (article_id,))}
        db["claims"].insert_all([
            {"article_id": article_id, "sentence_id": ids.get(c.sentence), "value": c.value,
             "qualifier": c.qualifier, "counted": c.counted, "kind": c.kind, "force": c.force,
             "location": c.location, "claimant": c.claimant, "text": c.text}
            for c in analysis.claims
        ])
        db["entities"].insert_all([
            {"article_id": article_id, "sentence_id": ids[i], "name": name, "norm": name.lower()}
            for i, s in enumerate(analysis.sentences) for name in s.entities
        ])
        if source_id is not None:
            db.execute("update sources set articles = articles + 1 where id = ?", (source_id,))
        return int(article_id)


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


def ingest_paths(store: Store, paths: Iterable[str | Path], source_id: int | None = None) -> IngestReport:
    """Ingest .txt and .jsonl files and directories of them; a bad file never stops the rest."""
    report = IngestReport()
    for entry in _expand(paths):
        if isinstance(entry, tuple):
            report.errors.append((str(entry[0]), entry[1]))
            continue
        try:
            outcomes = list(_ingest_file(store, entry, source_id, report))
        except (OSError, ValueError) as exc:
            report.errors.append((str(entry), str(exc)))
            continue
        for outcome in outcomes:
            _count(report, outcome)
    return report


def _count(report: IngestReport, outcome: IngestOutcome) -> None:
    if outcome.added:
        report.added += 1
        report.article_ids.append(outcome.article_id)  # type: ignore[arg-type]
    elif outcome.reason.startswith("duplicate"):
        report.duplicates += 1


def _ingest_file(store: Store, path: Path, source_id: int | None, report: IngestReport) -> Iterable[IngestOutcome]:
    if path.suffix == ".jsonl":
        yield from _ingest_jsonl(store, path, source_id, report)
        return
    if path.suffix != ".txt":
        raise ValueError("unsupported file type (use .txt or .jsonl)")
    outcome = ingest_text(store, _read_text(path), outlet=f"{path.parent.name}/{path.name}", source_id=source_id)
    if outcome.reason == "empty":
        raise ValueError("no text in file")
    yield outcome


def _ingest_jsonl(store: Store, path: Path, source_id: int | None, report: IngestReport) -> Iterable[IngestOutcome]:
    for number, line in enumerate(_read_text(path).splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            report.errors.append((f"{path}:{number}", "invalid JSON"))
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            report.errors.append((f"{path}:{number}", 'each line needs an object with a "text" string'))
            continue
        yield ingest_text(store, record["text"], title=record.get("title"), url=record.get("url"),
                          outlet=record.get("source"), published=record.get("published"),
                          source_id=source_id)
