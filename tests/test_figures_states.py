"""Figures topics on stories without sides: people grouped by what happened to them.

An earthquake (the walk-through of issue h26b, two outlets that disagree), a flood
and a fire written for these tests (Indonesian and English), and the demo's /troops,
which must read exactly as before.
"""
import json

import pytest

from adapters.console import ask_once
from summarizer.claims import extract_claims, group_claims
from summarizer.text import clean_sentences

KOMPAS = (
    "Cianjur, Kompas - Badan Nasional Penanggulangan Bencana (BNPB) mencatat korban meninggal dunia akibat gempa "
    "bermagnitudo 5,6 di Kabupaten Cianjur, Jawa Barat, mencapai 268 orang hingga Selasa (22/11/2022) sore. "
    "Kepala BNPB Suharyanto mengatakan 151 orang masih dalam pencarian. Sebanyak 1.083 orang luka-luka dan "
    "58.362 warga mengungsi. \"Tim gabungan terus mencari korban yang tertimbun longsor di Desa Cijedil,\" kata "
    "Suharyanto di Cianjur. Gempa terjadi pada Senin (21/11/2022) pukul 13.21 WIB dengan pusat di darat pada "
    "kedalaman 10 kilometer.")
DETIK = (
    "Bandung - Gubernur Jawa Barat Ridwan Kamil menyebut korban meninggal dunia akibat gempa Cianjur sebanyak "
    "162 orang. Sebagian besar korban adalah anak-anak yang sedang bersekolah. Ridwan Kamil mengatakan 326 orang "
    "luka-luka dan 13.784 warga mengungsi. Menurut dia, 2.345 rumah rusak berat. Pemerintah provinsi menyiapkan "
    "dapur umum dan tenda pengungsian di Lapangan Prawatasari, Cianjur.")
# A flood, written for these tests: the dead by two counts, the missing, the displaced as a noun of their own.
FLOOD_A = (
    "Banjir bandang melanda Kabupaten Luwu Utara sejak Senin malam. Kepala BPBD Luwu Utara Muslim Muchtar "
    "mengatakan 36 orang tewas dan 40 warga hilang terseret arus. Sebanyak 14.483 jiwa mengungsi ke tempat yang "
    "lebih tinggi. Tim SAR gabungan masih menyisir sungai.")
FLOOD_B = (
    "Jumlah korban banjir bandang Luwu Utara terus bertambah. Basarnas mencatat korban meninggal mencapai 38 orang, "
    "sementara 11 orang belum ditemukan. Pemerintah daerah mendirikan posko untuk 3.627 pengungsi di Masamba. "
    "Banjir bandang juga merusak 4.930 rumah warga.")
# A fire, in English.
FIRE = (
    "A fire swept through a garment factory in Dhaka on Thursday. Police said 52 people were killed and 30 people "
    "are missing. Officials said more than 200 residents were displaced by the blaze.")

QUAKE_TOPICS = """
[[topic]]
name = "korban"
kind = "figures"
description.id = "Semua angka korban gempa menurut sumbernya"
description.en = "Every casualty figure of the earthquake, by source"
aliases.id = ["korban", "meninggal", "tewas", "hilang", "luka", "mengungsi", "pengungsi"]
aliases.en = ["victims", "dead", "killed", "missing", "injured", "displaced", "refugees"]
counted = ["orang", "warga", "korban", "jiwa", "pengungsi", "people", "residents"]
"""

FLOOD_TOPICS = """
[[topic]]
name = "banjir"
kind = "figures"
description.id = "Angka korban banjir menurut sumbernya"
description.en = "Flood victims by source"
aliases.id = ["banjir bandang", "Luwu Utara"]
aliases.en = ["flood"]
"""

# The demo's /troops before issue h26b, item by item: it must not move.
TROOPS_BEFORE = [
    "Korea Utara — tentara di Rusia: sekitar 3.000 — Amerika Serikat",
    "Korea Utara — tentara di Rusia: sekitar 10.000 — Amerika Serikat, laporan media, Pentagon, Volodymyr Zelensky",
    "Korea Utara — tentara di Rusia: 11.000 — Kyrilo Budanov (sekitar), Seoul dan sekutunya",
    "Korea Utara — tentara di Rusia: 12.000 — laporan media, Ukraina (hingga)",
    "Korea Utara — tentara di Kursk: sekitar 2.600 — Kyrilo Budanov",
    "Korea Utara — tentara di Kursk: 8.000 — Amerika Serikat (sekitar), Antony Blinken, Robert Wood",
    "Rusia — tentara di Kursk: 50.000 — pejabat AS dan Ukraina",
    "Rusia — korban: 430.000 — Ukraina",
    "Rusia — korban: lebih dari 600.000 — Mark Rutte",
    "Ukraina — korban: 340 — Kementerian Pertahanan Rusia",
    "Ukraina — korban: lebih dari 49.000 — Militer Rusia",
]


