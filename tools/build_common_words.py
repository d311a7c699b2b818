"""Build summarizer/data/common_words_id.txt: words news prose writes in lower case.

    python tools/build_common_words.py ../shared/data/indosum/dev.01.jsonl

A capitalised word that the press mostly writes in lower case ("Pasukan",
"Laporan", "Hijau") is capitalised by position, not a name: entity typing
(summarizer/entities.py) drops it from the front of a name and never reads a
name holding it as a person. Counted on IndoSum's dev.01 fold (750 articles
of every section), not on any one story: a word is common if it occurs in
lower case at least MIN_LOWER times and at least RATIO times as often as
capitalised inside a sentence. Names are capitalised everywhere, so they
never pass.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "summarizer" / "data" / "common_words_id.txt"
MIN_LOWER = 3
RATIO = 3


def main(path: str) -> int:
    lower: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            for para in json.loads(line)["paragraphs"]:
                for sent in para:
                    for i, tok in enumerate(sent):
                        if not tok.isalpha():
                            continue
                        if tok.islower():
                            lower[tok] += 1
                        elif i > 0 and tok[:1].isupper():
                            capital[tok.lower()] += 1
    words = sorted(w for w, n in lower.items() if n >= MIN_LOWER and n >= RATIO * capital[w] and len(w) > 1)
    header = (
        "# Words Indonesian news writes in lower case (IndoSum dev.01, tools/build_common_words.py):\n"
        f"# at least {MIN_LOWER} times in lower case and {RATIO}x as often as capitalised mid-sentence.\n"
    )
    OUT.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(words)} words")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/indosum/dev.01.jsonl"))
