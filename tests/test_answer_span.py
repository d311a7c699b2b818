"""The answer phrase: found in its sentence, carried on the reply item, bold on every platform."""
from __future__ import annotations

import pytest

from adapters import console, slack, telegram
from evaluation.trust import phrase_scores
from bot.models import Item, Reply, Request
from summarizer.answer_span import answer_phrase
from summarizer.entities import extract_entities
from summarizer.qa import analyze_question


def _phrase(question: str, sentence: str) -> str | None:
    span = answer_phrase(analyze_question(question), sentence, extract_entities(sentence))
    return sentence[span[0]:span[1]] if span else None


@pytest.mark.parametrize("question, sentence, phrase", [
    # the seeds' story
    ("Berapa tentara Korea Utara di Kursk?",
     "Kyrilo Budanov mengatakan sekitar 2.600 tentara Korea Utara sudah berada di Kursk.", "2.600 tentara"),
    ("How many North Korean troops are in Kursk?",
     "Kyrilo Budanov mengatakan sekitar 2.600 tentara Korea Utara sudah berada di Kursk.", "2.600 tentara"),
    # other stories (FacQA-style news passages, IndoSum)
    ("Berapa jumlah penduduk Provinsi Jiangsu, China saat ini?",
     "Topan Khanun bergerak melintasi Provinsi Jiangsu yang berpenduduk 74 juta jiwa.", "74 juta jiwa"),
    ("Berapa nilai harta benda yang lenyap setiap banjir besar di Padang?",
     "Tidak kurang dari Rp 6,5 miliar nilai harta benda yang lenyap setiap terjadi banjir besar di Kota Padang.",
     "Rp 6,5 miliar"),
    ("Berapa lama Keisuke Honda membela AC Milan?", "Honda membela AC Milan selama tiga setengah tahun.",
     "tiga setengah tahun"),
    ("Kapan Larijani bertemu ElBaradei?",
     "Larijani melakukan pertemuan dengan Mohamed ElBaradei di kantor pusat IAEA di Vienna, Jumat (26/8).",
     "26/8"),
    ("Di kota mana Larijani bertemu ElBaradei?",
     "Larijani melakukan pertemuan dengan Mohamed ElBaradei di kantor pusat IAEA di Vienna, Jumat (26/8).", "Vienna"),
    ("Siapa sutradara video musik Thriller?",
     "Video musik Thriller disutradarai oleh John Landis pada 1983.", "John Landis"),
    # FacQA's spans: a two-word unit, "tahun" before a year, initials, a name with its number
    ("Berapa luas daratan Papua?", "Papua memiliki wilayah yang luas (luas daratan 410.660 kilometer persegi).",
     "410.660 kilometer persegi"),
    ("Kapan terjadinya pembantaian terhadap warga Syiah di Irak?",
     "Saddam akan diadili berkaitan dengan pembantaian terhadap 143 warga Syiah Irak tahun 1982.", "tahun 1982"),
    ("Siapa nama pengarang buku Katalog Film Indonesia?",
     "Dalam buku film yang digarap JB Kristanto itu, pendukung Terang Boelan adalah Roekiah.", "JB Kristanto"),
    ("Apa nama kapsul yang diawaki oleh Fei Junlong dan Nie Haisheng?",
     "Penerbangan dengan kapsul Shenzhou 6 ini diawaki oleh dua taikonot, Fei Junlong dan Nie Haisheng.",
     "Shenzhou 6"),
    # the venue, not the city or country around it; a whole name even where the question named part of it
    ("Di mana Song Joong Ki bermain boling?",
     "Song Joong Ki bermain boling di sebuah arena di Itaewon, Seoul, Korea Selatan.", "Itaewon"),
    ("In which square did the screening tragedy in Turin happen?",
     "Tragedi itu terjadi di Italia, saat nonton bareng di Piazza San Carlo, Turin.", "Piazza San Carlo"),
    # the outlet a sentence cites is no answer ("seperti dilansir Reuters")
    ("Siapa pencipta boneka hidup Lulu?",
     "Boneka hidup Lulu, seperti dilansir Reuters, adalah karya Hitomi Komaki.", "Hitomi Komaki"),
    ("Siapa nama putri Nafa Urbach dan Zack Lee?",
     "Dari pernikahan tersebut, mereka dikaruniai seorang putri bernama Mikhaela Lee Jowono yang lahir pada "
     "8 Februari 2011.", "Mikhaela Lee Jowono"),
    # a verb after the figure is no unit ("5,6 mengguncang"); a noun that starts like one is ("5 menteri")
    ("Berapa kekuatan gempa Cianjur?",
     "Gempa bermagnitudo 5,6 mengguncang Kabupaten Cianjur, Jawa Barat, Senin (21/11/2022) siang.", "5,6"),
    ("Berapa penumpang bus yang tewas di Subang?",
     "Kecelakaan bus di Subang itu menyebabkan 27 meninggal dunia dan belasan luka-luka.", "27"),
    ("Berapa menteri yang diganti Jokowi?", "Jokowi mengganti 5 menteri dalam perombakan kabinet, Rabu (27/7).",
     "5 menteri"),
    # "Apa <noun> ...?" asks what "<noun> apa" asks: what the sentence says after that noun, not a name nearby
    ("Apa vonis hakim untuk Ferdy Sambo?", "Majelis hakim Pengadilan Negeri Jakarta Selatan menjatuhkan vonis "
     "hukuman mati kepada Ferdy Sambo, Senin (13/2/2023).", "hukuman mati"),
    ("Apa status Gunung Merapi saat ini?", "PVMBG menetapkan status Siaga untuk Gunung Merapi sejak Kamis.", "Siaga"),
    # a count of people asked ("berapa korban"): the figure of people, not the magnitude or a plate number
    ("Berapa korban meninggal gempa Cianjur?",
     "Badan Nasional Penanggulangan Bencana (BNPB) mencatat korban meninggal dunia akibat gempa bermagnitudo 5,6 "
     "di Kabupaten Cianjur, Jawa Barat, mencapai 268 orang hingga Selasa (22/11/2022) sore.", "268 orang"),
    ("Berapa korban tewas kecelakaan bus di Subang?",
     "Bus bernomor polisi B 7025 terguling di Tanjakan Emen, Subang, pada pukul 17.00 dan menewaskan 27 orang.",
     "27 orang"),
])
def test_the_phrase_is_the_answer_with_its_unit_name_or_date(question: str, sentence: str, phrase: str) -> None:
    assert _phrase(question, sentence) == phrase


