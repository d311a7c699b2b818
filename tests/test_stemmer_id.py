"""The compiled Sastrawi stemmer gives Sastrawi's own stems, word for word, on real text."""
from __future__ import annotations

from pathlib import Path

from Sastrawi.Stemmer.Stemmer import Stemmer
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

from evaluation import indosum
from summarizer.stemmer_id import FastStemmer
from summarizer.tokens import words
from tests.conftest import SEEDS, require_indosum


class _Dictionary:
    def __init__(self) -> None:
        self.words = frozenset(w for w in StemmerFactory().get_words() if w and w.strip())

    def contains(self, word: str) -> bool:
        return word in self.words


def _vocabulary() -> list[str]:
    vocab: set[str] = set()
    for record in indosum.load(require_indosum()):
        vocab.update(words(indosum.article_text(record)))
    for path in Path(SEEDS).glob("*.txt"):
        vocab.update(words(path.read_text(encoding="utf-8")))
    # Forms the fold may lack but the algorithm treats specially: plurals, clitics, the fixed exceptions.
    vocab.update(["berbalas-balasan", "meniru-nirukan", "malaikat-malaikat-nya", "nikmat-ku", "belajar",
                  "pelajar", "ketahui", "mentaati", "mensyukuri", "kauambil", "kuambil", "pertanggungjawabannya",
                  "Menteri", "a-b-c", "", "-", "don't", "12.500"])
    return sorted(vocab)


def test_same_stems_as_sastrawi_on_the_whole_fold_vocabulary():
    dictionary = _Dictionary()
    sastrawi, fast = Stemmer(dictionary), FastStemmer(dictionary)
    vocab = _vocabulary()
    assert len(vocab) > 20_000
    different = [(w, sastrawi.stem(w), fast.stem(w)) for w in vocab if sastrawi.stem(w) != fast.stem(w)]
    assert different == []


def test_prefix_rules_are_skipped_only_for_first_letters_they_cannot_strip():
    stemmer = FastStemmer(_Dictionary())
    gates = [v.first_letters for v in stemmer.visitor_provider.get_prefix_visitors() if hasattr(v, "first_letters")]
    assert all(g is None or {"b", "m", "p", "t", "k"} & g for g in gates)
    # "ber-" words reach the ber rules, vowel-initial ones reach none of them
    assert stemmer.stem("berlari") == "lari" and stemmer.stem("anak") == "anak"


def test_each_prefix_rule_is_gated_by_the_literal_beginnings_of_its_patterns():
    stemmer = FastStemmer(_Dictionary())
    rules = {type(rule).__name__: heads for v in stemmer.visitor_provider.get_prefix_visitors()
             for rule, heads in getattr(v, "gated", [])}
    assert len(rules) > 40
    assert "ber" in rules["DisambiguatorPrefixRule1a"] and "meng" in rules["DisambiguatorPrefixRule17a"]
    assert "belajar" in rules["DisambiguatorPrefixRule4"]  # a literal compared with the word counts too
    # a leading character class gives its letters ("[bcdfg...]in[aiueo]": rule 37a)
    assert {"b", "c", "d", "t"} <= set(rules["DisambiguatorPrefixRule37a"])
    # a word that begins as none of a rule's patterns never reaches the rule, and still stems as Sastrawi does
    assert not "anak".startswith(rules["DisambiguatorPrefixRule1a"])
    sastrawi = Stemmer(_Dictionary())
    for word in ("berlari", "mengambil", "pelajar", "belajar", "penyanyi", "terbang", "anak", "kauambil"):
        assert stemmer.stem(word) == sastrawi.stem(word)
