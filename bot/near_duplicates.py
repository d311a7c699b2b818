"""Near-duplicates: the same story worded almost the same (one wire story syndicated by two outlets).

Pure helpers (shingles, MinHash, LSH bands, the verification rule) plus the
look-up of a stored near-duplicate through the `article_buckets` and
`article_shingles` tables. Used by ingest and by the schema migrations that
back-fill those tables, so it imports no runtime module of the bot.
"""
from __future__ import annotations

import hashlib
import re

from typing import Any, Iterator, Protocol

import numpy as np

INSERT_SHINGLES = ("insert into article_shingles (article_id, hashes) values (?, ?) "
                   "on conflict (article_id) do update set hashes = excluded.hashes")


class Reader(Protocol):
    """What the look-up reads through: a store's transaction (or, in a SQLite migration, the database)."""

    def query(self, sql: str, params: Any = ()) -> Iterator[dict]: ...

# How a near-duplicate is judged (see docs/sources.md):
#  1. Each text becomes its set of word 4-grams ("shingles") over lower-cased
#     word characters, so punctuation, case and line breaks do not matter.
#  2. A 128-value MinHash signature estimates the Jaccard overlap of two such
#     sets; it is cut into 32 bands of 4 values (LSH) and each band's hash is
#     stored in `article_buckets`. Articles sharing any band are candidates:
#     pairs with overlap 0.5 are found ~87% of the time, 0.6 ~99%.
#  3. Each candidate (at most 20) is verified exactly against its shingle set,
#     stored at ingest in `article_shingles` (hashing a candidate's body again
#     cost ~0.1 ms, and at 100k articles there are ~5 chance candidates an article):
#     near-duplicate when Jaccard >= 0.5, or when >= 80% of the shorter text's
#     shingles appear in the longer one (a trimmed copy of the same story).
#     Texts with fewer than 20 shingles are never judged: too little evidence.
# No MinHash library is a project dependency (datasketch is not installed),
# and the part needed is a few lines of numpy, so it is written here.
SHINGLE_WORDS = 4
MINHASH_PERMUTATIONS = 128
LSH_BANDS = 32
NEAR_DUP_JACCARD = 0.5
NEAR_DUP_CONTAINMENT = 0.8
MIN_SHINGLES = 20
MAX_CANDIDATES = 20
_MERSENNE = np.uint64((1 << 61) - 1)
# Fixed seed: stored band hashes must stay comparable across processes and releases.
_RNG = np.random.RandomState(20241122)
_PERM_A = _RNG.randint(1, 1 << 32, size=MINHASH_PERMUTATIONS, dtype=np.uint64)
_PERM_B = _RNG.randint(0, 1 << 32, size=MINHASH_PERMUTATIONS, dtype=np.uint64)
_SHINGLE_WORD = re.compile(r"\w+", re.U)
_BLAKE2B_32 = hashlib.blake2b(digest_size=4)  # copied per n-gram: cheaper than a new hasher


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[int]:
    """The text's word n-grams, each as a stable 32-bit hash (the first 4 bytes of BLAKE2b, big-endian)."""
    words = _SHINGLE_WORD.findall(text.lower())
    if len(words) < size:
        return set()
    # One hash an n-gram, repeats included, and the set of ints drops them: under 1% of the
    # real articles' n-grams repeat, so a set of the n-gram strings first cost more than the
    # few hashes it saved (0.156 -> 0.141 CPU s over the 755 real articles). The digests are
    # converted to ints in one numpy call instead of one int.from_bytes per n-gram.
    copy = _BLAKE2B_32.copy
    digests = []
    append = digests.append
    for gram in map(" ".join, zip(*(words[i:] for i in range(size)))):
        hasher = copy()
        hasher.update(gram.encode("utf-8"))
        append(hasher.digest())
    return set(np.frombuffer(b"".join(digests), dtype=">u4").tolist())


def minhash(shingle_set: set[int]) -> np.ndarray:
    """MINHASH_PERMUTATIONS minimums of universal hashes (a*x + b mod 2^61-1) over the set."""
    values = np.fromiter(shingle_set, dtype=np.uint64, count=len(shingle_set))
    with np.errstate(over="ignore"):  # uint64 wrap-around is part of the hash family, as in datasketch
        hashed = _PERM_A[:, None] * values[None, :]
        hashed += _PERM_B[:, None]
    # hashed % (2^61 - 1) without numpy's slow 64-bit division: with hashed = h * 2^61 + low,
    # the remainder is h + low (h <= 7), less the modulus once when that reaches it.
    remainder = hashed & _MERSENNE
    hashed >>= np.uint64(61)
    remainder += hashed
    remainder[remainder >= _MERSENNE] -= _MERSENNE
    return remainder.min(axis=1)


