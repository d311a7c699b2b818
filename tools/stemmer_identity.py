"""Check that summarizer.stemmer_id gives Sastrawi's own stem for a large generated vocabulary.

    python tools/stemmer_identity.py                # about 600,000 words, about 1 min
    python tools/stemmer_identity.py --random 20000 --seed 7

The vocabulary: every root word of Sastrawi's dictionary; the roots with
Indonesian prefixes (me-, meN- with its sound changes, di-, ke-, se-, ber-,
ter-, pe-, peN-, per-, ku-, kau- and two-prefix combinations such as
memper-, diper-, berke-), suffixes (-kan, -an, -i, -nya, -ku, -mu, -lah,
-kah, -tah, -pun, -isme, -isasi and combinations) and infixes (-er-, -el-,
-em-, -in-); hyphenated plurals and clitics ("buku-buku", "berlari-lari",
"malaikat-malaikat-nya"); every string of one to three letters; random
letter strings, words with digits, names, upper case and characters that
Sastrawi's normaliser drops or keeps ("İ", "ı", "ſ"). The reference is
Sastrawi's ``Stemmer`` over its dictionary as a set (its ``ArrayDictionary``
is a list: the same answers, 10 ms a look-up); a small sample also goes
through ``StemmerFactory().create_stemmer()`` exactly as shipped.

Exit status 1 and the first differences on stdout if any word differs.
"""
from __future__ import annotations

import argparse
import itertools
import random
import string
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

# meN- / peN- before a root's first letter: (the prefix's form, whether the root's first letter drops out)
_NASAL = {"p": ("m", True), "t": ("n", True), "k": ("ng", True), "s": ("ny", True),
          "b": ("m", False), "f": ("m", False), "v": ("m", False),
          "c": ("n", False), "d": ("n", False), "j": ("n", False), "z": ("n", False),
          "g": ("ng", False), "h": ("ng", False), "q": ("ng", False)}
_PLAIN = ["di", "ke", "se", "ber", "be", "ter", "te", "per", "pe", "ku", "kau", "me", "mem", "men", "meng", "meny",
          "pem", "pen", "peng", "peny", "bel", "pel", "memper", "diper", "berke", "diber", "keber", "seke", "terke",
          "diperse", "memper", "mempe", "menge", "penge", "pember", "berpe", "kedi", "sepe", "dipe", "dike"]
_SUFFIXES = ["", "kan", "an", "i", "nya", "ku", "mu", "lah", "kah", "tah", "pun", "kannya", "annya", "inya",
             "kanlah", "kankah", "anlah", "ilah", "nyalah", "nyakah", "nyapun", "kulah", "mulah", "kanpun",
             "isme", "isasi", "is", "-nya", "-lah", "-ku", "-mu", "-pun", "kanku", "kanmu", "annyalah", "inyalah"]


def _nasal(prefix: str, root: str) -> str:
    """meN-/peN- + root with the sound change ("me" + "pukul" -> "memukul", "pe" + "tulis" -> "penulis")."""
    first = root[:1]
    if first in "aiueo" and first:
        return prefix + "ng" + root
    if first in _NASAL:
        nasal, drops = _NASAL[first]
        if first == "k" and root[1:2] == "h":  # "khianat": meng-khianat, the k stays
            drops = False
        return prefix + nasal + (root[1:] if drops else root)
    return prefix + root  # l, r, w, y, m, n: me-lempar, me-rusak


