"""Choosing briefing points across articles: each story once, every outlet cited.

Candidates come in already scored (the per-article ranker ran at ingest). A
greedy pass keeps the best candidate of each story and folds every candidate
that says the same thing, or reports the same figure about the same thing,
into that point as an extra source.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Hashable, Sequence

_CLAUSE_BREAK = re.compile(r"[,;:–—]\s")
# A figure: grouped thousands, three digits or more, or a small count before a lower-case word ("20 tahun
# penjara", "8 korban"; not a date "13/2" nor a day "3 Juli").
_FIGURE = re.compile(r"\b\d{1,3}(?:[.,]\d{3})+\b|\b\d{3,}\b|\b\d{1,2}(?:,\d+)?(?= [a-z])")
_YEAR = re.compile(r"^(19|20)\d\d$")


@dataclass(frozen=True)
class Candidate:
    """A sentence that could become a point, with an opaque reference to its article."""

    text: str
    stems: frozenset[str]
    score: float
    article: Hashable
    key: Hashable = None
    stub: bool = False  # from a feed's summary alone: ranked after every full article


@dataclass
class Point:
    """A chosen point: its best wording and every article that reported it."""

    text: str
    stems: frozenset[str]
    score: float
    articles: list[Hashable] = field(default_factory=list)
    keys: list[Hashable] = field(default_factory=list)
    stub: bool = False

    @property
    def importance(self) -> float:
        """Its own score, raised a little by every extra outlet that reported it."""
        return self.score * (1.0 + 0.15 * (len(self.articles) - 1))


def figures(text: str) -> set[str]:
    """Significant figures in a sentence (not years), as written without separators."""
    found = set()
    for match in _FIGURE.finditer(text):
        digits = re.sub(r"[.,]", "", match.group())
        if not _YEAR.match(digits):
            found.add(digits)
    return found


# Fewer content stems than this and a sentence is too short to be judged the same story as another
# (a date line, a label): dividing by the smaller set would make any shared word a match.
MIN_STORY_STEMS = 4


@lru_cache(maxsize=1)
def _date_words() -> frozenset[str]:
    data = json.loads((Path(__file__).parent / "data" / "page_chrome.json").read_text(encoding="utf-8"))
    return frozenset(w.lower() for key in ("days", "months", "time_words") for w in data[key])


def story_stems(stems: frozenset[str]) -> frozenset[str]:
    """The stems that can show two sentences tell one story: not numbers, dates, times or zones."""
    dates = _date_words()
    return frozenset(s for s in stems if s not in dates and not any(ch.isdigit() for ch in s))


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Overlap coefficient of two sets of story stems: shared over the smaller set (robust to length).

    0 when either sentence has fewer than MIN_STORY_STEMS of them.
    """
    if len(a) < MIN_STORY_STEMS or len(b) < MIN_STORY_STEMS:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def select_points(candidates: Sequence[Candidate], max_points: int = 7,
                  per_article: int = 2, threshold: float = 0.6) -> list[Point]:
    """Greedy selection by score; similar candidates become extra sources of one point.

    Candidates from full articles come first, feed stubs after them, so a
    stub never outranks a full article (it can still add its outlet to a
    full article's point). A candidate joins a point telling the same story: the same
    event in other words (story-stem overlap >= threshold) unless the two give different
    figures, or the same figures about largely the same thing (overlap >= threshold / 2, and
    one's figures all among the other's). Each text's story stems and figures are found
    once, figures only when the overlap leaves it open.

    Two sentences alike but for their figures ("326 orang luka-luka" in one outlet, "1.083
    orang luka-luka" in another; "divonis 20 tahun ..., dituntut 8 tahun" beside "dipotong
    dari 20 tahun menjadi 10 tahun") stay two points: one point cites every outlet for its
    text, and the second outlet never gave those figures.
    """
    points: list[Point] = []
    point_stems: list[frozenset[str]] = []
    point_figures: list[set[str]] = []
    used: dict[Hashable, int] = {}
    half = threshold / 2
    for cand in sorted(candidates, key=lambda c: (c.stub, -c.score)):
        cand_stems = story_stems(cand.stems)
        cand_figures: set[str] | None = None
        match = None
        for index, p in enumerate(points):
            shared = _overlap(cand_stems, point_stems[index])
            if shared < half:
                continue
            if point_figures[index] and cand_figures is None:
                cand_figures = figures(cand.text)
            mine, theirs = cand_figures or set(), point_figures[index]
            # one's figures all within the other's: the same report, one of them saying a little more
            same_figures = bool(mine and theirs) and (mine <= theirs or theirs <= mine)
            if same_figures or (shared >= threshold and not (mine and theirs)):
                match = p
                break
        if match is not None:
            if cand.article not in match.articles:
                match.articles.append(cand.article)
                match.keys.append(cand.key)
            continue
        if len(points) >= max_points or used.get(cand.article, 0) >= per_article:
            continue
        used[cand.article] = used.get(cand.article, 0) + 1
        points.append(Point(cand.text, cand.stems, cand.score, [cand.article], [cand.key], stub=cand.stub))
        point_stems.append(cand_stems)
        point_figures.append(figures(cand.text) if cand_figures is None else cand_figures)
    return sorted(points, key=lambda p: (p.stub, -p.importance))


def tidy_sentence(text: str, max_words: int = 60) -> str:
    """Make a sentence fit a chat line: trim overlong ones at a clause, balance quotes."""
    words = text.split()
    if len(words) > max_words:
        cut = " ".join(words[:max_words])
        breaks = [m.start() for m in _CLAUSE_BREAK.finditer(cut)]
        if breaks and breaks[-1] > len(cut) // 2:
            cut = cut[: breaks[-1]]
        text = cut.rstrip(" ,;:") + " …"
    return _balance_quotes(text)


def _balance_quotes(text: str) -> str:
    """Drop quote marks left dangling by sentence splitting or trimming."""
    while text.count("“") > text.count("”"):
        index = text.rfind("“")
        text = text[:index] + text[index + 1:]
    while text.count("”") > text.count("“"):
        index = text.find("”")
        text = text[:index] + text[index + 1:]
    if text.count('"') % 2:
        index = 0 if text.startswith('"') else text.rfind('"')
        text = text[:index] + text[index + 1:]
    return text.strip()
