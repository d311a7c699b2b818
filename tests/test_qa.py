"""Free questions: analysis, translation, ranking, the honest no, and accuracy against a BM25 baseline."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.models import Request
from summarizer.qa import (
    Passage,
    analyze_question,
    head_words,
    idf_weights,
    question_type,
    rank_passages,
)
from tests.conftest import REPO, require_indosum

QUESTIONS = REPO / "tests" / "fixtures" / "qa_dev.jsonl"
SUBSET_ARTICLES = 150  # the accuracy test's corpus: the seeds plus the first 150 IndoSum articles


def _ask(app, text: str):
    return app.handle(Request(platform="console", chat="qa", user="tester", args=text))


# ---- question analysis -------------------------------------------------------------------

@pytest.mark.parametrize("question, qtype", [
    ("Berapa tentara Korea Utara di Kursk?", "number"),
    ("Pada menit keberapa Lukaku mencetak gol?", "number"),
    ("How many troops did North Korea send?", "number"),
    ("Siapa juru bicara Pentagon?", "person"),
    ("Who is the NATO Secretary General?", "person"),
    ("Kapan pasukan tiba di Kursk?", "time"),
    ("Tahun berapa Rusia menginvasi Ukraina?", "time"),
    ("When did Ukraine attack Kursk?", "time"),
    ("Di mana pasukan Korea Utara berlatih?", "place"),
    ("Di stadion mana laga itu digelar?", "place"),
    ("Near which city was the photo taken?", "place"),
    ("Perusahaan apa yang mengembangkan Cortana?", "name"),
    ("Which missiles did Ukraine use?", "name"),
    ("Mengapa Yoo Jae Hoon meninggalkan Persipura?", "reason"),
    ("Apa yang terjadi di Kursk?", "other"),
    # the noun asked for ends at the verb: "medal", not "team" (issue 17)
    ("Which medal is the women's volleyball team targeted to win?", "other"),
    ("Which team is the favourite to win?", "name"),
])
def test_question_type(question: str, qtype: str) -> None:
    assert question_type(question) == qtype


def test_english_question_is_translated_into_indonesian_concepts() -> None:
    query = analyze_question("How many North Korean troops were sent to Russia?")
    assert query.lang == "en"
    concept_stems = [c.stems for c in query.concepts]
    assert any({"korea"} <= s for s in concept_stems) and any({"utara"} <= s for s in concept_stems)
    assert any({"tentara", "pasu"} <= s for s in concept_stems)  # "troops": either word covers it
    assert any("kirim" in s for s in concept_stems)
    assert any("rusia" in s for s in concept_stems)
    assert not {"how", "many", "were", "the", "to"} & set(query.terms)


def test_topic_aliases_extend_the_lexicon() -> None:
    without = analyze_question("Where are the conscripts training?")
    with_alias = analyze_question("Where are the conscripts training?", {"conscripts": ["serdadu"]})
    assert "serdadu" in with_alias.terms and "serdadu" not in without.terms


def test_the_lexicon_sense_wins_over_a_topic_that_lumps_words_together() -> None:
    # a disaster topic lists "injured", "dead" and "missing" as aliases of one story ("korban",
    # "meninggal"): "How many people were injured?" still asks about the injured, not the dead
    lumped = {"injured": ["korban", "meninggal"], "dead": ["korban", "meninggal"]}
    injured = analyze_question("How many people were injured?", lumped)
    assert "luka" in injured.terms and "tinggal" not in injured.terms, injured.terms


def test_possessive_and_unknown_english_words() -> None:
    query = analyze_question("Who is Kenya's education minister?")
    assert "kenya" in query.terms and "didik" in query.terms and "menteri" in query.terms


@pytest.mark.parametrize("question, kept, not_translated", [
    ("Berlangsung dimanakah SEA Games XXII?", {"sea", "games"}, {"laut"}),
    ("Siapa juara All England tahun ini?", {"england"}, {"inggris"}),
    ("Siapa Direktur Utama M Cash?", {"cash"}, {"tunai"}),
])
def test_english_looking_names_do_not_make_an_indonesian_question_english(
        question: str, kept: set[str], not_translated: set[str]) -> None:
    query = analyze_question(question)
    assert kept <= set(query.terms)
    assert not not_translated & set(query.terms)


def test_a_word_inside_an_english_name_is_kept_beside_its_translation() -> None:
    # "Sue" in "Sue Grafton" is her name, not "gugat"; "President" before a
    # name is still "presiden"; an acronym ("UN") is translated as before.
    grafton = analyze_question("Where did crime novelist Sue Grafton die?")
    assert "sue" in grafton.terms and "grafton" in grafton.terms
    park = analyze_question("Which confidante of South Korean President Park Geun-hye was arrested?")
    assert "presiden" in park.terms and "park" in park.terms
    assert "pbb" in analyze_question("What did the UN say about North Korea?").terms
    # An acronym in a name keeps its literal too: "SEA Games" is not only "laut".
    sea = analyze_question("How many gold medals did Singapore win at the SEA Games?")
    assert {"sea", "laut"} <= next(c.stems for c in sea.concepts if "laut" in c.stems)
    assert "singapura" in sea.terms


def test_english_question_words_reach_the_indonesian_news_words() -> None:
    # Issue 17: sport writes a women's team as "putri"; an event "is held" (digelar,
    # berlangsung), a person is held (ditahan); countries the lexicon lacks come from the
    # gazetteer in their Indonesian names (CLDR).
    volley = analyze_question("Which medal is the women's volleyball team targeted to win?")
    assert "putri" in volley.terms and "voli" in volley.terms
    held = analyze_question("When will the 2018 Asian Games be held?")
    assert "langsung" in held.terms and "gelar" in held.terms and "tahan" not in held.terms
    assert "tahan" in analyze_question("Where was the suspect held?").terms
    burma = analyze_question("How many refugees fled Burma to Cyprus?")
    assert {"myanmar", "siprus"} <= set(burma.terms)


def test_english_numbers_months_and_plurals_reach_the_indonesian_spelling() -> None:
    # Issue 22: "the 10th Lebaran Betawi" is "Lebaran Betawi ke-10"; "May" typed capitalised is the
    # month ("Mei"), not the modal verb; an unlisted plural is also looked for in the singular.
    tenth = analyze_question("Where was the 10th Lebaran Betawi held?")
    assert "ke-10" in tenth.terms
    may = analyze_question("How many tourists visited Bali from January to May 2017?")
    assert {"januari", "mei"} <= set(may.terms)
    assert "mei" not in analyze_question("May I ask who won the final?").terms
    plural = analyze_question("How many provocateurs and influencers were arrested?")
    assert "influencer" in plural.terms and "provokator" in plural.terms
    from summarizer.qa.question import _singular
    assert _singular("address") is None and _singular("status") is None and _singular("startups") == "startup"
    # police "detain" is written "mengamankan" as often as "menahan"
    assert "aman" in analyze_question("How many people did police detain?").terms


def test_head_words_name_what_is_asked() -> None:
    assert head_words("Siapa juru bicara Pentagon yang mengonfirmasi pengiriman?") == {"juru", "bicara", "pentagon"}
    assert head_words("How many North Korean troops did the Pentagon count?") == {"north", "korean", "troops"}


def test_synonyms_cover_a_question_word() -> None:
    query = analyze_question("Berapa tentara yang tewas?")
    soldiers = next(c for c in query.concepts if "tentara" in c.primary)
    assert {"pasu", "prajurit"} <= soldiers.stems


# ---- ranking (pure, over hand-made passages) --------------------------------------------

def _passages(*texts: str, article: int = 1) -> list[Passage]:
    from summarizer.entities import extract_entities
    from summarizer.tokens import content_stems

    return [Passage(key=(article, i), article=article, position=i, text=t, stems=tuple(content_stems(t)),
                    entities=tuple(extract_entities(t))) for i, t in enumerate(texts)]


def test_the_sentence_with_a_new_name_beats_the_one_restating_the_question() -> None:
    article = _passages(
        "Pentagon mengonfirmasi bahwa Korea Utara telah mengirim sekitar 10.000 tentara ke Rusia.",
        "Juru bicara Sabrina Singh mengatakan beberapa tentara telah mendekati Ukraina.",
        "Rusia belum menanggapi laporan tersebut.")
    query = analyze_question("Siapa juru bicara Pentagon yang mengonfirmasi pengiriman tentara Korea Utara?")
    idf = idf_weights({t: 1 for t in query.terms}, 100)
    ranked = rank_passages(query, article, idf)
    assert "Sabrina Singh" in ranked[0][1].text


def test_a_number_question_prefers_the_figure_next_to_the_counted_noun() -> None:
    article = _passages(
        "Pemerintah Kabupaten Jayawijaya mendatangkan tim arkeolog dari Makassar untuk empat mumi.",
        '"Tim ahli arkeolog dari Makassar yang kami datangkan tiga orang," kata Alpius.')
    query = analyze_question("Berapa orang arkeolog dari Makassar yang didatangkan ke Jayawijaya?")
    ranked = rank_passages(query, article, idf_weights({t: 1 for t in query.terms}, 100))
    assert "tiga orang" in ranked[0][1].text


def test_the_whole_counted_phrase_after_a_figure_beats_the_noun_alone() -> None:
    from summarizer.qa import answer_candidates

    query = analyze_question("Berapa tentara Korea Utara di Kursk?")
    larger = "Rusia mengerahkan 50.000 tentara, termasuk pasukan Korea Utara, di Kursk."
    exact = "Sekitar 2.600 tentara Korea Utara akan dikirim ke Kursk."
    assert max(s for _, s in answer_candidates(query, exact)) > max(s for _, s in answer_candidates(query, larger))


def test_an_english_count_question_wants_its_counted_noun_after_the_figure() -> None:
    # "How many gold medals": the head phrase translated ("medali emas") is what is counted, as
    # "berapa medali emas" is in Indonesian; before, the English word "gold" was looked for.
    from summarizer.qa import answer_candidates

    for text in ("How many gold medals did Thailand win?", "Berapa medali emas Thailand?"):
        query = analyze_question(text)
        counted = "Thailand meraih 13 medali emas dan 20 perunggu di SEA Games."
        other = "Thailand meraih 13 kemenangan dan 20 kekalahan di SEA Games."
        assert max(s for _, s in answer_candidates(query, counted)) > max(s for _, s in answer_candidates(query, other))
    # "In which minute": an ordinal, not a count: "lima menit kemudian" is no better than "menit ke-57"
    minute = analyze_question("In which minute did Lukaku score?")
    assert max(s for _, s in answer_candidates(minute, "Lukaku mencetak gol pada menit ke-57.")) >= \
        max(s for _, s in answer_candidates(minute, "Lukaku mencetak gol lima menit kemudian."))


def test_a_money_question_wants_a_sum_of_money() -> None:
    # "How much did the broker ask for?": "Rp 700 ribu" answers, a bare "14" (a count) is weak, as
    # "Rp 1 miliar" is weak for "berapa ormas" (a count).
    from summarizer.qa import answer_candidates

    for text in ("How much did the broker ask for?", "Berapa imbalan yang diminta calo?"):
        query = analyze_question(text)
        money = max(s for _, s in answer_candidates(query, "Calo meminta imbalan Rp 700 ribu."))
        bare = max(s for _, s in answer_candidates(query, "Sebanyak 14 calo ditangkap di Satpas."))
        assert money == 1.0 and bare < 0.7
    assert "politikus" in analyze_question("Which Gerindra politician said so?").terms


def test_a_count_of_another_country_is_a_weak_answer() -> None:
    # "Berapa medali emas Singapura": a sentence naming Malaysia and never Singapore gives Malaysia's tally.
    from summarizer.qa import answer_candidates

    for text in ("How many gold medals did Singapore win?", "Berapa medali emas Singapura?"):
        query = analyze_question(text)
        other = max(s for _, s in answer_candidates(query, "Malaysia memimpin dengan 24 medali emas."))
        own = max(s for _, s in answer_candidates(query, "Singapura berada di peringkat kedua dengan 13 medali emas."))
        assert own > 2 * other
    # a country where it happened is no owner: "di Arab Saudi" leaves every figure its strength
    where = analyze_question("Berapa jemaah yang tewas di Arab Saudi?")
    assert max(s for _, s in answer_candidates(where, "Sebanyak 12 jemaah Indonesia tewas.")) >= 0.85
    article = _passages("Malaysia memuncaki klasemen SEA Games dengan 24 medali emas dan 19 perak.",
                        "Singapura berada di peringkat kedua dengan torehan 13 medali emas.")
    query = analyze_question("How many gold medals did Singapore win at the SEA Games?")
    ranked = rank_passages(query, article, idf_weights({t: 1 for t in query.terms}, 100))
    assert "13 medali emas" in ranked[0][1].text


def test_which_noun_asks_for_the_word_after_it_beside_what_the_question_says() -> None:
    # "Which medal ... targeted": "medali perak" beside "menargetkan" answers; "medali perunggu"
    # in a sentence that never speaks of a target, however many of the team's names it repeats, does not.
    from summarizer.qa.answer_types import asked_nouns

    article = _passages(
        "Prestasi terbaik Timnas Voli Putri di SEA Games adalah medali perunggu.",
        "Satlak Prima hanya menargetkan medali perak kepada Berllian Marsheilla dan kawan-kawan.")
    for text in ("Which medal is the women's volleyball team targeted to win at the SEA Games?",
                 "Medali apa yang ditargetkan untuk Timnas Voli Putri di SEA Games?"):
        query = analyze_question(text)
        assert "medali" in asked_nouns(query)
        ranked = rank_passages(query, article, idf_weights({t: 1 for t in query.terms}, 100), learned=False)
        assert "medali perak" in ranked[0][1].text, text
    assert not asked_nouns(analyze_question("What is the capital of Myanmar?"))


def test_a_year_inside_a_name_is_no_date() -> None:
    # "When will the Asian Games be held?": "SEA Games 2017" names another event; "18 Agustus" is a date
    # that starts at its day, right after "digelar". A question asking the year keeps "Habibie Award 2005".
    from summarizer.qa import answer_candidates

    when = analyze_question("Kapan Asian Games digelar?")
    assert max(s for _, s in answer_candidates(when, "Evaluasi SEA Games 2017 dilakukan oleh wapres.")) < 1.0
    assert max(s for _, s in answer_candidates(when, "Multievent ini akan digelar 18 Agustus di Jakarta.")) == 1.0
    year = analyze_question("Tahun berapa Djoko menerima Habibie Award?")
    assert max(s for _, s in answer_candidates(year, "Djoko terpilih menerima Habibie Award 2005.")) == 1.0
    article = _passages("Test event paling lambat dilakukan pada Maret dengan estimasi penyelenggaraan 10 hari.",
                        "Multievent tingkat Asia ini akan digelar 18 Agustus di Jakarta dan Palembang.")
    query = analyze_question("When will the Asian Games be held?")
    assert "18 Agustus" in rank_passages(query, article, idf_weights({t: 1 for t in query.terms}, 100))[0][1].text


def test_a_figure_matches_with_or_without_its_thousand_separator() -> None:
    article = _passages("Polisi menyita 2.830 meter kubik kayu log dari PT Adi Putra di Kampung Tukul.",
                        "Di Desa Muara Kelian polisi menyita 7.380 meter kubik kayu log dari PT Jaya Perkasa.")
    query = analyze_question("Dari mana polisi menyita kayu log sebanyak 7380 meter kubik?")
    assert "7.380" in {s for c in query.concepts for s in c.stems}
    assert not any("2.005" in c.stems for c in analyze_question("Siapa juara tahun 2005?").concepts)  # a year
    ranked = rank_passages(query, article, idf_weights({t: 1 for t in query.terms}, 100))
    assert "Muara Kelian" in ranked[0][1].text


def test_an_english_figure_matches_its_indonesian_spelling() -> None:
    # English writes "2,600" and "7.1" where Indonesian news writes "2.600" and "7,1" (issue 22, item 3).
    assert {"2.600", "2600"} <= set(analyze_question("Who said 2,600 North Korean troops were in Kursk?").terms)
    assert "7,1" in analyze_question("Where did the 7.1 earthquake hit?").terms
    assert "7.1" in analyze_question("Di mana gempa 7,1 terjadi?").terms  # an English source's spelling
    kursk = _passages("Budanov mengatakan 8.000 tentara Korea Utara tiba di Rusia.",
                      "Menurut Budanov, 2.600 tentara Korea Utara dikirim ke wilayah Kursk.")
    query = analyze_question("Where were the 2,600 North Korean troops sent?")
    assert "Kursk" in rank_passages(query, kursk, idf_weights({t: 1 for t in query.terms}, 100))[0][1].text
    quakes = _passages("Gempa berkekuatan 5,4 magnitudo mengguncang kawasan Bengkulu.",
                       "Gempa dengan kekuatan 7,1 pada Skala Richter mengguncang Selandia Baru pada Jumat pagi.")
    query = analyze_question("Where did the magnitude 7.1 earthquake hit?")
    assert "Selandia Baru" in rank_passages(query, quakes, idf_weights({t: 1 for t in query.terms}, 100))[0][1].text


def test_the_kursk_question_gets_a_north_korean_figure_in_kursk_first(app) -> None:
    reply = _ask(app, "berapa tentara Korea Utara di Kursk?")
    # 2.600 (Budanov) and 8.000 (the US) count North Korean troops in Kursk; 50.000 is Russia's whole force
    assert reply.items and any(f in reply.items[0].text for f in ("2.600", "8.000")), reply.items[0].text


def test_answers_from_a_matching_article_beat_a_stray_sentence() -> None:
    match = _passages("Persipura menang 6-0 atas Mitra Kukar di Stadion Mandala.",
                      "Prisca Womsiwor mencetak hat-trick dalam laga tersebut.", article=1)
    stray = _passages("Pemain muda itu mencetak hat-trick di liga Eropa, kata Budi Santoso.", article=2)
    query = analyze_question("Siapa pemain Persipura yang mencetak hat-trick melawan Mitra Kukar?")
    ranked = rank_passages(query, match + stray, idf_weights({t: 1 for t in query.terms}, 100))
    assert "Prisca Womsiwor" in ranked[0][1].text


def test_a_source_that_never_names_the_asked_place_does_not_answer() -> None:
    bali = _passages("Harga tiket pesawat dari Jakarta ke Bali mencapai Rp 1,5 juta per orang.", article=1)
    tokyo = _passages("Maskapai itu membuka rute baru dari Jakarta ke Tokyo tahun depan.",
                      "Harga tiketnya dipatok Rp 9 juta.", article=2)
    query = analyze_question("Berapa harga tiket pesawat dari Jakarta ke Tokyo?")
    idf = idf_weights({t: 1 for t in query.terms}, 100)
    assert rank_passages(query, bali + tokyo, idf)[0][1].article == 2
    alone = rank_passages(query, bali, idf)[0][0]
    named = rank_passages(analyze_question("Berapa harga tiket pesawat dari Jakarta ke Bali?"), bali, idf)[0][0]
    # The learned model weighs the missing name less than the hand rule did (FacQA passages often
    # lack names their question takes from the rest of the article): 0.50 against 0.79 here, where
    # the hand weights gave 0.34 against 0.89 (docs/qa.md, "Left open").
    assert alone < 0.75 * named
    hand_alone = rank_passages(query, bali, idf, learned=False)[0][0]
    hand_named = rank_passages(analyze_question("Berapa harga tiket pesawat dari Jakarta ke Bali?"), bali, idf,
                               learned=False)[0][0]
    assert hand_alone < 0.6 * hand_named


def _best_of_one_article(question: str, *texts: str) -> str:
    """The top-ranked sentence of one article for the question (every stem equally rare)."""
    query = analyze_question(question)
    return rank_passages(query, _passages(*texts), idf_weights({t: 1 for t in query.terms}, 100))[0][1].text


def test_the_person_asked_about_with_a_surname_is_no_new_answer() -> None:
    best = _best_of_one_article(
        "Siapa manajer Tamara Geraldine?",
        "Pemilik nama lengkap Tamara Geraldine Tambunan itu dikenal sebagai presenter olahraga.",
        "Informasi tersebut diketahui dari manajer Tamara, Riri Djalil.")
    assert "Riri Djalil" in best


def test_the_noun_before_berapa_is_what_is_counted_and_money_is_no_count() -> None:
    best = _best_of_one_article(
        "Berapa ormas kepemudaan yang didukung Kemenpora?",
        "Kemenpora sudah menyiapkan sedikitnya Rp 1 miliar untuk kegiatan ormas kepemudaan.",
        "Adapun jumlah ormas kepemudaan yang didukung sebanyak 176.")
    assert "176" in best
    best = _best_of_one_article(
        "Calo SIM di Satpas minta imbalan berapa?",
        "Calo SIM di Satpas itu ditangkap oleh anggota angkatan ke-12 Polda Metro Jaya.",
        "Para calo SIM itu meminta imbalan Rp 700 ribu.")
    assert "700 ribu" in best


def test_question_words_count_only_as_whole_tokens() -> None:
    """The cheap pass finds a question word as written only where the tokeniser would cut it."""
    from summarizer.qa.ranking import _term_finder
    from summarizer.tokens import words

    finder = _term_finder(frozenset({"10", "masing", "kedalaman", "ke-57"}))
    text = "kedalaman 10.000 meter, masing-masing ke-57 dan 10 kali"
    found = finder.findall(text)
    assert sorted(found) == ["10", "ke-57", "kedalaman"]
    assert set(found) <= set(words(text))


# ---- through the bot ---------------------------------------------------------------------

def test_a_seed_question_is_answered_with_its_source(app) -> None:
    reply = _ask(app, "Siapa Sekretaris Jenderal NATO?")
    assert reply.items, reply.title
    assert "Rutte" in reply.items[0].text
    # Cited like any article: the outlet and title of the seed's sidecar, not its file name.
    sidecars = [json.loads(p.read_text(encoding="utf-8")) for p in (REPO / "seeds").glob("*.json")]
    assert reply.items[0].sources
    assert (reply.items[0].sources[0].source, reply.items[0].sources[0].title) in {
        (m["source"], m["title"]) for m in sidecars}
    assert 1 <= len(reply.items) <= app.settings.answers.max_sentences


def test_an_english_question_is_answered_from_indonesian_text(app) -> None:
    reply = _ask(app, "Who is the US ambassador to the UN?")
    assert reply.items and "Robert Wood" in reply.items[0].text


@pytest.mark.parametrize("question", [
    "Siapa pemenang Piala Dunia 2022?",
    "Berapa harga tiket pesawat dari Jakarta ke Tokyo?",
    "zzzz qqqq",
])
def test_the_honest_no_answer(app, question: str) -> None:
    from bot.i18n import t

    reply = _ask(app, question)
    assert reply.items == []
    assert reply.title == t("no_answer", "id")


def _first_answer(app, text: str, title: str, question: str) -> str:
    """The first answer item's text after ingesting one article into the app."""
    from bot.ingest import ingest_text

    assert ingest_text(app.store, text, title=title).added
    reply = _ask(app, question)
    assert reply.items, reply.title
    return reply.items[0].text


