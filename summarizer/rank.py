"""Per-article sentence ranking: features, a small logistic model, top-n selection.

The scorer is the average of a logistic regression and a small bag of
gradient-boosted tree models, trained offline (``python -m evaluation.train_ranker``)
on IndoSum gold extractive labels; both ship in ``summarizer/data/ranker.json``
and are applied here with numpy only (``summarizer.forest`` for the trees), so
scikit-learn is not a runtime dependency. Scores are probabilities in [0, 1]
and therefore comparable across articles.
"""

from __future__ import annotations

import itertools
import json
import math
import operator
import re
import tomllib
from collections.abc import Callable
from functools import lru_cache
from importlib import resources

import numpy as np

from summarizer import forest
from summarizer.portable import logistic, logs, products, row_norms, vector_norm
from summarizer.text import is_boilerplate, strip_dateline
from summarizer.tokens import STOPWORDS, sentence_words

__all__ = [
    "FEATURES",
    "features",
    "load_model",
    "select",
    "select_summary",
    "sentence_scores",
    "summarize",
]

# --------------------------------------------------------------------------- tokens


def _stopwords(lang: str) -> frozenset[str]:
    return STOPWORDS.get(lang, STOPWORDS["id"])


# Cached, and shared with tokens.content_stems: features() and select() tokenise the
# same sentences of an article one after the other; at ingest each sentence is seen about four times.
_words = sentence_words


_DIGIT_WORD = re.compile(r"\d\S*")
_FIRST = operator.itemgetter(0)
_ASCII_CAPITAL_AFTER_SPACE = re.compile(r"\s[A-Z]")
_CLITICS = ("nya", "lah", "kah", "pun")


def _norm(word: str) -> str:
    """Cheap normalisation instead of ``tokens.stem``: a word of more than 5 letters loses a final
    clitic ("-nya", "lah", "kah", "pun") and the hyphen before it.

    Chosen when Sastrawi cost milliseconds per unseen word; stemming is now
    about 3 us a word (summarizer.stemmer_id), but the shipped ranker was
    trained on these forms, so changing them means retraining it.
    """
    # What re.sub(r"-?(?:nya|lah|kah|pun)$", "", word) gives (a token holds no newline for $ to stop
    # before), by endswith instead of a regex tried at every position of the word.
    if len(word) > 5 and word.endswith(_CLITICS):
        return word[:-4] if word[-4] == "-" else word[:-3]
    return word


class _ContentForms(dict):
    """Each word's content form for `_content`, one table a language, filled as words are first met:
    "" for a stop word, a word not opening with a letter or a one-letter word (dropped), else its
    `_norm` form. Articles repeat their words, so a sentence is mostly looked up by map in C, and
    `__missing__` computes a new word's form within the same pass (no Python step a known word)."""

    def __init__(self, stopwords: frozenset[str]) -> None:
        super().__init__()
        self.stopwords = stopwords

    def __missing__(self, word: str) -> str:
        form = "" if word in self.stopwords or not word[:1].isalpha() or len(word) < 2 else _norm(word)
        self[word] = form
        return form


_FORMS: dict[str, _ContentForms] = {}
_FORMS_MAX = 65_536  # a table this large starts again (a long-running bot meets new names every day; the
# bound of the lru_cache _norm had)


def _forms(lang: str) -> _ContentForms:
    """`lang`'s table of content forms (a new one when there is none yet, or it has grown too large)."""
    forms = _FORMS.get(lang)
    if forms is None or len(forms) > _FORMS_MAX:
        forms = _FORMS[lang] = _ContentForms(_stopwords(lang))
    return forms


@lru_cache(maxsize=8192)
def _content(text: str, lang: str) -> tuple[str, ...]:
    """The content words of a text: no stop words, numbers or one-letter words; clitics cut (`_norm`)."""
    return tuple(filter(None, map(_forms(lang).__getitem__, _words(text))))