def _claims(text):
    return extract_claims(clean_sentences(text))


def _by_value(text):
    return {c.value: c for c in _claims(text)}


# --- the summarizer: states, claimants, value text ------------------------------------------


def test_generic_people_take_the_state_the_words_around_them_say():
    kompas, detik = _by_value(KOMPAS), _by_value(DETIK)
    assert (kompas[268].state, kompas[151].state, kompas[1083].state, kompas[58362].state) == (
        "dead", "missing", "injured", "displaced")
    assert (detik[162].state, detik[326].state, detik[13784].state) == ("dead", "injured", "displaced")
    # Dead, injured and missing are casualties; the displaced are counted people, not casualties.
    assert {kompas[v].kind for v in (268, 151, 1083)} == {"casualties"} and kompas[58362].kind == "other"
    assert detik[2345].state is None  # houses have no state of people


def test_mencapai_is_a_verb_not_a_qualifier():
    figure = _by_value(KOMPAS)[268]
    assert (figure.qualifier, figure.text) == (None, "268 orang")
    # A real qualifier stays one.
    assert _by_value("Banjir itu menewaskan sekitar 12 orang.")[12].qualifier == "sekitar"


def test_menyebut_and_mencatat_attribute_a_figure_to_their_subject():
    assert _by_value(DETIK)[162].claimant == "Ridwan Kamil"
    # "Badan Nasional Penanggulangan Bencana (BNPB) mencatat": the agency, by the acronym readers know.
    assert _by_value(KOMPAS)[268].claimant == "BNPB"
    assert _by_value(FLOOD_B)[38].claimant == "Basarnas"


def test_a_flood_and_a_fire_in_english():
    flood_a, flood_b, fire = _by_value(FLOOD_A), _by_value(FLOOD_B), _by_value(FIRE)
    assert (flood_a[36].state, flood_a[40].state, flood_a[14483].state) == ("dead", "missing", "displaced")
    assert (flood_b[38].state, flood_b[11].state, flood_b[3627].state) == ("dead", "missing", "displaced")
    assert flood_b[3627].counted == "pengungsi"  # a noun that names its state
    assert (fire[52].state, fire[30].state, fire[200].state) == ("dead", "missing", "displaced")
    assert fire[200].qualifier == "more than" and fire[52].claimant == "Police"


@pytest.mark.parametrize("sentence", [
    "Gempa itu menyebabkan 300 orang tewas dan luka-luka.",  # two states joined: both counted at once
    "Sebanyak 120 orang menghadiri rapat di balai desa.",  # no state at all
    "Jumlah korban mencapai 45 orang.",  # victims, nothing said of what happened to them
])
def test_no_state_when_the_words_do_not_say_one(sentence):
    (claim,) = _claims(sentence)
    assert claim.state is None


@pytest.mark.parametrize("sentence, states", [
    ("Sebanyak 12 orang tewas, sementara 400 warga dipindahkan ke sekolah.", [(12, "dead"), (400, None)]),
    ("Sebanyak 12 orang tewas dan 400 warga dipindahkan ke sekolah.", [(12, "dead"), (400, None)]),
    ("Korban tewas 12 orang dan korban luka 30 orang.", [(12, "dead"), (30, "injured")]),
])
def test_a_state_word_of_an_earlier_figure_is_not_read_for_the_next_one(sentence, states):
    assert [(c.value, c.state) for c in _claims(sentence)] == states


def test_troop_casualties_keep_their_groups():
    """War reporting: "korban" of a side stays one group, whatever the noun (the demo's /troops)."""
    (claim,) = _claims("Menurut Kementerian Pertahanan Rusia, 340 tentara Ukraina tewas dalam serangan itu.")
    assert (claim.kind, claim.force, claim.state) == ("casualties", "Ukraina", None)


def test_conflicting_figures_of_one_state_sit_side_by_side():
    claims = [(c, "kompas") for c in _claims(KOMPAS)] + [(c, "detik") for c in _claims(DETIK)]
    groups = group_claims(claims, kinds=("casualties", "other"))
    states = [(g.kind, g.state, [(e.value, e.claimant, e.refs) for e in g.entries]) for g in groups if g.state]
    assert states == [
        ("casualties", "dead", [(162, "Ridwan Kamil", ["detik"]), (268, "BNPB", ["kompas"])]),
        ("casualties", "injured", [(326, "Ridwan Kamil", ["detik"]), (1083, None, ["kompas"])]),
        ("casualties", "missing", [(151, "BNPB Suharyanto", ["kompas"])]),
        ("other", "displaced", [(13784, "Ridwan Kamil", ["detik"]), (58362, None, ["kompas"])]),
    ]
    assert all(g.force is None and g.counted is None for g in groups if g.state)


