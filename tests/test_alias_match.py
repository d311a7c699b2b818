"""A topic's alias is found in a sentence as a run of whole words (bot.queries.says).

The fast path (a regular expression for aliases of letters) must agree with the
tokeniser it stands in for, on any text: checked on generated texts made of the
alias's words, other words and every kind of separator the tokeniser treats
specially (hyphens and apostrophes that join words, digits, underscores).
"""
from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.queries import says
from summarizer.tokens import words

ALIASES = ["Korea Utara", "tentara", "Kursk", "Asian Games", "Permata Hijau", "Jakarta"]
WORDS = ["korea", "Korea", "KOREA", "utara", "Utara", "tentara", "kursk", "asian", "Games", "permata", "hijau",
         "jakarta", "nya", "x", "é", "Ü", "2018", "1.250", "_"]
GAPS = [" ", "  ", "-", "'", "’", ",", ".", "(", ")", "/", ":", "\n", "- ", " -", "--", ", "]


def _by_tokens(text: str, alias: str) -> bool:
    target, found = words(alias), words(text)
    return any(found[i:i + len(target)] == target for i in range(len(found) - len(target) + 1))


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(GAPS + [""]), st.sampled_from(WORDS)), max_size=8),
       st.sampled_from(GAPS + [""]), st.sampled_from(ALIASES))
@example([("", "nya"), ("-", "tentara")], "", "tentara")  # one hyphenated word: "nya-tentara"
@example([("", "tentara"), ("'", "nya")], "", "tentara")
@example([("", "Korea"), (" -", "Utara")], ".", "Korea Utara")
@example([("", "1.250"), ("", "korea"), (",", "utara")], "", "Korea Utara")  # the number rule ends a word
def test_the_fast_match_agrees_with_the_tokeniser(pairs, end, alias):
    """Words with the separators between them (or none: "tentaranya"), as the tokeniser meets them."""
    text = "".join(gap + word for gap, word in pairs) + end
    assert says(text, alias) == _by_tokens(text, alias)


def test_whole_words_only_on_two_stories():
    assert says("Pasukan Korea Utara tiba di Kursk.", "Korea Utara")
    assert says("Tentara Korea, Utara dan Selatan", "Korea Utara")  # a comma between still joins the run
    assert not says("pasukan Korea-Utara", "Korea Utara")  # one hyphenated word
    assert not says("tentaranya datang", "tentara")
    assert not says("sayuran hijau di Permata", "Permata Hijau")
    assert says("Banjir di Jakarta, (Jakarta-Selatan) juga", "Jakarta")
    assert not says("", "Jakarta") and not says("Jakarta", "")
    assert says("Asian Games 2018 dibuka", "Asian Games") and says("G20 di Bali", "G20")