# --------------------------------------------------------------------------- centrality
# sumy's LexRank (threshold 0.1, power method to epsilon 0.1) on the sentences' content
# words, written out with numpy: importing sumy's summarizer pulls in NLTK (about 2.5 s
# of CPU in every process that ingests, longer than ranking 500 articles). Each step is
# sumy's LexRankSummarizer's (tf, idf, thresholded idf-modified cosine, degree
# normalisation, power method) in the same floating-point order;
# tests/test_rank.py checks the scores equal sumy's own on real articles.
LEXRANK_THRESHOLD = 0.1
LEXRANK_EPSILON = 0.1


def _lexrank_matrix(bags: list[list[str]] | list[tuple[str, ...]], threshold: float = LEXRANK_THRESHOLD) -> np.ndarray:
    """sumy's `_create_matrix` over its `_compute_tf` and `_compute_idf` of the bags, by numpy."""
    return _lexrank_matrix_of_counts(_term_counts(bags), threshold)


def _lexrank_matrix_of_counts(counts: np.ndarray, threshold: float = LEXRANK_THRESHOLD) -> np.ndarray:
    """`_lexrank_matrix` from the bags' `_term_counts` (terms in first-seen order, as sumy's idf)."""
    n = counts.shape[0]
    if counts.shape[1] == 0:
        counts = np.zeros((n, 1))
    # math.log: sumy's floats. A term's idf depends only on how many sentences hold it (0 to n),
    # so the n + 1 logs are taken once and looked up, not one math.log a term.
    idf_of = np.array([math.log(n / (1 + count)) for count in range(n + 1)])
    idf = idf_of[(counts > 0).sum(axis=0)]
    max_tf = counts.max(axis=1)  # sumy: _find_tf_max
    max_tf[max_tf == 0] = 1.0
    # count / max_tf * idf in the same order of operations as sumy's, over the whole matrix at once:
    # a cell a bag does not hold is 0 / max_tf * idf = 0.0 as sumy leaves it (idf < 0 only for a term
    # every sentence holds, which has no such cell).
    weighted = counts / max_tf[:, None] * idf
    norms = np.sqrt((weighted * weighted).sum(axis=1))
    empty = norms == 0
    if empty.any():  # sumy: 0 when either sentence has no weighted term
        norms[empty] = 1.0  # (their cells are zeroed below: no 0 / 0 to silence with an errstate)
        cosine = products(weighted, weighted) / np.outer(norms, norms)
        cosine[empty, :] = 0.0
        cosine[:, empty] = 0.0
    else:
        cosine = products(weighted, weighted) / np.outer(norms, norms)
    matrix = (cosine > threshold).astype(float)
    degrees = matrix.sum(axis=1)
    degrees[degrees == 0] = 1.0
    return matrix / degrees[:, None]


def _power_method(matrix: np.ndarray, epsilon: float = LEXRANK_EPSILON) -> np.ndarray:
    """sumy's LexRankSummarizer.power_method, step for step."""
    transposed = matrix.T
    count = len(matrix)
    p_vector = np.array([1.0 / count] * count)
    lambda_val = 1.0
    while lambda_val > epsilon:
        next_p = products(transposed, p_vector)
        next_p /= vector_norm(next_p)
        lambda_val = vector_norm(np.subtract(next_p, p_vector))
        p_vector = next_p
    return p_vector


def _lexrank(sentences: list[str], lang: str, bags: list[list[str]] | None = None,
             counts: np.ndarray | None = None) -> np.ndarray:
    """sumy LexRank centrality of each sentence (over content words), normalised to mean 1.

    `bags`, when the caller has them, are the sentences' `_content` words (what
    sumy's document model gives with a tokenizer returning them: lower-cased
    already, no stop words or stemmer on the summarizer); `counts`, their
    `_term_counts` (features() has them from the tf-idf matrix).
    """
    n = len(sentences)
    if n == 0:
        return np.zeros(0)
    if counts is None:
        counts = _term_counts(bags if bags is not None else [list(_content(s, lang)) for s in sentences])
    matrix = _lexrank_matrix_of_counts(counts)
    if (
        not matrix.any()
    ):  # no shared content words at all: power method would divide by 0
        return np.ones(n)
    with np.errstate(invalid="ignore", divide="ignore"):
        scores = np.asarray(_power_method(matrix), dtype=float)
    total = scores.sum()
    return scores * n / total if np.isfinite(total) and total > 0 else np.ones(n)


