"""Benchmark corpora: real IndoSum articles and the seeds, then synthetic articles up to any size.

How a corpus of N articles is made (article number k decides everything, so a
smaller corpus is always the first part of a larger one and a 100k database
can be built by extending a cached 10k one):

* k < 5: the five bundled seeds, verbatim (North Korean troops in Kursk).
* the next 750: the IndoSum dev fold (``evaluation.indosum``), verbatim.
* every 100th article after that: a *seed variant*: one seed's sentences with
  the lead kept, the rest shuffled and a few dropped, and troop figures
  nudged to one of a few nearby round values (reports disagree, but not
  wildly). So /troops, /kursk and /about Budanov have real answers at every
  size, about 1% of the corpus.
* every other article: a *recombined* IndoSum article: the lead sentence of a
  real article, then 6-14 sentences drawn from 3-5 other articles of the
  same category (news stays with news, sport with sport), grouped into
  paragraphs. Figures other than years are scaled by a random factor and
  written the Indonesian way (12.500), and the person names of the article
  (two-to-four capitalised words, ``summarizer.entities.is_person_name``) are
  consistently swapped for other person names found in the fold. Every text
  is therefore a different string (no content-hash or URL duplicate) and
  shares few word 4-grams with any other, so it is stored as its own story.
* Every article is stored (none is a URL or content duplicate). The seed
  variants are near-duplicates of their seed by design, like one wire story
  rewritten by several outlets: they are stored, and join the seed's story
  (``articles.story_id``), so the 100k corpus holds about 99,000 stories.

Everything is deterministic (``random.Random`` seeded with k).
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from summarizer.entities import extract_entities, is_person_name
from evaluation.indosum import article_text, load
from summarizer.text import clean_sentences

RECIPE_VERSION = 1  # bump when the recipe changes: cached databases are keyed by it
SEED_VARIANT_EVERY = 100
_NUMBER = re.compile(r"(?<![\w.,/:])\d{1,3}(?:\.\d{3})+(?![\w,/:]|\.\d)|(?<![\w.,/:])\d+(?![\w.,/:]|\.\d)")
_YEAR = re.compile(r"^(19|20)\d\d$")


@dataclass(frozen=True)
class BenchArticle:
    k: int
    kind: str  # "seed", "indosum", "seed-variant", "recombined"
    text: str
    url: str
    outlet: str


@dataclass
class _Source:
    category: str
    outlet: str
    sentences: list[str]
    names: list[str]


def format_id(value: int) -> str:
    """12500 -> "12.500" (Indonesian thousands separator)."""
    return f"{value:,}".replace(",", ".")


class CorpusMaker:
    """Article k of the benchmark corpus, for any k."""

    def __init__(self, indosum_path: str | Path, seeds_dir: str | Path) -> None:
        self.indosum_path = Path(indosum_path)
        self.seeds_dir = Path(seeds_dir)

    @cached_property
    def records(self) -> list[dict]:
        return list(load(self.indosum_path))

    @cached_property
    def seeds(self) -> list[tuple[str, str]]:
        return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(self.seeds_dir.glob("*.txt"))]

    @cached_property
    def sources(self) -> list[_Source]:
        out = []
        for rec in self.records:
            sentences = clean_sentences(article_text(rec))
            names = sorted({e for s in sentences for e in extract_entities(s) if is_person_name(e)})
            out.append(_Source(rec.get("category") or "umum", rec.get("source") or "indosum", sentences, names))
        return out

    @cached_property
    def by_category(self) -> dict[str, list[int]]:
        groups: dict[str, list[int]] = {}
        for i, src in enumerate(self.sources):
            if len(src.sentences) >= 3:
                groups.setdefault(src.category, []).append(i)
        return groups

    @cached_property
    def name_pool(self) -> list[str]:
        return sorted({n for src in self.sources for n in src.names})

    @cached_property
    def seed_sentences(self) -> list[list[str]]:
        return [clean_sentences(text) for _, text in self.seeds]

    def article(self, k: int) -> BenchArticle:
        n_seeds, n_real = len(self.seeds), len(self.records)
        if k < n_seeds:
            name, text = self.seeds[k]
            return BenchArticle(k, "seed", text, f"https://bench.briefbot.local/seed/{name}", "seeds")
        if k < n_seeds + n_real:
            rec = self.records[k - n_seeds]
            return BenchArticle(k, "indosum", article_text(rec), rec.get("source_url") or
                                f"https://bench.briefbot.local/indosum/{rec['id']}", rec.get("source") or "indosum")
        rng = random.Random(k)
        if k % SEED_VARIANT_EVERY == 0:
            return self._seed_variant(k, rng)
        return self._recombined(k, rng)

    def articles(self, start: int, stop: int, step: int = 1):
        for k in range(start, stop, step):
            yield self.article(k)

    # ---- the two kinds of synthetic article ---------------------------------------------
    def _seed_variant(self, k: int, rng: random.Random) -> BenchArticle:
        which = rng.randrange(len(self.seeds))
        sentences = list(self.seed_sentences[which])
        lead, rest = sentences[:1], sentences[1:]
        rng.shuffle(rest)
        keep = max(2, int(len(rest) * rng.uniform(0.7, 1.0)))
        body = lead + rest[:keep]

        def nudge(m: re.Match) -> str:
            digits = m.group().replace(".", "")
            value = int(digits)
            if value < 1000 or _YEAR.match(digits):
                return m.group()
            step = 1000 if value >= 5000 else 100
            new = int(round(value * rng.choice((0.9, 1.0, 1.0, 1.1, 1.2)) / step) * step)
            return format_id(new)

        text = _paragraphs([_NUMBER.sub(nudge, s) for s in body], rng)
        return BenchArticle(k, "seed-variant", text, f"https://bench.briefbot.local/seed-variant/{k}",
                            rng.choice(("kompas.com", "detik.com", "cnnindonesia.com", "tempo.co", "antaranews.com")))

    def _recombined(self, k: int, rng: random.Random) -> BenchArticle:
        categories = sorted(self.by_category)
        weights = [len(self.by_category[c]) for c in categories]
        category = rng.choices(categories, weights)[0]
        pool = self.by_category[category]
        base = self.sources[rng.choice(pool)]
        donors = [self.sources[i] for i in rng.sample(pool, min(len(pool), rng.randint(3, 5)))]
        sentences = base.sentences[:1]
        wanted = rng.randint(6, 14)
        seen = set(sentences)
        tries = 0
        while len(sentences) < wanted + 1 and tries < 100:
            tries += 1
            donor = rng.choice(donors)
            sentence = rng.choice(donor.sentences[1:] or donor.sentences)
            if sentence not in seen:
                seen.add(sentence)
                sentences.append(sentence)
        names = sorted({n for s in sentences for n in extract_names(s)}, key=len, reverse=True)
        swap = {n: rng.choice(self.name_pool) for n in names} if self.name_pool else {}

        def vary(m: re.Match) -> str:
            digits = m.group().replace(".", "")
            value = int(digits)
            if _YEAR.match(digits) or value < 10:
                return m.group()
            new = max(10, int(value * rng.uniform(0.5, 1.8)))
            return format_id(new)

        out = []
        for sentence in sentences:
            for old, new in swap.items():
                if old != new:
                    sentence = sentence.replace(old, new)
            out.append(_NUMBER.sub(vary, sentence))
        return BenchArticle(k, "recombined", _paragraphs(out, rng), f"https://bench.briefbot.local/synthetic/{k}",
                            base.outlet)


def extract_names(sentence: str) -> list[str]:
    return [e for e in extract_entities(sentence) if is_person_name(e)]


def _paragraphs(sentences: list[str], rng: random.Random) -> str:
    """One to three sentences a paragraph, paragraphs on their own lines."""
    paras, i = [], 0
    while i < len(sentences):
        size = rng.randint(1, 3) if i else 1
        paras.append(" ".join(sentences[i:i + size]))
        i += size
    return "\n".join(paras)
