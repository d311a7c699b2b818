from pathlib import Path

import pytest

from summarizer.claims import REPORTED, canonical_name, extract_claims, group_claims
from summarizer.evaluate_claims import evaluate
from summarizer.text import clean_sentences

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def one(sentences, value):
    hits = [c for c in extract_claims(sentences) if c.value == value]
    assert len(hits) == 1, hits
    return hits[0]


def seed(prefix):
    path = next(SEEDS.glob(prefix + "_*.txt"))
    return clean_sentences(path.read_text(encoding="utf-8"))


# --- attribution patterns ----------------------------------------------------


@pytest.mark.parametrize(
    "sentences, value, claimant",
    [
        (["Pentagon mengonfirmasi bahwa Korea Utara telah mengirim sekitar 10.000 tentara ke Rusia."], 10000, "Pentagon"),
        (["Amerika Serikat mengatakan sekitar 3.000 tentara Korea Utara dikerahkan ke Rusia."], 3000, "Amerika Serikat"),
        (["Menurut para pejabat AS dan Ukraina, militer Rusia telah mengerahkan 50.000 tentara."], 50000, "pejabat AS dan Ukraina"),
        (["Sekitar 5.000 tentara tewas, kata juru bicara militer Ukraina."], 5000, "juru bicara militer Ukraina"),
        (["“Kami melihat sedikitnya 3 ribu prajurit di sana,” ujar Menteri Luar Negeri Antony Blinken."], 3000, "Antony Blinken"),
        (["Sekitar 8.000 prajurit Korea Utara kini berada di Rusia, Amerika Serikat telah mengatakan."], 8000, "Amerika Serikat"),
        (
            ["Jenderal Kirilo Budanov, kepala intelijen militer Ukraina, mengatakan 2.600 warga Korea Utara tiba di Kursk."],
            2600,
            "Kirilo Budanov",
        ),
        (["Korea Utara dilaporkan menyiapkan 12.000 tentara untuk mendukung Rusia."], 12000, REPORTED),
        (["Laporan mengklaim bahwa Korea Utara berencana mengerahkan total 10.000 tentara."], 10000, REPORTED),
        (["Dalam laporan tersebut, Korea Utara diperkirakan mengirimkan sekitar 10.000 tentara ke Rusia."], 10000, REPORTED),
        (["Namun sekelompok pembelot yang berjumlah hampir 200 orang melarikan diri."], 200, None),
    ],
)
def test_attribution_patterns(sentences, value, claimant):
    assert one(sentences, value).claimant == claimant


def test_pronoun_resolves_to_previous_speaker():
    sents = [
        "Presiden Ukraina Volodymyr Zelensky, mengutip laporan intelijen, mengklaim pada Jumat lalu bahwa pasukan Korea Utara akan berada di medan perang.",
        "Dia mengatakan sebelumnya bahwa sekitar 10.000 tentara Korea Utara sedang dipersiapkan.",
    ]
    assert one(sents, 10000).claimant == "Volodymyr Zelensky"


def test_title_alone_and_pronoun_resolve_through_alias():
    sents = [
        "Sekretaris Jenderal NATO Mark Rutte mengatakan pasukan Korea Utara telah dikirim ke Rusia.",
        "Namun, Sekretaris Jenderal NATO mengatakan pengerahan pasukan ini menunjukkan kelemahan Rusia.",
        "Dia menambahkan: “Lebih dari 600.000 tentara Rusia telah terbunuh atau terluka dalam perang Putin.”",
    ]
    c = one(sents, 600000)
    assert (c.claimant, c.kind, c.force, c.qualifier) == ("Mark Rutte", "casualties", "Rusia", "lebih dari")


def test_surname_and_org_head_resolve_within_article():
    sents = [
        "Gelombang pertama pasukan Korea Utara akan tiba, menurut kepala badan intelijen militer Ukraina Kyrilo Budanov.",
        "Sebelumnya, Budanov mengatakan sekitar 11.000 prajurit infanteri Korea Utara dilatih di Timur Jauh Rusia.",
        "Kementerian Pertahanan Rusia mengatakan Ukraina memulai serangan balik.",
        "Kementerian mengatakan tentaranya membunuh 340 anggota angkatan bersenjata Ukraina dalam satu hari terakhir.",
    ]
    c = one(sents, 11000)
    assert (c.claimant, c.counted, c.kind, c.force, c.location) == (
        "Kyrilo Budanov", "prajurit infanteri", "troops", "Korea Utara", "Timur Jauh Rusia",
    )
    c = one(sents, 340)
    assert (c.claimant, c.kind, c.force) == ("Kementerian Pertahanan Rusia", "casualties", "Ukraina")
    assert not [c for c in extract_claims(sents) if c.value == 1]  # "satu hari" is a duration