def vocabulary(roots: list[str], fold_words: list[str], randomised: int, seed: int) -> list[str]:
    """The words of the module docstring, `randomised` of them random affixed roots; the same for a `seed`."""
    rng = random.Random(seed)
    vocab: set[str] = set(roots) | set(fold_words)
    simple = [r for r in roots if r.isalpha()]
    # the systematic forms of every root
    for root in simple:
        vocab.update((_nasal("me", root), _nasal("me", root) + "kan", _nasal("me", root) + "i",
                      _nasal("pe", root) + "an", "di" + root + "kan", "ber" + root + "an", "ke" + root + "an",
                      "ter" + root, "memper" + root + "kan", "diper" + root + "i", "se" + root + "nya"))
        if root[:1] in "bcdfghjklmnpqrstvwxyz" and root[1:2] in "aiueo":  # infixes: gigi -> gerigi, tunjuk -> telunjuk
            vocab.add(root[0] + rng.choice(("er", "el", "em", "in")) + root[1:])
    letters = string.ascii_lowercase
    words = sorted(vocab)
    target = len(vocab) + randomised
    while len(vocab) < target:
        root = rng.choice(simple)
        kind = rng.random()
        if kind < 0.45:
            prefix = rng.choice(_PLAIN)
            word = prefix + root
        elif kind < 0.7:
            word = _nasal(rng.choice(("me", "pe", "peng", "di", "memper")), root)
            if not word.startswith(("me", "pe")):
                word = rng.choice(("di", "ter", "ber")) + word
        elif kind < 0.8:  # two prefixes, the second with its sound change
            word = rng.choice(("di", "ke", "se", "ber", "ter", "mem", "memper", "ku", "kau")) + _nasal("pe", root)
        elif kind < 0.9:  # a plural or a clitic after a hyphen
            other = _nasal("me", root) if rng.random() < 0.5 else root + rng.choice(_SUFFIXES[:4])
            word = rng.choice((root + "-" + root, root + "-" + other, "ber" + root + "-" + root,
                               root + "-" + root + rng.choice(("an", "nya", "-nya", "-ku", "-lah")),
                               root + "-" + rng.choice(_SUFFIXES[1:]).lstrip("-"), rng.choice(words) + "-" + root))
        else:  # a root with a letter changed, dropped or doubled: a near-word
            i = rng.randrange(len(root))
            word = rng.choice((root[:i] + rng.choice(letters) + root[i + 1:], root[:i] + root[i + 1:],
                               root[:i] + root[i] + root[i:]))
            word = rng.choice(_PLAIN[:12] + [""]) + word
        vocab.add(word + rng.choice(_SUFFIXES))
    # every string of one to three letters (DontStemShortWord stops these), a few with a hyphen or digit
    for n in (1, 2, 3):
        vocab.update("".join(t) for t in itertools.product(letters, repeat=n))
    vocab.update(rng.choice(letters) + "-" + rng.choice(letters) for _ in range(300))
    # random letter strings, strings over the affix letters, digits, names, case and characters to normalise
    affix_letters = "aeiknmprstgbly"
    target = len(vocab) + randomised // 4
    while len(vocab) < target:
        kind = rng.random()
        if kind < 0.4:
            vocab.add("".join(rng.choice(affix_letters) for _ in range(rng.randint(3, 12))))
        elif kind < 0.6:
            vocab.add("".join(rng.choice(letters) for _ in range(rng.randint(4, 14))))
        elif kind < 0.75:
            root = rng.choice(simple)
            vocab.add(rng.choice((root + str(rng.randint(0, 99)), str(rng.randint(0, 2030)) + root,
                                  root[:2] + "2" + root[2:], "ke" + str(rng.randint(1, 9)), "covid" + root,
                                  str(rng.randint(0, 10**6)), "-" + root, root + "-", "--" + root + "--")))
        elif kind < 0.85:
            word = rng.choice(words)
            vocab.add(rng.choice((word.capitalize(), word.upper(), word.replace("i", "ı", 1),
                                  word.replace("s", "ſ", 1), "İ" + word, word + "é", word + "'s", word + "_" + word)))
        else:
            vocab.add(rng.choice(("Jokowi", "Prabowo", "Lukaku", "Selena", "Kim", "Putin", "Zelensky", "Kursk",
                                  "Pyongyang", "Soekarno", "Megawati", "Sri", "Mulyani", "Anies", "Baswedan"))
                      + rng.choice(("", "nya", "-nya", "lah", "kah", " ")) + rng.choice(("", "an", "i", "kan")))
    return sorted(vocab)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--random", type=int, default=150_000,
                        help="how many random affixed words to add to the systematic ones (and a quarter as many non-words)")
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument("--shipped-sample", type=int, default=200,
                        help="how many words also go through create_stemmer() as shipped (10 ms a look-up)")
    args = parser.parse_args(argv)

    from Sastrawi.Stemmer.Stemmer import Stemmer
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    from evaluation import indosum
    from summarizer.stemmer_id import FastStemmer
    from summarizer.tokens import words as tokenize

    raw = StemmerFactory().get_words()
    roots = frozenset(w for w in raw if w and w.strip())

    class _Dictionary:  # Sastrawi's ArrayDictionary, answering from a set
        def contains(self, word: str) -> bool:
            return word in roots

    fold_words: set[str] = set()
    indosum_path = REPO.parent / "shared" / "data" / "indosum" / "dev.01.jsonl"
    if indosum_path.exists():
        for record in indosum.load(indosum_path):
            fold_words.update(tokenize(indosum.article_text(record)))
    for path in (REPO / "seeds").glob("*.txt"):
        fold_words.update(tokenize(path.read_text(encoding="utf-8")))

    vocab = vocabulary(sorted(roots), sorted(fold_words), args.random, args.seed)
    sastrawi, fast = Stemmer(_Dictionary()), FastStemmer(roots)
    start = time.process_time()
    expected = [sastrawi.stem(w) for w in vocab]
    middle = time.process_time()
    got = [fast.stem(w) for w in vocab]
    end = time.process_time()
    different = [(w, e, g) for w, e, g in zip(vocab, expected, got) if e != g]
    changed = sum(1 for w, e in zip(vocab, expected) if e != w)
    print(f"{len(vocab)} words ({changed} with a stem other than themselves): Sastrawi {middle - start:.1f} s, "
          f"FastStemmer {end - middle:.2f} s CPU; {len(different)} differences")

    shipped = StemmerFactory().create_stemmer()  # ArrayDictionary (a list) and CachedStemmer, as shipped
    sample = random.Random(args.seed).sample(vocab, min(args.shipped_sample, len(vocab)))
    different += [(w, shipped.stem(w), fast.stem(w)) for w in sample if shipped.stem(w) != fast.stem(w)]
    print(f"{len(sample)} of them also through create_stemmer() as shipped; {len(different)} differences in all")
    for word, e, g in different[:40]:
        print(f"  {word!r}: Sastrawi {e!r}, FastStemmer {g!r}")
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