# Each boundary rule on two stories: the seeds' (North Korean troops in Kursk) and another news story.
@pytest.mark.parametrize("question, sentence, phrase", [
    # an "apa" question whose sentence holds no "<noun> <answer>": the new name, whole after "berjudul"
    ("Apakah perjanjian yang ditandatangani Putin dan Kim Jong Un?",
     "Putin dan Kim Jong Un menandatangani Perjanjian Kemitraan Strategis Komprehensif pada Juni.",
     "Perjanjian Kemitraan Strategis Komprehensif"),
    ("Apakah yang disepakati kedua negara pada 2018?", "Kedua negara menyepakati Deklarasi Panmunjom pada 2018.",
     "Deklarasi Panmunjom"),  # the entity list kept "Panmunjom" only
    ("Apa judul lagu yang dibawakan Raisa di Istana?",
     "Di Istana Merdeka, Raisa membawakan lagu berjudul Kali Kedua di depan para tamu.", "Kali Kedua"),
    ("Apa nama laporan yang dirilis lembaga itu?",
     "Lembaga itu merilis laporan bertajuk Global Peace Index pekan lalu.", "Global Peace Index"),
    ("Laporan apa yang menyebut pasukan Korea Utara?",
     "Laporan itu menyebut pasukan Korea Utara dalam Penilaian Ancaman Tahunan.", "Penilaian Ancaman Tahunan"),
    ("Survei apa yang menempatkan Indonesia di posisi 110?",
     "Survei itu menempatkan Indonesia di posisi 110 dalam Laporan Kebahagiaan Dunia.", "Laporan Kebahagiaan Dunia"),
    # a lower-case "apa" answer is its noun phrase, up to a function word
    ("Korea Utara meminta apa dari Rusia?", "Korea Utara meminta teknologi rudal dan satelit dari Rusia.",
     "teknologi rudal"),
    ("Menuntut apa para buruh?", "Para buruh menuntut kenaikan upah minimum di depan gedung DPR.",
     "kenaikan upah minimum"),
    # "tentang apa": what follows the same preposition in the sentence
    ("Putin dan Kim berbicara tentang apa di Pyongyang?",
     "Di Pyongyang, Putin dan Kim berbicara tentang pengiriman amunisi ke Rusia.", "pengiriman amunisi"),
    ("Undang-undang itu mengatur tentang apa?",
     "DPR mengesahkan Undang-Undang Nomor 1 Tahun 2024 tentang Perlindungan Data Pribadi.",
     "Perlindungan Data Pribadi"),
    # places: a list the sentence closes; the chain for "where does it lie"; the place after the one asked about
    ("Di mana pasukan Korea Utara ditempatkan?", "Pasukan Korea Utara ditempatkan di Kursk dan Belgorod.",
     "Kursk dan Belgorod"),
    ("Di desa mana banjir terjadi?", "Banjir merendam Desa Sukamaju dan Desa Sukajadi.",
     "Desa Sukamaju dan Desa Sukajadi"),
    ("Dimana letak Waduk Gajah Mungkur?",
     "Waduk Gajah Mungkur terletak di Kecamatan Wuryantoro, Kabupaten Wonogiri, Jawa Tengah.",
     "Kecamatan Wuryantoro, Kabupaten Wonogiri, Jawa Tengah"),
    ("Dimanakah lokasi Sudzha?", "Pertempuran berlangsung di dekat Sudzha, Kursk.", "Kursk"),
    ("Dimanakah lokasi Magelang?", "Acara itu digelar di Hotel Tentrem, Magelang, Jawa Tengah.", "Jawa Tengah"),
    # the kind of place the question names ("Di kawasan mana"): the place so labelled, with the label
    ("Di kawasan mana pabrik itu berdiri?", "Pabrik itu berdiri di Kawasan Industri Jababeka, Bekasi, Jawa Barat.",
     "Kawasan Industri Jababeka"),
    ("Di hutan mana gajah itu ditemukan?",
     "Gajah itu ditemukan di kawasan hutan Tesso Nilo, Kabupaten Pelalawan, Riau.",
     "Tesso Nilo"),
    # ... or a place of that kind by the gazetteer ("Di negara mana": a country), with its partner in a list
    ("Di negara mana tentara itu dilatih sebelum ke Kursk?",
     "Sebelum ke Kursk, tentara Pyongyang itu dilatih di Vladivostok, Rusia.", "Rusia"),
    ("Di provinsi mana Danau Toba berada?", "Wisatawan dari Medan memadati Danau Toba di Sumatera Utara saat libur.",
     "Sumatera Utara"),
    ("Di provinsi mana banjir itu terjadi?", "Banjir melanda Kota Langsa di Aceh dan Sumatera Utara, pekan lalu.",
     "Aceh dan Sumatera Utara"),
    ("Di distrik mana pertempuran itu terjadi?", "Pertempuran itu terjadi di Distrik Sudzha, Kursk.", "Distrik Sudzha"),
    ("Dari kota mana pelatih itu berasal?", "Pelatih itu berasal dari Malang, Jawa Timur.", "Malang"),  # level asked
    # a name with the place the entity list split off, without the person the question named
    ("Di mana kapal itu tenggelam?", "Kapal itu tenggelam di Teluk Benggala.", "Teluk Benggala"),
    ("Di provinsi mana Alexei Smirnov menjabat gubernur?", "Gubernur Kursk Alexei Smirnov mengatakan warga dievakuasi.",
     "Kursk"),
    ("Di departemen mana Matthew Miller menjadi juru bicara?",
     "Juru bicara Departemen Luar Negeri AS Matthew Miller mengatakan hal itu.", "Departemen Luar Negeri AS"),
    ("Di perusahaan mana Andi Wijaya menjabat sebagai Chief Executive Officer?",
     "Chief Executive Officer PT Maju Jaya Andi Wijaya mengatakan penjualan naik.", "PT Maju Jaya"),
    # a person the entity list ran into the organisation before: "Komisi I DPR Meutya Hafid"
    ("Siapa anggota Komisi I DPR yang mengecam pengiriman pasukan itu?",
     "Menteri Pertahanan Sjafrie Sjamsoeddin hadir, dan pengiriman pasukan itu dikecam Komisi I DPR Meutya Hafid.",
     "Meutya Hafid"),
    ("Siapa pejabat Departemen Pertahanan AS yang membenarkan laporan itu?",
     "Presiden Joe Biden tidak berkomentar, sementara laporan itu dibenarkan Departemen Pertahanan AS Sabrina Singh.",
     "Sabrina Singh"),
    # a day after a place is the date's ("Pyongyang 19 Juni"), not a number in the name
    ("Di mana Putin bertemu Kim?", "Putin bertemu Kim di Pyongyang 19 Juni lalu.", "Pyongyang"),
    ("Di kota mana pameran itu digelar?", "Pameran itu digelar di Surabaya 3 Maret.", "Surabaya"),
    # dates: a range of days, an older year, the part of the year or the season
    ("Kapan latihan gabungan itu digelar?", "Latihan gabungan itu digelar 7-19 September di Primorye.",
     "7-19 September"),
    ("Kapan Candi Prambanan ditemukan kembali?", "Candi itu ditemukan kembali pada 12 Mei 1815 oleh Raffles.",
     "12 Mei 1815"),
    ("Kapan pasukan Korea Utara tiba di Rusia?", "Pasukan Korea Utara tiba di Rusia awal Oktober 2024.",
     "awal Oktober 2024"),
    ("Kapan novel itu terbit?", "Novel itu dijadwalkan terbit musim gugur 2019.", "musim gugur 2019"),
    # an organisation asked for ("Lembaga apa", "Organisasi apa"): not the city or person beside it
    ("Lembaga apa yang memperkirakan jumlah tentara itu?",
     "Perkiraan itu dirilis di Washington oleh Institute for the Study of War.", "Institute for the Study of War"),
    ("Organisasi apa yang memberi penghargaan kepada Joko?",
     "Di Manila, Joko menerima penghargaan dari Ramon Magsaysay Award Foundation.", "Ramon Magsaysay Award Foundation"),
    # a year before 1900, which the ranking does not take for a date
    ("Kapan benteng itu dibangun?", "Benteng itu dibangun pada tahun 1607 oleh Portugis.", "tahun 1607"),
    ("Kapan universitas itu didirikan?", "Universitas Al-Azhar didirikan pada tahun 970 di Kairo.", "tahun 970"),
    # a rate: the figure with what it is per
    ("Berapa harga minyak mentah Rusia?", "Minyak mentah Rusia dijual seharga 60 dolar per barel.",
     "60 dolar per barel"),
    ("Berapa laju penurunan muka tanah di Jakarta Utara?",
     "Muka tanah di Jakarta Utara turun sekitar 12 sentimeter per tahun.", "12 sentimeter per tahun"),
    # a sum of money beside its currency; an ordinal for "ke berapa"
    ("Berapa nilai bantuan militer AS untuk Ukraina?",
     "Dalam paket ketujuh, AS memberi bantuan militer untuk Ukraina senilai 2,5 miliar dolar.", "2,5 miliar dolar"),
    ("Berapa harga tiket kereta cepat?", "Pada hari kedua, harga tiket kereta cepat Rp 300.000 untuk kelas premium.",
     "Rp 300.000"),
    ("Gelombang ke berapa pasukan yang tiba di Kursk itu?",
     "Sebanyak 3.000 tentara itu merupakan gelombang kedua yang tiba di Kursk.", "kedua"),
    ("Indonesia finis di urutan ke berapa?", "Indonesia meraih 72 medali emas dan finis di urutan kelima.", "kelima"),
    # brackets: a name with its acronym; the other side for "kepanjangan", "singkatan", "nama latin"
    ("Partai apa yang dipimpin Megawati?", "Megawati memimpin Partai Demokrasi Indonesia Perjuangan (PDIP) sejak 1999.",
     "Partai Demokrasi Indonesia Perjuangan (PDIP)"),
    ("Apa kepanjangan HIMARS?", "Ukraina memakai High Mobility Artillery Rocket System (HIMARS) buatan AS.",
     "High Mobility Artillery Rocket System"),
    ("Apakah kepanjangan BIN?", "Kepala Badan Intelijen Negara (BIN) Budi Gunawan hadir.", "Badan Intelijen Negara"),
    ("Apakah kepanjangan BMKG?", "Menurut data Badan Meteorologi Klimatologi dan Geofisika (BMKG), hujan turun deras.",
     "Badan Meteorologi Klimatologi dan Geofisika"),
    ("Apa singkatan dari Komisi Pemberantasan Korupsi?",
     "Penyidik Komisi Pemberantasan Korupsi (KPK) memeriksa tiga saksi.", "KPK"),
    ("Apa nama latin komodo?", "Komodo (Varanus komodoensis) hanya hidup di Nusa Tenggara Timur.",
     "Varanus komodoensis"),
])
def test_the_phrase_has_the_boundaries_a_reader_expects(question: str, sentence: str, phrase: str) -> None:
    assert _phrase(question, sentence) == phrase