def _term_counts(bags: list[list[str]] | list[tuple[str, ...]]) -> np.ndarray:
    """How often each term (a column, in first-seen order) occurs in each bag (a row), as floats."""
    # Each word's column, numbered in first-seen order, and every word's column looked up, without a
    # Python step a word (dict.fromkeys keeps first-seen order; zip with count numbers them).
    words = itertools.chain.from_iterable
    column = dict(zip(dict.fromkeys(words(bags)), itertools.count()))
    width = max(1, len(column))
    lengths = [len(bag) for bag in bags]
    cols = np.fromiter(map(column.__getitem__, words(bags)), dtype=np.intp, count=sum(lengths))
    # Term counts by one bincount over (row, column) cells instead of a += per word (same integers).
    cells = np.repeat(np.arange(len(bags)) * width, lengths) + cols
    return np.bincount(cells, minlength=len(bags) * width).astype(float).reshape(len(bags), width)


def _tfidf(bags: list[list[str]] | None = None, counts: np.ndarray | None = None) -> np.ndarray:
    """Row-normalised tf-idf matrix of the bags (idf within the article), or of their `_term_counts`."""
    m = counts if counts is not None else _term_counts(bags)
    df = (m > 0).sum(axis=0)
    # a term's idf depends only on its df (0 to len(m)): len(m) + 1 logs looked up, not one a term
    idf = logs((1.0 + len(m)) / (1.0 + np.arange(len(m) + 1)))[df] + 1.0
    m = m * idf
    norms = row_norms(m)[:, None]
    norms[norms == 0] = 1.0
    return m / norms


# --------------------------------------------------------------------------- features

_QUOTES = '"“”„«»'
_QUOTE_MARK = re.compile(f"[{_QUOTES}]")
# The words of the speech_verb and anaphora_start features: data/rank_words.toml, read once.
_WORDS = tomllib.loads(resources.files("summarizer").joinpath("data/rank_words.toml").read_text(encoding="utf-8"))
_SPEECH_VERBS = re.compile(r"\b(?:" + "|".join(map(re.escape, _WORDS["speech_verbs"])) + r")(?:nya)?\b", re.IGNORECASE)
# The letters other than A-Z and a-z that re.IGNORECASE takes for ASCII ones (İ ı ſ K): a text without
# them can be lower-cased and matched case-sensitively (the same positions and word boundaries).
_IGNORECASE_ODD = re.compile("[\u0130\u0131\u017f\u212a]")
_SPEECH_VERBS_LOWER = re.compile(_SPEECH_VERBS.pattern)  # the same words, for lower-cased text (about twice as fast)


# The words the speech-verb pattern matches whole, with or without "nya".
_SPEECH_FORMS = frozenset(_WORDS["speech_verbs"] + [verb + "nya" for verb in _WORDS["speech_verbs"]])


def _has_speech_verb(s: str, words: tuple[str, ...]) -> bool:
    """Whether a speech verb stands in `s` as a whole word; `words`: its tokens (`_words(s)`)."""
    if not s.isascii() and _IGNORECASE_ODD.search(s):  # (isascii reads a flag: no scan of ASCII text)
        return bool(_SPEECH_VERBS.search(s))
    # A match is a whole \w+ run of the lower-cased text, and every such run is a token or, where
    # hyphens or apostrophes join runs into one token, part of one: with no token a speech form and
    # no joiner in the text, nothing can match, and the regex (which costs by the character) is
    # skipped for most sentences. Where it might match, the regex decides, as before.
    if _SPEECH_FORMS.isdisjoint(words) and "-" not in s and "'" not in s and "’" not in s:
        return False
    return bool(_SPEECH_VERBS_LOWER.search(s.lower()))


