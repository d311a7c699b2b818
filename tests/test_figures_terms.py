"""Figures topics on trial stories: prison terms by person and stage, fines and state losses.

The Sambo trial (the walk-through of issue h26c: three outlets, terms demanded, sentenced and cut
on appeal, beside a life sentence and a death sentence that are no figures) and a corruption
trial written for these tests (months of prison, a fine with its substitute detention, state
losses); the demo's /troops and an earthquake's /korban must read as before (tests/test_figures_states.py).
"""
import json

import pytest

from adapters.console import ask_once
from summarizer.claims import extract_claims, group_claims
from summarizer.text import clean_sentences

TEMPO = (
    "Jakarta - Majelis hakim Pengadilan Negeri Jakarta Selatan menjatuhkan vonis hukuman mati kepada Ferdy Sambo, "
    "Senin (13/2/2023). Vonis itu lebih berat daripada tuntutan jaksa, yakni penjara seumur hidup. Istri Sambo, "
    "Putri Candrawathi, divonis 20 tahun penjara, sementara jaksa menuntutnya 8 tahun penjara. Hakim ketua Wahyu "
    "Iman Santoso menyatakan tidak ada hal yang meringankan.")
DETIK = (
    "Jakarta - Mahkamah Agung (MA) mengabulkan kasasi Ferdy Sambo dan mengubah hukuman mati menjadi penjara seumur "
    "hidup, Selasa (8/8/2023). Hukuman Putri Candrawathi dipotong dari 20 tahun menjadi 10 tahun penjara. Juru "
    "bicara MA Suharto mengatakan putusan diambil dengan suara tidak bulat.")
KOMPAS = (
    "Jakarta, Kompas - Jaksa penuntut umum menuntut terdakwa Ferdy Sambo dengan hukuman penjara seumur hidup dalam "
    "sidang di Pengadilan Negeri Jakarta Selatan, Selasa (17/1/2023). Jaksa menilai Sambo terbukti melakukan "
    "pembunuhan berencana terhadap Brigadir Nofriansyah Yosua Hutabarat.")
# A corruption trial, written for these tests.
ANTARA = (
    "Jakarta - Jaksa KPK menuntut mantan Bupati Mimika Eltinus Omaleng 8 tahun penjara dan denda Rp 500 juta "
    "subsider 6 bulan kurungan dalam kasus korupsi pembangunan gereja. Jaksa menyebut perbuatan terdakwa "
    "menimbulkan kerugian negara Rp 21,6 miliar. Sidang digelar di Pengadilan Tipikor Jayapura, Senin (4/3/2024).")
KOMPAS_TIPIKOR = (
    "Jayapura, Kompas - Majelis hakim Pengadilan Tipikor Jayapura menjatuhkan vonis 6 tahun 6 bulan penjara kepada "
    "Eltinus Omaleng, Senin (15/4/2024). Hakim juga menjatuhkan denda Rp 300 juta. Menurut hakim, kerugian negara "
    "dalam perkara ini mencapai Rp 21,6 miliar. Adapun kontraktor Teguh Anggara divonis 18 bulan penjara.")

TRIAL_TOPICS = """
[[topic]]
name = "vonis"
kind = "figures"
description.id = "Tuntutan, vonis dan kerugian negara menurut sumbernya"
description.en = "Demands, sentences and state losses, by source"
aliases.id = ["vonis", "tuntutan", "hukuman", "penjara", "kerugian negara", "denda"]
aliases.en = ["sentence", "verdict", "prison", "fine", "state losses"]
"""


def _claims(text):
    return extract_claims(clean_sentences(text))


def _terms(text):
    return [(c.value, c.counted, c.force, c.state) for c in _claims(text) if c.kind == "term"]


# --- the summarizer: terms, whose, stage; sums of money by what they are ------------------------


def test_a_term_sentenced_and_one_demanded_against_the_same_person():
    # "menuntutnya": the object pronoun is the person of the term before it.
    assert _terms(TEMPO) == [(240, "penjara", "Putri Candrawathi", "sentenced"),
                             (96, "penjara", "Putri Candrawathi", "demanded")]


def test_a_cut_term_lists_the_new_term_only():
    assert _terms(DETIK) == [(120, "penjara", "Putri Candrawathi", "changed")]


def test_life_and_death_sentences_are_no_figures():
    assert _claims(KOMPAS) == []
    assert [c.value for c in _claims(TEMPO)] == [240, 96]