@pytest.mark.parametrize("question, sentence, phrase", [
    # a real IndoSum dev.01 sentence (the Setya Novanto story): "Setnov" was marked, the name asked about
    ("siapa kuasa hukum Setya Novanto?",
     "Kuasa Hukum tersangka dugaan korupsi e - KTP, Setya Novanto (Setnov), Ketut Mulya Arsana, mengatakan "
     "Komisi Pemberantasan Korupsi (KPK) seperti memaksa Hakim Tunggal Kusno untuk memutus praperadilan hari ini.",
     "Ketut Mulya Arsana"),
    # the demo story's people, in both languages
    ("siapa penasihat Volodymyr Zelensky?",
     "Presiden Ukraina Volodymyr Zelensky (Zelenskyy), penasihatnya Andriy Yermak, dan Kyrylo Budanov bertemu di Kyiv.",
     "Andriy Yermak"),
    ("who is Volodymyr Zelensky's adviser?",
     "Presiden Ukraina Volodymyr Zelensky (Zelenskyy), penasihatnya Andriy Yermak, dan Kyrylo Budanov bertemu di Kyiv.",
     "Andriy Yermak"),
])
def test_the_short_form_of_a_name_the_question_gives_is_no_answer(question: str, sentence: str, phrase: str) -> None:
    assert _phrase(question, sentence) == phrase