# first words that lean on an earlier sentence
_ANAPHORA = frozenset(_WORDS["anaphora"])
_QUESTION_RE = re.compile(r"\?\s*[\"”']?\s*$")

N_POS = 6
# the last columns, computed by sequence_features() from the whole article at once
SEQUENCE_FEATURES: tuple[str, ...] = ("novelty", "len_rank", "content_pos", "inv_pos_x_len")
FEATURES: tuple[str, ...] = tuple(
    [f"pos_{i}" for i in range(N_POS)]
    + [
        "pos_rest",
        "rel_pos",
        "inv_pos",
        "log_n",
        "len_log",
        "len_short",
        "len_long",
        "lexrank",
        "lexrank_rank",
        "sim_centroid",
        "sim_first",
        "sim_title",
        "title_overlap",
        "sim_max_other",
        "digit_density",
        "cap_density",
        "quote_start",
        "quote_frac",
        "quote_dangling",
        "quote_open_before",
        "quote_open_after",
        "len_rel_mean",
        "len_rel_lead",
        "speech_verb",
        "anaphora_start",
        "question",
        "boilerplate",
        "dateline",
        "no_end_punct",
    ]
    + list(SEQUENCE_FEATURES)
)


# the pos_0 .. pos_rest columns of each position: one 1.0 among zeros
_POSITION = [tuple(float(j == i) for j in range(N_POS + 1)) for i in range(N_POS + 1)]


def _capitalised_words(s: str) -> int:
    """How many white-space-separated words after the first open with a capital (str.isupper)."""
    if s.isascii() and not s[:1].isspace():
        # In ASCII the capitals are A-Z, and a word after the first opens right after white space
        # (re's \s and str.split's are both str.isspace): one scan that makes no word strings.
        return len(_ASCII_CAPITAL_AFTER_SPACE.findall(s))
    return sum(map(str.isupper, map(_FIRST, s.split()[1:])))


def _digit_tokens(s: str, words: tuple[str, ...]) -> int:
    """How many of the words (`_words(s)`) hold a digit."""
    # A word holds a digit only if its sentence does, and most sentences hold none: an ASCII one's only
    # digits are 0-9, and deleting them from its bytes (in C) tells whether there are any sooner than a scan.
    if s.isascii() and len(s.encode("ascii").translate(None, b"0123456789")) == len(s):
        return 0
    # Words hold no white space: in the words joined by spaces, each match of \d\S* runs from a word's
    # first digit to its end, one match a word with a digit (one regex call, not one a word).
    return len(_DIGIT_WORD.findall(" ".join(words)))


def _quote_stats(s: str) -> tuple[float, float, float]:
    """(starts with a quote, fraction of characters inside quotes, unbalanced quotes)."""
    first = s[:1]
    if first.isspace():  # (most sentences are stripped: no copy of them to read the first character)
        first = s.lstrip()[:1]
    start = 1.0 if first in _QUOTES else 0.0  # ("" is in any string: 1.0 for a blank sentence)
    # Most sentences hold no quote mark: no mark positions to walk. (An ASCII one can hold only '"',
    # which `in` finds sooner than the regex's scan.)
    if not ('"' in s if s.isascii() else _QUOTE_MARK.search(s)):
        return start, 0.0, 0.0
    marks = [m.start() for m in _QUOTE_MARK.finditer(s)]  # not a loop over every character
    inside = 0
    for a, b in zip(marks[0::2], marks[1::2]):
        inside += b - a
    if len(marks) % 2 == 1:  # dangling: the quote runs to the end (or began before)
        inside += len(s) - marks[-1]
    frac = inside / max(1, len(s))
    return start, frac, float(len(marks) % 2 == 1)


