"""Real pages and feeds, measured: body extraction against hand-written gold, outlets, titles, chrome, /brief.

    python -m evaluation.extraction [--corpus tests/fixtures/real] [--json]

The corpus (tests/fixtures/real, provenance in its README.md and
manifest.json) holds article pages and RSS feeds saved by other projects
from Indonesian outlets, and for some pages a gold body written by hand
(gold/NAME.txt: the story's prose paragraphs, dateline included; headline,
subheadings, captions, bylines, credits, related links and embedded posts
left out).

1. Body words: precision and recall of the words (lower-cased \\w+ tokens,
   counted with repeats) of the bot's extraction (`bot.detection.extract_article`)
   against each gold body, beside trafilatura alone in the same run, with the
   bot's former settings (favor_precision) and with its defaults.
2. The whole path as a newsroom meets it: the pages and feeds are served on
   loopback (the feeds' entry links point to pages that answer 404, so their
   entries are stored as stubs), each is added with /addsource through the
   bot's dispatch, and then: sources named after their outlet; stored titles
   that still carry the outlet's name before or after a separator; stored
   sentences of the gold pages that are not in the gold body (chrome);
   sentences that are a bare headline; /brief and /about items that are a
   headline, a date line or a label, and /brief points from full articles.

What it does not cover: pages of outlets or templates outside the corpus;
gold bodies are one person's reading of each page.
"""
from __future__ import annotations

import argparse
import json
import re
import tempfile
import threading
from collections import Counter
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator, Sequence

import trafilatura

from bot.fetch import decode_body

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "real"
_WORD = re.compile(r"\w+", re.U)
_DATE_ONLY = re.compile(r"^[\W\d_]*(?:senin|selasa|rabu|kamis|jumat|sabtu|minggu)?[\W\d_]*(?:wib|wita|wit)?[\W\d_]*$",
                        re.I)
_SEPARATORS = r"[-–—|:·»]"


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def precision_recall(extracted: str, gold: str) -> tuple[float, float]:
    """Word precision and recall of `extracted` against `gold` (multisets of lower-cased words)."""
    got, want = Counter(words(extracted)), Counter(words(gold))
    common = sum((got & want).values())
    return (common / max(sum(got.values()), 1), common / max(sum(want.values()), 1))


@dataclass
class PageScore:
    page: str
    gold_words: int
    ours: tuple[float, float]  # (precision, recall)
    trafilatura_precise: tuple[float, float]
    trafilatura_default: tuple[float, float]


def _read(path: Path) -> str:
    return decode_body(path.read_bytes(), None, "text/html")


def body_scores(corpus: Path = CORPUS) -> list[PageScore]:
    """Body word precision/recall on every page that has a gold body."""
    from bot.detection import extract_article

    scores = []
    for gold_path in sorted((corpus / "gold").glob("*.txt")):
        html = _read(corpus / "pages" / (gold_path.stem + ".html"))
        gold = gold_path.read_text(encoding="utf-8")
        ours = extract_article(html, None)
        precise = trafilatura.extract(html, favor_precision=True, include_comments=False, include_tables=False,
                                      include_images=False, deduplicate=False) or ""
        default = trafilatura.extract(html, include_comments=False, include_tables=False, include_images=False,
                                      deduplicate=False) or ""
        scores.append(PageScore(gold_path.stem, len(words(gold)), precision_recall(ours.text if ours else "", gold),
                                precision_recall(precise, gold), precision_recall(default, gold)))
    return scores


# ---- the whole path, on loopback ----------------------------------------------------------
class _Handler(SimpleHTTPRequestHandler):
    """Pages and feeds of the corpus; anything else (the feeds' entry pages) is a 404."""

    def __init__(self, *args, corpus: Path, base: list[str], **kwargs) -> None:
        self.corpus, self.base = corpus, base
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        path = self.path.split("?", 1)[0]
        if path.startswith("/pages/") and (self.corpus / path.lstrip("/")).is_file():
            # Served as saved: no charset in the header, so the page's own declaration (or its bytes) decides.
            self._send((self.corpus / path.lstrip("/")).read_bytes(), "text/html")
        elif path.startswith("/feeds/") and (self.corpus / path.lstrip("/")).is_file():
            xml = (self.corpus / path.lstrip("/")).read_text(encoding="utf-8")
            # Entry links keep their path but point here, where they are not found: stubs.
            xml = re.sub(r"<link>https?://[^/<]+", "<link>" + self.base[0], xml)
            self._send(xml.encode("utf-8"), "application/rss+xml")
        else:
            self.send_error(404)

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        return