def test_displaced_people_are_one_group_whatever_noun_counts_them():
    claims = [(c, "a") for c in _claims(FLOOD_A)] + [(c, "b") for c in _claims(FLOOD_B)]
    displaced = [g for g in group_claims(claims) if g.state == "displaced"]
    assert len(displaced) == 1 and [e.value for e in displaced[0].entries] == [3627, 14483]


# --- the bot: words, no side, the footer ----------------------------------------------------


@pytest.fixture
def quake(make_app):
    from bot.ingest import ingest_text

    app = make_app(seeded=False, topics=QUAKE_TOPICS)
    ingest_text(app.store, KOMPAS, title="BNPB: korban meninggal gempa Cianjur 268 orang", outlet="Kompas",
                url="https://example.com/kompas/1")
    ingest_text(app.store, DETIK, title="Gubernur Jabar sebut 162 orang meninggal", outlet="Detik",
                url="https://example.com/detik/2")
    return app


def _reply(app, text):
    return json.loads(ask_once(app, text, as_json=True))


def test_an_earthquake_reads_by_state_with_no_side(quake):
    reply = _reply(quake, "/korban")
    assert [i["text"] for i in reply["items"]] == [
        "Korban meninggal: 162 — Ridwan Kamil",
        "Korban meninggal: 268 — BNPB",
        "Korban luka-luka: 326 — Ridwan Kamil",
        "Korban luka-luka: 1.083 — tanpa sumber",
        "Korban hilang: 151 — BNPB Suharyanto",
        "Pengungsi: 13.784 — Ridwan Kamil",
        "Pengungsi: 58.362 — tanpa sumber",
    ]
    assert [i["sources"][0]["source"] for i in reply["items"][:2]] == ["Detik", "Kompas"]
    assert "pasukan" not in reply["footer"] and "Pihak" not in json.dumps(reply, ensure_ascii=False)


def test_the_earthquake_in_english(quake):
    ask_once(quake, "/lang en")
    reply = _reply(quake, "/korban")
    assert [i["group"] for i in reply["items"]] == ["Dead", "Dead", "Injured", "Injured", "Missing", "Displaced",
                                                   "Displaced"]
    assert reply["items"][3]["text"] == "Injured: 1,083 — unattributed"
    assert "troop" not in reply["footer"] and "displaced" in reply["footer"]


def test_a_flood_topic_as_a_newsroom_writes_it(make_app):
    from bot.ingest import ingest_text

    app = make_app(seeded=False, topics=FLOOD_TOPICS)
    ingest_text(app.store, FLOOD_A, url="https://example.com/a")
    ingest_text(app.store, FLOOD_B, url="https://example.com/b")
    items = _reply(app, "/banjir")["items"]
    groups = [i["group"] for i in items]
    assert groups[:5] == ["Korban meninggal", "Korban meninggal", "Korban hilang", "Korban hilang", "Pengungsi"]
    dead = [i for i in items if i["state"] == "dead"]
    assert [(i["value"], i["who"]) for i in dead] == [(36, ["Muslim Muchtar"]), (38, ["Basarnas"])]
    assert not any(g.startswith("Pihak") for g in groups)


def test_a_side_is_named_when_another_group_has_one():
    """A story with sides keeps "Pihak tidak disebut" for the figures that name none."""
    from bot.commands.figures import group_label
    from summarizer.claims import ClaimGroup

    unnamed = ClaimGroup(kind="casualties", entries=[])
    assert group_label(unnamed, "id", sides=True) == "Pihak tidak disebut — korban"
    assert group_label(unnamed, "id", sides=False) == "Korban"
    dead = ClaimGroup(kind="casualties", entries=[], force="Ukraina", state="dead")
    assert group_label(dead, "en") == "Ukraine — dead"


def test_the_demo_troops_read_exactly_as_before(app):
    reply = _reply(app, "/troops")
    assert [i["text"] for i in reply["items"]] == TROOPS_BEFORE
    assert reply["footer"] == ("Angka yang berbeda untuk hal yang sama ditampilkan berdampingan. "
                               "Korban dipisahkan dari jumlah pasukan.")