def features(
    sentences: list[str], title: str | None = None, lang: str = "id"
) -> np.ndarray:
    """Feature matrix (len(sentences) x len(FEATURES)) for one article."""
    n = len(sentences)
    if n == 0:
        return np.zeros((0, len(FEATURES)))
    toks = [_words(s) for s in sentences]
    bags = [_content(s, lang) for s in sentences]
    title_bag = set(_content(title, lang)) if title else set()

    # One count matrix for the tf-idf and LexRank: the title's row and the title's own words
    # (its columns after every sentence word) are the tf-idf's only.
    counts = _term_counts(bags + ([sorted(title_bag)] if title_bag else []))
    tfidf = _tfidf(counts=counts)
    sent_m = tfidf[:n]
    sims = products(sent_m, sent_m)
    centroid = sent_m.sum(axis=0)
    cn = vector_norm(centroid)
    sim_centroid = products(sent_m, centroid / cn) if cn > 0 else np.zeros(n)
    sim_title = products(sent_m, tfidf[n]) if title_bag else np.zeros(n)
    np.fill_diagonal(sims, 0.0)
    sim_max_other = sims.max(axis=1) if n > 1 else np.zeros(n)
    sim_first = sims[0].copy() if n > 1 else np.zeros(n)
    sim_first[0] = 1.0

    # Word counts and their means in plain Python: the sums are of whole numbers, exact in any order, so
    # sum / count is the float numpy's mean gives, without its calls (np.mean costs microseconds).
    lens_of = [float(len(w)) for w in toks]
    mean_len = max(1.0, sum(lens_of) / n)
    lead_len = max(1.0, sum(lens_of[:3]) / len(lens_of[:3]))

    in_sentences = len(dict.fromkeys(itertools.chain.from_iterable(bags)))
    lex = _lexrank(sentences, lang, bags, counts[:n, :in_sentences])
    # Python floats per sentence, one array at the end (numpy scalars and a row assignment a sentence cost
    # more than the arithmetic; the operations are the same, so the same floats).
    lex_of = lex.tolist()
    # each sentence's place by LexRank, highest first, ties in sentence order (as np.argsort(-lex, "stable"))
    lex_rank_of = [0] * n
    for place, i in enumerate(sorted(range(n), key=lex_of.__getitem__, reverse=True)):
        lex_rank_of[i] = place
    centroid_of, first_of, title_of, other_of = (sim_centroid.tolist(), sim_first.tolist(), sim_title.tolist(),
                                                 sim_max_other.tolist())
    log_n, last, title_size = math.log(n), max(1, n - 1), max(1, len(title_bag))
    sequence = sequence_features(bags, lens_of)
    # One flat list of Python floats for the whole matrix: np.array reads it in one pass, where a
    # list of row lists and an hstack with the sequence columns cost more than the rows' arithmetic.
    table: list[float] = []
    open_quote = False  # inside a quotation that spans sentences
    for i, s in enumerate(sentences):
        w = toks[i]
        nw = max(1, len(w))
        table += _POSITION[min(i, N_POS)]
        caps = _capitalised_words(s)
        q_start, q_frac, q_dangling = _quote_stats(s)
        open_before = open_quote
        if q_dangling:
            open_quote = not open_quote
        first = w[0] if w else ""
        stripped = s.rstrip()
        table += [
            i / last,
            1.0 / (i + 1),
            log_n,
            math.log(1 + len(w)),
            float(len(w) < 8),
            float(len(w) > 40),
            lex_of[i],
            1.0 / (1 + lex_rank_of[i]),
            centroid_of[i],
            first_of[i],
            title_of[i],
            len(title_bag.intersection(bags[i])) / title_size,
            other_of[i],
            _digit_tokens(s, w) / nw,
            caps / nw,
            q_start,
            q_frac,
            q_dangling,
            float(open_before),
            float(open_quote),
            lens_of[i] / mean_len,
            lens_of[i] / lead_len,
            float(_has_speech_verb(s, w)),
            float(first in _ANAPHORA),
            float(bool(_QUESTION_RE.search(s))),
            float(is_boilerplate(s)),
            float(i == 0 and strip_dateline(s) != s),
            float(not stripped or stripped[-1] not in ".!?\"”'"),
            *sequence[i],
        ]
    return np.array(table, dtype=float).reshape(n, len(FEATURES))