def test_a_word_whose_stem_is_a_stop_word_stays_searchable(app) -> None:
    # Sastrawi stems "peserta" to "serta" and "pengguna" to "guna", both stop words: the index dropped
    # the words, so a question asking for them found nothing to retrieve.
    from summarizer.tokens import content_stems

    assert content_stems("Sekitar 2.000 peserta dan 25 juta pengguna") == ["2.000", "peserta", "25", "juta", "pengguna"]
    assert content_stems("Titik gempa berada di kedalaman 10 km.") == ["titik", "gempa", "kedalaman", "10", "km"]
    from bot.ingest import ingest_text
    from bot.queries import search_sentences

    assert ingest_text(app.store, "Sebanyak 2.000 peserta mengikuti lokakarya jurnalistik itu. Acara digelar di "
                       "Bandung.", title="Lokakarya jurnalistik").added
    terms = analyze_question("Berapa jumlah peserta?").terms
    assert "peserta" in terms
    assert any("2.000 peserta" in row.text for row in search_sentences(app.store, terms))


def test_an_answer_that_opens_with_ini_comes_with_the_sentence_it_points_back_to(make_app) -> None:
    from summarizer.qa import needs_antecedent

    text = ("Hadiah Nobel Kedokteran tahun ini dimenangi dua peneliti Australia. "
            "Barry Marshall dan Robin Warren menemukan Helicobacter pylori pada 1982. "
            "Ini adalah bakteri penyebab tukak lambung dan radang usus. "
            "Penemuan itu mengubah cara dokter mengobati penyakit lambung.")
    first = _first_answer(make_app(), text, "Nobel Kedokteran", "Apa nama bakteri penyebab tukak lambung?")
    assert "Ini adalah bakteri" in first and "Helicobacter pylori" in first
    assert first.index("Helicobacter") < first.index("Ini adalah")  # in the article's order
    assert needs_antecedent("Dia mengatakan hal itu kemarin.") and not needs_antecedent("Namun, Dia tidak datang.")


