from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.claims import REPORTED, canonical_name, extract_claims, group_claims
from evaluation.claims import evaluate
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


# --- figures of any kind (issue 17) ----------------------------------------------------


def claim_tuple(c):
    return (c.value, c.kind, c.counted, c.force, c.claimant, c.qualifier)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # Medal lists: elliptic nouns, the owner before the list, "Name (N)" items.
        ("Malaysia memimpin dengan 7 emas, 4 perak, 3 perunggu.",
         [(7, "other", "medali emas", "Malaysia", None, None), (4, "other", "medali perak", "Malaysia", None, None),
          (3, "other", "medali perunggu", "Malaysia", None, None)]),
        ("Posisi pertama hingga ketiga ditempati Malaysia (145 medali emas), Thailand (72), dan Vietnam (58).",
         [(145, "other", "medali emas", "Malaysia", None, None), (72, "other", "medali emas", "Thailand", None, None),
          (58, "other", "medali emas", "Vietnam", None, None)]),
        # Nouns that look like prefixed verbs (me-, ter-, di-) are counted.
        ("Sebanyak 14 tersangka dan 32 diplomat diperiksa, sementara tiga menteri hadir.",
         [(14, "other", "tersangka", None, None, None), (32, "other", "diplomat", None, None, None),
          (3, "other", "menteri", None, None, None)]),
        # Money with a sign or a currency word, multipliers and decimal commas; percentages.
        ("Ia didakwa merugikan negara 7,3 juta dolar AS atau setara dengan Rp 2,3 triliun.",
         [(7_300_000, "money", "dolar AS", None, None, None), (2_300_000_000_000, "money", "rupiah", None, None, None)]),
        ("INASGOC menargetkan sekitar Rp 500 miliar dari sponsor.",
         [(500_000_000_000, "money", "rupiah", "INASGOC", None, "sekitar")]),
        ("Polisi mengatakan 70 persen warga sudah mengungsi.", [(70, "percent", "persen", None, "Polisi", None)]),
        # A share may be a decimal (an election's quick count, IndoSum dev.01; an economy story); a count never is.
        ("Lembaga survei juga menempatikan Anies - Sandiaga berada di posisi atas dengan 58,5 persen atau 17 persen "
         "di atas Ahok - Djarot yang memperoleh 41,5 persen suara.",
         [(58.5, "percent", "persen", None, None, None), (17, "percent", "persen", None, None, None),
          (41.5, "percent", "persen", None, None, None)]),
        ("Menurut BPS, inflasi tahunan mencapai 3,25 persen dan 2,5 juta pekerja baru terserap.",
         [(3.25, "percent", "persen", None, "BPS", None), (2_500_000, "other", "pekerja", None, "BPS", None)]),
        # Casualties: korban jiwa with its qualifier, nyawa, tewas/terluka after a bare figure.
        ("Banjir itu menimbulkan korban jiwa sedikitnya 1.000 orang.",
         [(1000, "casualties", "orang", None, None, "sedikitnya")]),
        ("Serangan itu merenggut 400 nyawa.", [(400, "casualties", "nyawa", None, None, None)]),
        ("Menurut BPBD, 12 penumpang tewas dan 30 terluka.",
         [(12, "casualties", "penumpang", None, "BPBD", None), (30, "casualties", "korban", None, "BPBD", None)]),
        ("Pemerintah Thailand mengatakan kurang lebih 3 ribu warga terbunuh atau terluka.",
         [(3000, "casualties", "warga", None, "Pemerintah Thailand", "kurang lebih")]),
        # A capitalised group after the figure is what is counted; "rb" is a thousand.
        ("Kekerasan membuat sekitar 125 ribu Rohingya mengungsi.", [(125_000, "other", "Rohingya", None, None, "sekitar")]),
        ("Sebanyak 1 rb relawan ikut, klaim panitia.", [(1000, "other", "relawan", None, None, None)]),
        # "klaim X" attributes, for things as for troops.
        ("Sekitar 200 kendaraan dan 15 penerbangan dibatalkan, klaim Kementerian Perhubungan.",
         [(200, "other", "kendaraan", None, "Kementerian Perhubungan", "sekitar"),
          (15, "other", "penerbangan", None, "Kementerian Perhubungan", None)]),
        # References and age classes are not counts.
        ("Ia dijerat Pasal 27 ayat 3 UU ITE, dan timnas U-22 Indonesia kalah.", []),
        # A passive naming the winner after the things won: the winner owns them.
        ("Satu medali perak berhasil diperoleh Triady Fauzi Sidik dari nomor 50 meter gaya kupu-kupu.",
         [(1, "other", "medali perak", "Triady Fauzi Sidik", None, None)]),
        # "N besar" is a place in a ranking (the top four), not four of something.
        ("Indonesia ditargetkan masuk empat besar dan 10 besar Asian Games.", []),
        # A sentence opened by "Menurut X" is X's account, whoever X quotes inside it;
        # a "menurut" later in the sentence does not outrank the speaker before the figure.
        ("Menurut Sofjan, JK menegaskan Indonesia harus meraih 55 medali emas.",
         [(55, "other", "medali emas", "Indonesia", "Sofjan", None)]),
        ("Namun, menurut Budi, Andi mengatakan 12 orang terluka.",
         [(12, "casualties", "orang", None, "Budi", None)]),
    ],
)
def test_figures_of_any_kind(sentence, expected):
    assert [claim_tuple(c) for c in extract_claims([sentence])] == expected