@pytest.mark.parametrize("question, sentence, phrase", [
    # The short form in brackets was marked ("Jokowi", "Setnov", "Zelenskyy"): a reader wants the whole name.
    ("siapa yang meresmikan jalan tol itu?", "Presiden Joko Widodo (Jokowi) meresmikan jalan tol itu.", "Joko Widodo"),
    ("siapa yang mengkritik KPK?", "Ketua DPR Setya Novanto (Setnov) mengkritik KPK.", "Setya Novanto"),
    ("siapa yang mengatakan 11.000 tentara Korea Utara tiba di Kursk?",
     "Presiden Ukraina Volodymyr Zelensky (Zelenskyy) mengatakan 11.000 tentara Korea Utara tiba di Kursk.",
     "Volodymyr Zelensky"),
])
def test_a_person_answer_is_the_whole_name_before_its_short_form(question: str, sentence: str, phrase: str) -> None:
    assert _phrase(question, sentence) == phrase


@pytest.mark.parametrize("question, sentence, phrase", [
    # IndoSum dev.01: "salah satu aplikasi" was marked for "berapa pengguna"
    ("berapa pengguna Telegram di Iran?",
     "Telegram merupakan salah satu aplikasi media sosial yang sangat populer di Iran dengan jumlah pengguna "
     "tercatat sekitar 25 juta orang.", "25 juta orang"),
    ("Berapa tentara Korea Utara yang tiba di Kursk?",
     "Kursk menjadi salah satu wilayah tujuan, dan sekitar 2.600 tentara Korea Utara tiba di sana.", "2.600 tentara"),
    ("Berapa negara yang ikut SEA Games 2017?",
     "Indonesia adalah salah satu dari 11 negara yang ikut SEA Games 2017 di Kuala Lumpur.", "11 negara"),
])
def test_one_of_is_no_figure(question: str, sentence: str, phrase: str) -> None:
    assert _phrase(question, sentence) == phrase


# ---- the words are data (summarizer/data/answer_phrase.toml) --------------------------------

def test_every_word_list_is_read_from_the_data_file() -> None:
    import dataclasses
    import tomllib
    from importlib.resources import files

    from summarizer.answer_span import DATA_FILE, vocabulary

    raw = tomllib.loads(files("summarizer").joinpath(DATA_FILE).read_text(encoding="utf-8"))
    vocab = vocabulary()
    assert all(getattr(vocab, field.name) for field in dataclasses.fields(vocab))  # none left empty or unread
    assert set(vocab.naming) == set(raw["names"]["naming"]) and vocab.place_levels["provinsi"] == "region"
    assert vocab.unit_second["derajat"] == ("celsius", "celcius", "fahrenheit")


# One real sentence a list, where the existing cases above do not already depend on it: the phrase
# changes when the list is emptied (IndoSum dev.01 sentences).
@pytest.mark.parametrize("question, sentence, phrase", [
    pytest.param("Siapa Putra Mahkota Arab Saudi yang menjalankan reformasi?",
                 "Pengumuman ini sejalan dengan reformasi yang ambisius dari Putra Mahkota Mohammed bin Salman "
                 "untuk mengubah kerajaan ultrakonservatif ini.", "Mohammed bin Salman", id="names.particles"),
    pytest.param("Lewat partai apa Giring Nidji mendaftar sebagai calon anggota legislatif?",
                 "Sementara, Ketua Umum DPP PSI, Grace Natalie, menyebut apa yang dilakukan PSI ingin membangkitkan "
                 "kesadaran publik bahwa politik itu penting.", "DPP PSI", id="names.title_qualifiers"),
    pytest.param("Lembaga apa yang menggelar helatan pada pertengahan bulan Mei?",
                 "Obrolan itu, lanjutnya, dilakukan dalam helatan Indonesian Petroleum Association (IPA) pertengahan "
                 "bulan Mei silam.", "Indonesian Petroleum Association (IPA)", id="names.organisation_words"),
    pytest.param("Institusi apa yang memberi izin seri turnamen tahunan itu?",
                 "Super GT sendiri adalah seri turnamen tahunan yang dimulai di tahun 1993, memperoleh izin dari "
                 "Japan Automobile Federation dan disponsori oleh GT Association.", "Japan Automobile Federation",
                 id="question.organisation_nouns"),
    pytest.param("Di mana Drake lahir?", "Dia lahir di Toronto 30 tahun lalu.", "Toronto", id="figures.units"),
    pytest.param("Berapa nilai sukuk global yang diterbitkan pemerintah?",
                 "Pemerintah kembali menerbitkan sukuk global di pasar internasional sebesar 3 miliar dolar AS atau "
                 "sekitar Rp 39,9 triliun (kurs Rp 13.300).", "3 miliar dolar AS", id="figures.currency_country"),
    pytest.param("Jam berapa para demonstran membubarkan diri?",
                 "Pukul 03.30 WIB, para demonstran yang bertahan di depan Gedung DPR / MPR RI, Senayan, akhirnya "
                 "membubarkan diri, usai bertemu dengan Ketua MPR Zulkifli Hasan, dan sejumlah anggota DPR.",
                 "03.30 WIB", id="time.clock_words+zones"),
])
def test_each_word_list_still_shapes_the_phrase(question: str, sentence: str, phrase: str) -> None:
    assert _phrase(question, sentence) == phrase