def test_terms_in_months_detention_and_the_person_after_kepada():
    assert _terms(ANTARA) == [(96, "penjara", "Mimika Eltinus Omaleng", "demanded"),
                              (6, "kurungan", "Mimika Eltinus Omaleng", "demanded")]
    # "6 tahun 6 bulan" is one term of 78 months, not two figures; the court is not whose it is.
    assert _terms(KOMPAS_TIPIKOR) == [(78, "penjara", "Eltinus Omaleng", "sentenced"),
                                      (18, "penjara", "Teguh Anggara", "sentenced")]


@pytest.mark.parametrize("sentence, terms", [
    ("Setya Novanto divonis pidana penjara selama 15 tahun.", [(180, "penjara", "Setya Novanto", "sentenced")]),
    ("Hakim Wahyu Iman Santoso menjatuhkan vonis 10 tahun penjara.", [(120, "penjara", None, "sentenced")]),
    ("Jaksa menuntut hukuman 8 tahun bagi Putri Candrawathi.", [(96, "penjara", "Putri Candrawathi", "demanded")]),
    ("Ia terancam hukuman 20 tahun penjara.", [(240, "penjara", None, "threatened")]),
    ("The court sentenced Ahmad Yani to 10 years in prison.", [(120, "penjara", "Ahmad Yani", "sentenced")]),
])
def test_terms_as_reporting_writes_them(sentence, terms):
    assert _terms(sentence) == terms


@pytest.mark.parametrize("sentence", [
    "Ia divonis 2 tahun lalu dan kini bebas.",  # when, not how long
    "Proyek itu dikerjakan selama 3 tahun.",  # a duration with no term
    "Ia pernah tinggal di penjara itu 5 tahun.",  # a noun far from the figure
])
def test_durations_that_are_no_terms(sentence):
    assert _terms(sentence) == []


def test_fines_and_state_losses_are_money_by_what_they_are():
    antara = {c.value: c for c in _claims(ANTARA)}
    fine, loss = antara[500_000_000], antara[21_600_000_000]
    assert (fine.kind, fine.counted, fine.state, fine.force) == ("money", "rupiah", "fine", "Mimika Eltinus Omaleng")
    assert (loss.kind, loss.state) == ("money", "state_loss")
    kompas = {c.value: c for c in _claims(KOMPAS_TIPIKOR)}
    # "Hakim juga menjatuhkan denda": the fine of the person the sentence before sentenced.
    assert (kompas[300_000_000].state, kompas[300_000_000].force) == ("fine", "Eltinus Omaleng")
    # A sum with no trial word stays a plain sum of money.
    (plain,) = _claims("INASGOC menargetkan Rp 500 miliar dari sponsor.")
    assert (plain.kind, plain.state) == ("money", None)


def test_groups_keep_a_persons_terms_together_by_stage():
    claims = [(c, "antara") for c in _claims(ANTARA)] + [(c, "kompas") for c in _claims(KOMPAS_TIPIKOR)]
    groups = group_claims(claims)
    terms = [(g.force, g.state, g.counted, [e.value for e in g.entries]) for g in groups if g.kind == "term"]
    # "Mimika Eltinus Omaleng" (a place before the name) is Eltinus Omaleng of the other outlet.
    assert terms == [
        ("Eltinus Omaleng", "demanded", "penjara", [96]),
        ("Eltinus Omaleng", "demanded", "kurungan", [6]),
        ("Eltinus Omaleng", "sentenced", "penjara", [78]),
        ("Teguh Anggara", "sentenced", "penjara", [18]),
    ]
    money = [(g.force, g.state, [e.value for e in g.entries]) for g in groups if g.kind == "money"]
    assert ("Eltinus Omaleng", "fine", [300_000_000, 500_000_000]) in money
    assert (None, "state_loss", [21_600_000_000, 21_600_000_000]) in money  # Jaksa's and the court's
    assert [g.kind for g in groups][:4] == ["term"] * 4  # a trial's terms first


# --- the bot ---------------------------------------------------------------------------------


def _reply(app, text):
    return json.loads(ask_once(app, text, as_json=True))


@pytest.fixture
def sambo(make_app):
    from bot.ingest import ingest_text

    app = make_app(seeded=False, topics=TRIAL_TOPICS)
    for text, title, outlet, url in ((KOMPAS, "Jaksa tuntut Ferdy Sambo penjara seumur hidup", "Kompas", "k/1"),
                                     (TEMPO, "Hakim vonis Sambo hukuman mati", "Tempo", "t/2"),
                                     (DETIK, "MA ubah vonis Sambo jadi penjara seumur hidup", "Detik", "d/3")):
        ingest_text(app.store, text, title=title, outlet=outlet, url=f"https://example.com/{url}")
    return app