def test_several_figures_in_one_sentence_each_with_its_claimant():
    sents = [
        "Amerika Serikat memperkirakan ada sekitar 10.000 pasukan Korea Utara di Rusia.",
        "Seoul dan sekutunya memperkirakan jumlah tersebut telah meningkat menjadi 11.000, sementara Ukraina menempatkan angka tersebut lebih tinggi, hingga 12.000.",
    ]
    got = {c.value: c for c in extract_claims(sents)}
    assert got[10000].claimant == "Amerika Serikat"
    assert got[11000].claimant == "Seoul dan sekutunya"
    assert got[12000].claimant == "Ukraina" and got[12000].qualifier == "hingga"
    for v in (11000, 12000):  # "jumlah/angka tersebut" inherits what is counted
        assert (got[v].kind, got[v].counted, got[v].force) == ("troops", "pasukan", "Korea Utara")


def test_anaphoric_passive_inherits_claimant():
    sents = [
        "Budanov mengatakan sekitar 11.000 prajurit infanteri Korea Utara dilatih di Timur Jauh Rusia.",
        "Sebuah video telah muncul di media sosial.",
        "Dari jumlah tersebut, diperkirakan sekitar 2.600 tentara Korea Utara akan dikirim ke wilayah Kursk.",
    ]
    c = one(sents, 2600)
    assert (c.claimant, c.location, c.text) == ("Budanov", "Kursk", "sekitar 2.600 tentara")


# --- troop / casualty / other split on the seeds ----------------------------------


@pytest.mark.parametrize(
    "prefix, value, kind",
    [
        ("001", 600000, "casualties"),  # "tentara Rusia telah terbunuh atau terluka"
        ("001", 2600, "troops"),  # "2.600 warga Korea Utara ... tiba di Kursk"
        ("001", 3000, "troops"),
        ("004", 340, "casualties"),  # "membunuh 340 anggota angkatan bersenjata"
        ("004", 49000, "casualties"),  # "membunuh lebih dari 49.000 tentara"
        ("004", 430000, "casualties"),  # "kehilangan 430.000 tentara"
        ("004", 273, "other"),  # tanks
        ("004", 12, "other"),  # vehicles
        ("000", 50000, "troops"),
    ],
)
def test_kind_on_seeds(prefix, value, kind):
    assert one(seed(prefix), value).kind == kind


def test_defectors_are_not_troops():
    defectors = [c for c in extract_claims(seed("001")) if c.value == 200 and c.counted == "pembelot"]
    assert len(defectors) == 2 and all(c.kind == "other" for c in defectors)


# --- whose and where ("force", "location") ---------------------------------------------


def test_force_of_counted_things():
    # Materiel belongs to the subject of the relative clause it sits in.
    c = one(["Rusia meminta bantuan dari Iran, yang telah memasok setidaknya 300 rudal balistik."], 300)
    assert c.force == "Iran"
    # People who are not a force's soldiers belong to no force, whoever briefs them...
    c = one(["Delegasi Jepang memberi pengarahan kepada 27 duta besar di Brussels."], 27)
    assert (c.kind, c.force) == ("other", None)
    # ...but a civilian role keeps the country that names it.
    c = one(["Sekelompok pengungsi Suriah yang berjumlah 500 orang tiba kemarin."], 500)
    assert (c.counted, c.force) == ("pengungsi", "Suriah")


def test_location_of_list_and_of_wishes():
    # "di Kursk" covers the figures listed after it...
    claims = extract_claims(
        ["Militer Rusia mengklaim telah menghancurkan 120 kendaraan di Kursk sejak Agustus, serta 35 tank, 9 drone dan amunisi."]
    )
    assert {c.value: c.location for c in claims} == {120: "Kursk", 35: "Kursk", 9: "Kursk"}
    # ...not a place after a semicolon.
    claims = extract_claims(["Ada 120 kendaraan di Kursk; 35 tank lain masih di gudang."])
    assert {c.value: c.location for c in claims}[35] is None
    # Where people wish to go is not where they are; where troops are to be sent is.
    assert one(["Ada 80 relawan yang ingin dikirim ke Ukraina."], 80).location is None
    assert one(["Sekitar 900 tentara akan dikirim ke wilayah Kursk."], 900).location == "Kursk"