def test_a_question_without_an_answer_type_marks_nothing() -> None:
    assert _phrase("Mengapa harga minyak naik?", "Harga minyak naik karena pasokan berkurang.") is None


def test_phrase_scores_are_exact_match_and_token_f1() -> None:
    assert phrase_scores("2.600 tentara", ["2600 tentara", "x"]) == (1.0, 1.0)
    assert phrase_scores("74 juta jiwa", "74 juta") == (0.0, pytest.approx(0.8))
    assert phrase_scores(None, "74 juta") == (0.0, 0.0)


_ITEM = Item(text="Budanov: sekitar 2.600 tentara <Korea> berada di Kursk.", highlight=(17, 30))


def test_each_platform_renders_the_phrase_in_bold_and_escapes_the_rest() -> None:
    reply = Reply(title="Jawaban", items=[_ITEM])
    assert "2.600 tentara" == _ITEM.parts()[1]
    assert "**2.600 tentara**" in console.render(reply)
    html = telegram.render(reply)[0]
    assert "<b>2.600 tentara</b>" in html and "&lt;Korea&gt;" in html
    section = slack.item_blocks(1, _ITEM)[0]["text"]["text"]
    assert "*2.600 tentara*" in section and "&lt;Korea&gt;" in section
    assert reply.to_dict()["items"][0]["highlight"] == [17, 30]


def test_an_item_without_a_phrase_renders_as_before() -> None:
    plain = Item(text="Satu poin <x>.")
    assert "**" not in Reply(title="t", items=[plain]).to_text()
    assert "<b>" not in telegram.render(Reply(title="t", items=[plain]))[0].split("\n\n", 1)[1]


def test_a_sure_answer_through_the_bot_carries_its_phrase(app) -> None:
    reply = app.handle(Request(platform="console", chat="qa", user="tester", args="Siapa Sekretaris Jenderal NATO?"))
    before, phrase, after = reply.items[0].parts()
    assert "Rutte" in phrase, reply.items[0].text
    assert before + phrase + after == reply.items[0].text


# ---- sure answers: the lead over every other answer -------------------------------------

def _ranked(*scored: tuple[float, str]) -> list:
    from summarizer.qa import Passage

    return [(score, Passage(key=i, article=i, position=0, text=text, stems=(), entities=extract_entities(text)))
            for i, (score, text) in enumerate(scored)]


def test_the_lead_is_over_the_best_other_answer_not_over_a_repeat() -> None:
    from summarizer.answer_span import answer_margin

    query = analyze_question("Siapa Sekretaris Jenderal NATO?")
    repeated = _ranked((0.9, "Sekretaris Jenderal NATO Mark Rutte berbicara di Brussels."),
                       (0.8, "Menurut Sekretaris Jenderal NATO Mark Rutte, pasukan itu tiba."),
                       (0.3, "Jens Stoltenberg dulu memimpin aliansi itu."))
    assert answer_margin(query, repeated) == pytest.approx(0.6)  # two outlets agree on Rutte: a clear lead
    rivals = _ranked((0.9, "Sekretaris Jenderal NATO Mark Rutte berbicara di Brussels."),
                     (0.8, "Sekretaris Jenderal NATO Jens Stoltenberg berbicara di Brussels."))
    assert answer_margin(query, rivals) == pytest.approx(0.1)  # two names compete: no sure answer
    assert answer_margin(query, []) == 0.0
    # one outlet writes the surname only: "Rutte" within "Mark Rutte" is the same answer, no rival
    surname = _ranked((0.9, "Sekretaris Jenderal NATO Mark Rutte berbicara di Brussels."),
                      (0.8, "Sekretaris Jenderal NATO, Rutte, mengatakan pasukan itu tiba."),
                      (0.3, "Jens Stoltenberg dulu memimpin aliansi itu."))
    assert answer_margin(query, surname) == pytest.approx(0.6)


def test_a_narrow_lead_makes_a_hedge(make_app, tmp_path) -> None:
    from bot.i18n import t

    strict = tmp_path / "strict.toml"
    strict.write_text("[answers]\nsure_margin = 0.99\n")
    app = make_app(config=str(strict))
    reply = app.handle(Request(platform="console", chat="qa", user="tester", args="Siapa Sekretaris Jenderal NATO?"))
    assert reply.title == t("weak_answer", "id") and reply.items[0].highlight is None


# ---- English question words --------------------------------------------------------------

@pytest.mark.parametrize("question, qtype", [
    ("Which Jakarta governor planned to widen the rivers?", "person"),
    ("Which South Korean news agency reported the statement?", "name"),
    ("In which minute did Lukaku score against Stoke City?", "number"),
    ("What was the name of the Juventus supporter who died in Turin?", "person"),
    ("In which court was the divorce hearing held?", "place"),
    ("Which confidante of South Korean President Park Geun-hye received the documents?", "person"),
    ("Which team did Petrokimia Gresik beat?", "name"),
    # "what is/was the <measure> of": a figure, on the seeds' story and a disaster
    ("What is the population of Kursk?", "number"),
    ("What was the magnitude of the Cianjur earthquake?", "number"),
    ("What was the death toll in Cianjur?", "number"),
    ("What is the capital of Indonesia?", "other"),
])
def test_which_and_what_questions_are_typed_by_their_head_noun(question: str, qtype: str) -> None:
    from summarizer.qa import question_type

    assert question_type(question) == qtype