def test_groups_are_keys_by_what_is_counted_and_whose():
    sentences = ["Malaysia memimpin dengan 24 medali emas dan 19 medali perak.",
                 "Indonesia meraih 7 medali emas.", "Menurut KOI, Indonesia meraih 38 medali emas."]
    groups = group_claims([(c, "a") for c in extract_claims(sentences)])
    keys = [(g.kind, g.force, g.counted) for g in groups]
    assert ("other", "Malaysia", "medali emas") in keys and ("other", "Malaysia", "medali perak") in keys
    indonesia = next(g for g in groups if (g.force, g.counted) == ("Indonesia", "medali emas"))
    assert [(e.value, e.claimant) for e in indonesia.entries] == [(7, None), (38, "KOI")]  # side by side
    assert not hasattr(indonesia, "label")  # the bot words labels, not the summarizer


def test_claim_vocabulary_is_data():
    from summarizer.claim_vocab import claim_vocab

    vocab = claim_vocab()
    assert vocab.kinds == ("troops", "casualties", "term", "money", "percent", "other")
    assert "tentara" in vocab.troop_heads and "nyawa" in vocab.casualty_heads
    assert vocab.elliptic["perunggu"] == "medali perunggu" and vocab.money_before["rp"] == "rupiah"
    assert vocab.people_bare == {"orang", "warga", "jiwa", "people"}  # [people] bare


def test_a_speaker_before_the_figure_counts_and_sentences_after_the_last_figure_change_nothing():
    """extract_claims reads no sentence after the last figure (issue 21): it must still remember
    the speaker of an earlier sentence, and claims must equal those of the article cut after it."""
    article = ["Vladimir Putin mengatakan bahwa perang belum usai.",
               "Dia mengatakan 10.000 tentara telah dikirim ke Kursk.",
               "Zelensky menambahkan bahwa Ukraina siap, menurut laporan media."]
    claims = extract_claims(article)
    assert [(c.value, c.claimant, c.sentence) for c in claims] == [(10000, "Vladimir Putin", 1)]
    assert extract_claims(article[:2]) == claims
    assert extract_claims(["Zelensky menambahkan bahwa Ukraina siap."]) == []