def lsh_buckets(shingle_set: set[int]) -> list[str]:
    """One key per LSH band ("band:hash"); empty for texts too short to judge."""
    if len(shingle_set) < MIN_SHINGLES:
        return []
    signature = minhash(shingle_set)
    rows = MINHASH_PERMUTATIONS // LSH_BANDS
    return [f"{band}:{hashlib.blake2b(signature[band * rows:(band + 1) * rows].tobytes(), digest_size=8).hexdigest()}"
            for band in range(LSH_BANDS)]


def resemblance(a: set[int], b: set[int]) -> tuple[float, float]:
    """(Jaccard, containment of the smaller set in the larger) of two shingle sets."""
    if not a or not b:
        return 0.0, 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common), common / min(len(a), len(b))  # |a | b| without building it


def is_near_duplicate(a: set[int], b: set[int]) -> bool:
    """The verification rule applied to LSH candidates."""
    if min(len(a), len(b)) < MIN_SHINGLES:
        return False
    jaccard, containment = resemblance(a, b)
    return jaccard >= NEAR_DUP_JACCARD or containment >= NEAR_DUP_CONTAINMENT


def pack_shingles(shingle_set: set[int]) -> bytes:
    """The stored form of a shingle set: its hashes as sorted little-endian uint32, 4 bytes each."""
    return np.sort(np.fromiter(shingle_set, dtype="<u4", count=len(shingle_set))).tobytes()


def unpack_shingles(blob: bytes) -> set[int]:
    """The shingle set `pack_shingles` stored."""
    return set(np.frombuffer(blob, dtype="<u4").tolist())


def find_near_duplicate(db: Reader, shingle_set: set[int] | bytes, buckets: list[str],
                         stored: bool = True) -> tuple[int, int] | None:
    """(article id, story id) of the closest stored near-duplicate, or None.

    `shingle_set` may come packed (`pack_shingles`): it is unpacked only when
    there are candidates to verify, which few articles have. Candidates are
    verified against their stored shingle sets; one without (or every one, with
    `stored=False`: before `article_shingles` exists) is shingled again from its
    body, which gives the same set.
    """
    if not buckets:
        return None
    marks = ",".join("?" for _ in buckets)
    # Candidates from the band index alone, no article row read for them (the foreign key
    # keeps every bucket's article stored; forget_articles deletes buckets first).
    candidates = [row["article_id"] for row in db.query(
        f"select article_id, count(*) as shared from article_buckets where bucket in ({marks}) "
        f"group by article_id order by shared desc, article_id limit {MAX_CANDIDATES}", tuple(buckets))]
    if not candidates:
        return None
    ids = ",".join("?" for _ in candidates)
    sets: dict[int, set[int]] = {}
    if stored:
        sets = {row["article_id"]: unpack_shingles(row["hashes"]) for row in db.query(
            f"select article_id, hashes from article_shingles where article_id in ({ids})", tuple(candidates))}
    missing = [c for c in candidates if c not in sets]
    if missing:
        sets.update((row["id"], shingles(row["body"] or "")) for row in db.query(
            f"select id, body from articles where id in ({','.join('?' for _ in missing)})", tuple(missing)))
    if isinstance(shingle_set, bytes):
        shingle_set = unpack_shingles(shingle_set)
    best: tuple[float, int] | None = None
    for candidate in candidates:  # most shared bands first: on equal Jaccard the first wins
        other = sets.get(candidate)
        if other is None:
            continue  # no such article (a bucket row left behind with foreign keys off)
        if not is_near_duplicate(shingle_set, other):
            continue
        jaccard, _ = resemblance(shingle_set, other)
        if best is None or jaccard > best[0]:
            best = (jaccard, candidate)
    if best is None:
        return None
    # Read story_id of the chosen one only: it is stored after the body, so reading it walks the body's pages.
    row = next(db.query("select coalesce(story_id, id) as story from articles where id = ?", (best[1],)))
    return best[1], row["story"]