def sequence_features(bags: list[tuple[str, ...]], lens: list[float]) -> list[tuple[float, float, float, float]]:
    """The ``SEQUENCE_FEATURES`` columns: what a sentence adds to the ones before it (issue 22).

    - novelty: share of its content words not seen in any earlier sentence (an
      editor's summary sentence brings new facts; a restatement of the lead
      does not);
    - len_rank: its rank by length in the article, 0 (longest) to 1;
    - content_pos: 1 / (1 + number of earlier sentences of 8 words or more), a
      position that skips captions, bylines and one-line asides;
    - inv_pos_x_len: 1 / (position + 1) times log(1 + words): a long sentence
      near the top carries the story.
    Chosen by cross-validation on the development part only (docs/summarizer.md).

    One row of Python floats a sentence (`lens`: its word counts), in plain Python: numpy calls on
    arrays of a dozen sentences cost more than the arithmetic, which is the same operations on the
    same floats (a rank divided by n - 1, 1 over 1 plus a count, math.log1p over position + 1).
    """
    n = len(bags)
    rank = [0] * n
    # longest first, ties in sentence order, as np.argsort(-lens, "stable") (reverse=True keeps ties in order)
    for r, i in enumerate(sorted(range(n), key=lens.__getitem__, reverse=True)):
        rank[i] = r
    last = max(1, n - 1)
    rows = []
    seen: set[str] = set()
    substantial_before = 0  # earlier sentences of 8 words or more
    for i, bag in enumerate(bags):
        # its new words are what it adds to `seen` (no difference set built to count them)
        before = len(seen)
        seen.update(bag)
        novelty = (len(seen) - before) / max(1, len(set(bag)))
        rows.append((novelty, rank[i] / last, 1.0 / (1.0 + substantial_before), math.log1p(lens[i]) / (i + 1.0)))
        substantial_before += lens[i] >= 8
    return rows


# --------------------------------------------------------------------------- model


@lru_cache(maxsize=1)
def load_model() -> dict:
    """The shipped model: the logistic part ({"features", "mean", "scale", "coef",
    "intercept"}) and, when trained with it, "boosted" trees and their "boosted_weight"."""
    raw = (
        resources.files("summarizer")
        .joinpath("data/ranker.json")
        .read_text(encoding="utf-8")
    )
    model = json.loads(raw)
    if list(model["features"]) != list(FEATURES):
        raise RuntimeError(
            "summarizer/data/ranker.json does not match rank.FEATURES; retrain it"
        )
    if "boosted" in model:
        model["boosted"] = forest.unpack(model["boosted"])
    for name in ("mean", "scale", "coef"):  # arrays once, not a list converted at every article
        model[name] = np.asarray(model[name])
    return model


def apply_model(x: np.ndarray, model: dict) -> np.ndarray:
    """Probability of each row of x: the logistic part, averaged with the boosted trees when present."""
    if x.shape[0] == 0:
        return np.zeros(0)
    z = (x - np.asarray(model["mean"])) / np.asarray(model["scale"])
    p = logistic(products(z, np.asarray(model["coef"])) + float(model["intercept"]))
    if "boosted" not in model:
        return p
    weight = float(model["boosted_weight"])
    return (1.0 - weight) * p + weight * forest.probability(x, model["boosted"])


def sentence_scores(
    sentences: list[str], title: str | None = None, lang: str = "id"
) -> list[float]:
    """Importance of each sentence in its article: a probability in [0, 1], higher is better."""
    if not sentences:
        return []
    return apply_model(features(sentences, title, lang), load_model()).tolist()  # Python floats, as float(p)


def _pair_overlap(bags: list[set[str]]) -> np.ndarray:
    """Overlap coefficient |A & B| / min(|A|, |B|) between content-word sets."""
    n = len(bags)
    sim = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            if bags[i] and bags[j]:
                sim[i, j] = sim[j, i] = len(bags[i] & bags[j]) / min(
                    len(bags[i]), len(bags[j])
                )
    return sim