@pytest.mark.parametrize("article, expected", [
    # The speaker of a sentence without figures, asked for two sentences later ("Dia", "katanya").
    (["Vladimir Putin mengatakan bahwa perang belum usai.", "Situasi tetap tegang.",
      "Dia mengatakan 10.000 tentara telah dikirim ke Kursk."], [(10000, "Vladimir Putin", 2)]),
    (["Vladimir Putin mengatakan bahwa perang belum usai.", "Sebanyak 300 tank dikerahkan, katanya."],
     [(300, "Vladimir Putin", 1)]),
    # The latest of several speakers without figures, then a figure's own speaker, then one asked for.
    (["Joe Biden mengatakan bahwa perang belum usai.", "Vladimir Putin mengatakan bahwa Rusia siap.",
      "Kirilo Budanov mengatakan 12.000 tentara Korea Utara tiba.", "Olaf Scholz mengatakan bahwa Jerman siap.",
      "Pasukan itu terdiri dari 5.000 prajurit, katanya."],
     [(12000, "Kirilo Budanov", 2), (5000, "Olaf Scholz", 4)]),
    # A figure without a speaker between them does not change who spoke last.
    (["Vladimir Putin mengatakan bahwa perang belum usai.", "Sebanyak 300 tank dikerahkan.",
      "Dia mengatakan 10.000 tentara telah dikirim ke Kursk."], [(300, None, 1), (10000, "Vladimir Putin", 2)]),
])
def test_the_last_speaker_is_remembered_across_sentences_without_figures(article, expected):
    """extract_claims reads a sentence without figures only when a later one asks who spoke last."""
    claims = extract_claims(article)
    assert [(c.value, c.claimant, c.sentence) for c in claims] == expected


def test_the_lower_cased_attribution_test_agrees_with_the_case_insensitive_one_on_the_fold():
    from evaluation import indosum
    from summarizer import claims
    from summarizer.text import clean_sentences
    from tests.conftest import require_indosum

    sentences = [s for r in indosum.load(require_indosum()) for s in clean_sentences(indosum.article_text(r))]
    sentences += ["MENURUT \u0130brahim, 5 orang", "Kata\u212a dia", "ſeperti dikutip Reuters", "dikutıp oleh X"]
    assert sum(claims._may_attribute(s) for s in sentences) > 2000
    assert [s for s in sentences if claims._may_attribute(s) != bool(claims._ANY_ATTRIBUTION.search(s))] == []


def _first_attribution_behind_a_letter(sentence: str) -> int | None:
    """Where the five attribution patterns' alternation first matches behind the word-start check of
    before (any letter), not the words they start with."""
    import re

    from summarizer import claims

    five = (claims._SPEECH_VERB, claims._SAID_BY, claims._ACCORDING, claims._REPORT, claims._QUOTED_BY)
    rx = re.compile(r"\b(?=[a-z])(?:" + "|".join("(?:" + re.sub(r"\(\?P<\w+>", "(?:", p.pattern) + ")" for p in five) + ")",
                    re.IGNORECASE)
    m = rx.search(sentence)
    return m.start() if m else None


def test_the_attribution_check_by_leading_words_starts_where_the_letter_check_did_on_the_fold():
    from evaluation import indosum
    from summarizer import claims
    from summarizer.text import clean_sentences
    from tests.conftest import require_indosum

    sentences = [s for r in indosum.load(require_indosum()) for s in clean_sentences(indosum.article_text(r))]
    sentences += ["Seperti dikutip Reuters", "ſeperti dikutip X", "Menurutnya, 5", "disebutkan", "Kata\u212a dia"]
    assert "(?=[a-z])" not in claims._ANY_ATTRIBUTION.pattern
    first = [(m.start() if (m := claims._ANY_ATTRIBUTION.search(s)) else None) for s in sentences]
    assert sum(f is not None for f in first) > 2000
    assert [s for s, f in zip(sentences, first) if f != _first_attribution_behind_a_letter(s)] == []


def test_the_lower_case_attribution_twins_find_what_the_patterns_find_on_the_fold():
    """_events reads a sentence without İ ı ſ K lower-cased: each pattern's twin finds the same spans and groups."""
    from evaluation import indosum
    from summarizer import claims
    from summarizer.text import clean_sentences
    from tests.conftest import require_indosum

    sentences = [s for r in indosum.load(require_indosum()) for s in clean_sentences(indosum.article_text(r))]
    sentences += [s.upper() for s in sentences[:2000]] + ["KATANYA Budanov, MENURUT “Reuters”, Seperti Dikutip Oleh AP"]
    read = [s for s in sentences if claims._attribution_text(s) is not None]
    assert len(read) > 2000
    for s in read:
        for rx, twin in claims._LOWER_TWIN.items():
            assert [m.regs for m in rx.finditer(s)] == [m.regs for m in twin.finditer(s.lower())], s


