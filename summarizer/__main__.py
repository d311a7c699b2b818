"""Command line: summarise one article (stdin) or a stream of JSON lines.

    python -m summarizer summarize [--sentences N] [--title T] [--lang id|en] < article.txt
    python -m summarizer summarize --jsonl < articles.jsonl   # {"id","text"[,"title"]} a line

Prints the best sentences, one per line, in original order: by default as
many as the ranker's expected F1 pays for (1 to 5), or exactly N;
with --jsonl writes one {"id", "summary": [...]} line per input line.
Bad input is reported on one stderr line with exit code 2.
"""

from __future__ import annotations

import argparse
import json
import sys

from summarizer.rank import summarize
from summarizer.text import clean_sentences


class InputError(Exception):
    """Input the user can fix: reported as one line, exit code 2."""


def _best(text: str, n: int | None, title: str | None, lang: str) -> list[str]:
    sentences = clean_sentences(text)
    return [sentences[i] for i in summarize(sentences, n, title=title, lang=lang)]


def _one(stdin: str, args: argparse.Namespace) -> list[str]:
    if not stdin.strip():
        raise InputError("empty input: pipe an article's text on stdin")
    return [
        " ".join(s.split()) for s in _best(stdin, args.sentences, args.title, args.lang)
    ]


def _jsonl(stdin: str, args: argparse.Namespace) -> list[str]:
    lines = [(k, line) for k, line in enumerate(stdin.splitlines(), 1) if line.strip()]
    if not lines:
        raise InputError(
            'empty input: expected JSON lines like {"id": "...", "text": "..."}'
        )
    out: list[str] = []
    for k, line in lines:
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"line {k}: invalid JSON ({exc.msg})") from None
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
            raise InputError(f'line {k}: expected an object with a string "text" field')
        title = rec.get("title") if isinstance(rec.get("title"), str) else None
        summary = _best(rec["text"], args.sentences, title, args.lang)
        out.append(
            json.dumps({"id": rec.get("id"), "summary": summary}, ensure_ascii=False)
        )
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m summarizer", description=__doc__.split("\n")[0]
    )
    sub = ap.add_subparsers(dest="command", required=True)
    s = sub.add_parser(
        "summarize", help="print the best sentences of an article read on stdin"
    )
    s.add_argument(
        "--sentences", "-n", type=int, default=None,
        help="exactly this many sentences (default: as many as pay, 1 to 5)",
    )
    s.add_argument(
        "--jsonl",
        action="store_true",
        help='read {"id","text"} lines, write {"id","summary"} lines',
    )
    s.add_argument("--title", default=None, help="article title (improves ranking)")
    s.add_argument("--lang", default="id", choices=("id", "en"))
    args = ap.parse_args(argv)
    if args.sentences is not None and args.sentences < 1:
        print("error: --sentences must be at least 1", file=sys.stderr)
        return 2
    try:
        stdin = sys.stdin.read()
        lines = _jsonl(stdin, args) if args.jsonl else _one(stdin, args)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except UnicodeDecodeError:
        print("error: input is not valid UTF-8 text", file=sys.stderr)
        return 2
    for line in lines:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