@lru_cache(maxsize=64)
def _combinations(m: int, k: int) -> np.ndarray:
    """Every k-subset of range(m), one per row in itertools order; built once per (m, k), read-only."""
    combos = np.array(list(itertools.combinations(range(m), k)), dtype=np.intp).reshape(-1, k)
    combos.flags.writeable = False
    return combos


@lru_cache(maxsize=64)
def _pair_cells(m: int, k: int) -> np.ndarray:
    """For each k-subset of range(m) (`_combinations` order), the flat (i * m + j) cells of its pairs i < j."""
    combos, pairs = _combinations(m, k), _combinations(k, 2)
    cells = combos[:, pairs[:, 0]] * m + combos[:, pairs[:, 1]]
    cells.flags.writeable = False
    return cells


@lru_cache(maxsize=64)
def _subsets(m: int, sizes: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Every subset of range(m) of each size in `sizes`, size by size in `_combinations` order, as
    one table: (members, pair cells, first row of each size, rows of each size), built once per (m, sizes).

    Rows of fewer members than the widest are padded with m (an appended length and score of 0,
    which leave the row's sums the same floats) and their missing pairs with m * m (an appended
    similarity of -inf, never redundant). One table lets `_best_subset` score every size in a
    dozen numpy calls instead of a dozen a size: the arrays are a few hundred rows.
    """
    width = max(sizes)
    members = np.full((sum(math.comb(m, k) for k in sizes), width), m, dtype=np.intp)
    cells = np.full((len(members), width * (width - 1) // 2), m * m, dtype=np.intp)
    starts, row = [], 0
    for k in sizes:
        combos = _combinations(m, k)
        members[row : row + len(combos), :k] = combos
        if k > 1:
            cells[row : row + len(combos), : k * (k - 1) // 2] = _pair_cells(m, k)
        starts.append(row)
        row += len(combos)
    counts = np.diff(np.append(starts, row))
    tables = (members, cells, np.asarray(starts, dtype=np.intp), counts)
    for table in tables:
        table.flags.writeable = False
    return tables


def _best_subset(
    p: np.ndarray, lens: np.ndarray, sim: np.ndarray, sizes: range, max_sim: float,
    summary_len: Callable[[int], float],
) -> tuple[int, ...] | None:
    """Indices (into p) of the subset with the highest expected unigram F1.

    Expected overlap is sum(p_i * len_i), the extract's length sum(len_i), and
    the summary it is compared with ``summary_len(k)`` words for k sentences:
    F1 = 2 * overlap / (length + summary length). Subsets of a size with a pair
    more similar than ``max_sim`` are skipped unless every subset of that size
    has one. Ties go to the smaller size, then the first subset in
    ``itertools.combinations`` order.
    """
    m = len(p)
    usable = tuple(k for k in sizes if k <= m)
    if not usable:
        return None
    members, cells, starts, counts = _subsets(m, usable)
    # Rows sum left to right (numpy's order for these few columns); a padded member adds 0.0 at
    # the end, which leaves the sum the same float as a row of exactly k members.
    subset_lens = np.append(lens, 0.0)[members]
    overlap = (np.append(p, 0.0)[members] * subset_lens).sum(axis=1)
    value = 2.0 * overlap / (subset_lens.sum(axis=1) + np.repeat([summary_len(k) for k in usable], counts))
    redundant = (np.append(sim.ravel(), -np.inf)[cells] > max_sim).any(axis=1)
    # a size whose every subset is redundant keeps its values (as when sizes were scored one by one)
    every = np.logical_and.reduceat(redundant, starts)
    value[redundant & ~np.repeat(every, counts)] = -np.inf
    j = int(np.argmax(value))  # the first maximum: the smallest size, then the first subset, as before
    return tuple(int(i) for i in members[j].tolist() if i < m)


def select(
    scores: np.ndarray | list[float],
    sentences: list[str],
    n: int | None,
    lang: str = "id",
    max_sim: float = 0.65,
    words_per_sentence: float = 20.0,
    candidates: int = 10,
    summary_words: float = 50.0,
    max_sentences: int = 5,
) -> list[int]:
    """The sentences that maximise the expected unigram F1 of the extract.

    Expected overlap is sum(p_i * len_i) and the extract's length sum(len_i);
    F1 against a human summary of L words is 2 * overlap / (length + L).
    This trades a likely but long sentence against a slightly less likely
    short one, which plain top-n cannot.

    - ``n`` an int: exactly n sentences (fewer only if the article is
      shorter), against a summary of ``words_per_sentence * n`` words.
    - ``n`` None: as many sentences as pay, 1 to ``max_sentences``, against
      a summary of ``summary_words`` words (about 59 on IndoSum; the value is
      chosen by cross-validation, see ``evaluation.train_ranker``). Short sentences
      then come four to a summary and long ones two, where a fixed count
      would over- or undershoot the length an editor writes.

    Subsets are searched among the ``candidates`` best sentences; any pair
    more similar than ``max_sim`` (overlap of content words) is skipped as
    redundant. A fixed n too large for the search falls back to greedy top-n.
    """
    total = len(sentences)
    if total == 0 or (n is not None and n <= 0):
        return []
    if n is not None and n >= total:
        return list(range(total))
    p = np.asarray(scores, dtype=float)
    lens = np.array([max(1, len(_words(s))) for s in sentences], dtype=float)
    score_of = p.tolist()
    order = sorted(range(total), key=lambda i: (-score_of[i], i))
    fixed = n if n is not None else 0
    cand = sorted(order[: max(fixed, min(candidates, total))])
    if n is None or math.comb(len(cand), n) <= 2000:
        sim = _pair_overlap([set(_content(sentences[i], lang)) for i in cand])
        if n is None:
            sizes, summary_len = range(1, max_sentences + 1), lambda k: summary_words
        else:
            sizes, summary_len = range(n, n + 1), lambda k: words_per_sentence * k
        best = _best_subset(p[cand], lens[cand], sim, sizes, max_sim, summary_len)
        return sorted(cand[k] for k in best) if best else []
    # greedy: best score first, skipping near-duplicates, then fill up
    bag_of: dict[int, set[str]] = {}

    def bag(i: int) -> set[str]:
        if i not in bag_of:
            bag_of[i] = set(_content(sentences[i], lang))
        return bag_of[i]

    chosen: list[int] = []
    skipped: list[int] = []
    for i in order:
        if len(chosen) >= n:
            break
        dup = any(
            bag(i)
            and bag(j)
            and len(bag(i) & bag(j)) / min(len(bag(i)), len(bag(j))) > max_sim
            for j in chosen
        )
        (skipped if dup else chosen).append(i)
    chosen += skipped[: n - len(chosen)]
    return sorted(chosen)


def select_summary(
    scores: np.ndarray | list[float], sentences: list[str], n: int | None = None, lang: str = "id"
) -> list[int]:
    """``select`` with the selection settings the shipped model was tuned with."""
    model = load_model()
    return select(
        scores,
        sentences,
        n,
        lang,
        max_sim=float(model.get("max_sim", 0.65)),
        words_per_sentence=float(model.get("words_per_sentence", 20.0)),
        summary_words=float(model.get("summary_words", 50.0)),
        max_sentences=int(model.get("max_sentences", 5)),
    )


def summarize(
    sentences: list[str], n: int | None = None, title: str | None = None, lang: str = "id"
) -> list[int]:
    """Indices of the best sentences in original order, near-duplicates removed.

    ``n`` None (the default) lets the expected F1 choose how many (1 to 5);
    an int asks for exactly that many.
    """
    if not sentences or (n is not None and n <= 0):
        return []
    return select_summary(sentence_scores(sentences, title, lang), sentences, n, lang)