def test_no_attribution_pattern_matches_before_where_the_attribution_test_first_matches_on_the_fold():
    """_events reads each pattern from the first match of their alternation: none may match earlier."""
    from evaluation import indosum
    from summarizer import claims
    from summarizer.text import clean_sentences
    from tests.conftest import require_indosum

    sentences = [s for r in indosum.load(require_indosum()) for s in clean_sentences(indosum.article_text(r))]
    sentences += ["KATANYA Budanov, MENURUT “Reuters”, Seperti Dikutip Oleh AP", "Dikutıp oleh X, kata İbrahim"]
    checked = 0
    for s in sentences:
        read = claims._attribution_text(s)
        if read is None:
            continue
        text, lowered, first = read
        for rx in claims._LOWER_TWIN if not lowered else claims._LOWER_TWIN.values():
            m = rx.search(text)
            assert m is None or m.start() >= first, s
        checked += 1
    assert checked > 2000


def test_a_sentence_with_a_letter_ignorecase_folds_is_attributed_as_written():
    (claim,) = extract_claims(["Sekitar 12.000 tentara dikirim, kata \u0130brahim Kalın."])
    assert claim.claimant == "\u0130brahim Kalın"


_TITLE_PIECES = ["A", "Ab", "aB", "ab", " ", "  ", "-", "untuk", "luar", "dalam", "untukX", ",", "Dalam", "1", "_", "\n"]


def _title_phrases_as_before(text: str) -> list[tuple[int, int]]:
    """The phrases _build_context read before: every match of the pattern with *, then those holding white space."""
    import re

    pattern = re.compile(r"[A-Z][\w-]*(?:\s+(?:[A-Z][\w-]*|untuk|luar|dalam))*")
    return [m.span() for m in pattern.finditer(text) if re.search(r"\s", m.group(0))]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_TITLE_PIECES), min_size=1, max_size=10))
def test_the_title_phrases_are_the_phrases_of_two_words_or_more(pieces):
    from summarizer import claims

    text = "".join(pieces)
    assert [m.span() for m in claims._TITLE_PHRASE.finditer(text)] == _title_phrases_as_before(text)


def test_the_title_phrases_of_the_fold_are_the_phrases_of_two_words_or_more():
    from evaluation import indosum
    from summarizer import claims
    from summarizer.text import clean_sentences
    from tests.conftest import require_indosum

    sentences = [s for r in indosum.load(require_indosum()) for s in clean_sentences(indosum.article_text(r))]
    assert [s for s in sentences
            if [m.span() for m in claims._TITLE_PHRASE.finditer(s)] != _title_phrases_as_before(s)] == []


_REFERENCE_PIECES = ["pasal", "Pasal ", "nomor", "nomor urut", "nomor  urut", "no.", "No", "u", "U-", "-", " - ", ".",
                     " ", "  ", "\n", "x", "(", "peringkat", "berperingkat", "22", "a"]


def _reference_agrees(text: str) -> bool:
    from summarizer import claims

    return all(claims._reference_before(text, end) == bool(claims._REFERENCE_BEFORE.search(text, 0, end))
               for end in range(len(text) + 1))


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_REFERENCE_PIECES), min_size=1, max_size=10))
def test_a_reference_is_found_reading_only_the_words_before_the_figure(pieces):
    assert _reference_agrees("".join(pieces))


def test_a_reference_is_found_reading_only_the_words_before_the_figure_on_the_fold():
    from evaluation import indosum
    from summarizer.numbers import find_numbers
    from summarizer import claims
    from tests.conftest import require_indosum

    sentences = [s for r in indosum.load(require_indosum()) for s in clean_sentences(indosum.article_text(r))]
    spans = [(s, span.phrase[0]) for s in sentences for span in find_numbers(s, units=True)]
    assert len(spans) > 3000
    assert [(s, p) for s, p in spans
            if claims._reference_before(s, p) != bool(claims._REFERENCE_BEFORE.search(s, 0, p))] == []


_PREPOSITION_PIECES = ["di", "Di", "ke", "dari", "wilayah", "diwilayah", "x", " ", "  ", "\n", ",", "-", "Rusia", "_", "1"]


