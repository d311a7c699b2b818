"""Whose a figure is ("owner", Claim.force) on real sentences: the Kursk seeds and IndoSum dev.01 stories.

Each rule is checked where it applies in another story's article and where it must not change the
Kursk story's figures. The IndoSum sentences are read from the fold (tests/conftest.require_indosum).
"""
from pathlib import Path

import pytest

from bot.models import Item, SourceRef
from evaluation.indosum import article_text, load
from evaluation.stories import StoryScore, score_figures
from summarizer.claims import extract_claims
from summarizer.text import clean_sentences
from tests.conftest import require_indosum

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed(prefix):
    return clean_sentences(next(SEEDS.glob(prefix + "_*.txt")).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def fold():
    """IndoSum dev.01 articles by id prefix -> sentences (as ingest splits them)."""
    articles = {r["id"]: r for r in load(require_indosum())}

    def sentences(prefix):
        record = next(r for key, r in articles.items() if key.startswith(prefix))
        return clean_sentences(article_text(record))
    return sentences


def owner(sentences, figure):
    """The owner of the one claim written as `figure` ("satu mobil")."""
    hits = [c.force for c in extract_claims(sentences) if c.text == figure]
    assert len(hits) == 1, hits
    return hits[0]


def owners(sentences, text=None):
    """value -> owner of the claims (of the sentences holding `text`, when given)."""
    return {c.value: c.force for c in extract_claims(sentences) if text is None or text in c.context}


def test_what_is_had_belongs_to_its_holder(fold):
    # "milik X" after the counted phrase; "X memiliki/punya N", people counted too; a time word first.
    assert owner(fold("1475813731-anggota"), "satu mobil") == "Rohadi"
    assert owners(fold("1492308002-cover"), "2 album milik Lamar")[2] == "Lamar"
    assert owners(fold("1493024403-melihat"), "Hendri memiliki")[3] == "Hendri"
    assert owners(fold("1497909600-mohamed"), "Liverpool hanya punya")[4] == "Liverpool"
    # "milik X" past a verb is not the figure's: the musicians play Slank's songs.
    assert owners(fold("1505459373-glenn"), "10 musisi")[10] is None
    # Kursk: the government "has information that" 10.000 troops ... are still North Korea's troops,
    # the 32 ambassadors briefed are still nobody's.
    kursk = owners(seed("001"))
    assert kursk[10000] == "Korea Utara" and kursk[32] is None


def test_a_pronoun_subject_is_the_person_before(fold):
    # "Setya Novanto, pemohon ..., telah menjalani sidang. Ia didakwa merugikan negara 7,3 juta dolar AS ..."
    assert owners(fold("1513295866-hakim"), "Ia didakwa") == {7_300_000: "Setya Novanto",
                                                              2_300_000_000_000: "Setya Novanto"}
    # Kursk: "Korea Utara dilaporkan menyiapkan 12.000 tentara ... Dia membagi pasukan menjadi 4 brigade":
    # the sentence before opens with a country, not a person, so "Dia" is not resolved to it.
    assert owners(seed("002"), "4 brigade") == {4: None}


def test_possessed_and_team_subjects(fold):
    # "Anggaran X ... Rp N": the budget's holder; "tim X sudah memiliki N pemain": the team.
    assert owners(fold("1484991919-ditjen"), "Anggaran Ditjen Bina Marga")[4_940_000_000_000] == "Ditjen Bina Marga"
    assert owners(fold("1485240343-arema"), "tim Singo Edan")[21] == "Singo Edan"
    # "kuasa hukum Setnov kemudian melaporkan sekitar 15 akun twitter": the lawyers report, the
    # accounts are not Setnov's ("kuasa hukum" is no possessed head).
    assert owners(fold("1510105595-blunder"), "15 akun twitter")[15] is None
    # Kursk: the subject's country still owns the arms it supplies, the clause's subject its troops.
    assert owners(seed("001"), "Iran, yang telah memasok")[200] == "Iran"
    assert owners(seed("002"), "Korea Utara dilaporkan menyiapkan")[12_000] == "Korea Utara"


def test_people_of_an_institution(fold):
    # "N <people> <ORGANISATION>": the people are the organisation's.
    assert owners(fold("1510451153-wapres"), "dua pemimpin KPK")[2] == "KPK"
    assert owners(fold("1498188600-jaksa"), "tiga penyidik KPK")[3] == "KPK"
    # A school level is not an institution; a name after things counted is what they are of.
    assert owners(fold("1509358027-280"), "179 pelajar SD")[179] is None
    assert owners(fold("1477110640-modric"), "dua gelar Liga Champions")[2] == "Kroasia"  # as before
    # Kursk: "Perwakilan Rusia di Dewan Keamanan 15 anggota": no people after the figure name an owner.
    assert owners(seed("003"), "15 anggota") == {15: None}


def test_a_figure_inside_the_previous_ones_phrase_shares_its_owner(fold):
    # "sekitar 11.000 atlet dan ofisial dari 45 negara": the countries are not INASGOC's, as the
    # athletes are not; "tujuh poin dari tiga laga": both Malaysia's.
    assert owners(fold("1491041732-kebutuhan"), "dari 45 negara") == {11_000: None, 45: None}
    assert owners(fold("1503508260-malaysia"), "tujuh poin dari tiga laga") == {7: "Malaysia", 3: "Malaysia"}
    # Kursk: a list after "serta" keeps the list's owner.
    assert owners(seed("004"), "serta 273 tank") == {49_000: "Ukraina", 273: "Ukraina", 44: "Ukraina"}


def test_two_gold_figures_of_one_value_match_by_what_is_counted():
    # seagames: "Malaysia memimpin klasemen ... dengan tujuh poin dari tiga laga" and "Indonesia ...
    # dengan tiga poin": two items of value 3 in one article; Kursk: two 200s in seed 001.
    src = {a: SourceRef(title=a, source="x", url=None, article_id=i) for i, a in enumerate(("sea", "kursk"))}
    items = [Item(text="Indonesia — poin: 3", value=3, sources=[src["sea"]], extra={"owner": "Indonesia", "counted": "poin"}),
             Item(text="Malaysia — laga: 3", value=3, sources=[src["sea"]], extra={"owner": "Malaysia", "counted": "laga"}),
             Item(text="Iran — rudal balistik: 200", value=200, sources=[src["kursk"]],
                  extra={"owner": "Iran", "counted": "rudal balistik"}),
             Item(text="Korea Utara — pembelot: 200", value=200, sources=[src["kursk"]],
                  extra={"owner": "Korea Utara", "counted": "pembelot"})]
    gold = [{"article": "sea", "value": 3, "counted": "laga", "owner": "Malaysia"},
            {"article": "sea", "value": 3, "counted": "poin", "owner": "Indonesia"},
            {"article": "kursk", "value": 200, "counted": "pembelot", "owner": "Korea Utara"},
            {"article": "kursk", "value": 200, "counted": "rudal", "owner": "Iran"}]
    score = StoryScore("t", False, 2)
    score_figures(score, items, gold, {0: "sea", 1: "kursk"}, {"sea", "kursk"})
    assert (score.found, score.owner_right, score.correct_items) == (4, 4, 4)


def test_the_subject_after_an_opening_phrase_holding_the_figure(fold):
    # "Ya, dari lima ajang SEA Games terakhir ..., Timnas Voli Indonesia selalu meraih medali perunggu":
    # the subject after the comma, a national team as its country.
    assert owners(fold("1501989600-timnas"), "dari lima ajang")[5] == "Indonesia"
    assert owners(fold("1492548372-tekuk"), "Dalam delapan pertandingan")[8] == "Newcastle"
    # A phrase pointing back is a part of something counted before, not the subject's.
    assert owners(fold("1500322500-gagal"), "Dari dua nama tersebut") == {2: None}
    # Kursk: "Dari 8.000 di Kursk, “kami belum melihat ...": a bare figure keeps the troops it refers to.
    assert owners(seed("003"), "Dari 8.000 di Kursk") == {8000: "Korea Utara"}