def test_a_chain_of_pointing_sentences_is_followed_back_to_the_name(make_app) -> None:
    text = ("Gubernur Jawa Barat Ridwan Kamil meninjau lokasi banjir di Bekasi pada Senin. "
            "Ia mengatakan pemerintah provinsi menyiapkan bantuan darurat. "
            "Ia menambahkan bahwa 4.500 warga telah dievakuasi ke tenda pengungsian. "
            "Hujan diperkirakan masih turun hingga akhir pekan.")
    first = _first_answer(make_app(), text, "Banjir Bekasi", "Berapa warga yang telah dievakuasi ke tenda pengungsian?")
    assert "4.500" in first and "Ridwan Kamil" in first
    assert first.index("Ridwan") < first.index("Ia mengatakan") < first.index("Ia menambahkan")
    assert "Hujan" not in first


def test_a_pointing_sentence_is_never_pushed_out_of_its_line_by_a_long_antecedent(make_app) -> None:
    app = make_app()
    long_one = ("Gubernur Jawa Barat meninjau lokasi banjir di Bekasi pada Senin bersama " + " ".join(
        f"pejabat dinas ke-{i} dari kabupaten sekitar" for i in range(12)) + ".")
    assert len(long_one.split()) > app.settings.brief.max_words
    text = long_one + " Ia mengatakan 4.500 warga telah dievakuasi ke tenda pengungsian di Bekasi."
    first = _first_answer(app, text, "Banjir Bekasi", "Berapa warga yang telah dievakuasi ke tenda pengungsian di Bekasi?")
    assert "4.500 warga" in first and "dinas" not in first