def _preposition_agrees(text: str) -> bool:
    from summarizer import claims

    return all(claims._preposition_before(text, end) == bool(claims._PREPOSITION_BEFORE.search(text[:end]))
               for end in range(len(text) + 1))


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_PREPOSITION_PIECES), min_size=1, max_size=10))
def test_a_preposition_before_a_country_is_found_reading_only_the_words_before_it(pieces):
    assert _preposition_agrees("".join(pieces))


def test_a_preposition_before_a_country_is_found_reading_only_the_words_before_it_on_the_fold():
    from evaluation import indosum
    from summarizer import claims
    from tests.conftest import require_indosum

    sentences = [s for r in indosum.load(require_indosum()) for s in clean_sentences(indosum.article_text(r))]
    starts = [(s, start) for s in sentences for start, _ in claims._COUNTRY_NAMES.finditer(s)]
    assert len(starts) > 3000
    assert [(s, p) for s, p in starts
            if claims._preposition_before(s, p) != bool(claims._PREPOSITION_BEFORE.search(s[:p]))] == []


def test_the_attribution_words_are_data_each_list_read_by_the_claims() -> None:
    import re as _re
    import tomllib

    from tests.conftest import REPO

    raw = tomllib.loads((REPO / "summarizer" / "data" / "claim_kinds.toml").read_text(encoding="utf-8"))
    code = (REPO / "summarizer" / "claims.py").read_text(encoding="utf-8")
    assert set(raw["attribution"]) == set(_re.findall(r'_SAYING\["(\w+)"\]', code))
    # a speech verb from the list names its subject as the claimant; "menempatkan" only before a figure's noun
    found = extract_claims(["Dinas intelijen Korea Selatan mengungkapkan 1.500 tentara telah tiba."])
    assert found and found[0].claimant == "Dinas intelijen Korea Selatan"


def test_the_grammar_words_are_data_each_list_read_by_the_claims() -> None:
    import re as _re
    import tomllib

    from tests.conftest import REPO

    raw = tomllib.loads((REPO / "summarizer" / "data" / "claim_kinds.toml").read_text(encoding="utf-8"))
    code = (REPO / "summarizer" / "claims.py").read_text(encoding="utf-8")
    for section, name in (("figure", "_FIGURE"), ("claimant", "_CLAIMANT_WORDS"), ("place", "_PLACE_WORDS"),
                          ("clause", "_CLAUSE_WORDS")):
        assert set(raw[section]) == set(_re.findall(name + r'\["(\w+)"\]', code)), section
    # The demo story (seed 001): "tiba" and "berperang" are troop verbs of the file, and "2.600 warga" of a
    # force that arrives to fight are its troops; the same sentence with verbs the file does not list is not.
    assert {"tiba", "berperang"} <= set(raw["figure"]["troop_verbs"])
    sentence = ("Jenderal Kirilo Budanov, kepala intelijen militer Ukraina, mengatakan 2.600 warga Korea Utara "
                "pertama dijadwalkan tiba di Kursk minggu lalu dan akan siap berperang pada hari Jumat.")
    claim = one([sentence], 2600)
    assert (claim.kind, claim.force, claim.location) == ("troops", "Korea Utara", "Kursk")
    assert one([sentence.replace("tiba", "hadir").replace("berperang", "beraksi")], 2600).kind == "other"
    # Another story (IndoSum dev.01, a motorcycle launch; a flood): the claimant ends at a [claimant] stop word,
    # and "menewaskan" before the figure makes the people counted casualties.
    assert "dalam" in raw["claimant"]["stop"]
    said = ('"Berat fairing serta bodinya lebih ringan 20-30 persen daripada kompetitor," kata Namekawa dalam acara '
            "peluncuran Suzuki GSX - R150 dan GSX - S150 beberapa waktu lalu.")
    assert one([said], 30).claimant == "Namekawa"
    flood = ("Selain menewaskan tiga warga Padangsidempuan, ia menjelaskan, peristiwa ini juga menyebabkan 17 unit "
             "rumah hanyut, 17 unit rumah hancur, dan tujuh unit kendaraan bermotor hanyut.")
    assert [c.kind for c in extract_claims([flood]) if c.value == 3] == ["casualties"]