def test_the_sambo_trial_lists_its_terms(sambo):
    reply = _reply(sambo, "/vonis")
    assert [i["text"] for i in reply["items"]] == [
        "Putri Candrawathi — tuntutan penjara: 8 tahun — Jaksa",  # "sementara jaksa menuntutnya"
        "Putri Candrawathi — vonis penjara: 20 tahun — tanpa sumber",
        "Putri Candrawathi — vonis penjara diubah: 10 tahun — tanpa sumber",
    ]
    assert [i["sources"][0]["source"] for i in reply["items"]] == ["Tempo", "Tempo", "Detik"]
    assert "seumur hidup" in reply["footer"] and "pasukan" not in reply["footer"]


def test_the_sambo_trial_in_english(sambo):
    ask_once(sambo, "/lang en")
    reply = _reply(sambo, "/vonis")
    assert [i["group"] for i in reply["items"]] == [
        "Putri Candrawathi — prison term demanded", "Putri Candrawathi — prison sentence",
        "Putri Candrawathi — prison sentence changed"]
    assert [i["figure"] for i in reply["items"]] == ["8 years", "20 years", "10 years"]
    assert "Life and death sentences are not figures" in reply["footer"]


def test_a_corruption_trial_lists_terms_fines_and_state_losses(make_app):
    from bot.ingest import ingest_text

    app = make_app(seeded=False, topics=TRIAL_TOPICS)
    ingest_text(app.store, ANTARA, title="Jaksa tuntut mantan bupati 8 tahun penjara", outlet="Antara",
                url="https://example.com/a/1")
    ingest_text(app.store, KOMPAS_TIPIKOR, title="Eltinus Omaleng divonis 6 tahun", outlet="Kompas",
                url="https://example.com/k/2")
    texts = [i["text"] for i in _reply(app, "/vonis")["items"]]
    assert texts == [
        "Eltinus Omaleng — tuntutan penjara: 8 tahun — Jaksa KPK",
        "Eltinus Omaleng — tuntutan kurungan: 6 bulan — Jaksa KPK",
        "Eltinus Omaleng — vonis penjara: 6 tahun 6 bulan — Majelis hakim Pengadilan Tipikor Jayapura",
        "Teguh Anggara — vonis penjara: 1 tahun 6 bulan — tanpa sumber",
        "Eltinus Omaleng — denda: Rp 300 juta — tanpa sumber",
        "Eltinus Omaleng — denda: Rp 500 juta — tanpa sumber",
        "Kerugian negara: Rp 21,6 miliar — Jaksa",
    ]
    ask_once(app, "/lang en")
    items = _reply(app, "/vonis")["items"]
    assert [i["group"] for i in items][4:] == ["Eltinus Omaleng — fine", "Eltinus Omaleng — fine", "State losses"]
    assert items[3]["figure"] == "1 year 6 months"


@pytest.mark.parametrize("sentence, terms", [
    # A statute's maximum, whatever verb of the law's amendment came before.
    ("Ia dijerat pasal 12 UU 31 Tahun 1999 sebagaimana diubah UU Nomor 20 Tahun 2001 dengan hukuman maksimal "
     "20 tahun penjara.", [(240, "penjara", None, "threatened")]),
    # Someone who speaks of a possible sentence is not whose it is.
    ("Ketua majelis hakim, Sun Basana Hutagalung, menyampaikan bahwa terdakwa dijatuhi hukuman selama 6 bulan.",
     [(6, "penjara", None, "sentenced")]),
    ("Penyanyi itu dihukum 6 bulan rehabilitasi.", []),  # a duration of something else
])
def test_real_reporting_that_misled_the_first_rules(sentence, terms):
    assert _terms(sentence) == terms


@pytest.mark.parametrize("text, claimants", [
    # who demanded or handed the term down: the prosecutors or the court named before their verb
    ("Jaksa KPK menuntut mantan Bupati Mimika Eltinus Omaleng 8 tahun penjara.", ["Jaksa KPK"]),
    ("Istri Sambo, Putri Candrawathi, divonis 20 tahun penjara, sementara jaksa menuntutnya 8 tahun penjara.",
     [None, "Jaksa"]),
    ("Majelis hakim Pengadilan Tipikor Jayapura menjatuhkan vonis 6 tahun 6 bulan penjara kepada Eltinus Omaleng.",
     ["Majelis hakim Pengadilan Tipikor Jayapura"]),
    # a passive term names no actor; a person's name before the verb is no court
    ("Hukuman Putri Candrawathi dipotong dari 20 tahun menjadi 10 tahun penjara.", [None]),
    ("Teguh Anggara menuntut ganti rugi setelah divonis 18 bulan penjara.", [None]),
])
def test_a_term_is_claimed_by_the_prosecutors_or_the_court_that_gave_it(text: str, claimants: list) -> None:
    assert [c.claimant for c in _claims(text) if c.kind == "term"] == claimants