def test_below_the_confidence_threshold_the_closest_sentence_comes_with_a_caveat(make_app, tmp_path: Path) -> None:
    from bot.i18n import t

    unsure = tmp_path / "unsure.toml"
    unsure.write_text("[answers]\nmin_score = 0.99\n")
    reply = _ask(make_app(config=str(unsure)), "Siapa Sekretaris Jenderal NATO?")
    assert reply.title == t("weak_answer", "id")
    assert len(reply.items) == 1 and "Rutte" in reply.items[0].text and reply.items[0].sources


def test_below_the_hedge_threshold_the_bot_declines(make_app, tmp_path: Path) -> None:
    from bot.i18n import t

    strict = tmp_path / "strict.toml"
    strict.write_text("[answers]\nmin_score = 0.99\nhedge_score = 0.99\n")
    reply = _ask(make_app(config=str(strict)), "Siapa Sekretaris Jenderal NATO?")
    assert reply.items == [] and reply.title == t("no_answer", "id")


def test_answer_thresholds_outside_zero_to_one_are_refused(tmp_path: Path) -> None:
    from bot.settings import ConfigError, load_settings

    bad = tmp_path / "bad.toml"
    bad.write_text("[answers]\nhedge_score = 1.5\n")
    with pytest.raises(ConfigError, match="answers.hedge_score"):
        load_settings(str(bad), env={})