def test_dates_and_ages_make_no_claims():
    values = {c.value for c in extract_claims(seed("002"))}
    assert not values & {23, 10, 2024, 22}
    assert 69 not in {c.value for c in extract_claims(seed("001"))}


# --- names and grouping -------------------------------------------------------------


def test_canonical_name_merges_surname_variants():
    known = ["Budanov", "Kyrilo Budanov", "Kirilo Budanov", "Kyrilo Budanov", "Ukraina", "pejabat AS dan Ukraina"]
    assert {canonical_name(n, known) for n in ("Budanov", "Kirilo Budanov", "Kyrilo Budanov")} == {"Kyrilo Budanov"}
    assert canonical_name("Ukraina", known) == "Ukraina"
    assert canonical_name("pejabat AS dan Ukraina", known) == "pejabat AS dan Ukraina"
    assert canonical_name("AS", known) == "Amerika Serikat"
    assert canonical_name("Kementerian Pertahanan", ["Kementerian Pertahanan Rusia"]) == "Kementerian Pertahanan Rusia"
    assert canonical_name(None, known) is None


@pytest.fixture(scope="module")
def seed_groups():
    pairs = []
    for path in sorted(SEEDS.glob("*.txt")):
        for c in extract_claims(clean_sentences(path.read_text(encoding="utf-8"))):
            pairs.append((c, path.stem))
    return group_claims(pairs)


def test_groups_order_and_separation(seed_groups):
    kinds = [g.kind for g in seed_groups]
    assert kinds == sorted(kinds, key=["troops", "casualties", "money", "percent", "other"].index)
    for g in seed_groups:
        assert len({e.value for e in g.entries}) and all(
            e.claimant is None or isinstance(e.claimant, str) for e in g.entries
        )
    casualty_values = {e.value for g in seed_groups if g.kind == "casualties" for e in g.entries}
    troop_values = {e.value for g in seed_groups if g.kind == "troops" for e in g.entries}
    assert {600000, 49000, 430000, 340} <= casualty_values
    assert not casualty_values & troop_values


def test_no_repeated_figure_per_claimant_and_conflicts_adjacent(seed_groups):
    for g in seed_groups:
        keys = [(e.value, e.claimant) for e in g.entries]
        assert len(keys) == len(set(keys))
        assert [e.value for e in g.entries] == sorted(e.value for e in g.entries)
    total = next(g for g in seed_groups if (g.kind, g.force, g.location, g.country) == ("troops", "Korea Utara", None, "Rusia"))
    assert [e.value for e in total.entries if e.value >= 10000][:1] == [10000]
    assert {3000, 10000, 11000, 12000} <= {e.value for e in total.entries}
    assert total.conflicting
    budanov = [e for g in seed_groups for e in g.entries if e.claimant and "Budanov" in e.claimant]
    assert {e.claimant for e in budanov} == {"Kyrilo Budanov"}


def test_merge_across_articles(seed_groups):
    kursk = next(g for g in seed_groups if (g.kind, g.force, g.location) == ("troops", "Korea Utara", "Kursk"))
    two600 = [e for e in kursk.entries if e.value == 2600]
    assert len(two600) == 1 and len(two600[0].refs) == 2  # Budanov, quoted by two articles
    assert {e.value for e in kursk.entries} == {2600, 8000}


def test_group_kinds_filter(seed_groups):
    pairs = [(c, "a") for c in extract_claims(seed("004"))]
    assert {g.kind for g in group_claims(pairs, kinds=("troops", "casualties"))} == {"casualties"}


def test_fixture_quality():
    s = evaluate(ROOT / "tests" / "fixtures" / "seed_claims.json", SEEDS)
    assert s.precision >= 0.9, s.errors
    assert s.recall >= 0.9, s.errors
    assert s.attribution >= 0.85, s.errors
    assert s.placement >= 0.85, s.errors
