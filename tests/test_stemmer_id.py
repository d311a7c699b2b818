"""The flat Sastrawi stemmer gives Sastrawi's own stems, word for word, on real text and its whole dictionary.

tools/stemmer_identity.py runs the same comparison on 600,000 generated words.
"""
from __future__ import annotations

import itertools
import string
from pathlib import Path

from Sastrawi.Stemmer.Stemmer import Stemmer
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

from evaluation import indosum
from summarizer.stemmer_id import FastStemmer
from summarizer.tokens import words
from tests.conftest import SEEDS, require_indosum

ROOTS = frozenset(w for w in StemmerFactory().get_words() if w and w.strip())  # ArrayDictionary's words


class _Dictionary:
    """Sastrawi's ArrayDictionary answering from a set (its own scans a list: the same answers, 10 ms each)."""

    def contains(self, word: str) -> bool:
        return word in ROOTS


# Words where a plausible slip in the flat code changes the stem (each found by breaking that part on purpose):
QUIRKS = [
    "mui", "esi", "omi",  # three letters or fewer: every visitor list stops after its first visitor
    "kedudukan", "sepakan", "kebukan",  # di-/ke-/se- come off before the root-word check of a prefix pass
    "dibantah", "membantah", "melailah",  # removed suffixes are added back in reverse order
    "berkesinambungan", "bersebelahan",  # three prefix passes, not two
    "besar-lah", "kami-lah", "aktris-pun",  # a particle takes the hyphens before it
    "terraba", "terrabak",  # ter- before r is rule 6's, never rule 8's
    "berkoersian", "berspermaan",  # rule 2 leaves a word whose third letter on starts "er"
    "belahan", "berikan", "mengerahkan", "amukan", "bentrokan",  # precedence adjustment, -kan back as -k
    "pengamat", "pengeboman", "menyanyi", "penyanyi", "memperbaiki",  # a rule group's last rule decides
    # plurals, clitics, the fixed exceptions, case and characters the normaliser drops or keeps
    "berbalas-balasan", "meniru-nirukan", "malaikat-malaikat-nya", "nikmat-ku", "buku-buku", "berlari-lari",
    "belajar", "pelajar", "ketahui", "mentaati", "mensyukuri", "kauambil", "kuambil", "pertanggungjawabannya",
    "Menteri", "MENGERAHKAN", "İstanbul", "ıslam", "ſekolah", "a-b-c", "", "-", "--nya", "don't", "12.500",
    "covid19", "g20", "ke-3", "Jokowi", "Lukaku", "Selena", "dua puluh",
]


def _vocabulary() -> list[str]:
    vocab: set[str] = set(QUIRKS) | ROOTS
    for record in indosum.load(require_indosum()):
        vocab.update(words(indosum.article_text(record)))
    for path in Path(SEEDS).glob("*.txt"):
        vocab.update(words(path.read_text(encoding="utf-8")))
    # every word of one to three letters
    vocab.update("".join(t) for n in (1, 2, 3) for t in itertools.product(string.ascii_lowercase, repeat=n))
    return sorted(vocab)


def test_same_stems_as_sastrawi_on_the_fold_the_seeds_and_every_root_word():
    sastrawi, fast = Stemmer(_Dictionary()), FastStemmer(ROOTS)
    vocab = _vocabulary()
    assert len(vocab) > 65_000
    expected = [sastrawi.stem(w) for w in vocab]
    assert sum(e != w for w, e in zip(vocab, expected)) > 8_000  # not a vocabulary of words that stay as they are
    assert [(w, e) for w, e in zip(vocab, expected) if fast.stem(w) != e] == []


def test_same_stems_as_sastrawi_as_shipped():
    """StemmerFactory().create_stemmer() itself (a list dictionary, a result cache) on a few words of each kind."""
    shipped, fast = StemmerFactory().create_stemmer(), FastStemmer(ROOTS)
    sample = QUIRKS[::3] + ["pasukan", "tentara", "diserahkan", "perdamaian", "kepemimpinannya"]
    assert [w for w in sample if shipped.stem(w) != fast.stem(w)] == []


def test_known_stems():
    fast = FastStemmer(ROOTS)
    assert fast.stem("mengerahkan") == "kerah"  # -kan re-added as -k: "kerah" is a root, "erah" is not
    assert fast.stem("penyanyi") == "nyanyi" and fast.stem("memperbaiki") == "baik"
    assert fast.stem("buku-buku") == "buku" and fast.stem("berbalas-balasan") == "balas"
    assert fast.stem("Menteri Luar Negeri") == "menteri luar negeri"  # a text: each word, normalised
    assert fast.stem("xyzqk") == "xyzqk"  # nothing found: the word as it came


def test_the_dictionary_is_read_as_sastrawi_reads_it():
    # tokens reads kata-dasar.txt from the package's data without importing Sastrawi's stemmer classes
    from summarizer.tokens import _sastrawi_lines, root_words

    assert _sastrawi_lines() == StemmerFactory().get_words()
    assert "menteri" in root_words() and len(root_words()) > 28_000