@contextmanager
def serve(corpus: Path = CORPUS) -> Iterator[str]:
    """The corpus on http://127.0.0.1:PORT for the duration of the block."""
    base: list[str] = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Handler, corpus=corpus, base=base))
    base.append(f"http://127.0.0.1:{server.server_address[1]}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base[0]
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class PathReport:
    pages_added: int = 0
    pages_refused: list[str] = field(default_factory=list)
    sources_named_after_outlet: int = 0
    sources: int = 0
    source_names: dict[str, str] = field(default_factory=dict)
    titles_with_site_name: list[str] = field(default_factory=list)
    gold_sentences: int = 0
    chrome_sentences: list[str] = field(default_factory=list)  # stored sentences of gold pages not in the gold
    headline_sentences: list[str] = field(default_factory=list)
    brief_points: int = 0
    brief_from_full: int = 0
    brief_bad_items: list[str] = field(default_factory=list)
    about_items: int = 0
    about_bad_items: list[str] = field(default_factory=list)
    stubs: int = 0


def _folded(text: str) -> str:
    return " ".join(words(text))


def _carries_site_name(title: str, label: str) -> bool:
    """The outlet's name as a segment before or after a separator ("... - Kompas.com", "KapanLagi.com: ...")."""
    head = re.match(rf"^([^-–—|:·»]{{1,40}}){_SEPARATORS}", title)
    tail = re.search(rf"{_SEPARATORS}([^-–—|:·»]{{1,60}})$", title)
    return any(part and label in _folded(part.group(1)).replace(" ", "") for part in (head, tail))


def _bad_item(text: str, titles: set[str]) -> bool:
    """A /brief or /about item that is not a statement: a headline, a date line or a short label."""
    folded = _folded(text)
    return folded in titles or bool(_DATE_ONLY.match(text)) or len(text.split()) < 5


def run_path(corpus: Path = CORPUS, workdir: Path | None = None) -> PathReport:
    """Add every page and feed through the bot on loopback and measure what a reader sees."""
    from bot.app import BotApp, parse_message
    from bot.models import Request
    from bot.settings import load_settings
    from bot.sources import remove_seeds

    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    report = PathReport()
    with tempfile.TemporaryDirectory() as tmp, serve(corpus) as base:
        folder = Path(workdir or tmp)
        config = folder / "eval.toml"
        # A window that reaches back to the oldest page (2015): pages and feeds are briefed together.
        hours = int((datetime.now(timezone.utc) - datetime(2015, 1, 1, tzinfo=timezone.utc)).total_seconds() // 3600)
        config.write_text(f'[sources]\nallow_hosts = ["127.0.0.1"]\ntimeout_seconds = 5\n'
                          f'total_deadline_seconds = 20\n[brief]\nwindow_hours = {hours}\n')
        app = BotApp(load_settings(str(config), env={}, db_path=str(folder / "eval.db")))
        app.ensure_seeded()
        remove_seeds(app)

        def say(text: str):
            command, args = parse_message(text)
            return app.handle(Request(platform="console", chat="eval", user="console", command=command,
                                      args=args, is_admin=True))

        for name in manifest["pages"]:
            reply = say(f"/addsource {base}/pages/{name}")
            if "Could not add" in reply.title or "Tidak dapat menambah" in reply.title:
                report.pages_refused.append(name)
            else:
                report.pages_added += 1
        for name in manifest["feeds"]:
            say(f"/addsource {base}/feeds/{name}")
        for row in app.store.query("select name, url from sources order by id"):
            key = row["url"].rsplit("/", 1)[-1]
            entry = manifest["pages"].get(key) or manifest["feeds"].get(key)
            report.sources += 1
            report.source_names[key] = row["name"]
            if entry and _folded(row["name"]).replace(" ", "").startswith(entry["outlet"]):
                report.sources_named_after_outlet += 1
        articles = list(app.store.query("select a.id, a.title, a.url, a.stub from articles a"))
        titles = {_folded(a["title"]) for a in articles}
        report.stubs = sum(1 for a in articles if a["stub"])
        for a in articles:
            key = (a["url"] or "").rsplit("/", 1)[-1]
            entry = manifest["pages"].get(key) or (manifest["feeds"] and {"outlet": "tempo"})
            if entry and _carries_site_name(a["title"], entry["outlet"]):
                report.titles_with_site_name.append(a["title"])
            gold_path = corpus / "gold" / key.replace(".html", ".txt")
            sentences = [r["text"] for r in app.store.query(
                "select text from sentences where article_id = ? order by position", (a["id"],))]
            report.headline_sentences += [s for s in sentences if _folded(s) == _folded(a["title"])]
            if key.endswith(".html") and gold_path.is_file():
                gold = _folded(gold_path.read_text(encoding="utf-8"))
                report.gold_sentences += len(sentences)
                report.chrome_sentences += [s for s in sentences if _folded(s) not in gold]
        brief = say("/brief")
        stub_ids = {a["id"] for a in articles if a["stub"]}
        report.brief_points = len(brief.items)
        report.brief_from_full = sum(1 for item in brief.items
                                     if item.sources and item.sources[0].article_id not in stub_ids)
        report.brief_bad_items = [i.text for i in brief.items if _bad_item(i.text, titles)]
        about = say("/about Grammy")
        report.about_items = len(about.items)
        report.about_bad_items = [i.text for i in about.items if _bad_item(i.text, titles)]
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation.extraction", description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--json", action="store_true", help="print the measurements as JSON")
    args = parser.parse_args(argv)
    scores = body_scores(args.corpus)
    path = run_path(args.corpus)
    if args.json:
        print(json.dumps({"bodies": [asdict(s) for s in scores], "path": asdict(path)}, ensure_ascii=False,
                         indent=1))
        return 0
    print(f"{'page':28} {'gold':>5}  {'ours P/R':>11}  {'traf.precise':>12}  {'traf.default':>12}")
    for s in scores:
        print(f"{s.page:28} {s.gold_words:5}  {s.ours[0]:.2f}/{s.ours[1]:.2f}    "
              f"{s.trafilatura_precise[0]:.2f}/{s.trafilatura_precise[1]:.2f}     "
              f"{s.trafilatura_default[0]:.2f}/{s.trafilatura_default[1]:.2f}")
    for label, index in (("precision", 0), ("recall", 1)):
        values = {k: [getattr(s, k)[index] for s in scores] for k in ("ours", "trafilatura_precise",
                                                                    "trafilatura_default")}
        print(f"{label:10} worst / mean: " + "  ".join(
            f"{k} {min(v):.2f}/{sum(v) / len(v):.2f}" for k, v in values.items()))
    print(f"\npages added {path.pages_added}, refused {len(path.pages_refused)} {path.pages_refused}")
    print(f"sources named after their outlet: {path.sources_named_after_outlet}/{path.sources}")
    print(f"stored titles with the site's name: {len(path.titles_with_site_name)} {path.titles_with_site_name}")
    print(f"chrome sentences on gold pages: {len(path.chrome_sentences)}/{path.gold_sentences}")
    for s in path.chrome_sentences:
        print("   ", s[:120])
    print(f"bare-headline sentences: {len(path.headline_sentences)}")
    print(f"feed stubs stored: {path.stubs}")
    print(f"/brief: {path.brief_from_full}/{path.brief_points} points from full articles, "
          f"{len(path.brief_bad_items)} headline/date/label items {path.brief_bad_items}")
    print(f"/about Grammy: {path.about_items} items, {len(path.about_bad_items)} headline/date/label items "
          f"{path.about_bad_items}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