# ---- the frozen split ----------------------------------------------------------------------

def test_the_frozen_part_is_fixed_and_about_a_fifth() -> None:
    from evaluation.holdout import bootstrap_interval, is_frozen, part

    keys = [f"article-{n}" for n in range(2000)]
    share = sum(map(is_frozen, keys)) / len(keys)
    assert 0.17 < share < 0.23
    assert [part(k) for k in keys[:50]] == [part(k) for k in keys[:50]]  # no state: the same answer every time
    assert is_frozen("article-1", seed="another seed") in (True, False)
    low, high = bootstrap_interval([1.0] * 80 + [0.0] * 20)
    assert low < 0.8 < high and high - low < 0.2


def test_two_figures_that_compete_make_a_hedge_that_shows_both(app) -> None:
    from bot.i18n import t

    reply = app.handle(Request(platform="console", chat="qa", user="tester",
                               args="Berapa tentara Korea Utara di Kursk?"))
    # Budanov's 2.600 (geosurvey.co.id) and the US's 8.000 (the demo's other outlet): neither is sure,
    # and the reply says why: the sources differ, each figure marked beside its own source
    assert reply.title == t("sources_differ", "id")
    assert len(reply.items) == 2
    phrases = {item.parts()[1] for item in reply.items}
    assert phrases == {"2.600 tentara", "8.000 pasukan"}, phrases
    outlets = [{ref.source for ref in item.sources} for item in reply.items]
    assert outlets[0] and outlets[1] and not outlets[0] & outlets[1], outlets
    rendered = console.render(reply)
    assert "**2.600 tentara**" in rendered and "**8.000 pasukan**" in rendered, rendered
    html = telegram.render(reply)[0]
    assert "<b>2.600 tentara</b>" in html and "<b>8.000 pasukan</b>" in html, html
    sections = [slack.item_blocks(n, item)[0]["text"]["text"] for n, item in enumerate(reply.items, 1)]
    assert sorted(phrase for phrase in ("*2.600 tentara*", "*8.000 pasukan*") for section in sections
                  if phrase in section) == ["*2.600 tentara*", "*8.000 pasukan*"], sections  # one in each


_GARUT = (("Banjir bandang melanda Kabupaten Garut, Jawa Barat, pada Selasa malam. Badan Nasional "
           "Penanggulangan Bencana mengatakan banjir bandang di Garut menewaskan 23 orang. Ratusan rumah rusak "
           "dan ribuan warga mengungsi ke masjid dan sekolah."),
          ("Tim SAR gabungan masih mencari korban banjir bandang di Garut. Kepolisian Daerah Jawa Barat "
           "menyebut banjir bandang di Garut menewaskan 31 orang. Jalan utama menuju lokasi tertutup lumpur "
           "setinggi satu meter."))


def _garut(make_app, outlets: tuple[str, str]):
    """A fresh app holding only the two Garut flood reports, published by `outlets`."""
    from bot.ingest import ingest_text

    app = make_app(seeded=False)
    for n, (text, outlet) in enumerate(zip(_GARUT, outlets)):
        assert ingest_text(app.store, text, title=f"Banjir Garut {n}", url=f"https://news{n}.example/garut",
                           outlet=outlet).added
    return app


def test_a_death_toll_two_outlets_report_differently_is_shown_as_sources_that_differ(make_app) -> None:
    from bot.i18n import t

    app = _garut(make_app, ("Kompas", "Tempo"))
    for question, lang in (("Berapa orang yang tewas akibat banjir bandang di Garut?", "id"),
                           ("How many people did the flash flood in Garut kill?", "en")):
        reply = app.handle(Request(platform="console", chat="qa", user="tester", args=question))
        assert reply.title == t("sources_differ", lang), (question, reply.title)
        marked = {item.parts()[1]: item.sources[0].source for item in reply.items}
        assert marked == {"23 orang": "Kompas", "31 orang": "Tempo"}, marked
        app.handle(Request(platform="console", chat="qa", user="tester", command="lang", args="en"))


_CIANJUR = (("Badan Nasional Penanggulangan Bencana (BNPB) mencatat korban meninggal dunia akibat gempa "
             "bermagnitudo 5,6 di Kabupaten Cianjur, Jawa Barat, mencapai 268 orang hingga Selasa sore. Sebanyak "
             "1.083 orang luka-luka dan 58.362 warga mengungsi."),
            ("Gubernur Jawa Barat Ridwan Kamil menyebut korban meninggal dunia akibat gempa Cianjur sebanyak 162 "
             "orang. Ridwan Kamil mengatakan 326 orang luka-luka dan 13.784 warga mengungsi."))


@pytest.mark.parametrize("question, lang, marked", [
    # "Berapa korban ...?" is answered by "268 orang": people counted in "orang"
    ("Berapa korban meninggal gempa Cianjur?", "id", {"268 orang": "Kompas", "162 orang": "Detik"}),
    ("Berapa korban yang meninggal akibat gempa Cianjur?", "id", {"268 orang": "Kompas", "162 orang": "Detik"}),
    ("Berapa warga yang mengungsi?", "id", {"58.362 warga": "Kompas", "13.784 warga": "Detik"}),
    # English: the figure of the people the question says something of (injured, displaced, dead)
    ("How many people died in the Cianjur earthquake?", "en", {"268 orang": "Kompas", "162 orang": "Detik"}),
    ("How many people were injured?", "en", {"1.083 orang": "Kompas", "326 orang": "Detik"}),
    ("How many people are displaced?", "en", {"58.362 warga": "Kompas", "13.784 warga": "Detik"}),
])
def test_counts_of_people_from_two_outlets_are_sources_that_differ(make_app, question, lang, marked) -> None:
    from bot.i18n import t
    from bot.ingest import ingest_text

    app = make_app(seeded=False)
    for n, (text, outlet) in enumerate(zip(_CIANJUR, ("Kompas", "Detik"))):
        assert ingest_text(app.store, text, title=f"Gempa Cianjur {n}", url=f"https://news{n}.example/cianjur",
                           outlet=outlet).added
    if lang == "en":
        app.handle(Request(platform="console", chat="qa", user="tester", command="lang", args="en"))
    reply = app.handle(Request(platform="console", chat="qa", user="tester", args=question))
    assert reply.title == t("sources_differ", lang), (question, reply)
    assert {item.parts()[1]: item.sources[0].source for item in reply.items} == marked