# ---- accuracy on a subset of the question file -------------------------------------------

@pytest.fixture(scope="module")
def subset_result(tmp_path_factory: pytest.TempPathFactory):
    """Seeds + the first 150 IndoSum articles, and every question about them (dev and held-out)."""
    indosum = require_indosum()
    from evaluation.qa import build_app, evaluate, load_questions

    app, present = build_app(tmp_path_factory.mktemp("qa") / "qa.db", SUBSET_ARTICLES, indosum)
    try:
        questions = [q for q in load_questions(QUESTIONS) if q.article is None or q.article in present]
        result = evaluate(app, questions, present)
        result["pairs"] = _english_pairs(app, present)
        return result
    finally:
        app.store.close()


def _english_pairs(app, present: set[str]) -> list[tuple[bool, bool]]:
    """(Indonesian right, English right) for the English wordings of our questions about the subset."""
    import json

    from bot.commands.ask import answer, english_aliases
    from evaluation.qa import contains

    indonesian = [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    aliases = english_aliases(app.settings.topics)
    pairs = []
    for line in (REPO / "tests" / "fixtures" / "qa_en_pairs.jsonl").read_text(encoding="utf-8").splitlines():
        english = json.loads(line)
        if english["article"] not in present:
            continue
        rights = []
        for record in (indonesian[english["pair_of"]], english):
            ranked = answer(app, analyze_question(record["question"], aliases))
            rights.append(bool(ranked) and contains(ranked[0][1].text, record["answer"]))
        pairs.append((rights[0], rights[1]))
    return pairs


def test_english_questions_are_answered_as_well_as_their_indonesian_wording(subset_result) -> None:
    # Issue 22: English within 5 points of Indonesian on the same articles and gold answers.
    # Measured 2026-12-03: 17 of 21 in both languages on this subset.
    pairs = subset_result["pairs"]
    assert len(pairs) >= 20
    indonesian = sum(i for i, _ in pairs) / len(pairs)
    english = sum(e for _, e in pairs) / len(pairs)
    assert english >= indonesian - 0.05, (english, indonesian, len(pairs))


def test_the_question_file_is_well_formed() -> None:
    from evaluation.qa import load_questions

    questions = load_questions(QUESTIONS)
    assert len(questions) >= 400
    assert sum(q.answer is None for q in questions) >= 10
    heldout = sum(q.split == "heldout" for q in questions) / len(questions)
    assert 0.25 <= heldout <= 0.35
    assert sum(q.lang == "en" or q.question.split()[0] in ("Who", "How", "When", "Where", "Which", "What",
                                                             "Near", "In") for q in questions) >= 15


def test_accuracy_on_the_subset_beats_bm25(subset_result) -> None:
    ours, bm25 = subset_result["ours"]["all"].metrics(), subset_result["bm25"]["all"].metrics()
    assert ours["questions"] >= 60
    # Measured 2026-12-03 on this subset (docs/qa.md): ours 87.7%, BM25 55.4%; sure answers (the
    # lead rule, "Sure means right") for 62% of the answerable questions, right 98.8% of the time;
    # 88% of the 32 unanswerable questions without a sure answer. The floors sit below; the sure
    # answers' floor is the precision the protocol asks for.
    assert ours["acc@1"] >= 0.80, ours
    assert ours["acc@1"] >= bm25["acc@1"] + 0.15, (ours, bm25)
    assert ours["precision"] >= 0.95 and ours["confident_rate"] >= 0.5, ours
    assert ours["unanswerable"] >= 20 and ours["not_confident"] >= 0.75, ours


def test_held_out_questions_beat_bm25_too(subset_result) -> None:
    ours, bm25 = subset_result["ours"]["heldout"].metrics(), subset_result["bm25"]["heldout"].metrics()
    assert ours["questions"] >= 25
    # Measured 2026-12-03: ours 82.9%, BM25 46.3% on the held-out questions of this subset; sure
    # answers right 95.5% of the time (21 of 22).
    assert ours["acc@1"] >= 0.70, ours
    assert ours["acc@1"] >= bm25["acc@1"] + 0.10, (ours, bm25)
    assert ours["precision"] >= 0.90, ours


def test_a_title_of_another_country_is_a_weak_answer() -> None:
    from summarizer.qa import WEIGHTS, analyze_question, answer_candidates

    sentence = "Menteri Pertahanan Inggris John Healey mengatakan: “Ini bukan hanya kekhawatiran.”"

    def best(question: str) -> float:
        return max(strength for _, strength in answer_candidates(analyze_question(question), sentence))

    asked_here = best("Siapa menteri pertahanan Inggris?")
    assert best("Who is the UK defence minister?") == asked_here  # "UK" is "Inggris"
    assert best("Siapa menteri pertahanan Jerman?") == pytest.approx(WEIGHTS["other_country"] * asked_here)
    assert best("Siapa menteri pertahanan?") == asked_here  # no country asked: no conflict


def test_the_ranking_breakdown_says_where_the_best_sentence_went_wrong() -> None:
    from evaluation.qa import ranking_outcome

    def p(key: int, article: int, text: str) -> Passage:
        return Passage(key=key, article=article, position=key, text=text, stems=())

    answer_here = p(1, 1, "Sebanyak 2.600 tentara tiba di Kursk.")
    same_article = p(2, 1, "Pasukan itu berlatih di Timur Jauh.")
    other_article = p(3, 2, "Rusia menyambut pasukan itu.")
    assert ranking_outcome([(0.9, answer_here), (0.1, other_article)], "2600") == "right"
    assert ranking_outcome([(0.9, same_article), (0.5, answer_here)], "2.600") == "same article"
    assert ranking_outcome([(0.9, other_article), (0.5, answer_here)], ("2,600", "dua ribu")) == "other article"
    assert ranking_outcome([(0.9, other_article), (0.5, same_article)], "2.600") == "not retrieved"
    assert ranking_outcome([], "2.600") == "not retrieved"


def test_the_breakdown_covers_every_answerable_question(tmp_path: Path) -> None:
    indosum = require_indosum()
    from evaluation.qa import OUTCOMES, breakdown, build_app, load_questions

    app, present = build_app(tmp_path / "qa.db", 20, indosum)
    try:
        questions = [q for q in load_questions(QUESTIONS) if q.article is None or q.article in present]
        result = breakdown(app, questions, present)
    finally:
        app.store.close()
    answerable = sum(q.answer is not None for q in questions)
    assert sum(result["all"].values()) == answerable and set(result["all"]) <= set(OUTCOMES)
    assert result["all"]["right"] >= 0.85 * answerable, result  # measured: 44 of 46


def test_an_external_question_set_runs_on_its_own_passages(tmp_path: Path, capsys) -> None:
    from evaluation.qa import main

    passages = tmp_path / "passages"
    passages.mkdir()
    (passages / "p1.txt").write_text("Maskapai itu membuka rute baru dari Jakarta ke Tokyo tahun depan. "
                                     "Harga tiketnya dipatok Rp 9 juta.\n", encoding="utf-8")
    (passages / "p2.txt").write_text("Sebanyak 151 KK diungsikan karena longsor di desa itu. "
                                     "Hujan deras turun sejak pagi.\n", encoding="utf-8")
    questions = tmp_path / "questions.jsonl"
    questions.write_text("\n".join([
        '{"question": "Berapa KK yang diungsikan karena longsor?", "answer": "151 KK", "article": "p2.txt"}',
        '{"question": "Berapa harga tiket rute baru ke Tokyo?", "answer": "Rp 9 juta", "article": "p1.txt"}',
        '{"question": "Siapa juara dunia catur?", "answer": "Magnus", "article": "p3.txt"}',
    ]) + "\n", encoding="utf-8")
    db = tmp_path / "qa.db"
    assert main([str(questions), "--corpus", str(passages), "--articles", "0", "--db", str(db)]) == 0
    out, err = capsys.readouterr()
    row = next(line.split() for line in out.splitlines() if line.startswith("ours   all"))
    assert row[2] == "2"  # p3.txt is not in the corpus: that question is left out, and said so
    assert "left out 1 of 3 questions" in err
    assert main([str(questions), "--corpus", str(tmp_path / "missing"), "--articles", "0", "--db", str(db)]) == 2
    assert "no such file" in capsys.readouterr().err