def test_figures_that_do_not_say_the_predicate_are_no_conflict(app) -> None:
    # "Berapa tentara Korea Utara yang tewas?": "Rusia kehilangan 430.000 tentara" (another army's losses)
    # and "2.600 tentara Korea Utara akan dikirim" (troops sent) say nothing of North Korean dead
    from bot.i18n import t

    reply = app.handle(Request(platform="console", chat="qa", user="tester",
                               args="Berapa tentara Korea Utara yang tewas di Kursk?"))
    assert reply.title != t("sources_differ", "id"), reply


def test_two_figures_from_one_outlet_stay_a_plain_hedge(make_app) -> None:
    # the same outlet (however it is spelled) giving two tolls is no conflict between sources:
    # "the sources do not answer this clearly", nothing marked
    from bot.i18n import t

    app = _garut(make_app, ("Kompas", "kompas "))
    reply = app.handle(Request(platform="console", chat="qa", user="tester",
                               args="Berapa orang yang tewas akibat banjir bandang di Garut?"))
    assert reply.title == t("weak_answer", "id")
    assert len(reply.items) == 2 and all(item.highlight is None for item in reply.items)


def test_the_evaluations_count_sources_that_differ_as_a_hedge(app) -> None:
    # evaluation.qa's "confident" and "precision" columns must not count it as a sure answer
    from bot.i18n import t
    from evaluation.hedges import kind_of
    from evaluation.qa import bot_answers

    items, confident = bot_answers(app, "Berapa tentara Korea Utara di Kursk?")
    assert len(items) == 2 and not confident
    assert kind_of(t("sources_differ", "en"), 2) == "differ"
    assert [kind_of(t("weak_answer", "id"), n) for n in (1, 2)] == ["closest", "rivals"]
    assert kind_of(t("answer_title", "id"), 3) == "confident" and kind_of(t("no_answer", "id"), 0) == "no"


def _sentences(*texts: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(text, tuple(extract_entities(text))) for text in texts]


def test_rival_figures_are_only_those_of_the_thing_asked() -> None:
    from summarizer.answer_span import differing_answers

    query = analyze_question("Berapa tentara Korea Utara di Kursk?")
    rivals = _sentences("Sekitar 2.600 tentara Korea Utara akan dikirim ke wilayah Kursk.",
                        "AS mengatakan ada 8.000 pasukan Korea Utara di wilayah Kursk.")
    spans = differing_answers(query, rivals)
    assert spans is not None
    assert [text[a:b] for (text, _), (a, b) in zip(rivals, spans)] == ["2.600 tentara", "8.000 pasukan"]
    # one figure in other words is agreement, not a conflict
    assert differing_answers(query, _sentences("Ada 8.000 tentara Korea Utara di Kursk.",
                                               "Sebanyak 8.000 pasukan Korea Utara berada di Kursk.")) is None
    # a year counts no troops
    assert differing_answers(query, _sentences("Tentara Korea Utara tiba di Kursk pada 2024.",
                                               "Ada 8.000 pasukan Korea Utara di Kursk.")) is None
    # a sentence that never names Kursk counts troops somewhere else
    assert differing_answers(query, _sentences("Sekitar 11.000 tentara Korea Utara dilatih di Timur Jauh.",
                                               "Ada 8.000 pasukan Korea Utara di Kursk.")) is None


def test_rival_names_are_no_conflict_between_sources() -> None:
    # measured on the development questions (docs/qa.md): two names from two outlets mostly answer two
    # different questions ("Robert Wood" beside "Antonio Guterres"), so only figures are said to differ
    from summarizer.answer_span import CONFLICT_TYPES, differing_answers

    query = analyze_question("Siapa pelatih Juventus?")
    rivals = _sentences("Skuat besutan Massimiliano Allegri mengalahkan Hellas Verona, kata pelatih Juventus.",
                        "Pelatih Juventus Francesco Graziani dulu memimpin tim itu.")
    assert "person" not in CONFLICT_TYPES and differing_answers(query, rivals) is None
    assert differing_answers(query, rivals, qtypes=frozenset(["person"])) is not None


# Among several figures, the one whose own clause says what the question says of the counted thing
# (its predicate, after "yang"): the seeds' story and another news story.
@pytest.mark.parametrize("question, sentence, phrase", [
    ("Berapa tentara Korea Utara yang tewas di Kursk?",
     "Sekitar 11.000 tentara Korea Utara dikirim ke Kursk dan 200 orang di antaranya tewas.", "200 orang"),
    ("Berapa tentara Korea Utara yang dikirim ke Kursk?",
     "Sekitar 11.000 tentara Korea Utara dikirim ke Kursk dan 200 orang di antaranya tewas.", "11.000 tentara"),
    ("Berapa penumpang yang selamat dalam tenggelamnya kapal itu?",
     "Kapal itu membawa 120 penumpang, 95 orang selamat dan 25 lainnya masih hilang.", "95 orang"),
    ("Berapa penumpang yang hilang dalam tenggelamnya kapal itu?",
     "Kapal itu membawa 120 penumpang, 95 orang selamat dan 25 lainnya masih hilang.", "25"),
    # the verb right before the figure is its clause too: "menewaskan 8 siswi"
    ("Berapa pendaki yang tewas dalam longsor di gunung itu?",
     "Longsor yang menimpa rombongan 40 pendaki itu menewaskan 6 pendaki.", "6 pendaki"),
])
def test_the_figure_the_question_predicate_is_said_of(question: str, sentence: str, phrase: str) -> None:
    assert _phrase(question, sentence) == phrase


# An honorific the question did not give stays with the person's name, as the person is named; a rank or an
# office does not ("Presiden"): the seeds' story and another news story.
@pytest.mark.parametrize("question, sentence, phrase", [
    ("Siapa pengamat yang menilai pengiriman tentara Korea Utara ke Kursk berisiko?",
     "Pengamat hubungan internasional Prof Hikmahanto Juwana menilai pengiriman tentara Korea Utara ke Kursk "
     "berisiko.", "Prof Hikmahanto Juwana"),
    ("Siapa yang meresmikan masjid baru di Sumenep itu?",
     "Masjid baru di Sumenep itu diresmikan oleh Haji Abdul Karim Amrullah, Minggu (4/2).",
     "Haji Abdul Karim Amrullah"),
    ("Siapa Presiden Rusia yang menerima tentara Korea Utara?",
     "Presiden Rusia Vladimir Putin menerima tentara Korea Utara di Kursk.", "Vladimir Putin"),
])
def test_an_honorific_stays_with_the_name(question: str, sentence: str, phrase: str) -> None:
    assert _phrase(question, sentence) == phrase


@pytest.mark.parametrize(("question", "first", "same_figure", "other_figure"), [
    ("Berapa tentara Korea Utara di Kursk?", "Sekitar 8.000 tentara Korea Utara berada di Kursk.",
     "Ada 8.000 pasukan Korea Utara di Kursk, kata Pentagon.", "Ada 2.600 pasukan Korea Utara di Kursk."),
    ("Berapa warga yang mengungsi akibat banjir di Bekasi?", "Sebanyak 1.200 warga mengungsi akibat banjir di Bekasi.",
     "Banjir di Bekasi membuat 1.200 orang mengungsi.", "Banjir di Bekasi membuat 300 orang mengungsi."),
])
def test_one_figure_under_another_noun_is_the_same_answer(question, first, same_figure, other_figure) -> None:
    """Outlets name the counted noun their own way ("pasukan", "tentara"): the figure is the answer."""
    from summarizer.answer_span import answer_margin

    query = analyze_question(question)
    assert answer_margin(query, _ranked((0.9, first), (0.8, same_figure), (0.3, other_figure))) == pytest.approx(0.6)
    assert answer_margin(query, _ranked((0.9, first), (0.8, other_figure))) == pytest.approx(0.1)


@pytest.mark.parametrize("article, questions, phrase", [
    # "What was the magnitude ...?" asks for a figure like "Berapa kekuatan ...?"
    ("Gempa Cianjur | Gempa bermagnitudo 5,6 mengguncang Kabupaten Cianjur, Jawa Barat, Senin (21/11/2022) siang. "
     "Badan Nasional Penanggulangan Bencana menyebutkan korban meninggal dunia mencapai 268 orang.",
     ("What was the magnitude of the Cianjur earthquake?", "Berapa kekuatan gempa Cianjur?"), "5,6"),
    # the head of an organisation: neither the organisation whose "Badan"/"Komisi" the entity list cut off,
    # nor a person discounted for the organisation's acronym before the name
    ("Gempa Cianjur | Badan Nasional Penanggulangan Bencana (BNPB) menyebutkan korban meninggal dunia mencapai "
     "268 orang. Kepala BNPB Suharyanto mengatakan lebih dari 58.000 warga mengungsi.",
     ("Siapa Kepala BNPB?", "Who heads the BNPB?"), "Suharyanto"),
    ("Suap | Komisi Pemberantasan Korupsi (KPK) menetapkan dua tersangka suap proyek jalan di Bengkulu. "
     "Ketua KPK Firli Bahuri mengatakan keduanya ditahan sejak Jumat.",
     ("Siapa Ketua KPK?", "Who chairs the KPK?"), "Firli Bahuri"),
])
def test_a_new_story_gets_the_answer_marked(app, article: str, questions: tuple[str, ...], phrase: str) -> None:
    added = app.handle(console.to_request("/addtext " + article))
    assert "#1" in added.title, added
    for question in questions:
        reply = app.handle(console.to_request(question))
        assert reply.items and reply.items[0].parts()[1] == phrase, (question, reply)


@pytest.mark.parametrize("question, sentence, person, organisation", [
    # the entity list drops an organisation's head it takes for a title ("Badan"): what is left is the
    # organisation, unless the question named it, and then the person after it is the answer
    ("Siapa Kepala BNPB?", "Badan Nasional Penanggulangan Bencana (BNPB) menyebutkan 268 orang meninggal. "
     "Kepala BNPB Suharyanto mengatakan 58.000 warga mengungsi.", "suharyanto", "nasional"),
    ("Siapa Kepala Badan Koordinasi Penanaman Modal?", "Masalah perizinan masih menjadi keluhan investor, kata "
     "Kepala Badan Koordinasi Penanaman Modal Thomas Lembong.", "thomas", None),
])
def test_a_person_after_an_organisation_is_the_candidate(question, sentence, person, organisation) -> None:
    from summarizer.qa import answer_candidates
    from summarizer.tokens import words

    tokens = words(sentence)
    found = {tokens[i]: strength for i, strength in
             answer_candidates(analyze_question(question), sentence, extract_entities(sentence), tokens)}
    assert found.get(person, 0) >= 0.9, found
    if organisation:
        assert found.get(organisation, 0) <= 0.2, found
