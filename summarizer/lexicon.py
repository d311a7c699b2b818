"""A small English -> Indonesian lexicon for questions asked in English, and Indonesian synonyms.

No offline bilingual dictionary on PyPI covers news vocabulary, so this list
is kept by hand: the general vocabulary of Indonesian news (politics, law and
crime, economy and business, technology, sport, entertainment, disasters,
health, education, religion, transport) and the words English questions are
made of. Topic aliases from config/topics.toml are added on top of it by the
caller. Keys are lower-case English words or phrases (up to three words);
values are Indonesian words as news prose writes them, whose stems the search
uses ("hadir" covers "menghadiri"). Several values are alternatives: a
sentence with any of them covers the word. An empty list drops the word.
A value whose stems are all Indonesian stop words ("pendapatan" -> "dapat")
is still the right word, but it only matches as the sole alternative (the
question analyser then looks for the word as written).

The entries are kept in three tables (`_WORDS`, `_NOUNS`, `_VERBS`); at import
time `EN_ID` gets them all plus the inflected forms of the nouns (plural) and
verbs (-s, -ed, -ing, irregular forms), so "introduced", "won" and
"goalkeepers" resolve with a plain dict lookup. A form listed explicitly is
never replaced by a generated one. `english_alternatives` de-inflects a word
that is still not found.
"""
from __future__ import annotations

import re

from lazy_object_proxy import Proxy

# Words that are not inflected here: names, adjectives, adverbs, numbers, dates,
# forms already inflected, phrases, and the words that only shape a question.
_WORDS: dict[str, list[str]] = {
    # --- countries, places, organisations ---------------------------------------------
    "north korea": ["korea utara"], "north korean": ["korea utara"], "north koreans": ["korea utara"],
    "south korea": ["korea selatan"], "south korean": ["korea selatan"], "south koreans": ["korea selatan"],
    "pyongyang": ["pyongyang"], "korean": ["korea"], "koreans": ["korea"],
    "russia": ["rusia"], "russian": ["rusia"], "russians": ["rusia"], "moscow": ["moskow"],
    "ukraine": ["ukraina"], "ukrainian": ["ukraina"], "ukrainians": ["ukraina"], "kyiv": ["kyiv"],
    "united states": ["amerika serikat", "as"], "us": ["as", "amerika serikat"], "u.s.": ["as", "amerika serikat"],
    "usa": ["as", "amerika serikat"], "america": ["amerika"], "american": ["amerika"], "americans": ["amerika"],
    "china": ["tiongkok", "china"], "chinese": ["tiongkok", "china"], "iran": ["iran"], "iranian": ["iran"],
    "germany": ["jerman"], "german": ["jerman"], "britain": ["inggris"], "british": ["inggris"],
    "uk": ["inggris"], "england": ["inggris"], "english": ["inggris"], "japan": ["jepang"],
    "japanese": ["jepang"], "france": ["prancis"], "french": ["prancis"], "spain": ["spanyol"],
    "spanish": ["spanyol"], "italy": ["italia"], "italian": ["italia"], "netherlands": ["belanda"],
    "dutch": ["belanda"], "turkey": ["turki"], "turkish": ["turki"], "saudi arabia": ["arab saudi"],
    "saudi": ["arab saudi"], "egypt": ["mesir"], "egyptian": ["mesir"], "india": ["india"], "indian": ["india"],
    "israel": ["israel"], "israeli": ["israel"], "syria": ["suriah"], "syrian": ["suriah"], "poland": ["polandia"],
    "polish": ["polandia"], "belgium": ["belgia"], "belgian": ["belgia"], "norway": ["norwegia"],
    "norwegian": ["norwegia"], "sweden": ["swedia"], "swedish": ["swedia"], "finland": ["finlandia"],
    "finnish": ["finlandia"], "denmark": ["denmark"], "danish": ["denmark"], "ireland": ["irlandia"],
    "irish": ["irlandia"], "scotland": ["skotlandia"], "scottish": ["skotlandia"], "greece": ["yunani"],
    "greek": ["yunani"], "portuguese": ["portugal"], "hungary": ["hungaria"], "hungarian": ["hungaria"],
    "czech": ["ceko"], "czech republic": ["ceko"], "croatia": ["kroasia"], "croatian": ["kroasia"],
    "romania": ["rumania"], "switzerland": ["swiss"], "austrian": ["austria"],
    "australia": ["australia"], "australian": ["australia"], "canada": ["kanada"], "canadian": ["kanada"],
    "new zealand": ["selandia baru"], "brazil": ["brasil"], "brazilian": ["brasil"], "argentina": ["argentina"],
    "argentine": ["argentina"], "argentinian": ["argentina"], "mexico": ["meksiko"], "mexican": ["meksiko"],
    "colombia": ["kolombia"], "colombian": ["kolombia"], "chile": ["chili", "cile"], "cuba": ["kuba"],
    "latin america": ["amerika latin"], "thailand": ["thailand"], "thai": ["thailand"], "malaysia": ["malaysia"],
    "malaysian": ["malaysia"], "singapore": ["singapura"], "singaporean": ["singapura"],
    "philippines": ["filipina"], "philippine": ["filipina"], "filipino": ["filipina"], "vietnam": ["vietnam"],
    "vietnamese": ["vietnam"], "cambodia": ["kamboja"], "cambodian": ["kamboja"], "burmese": ["myanmar"],
    "taiwanese": ["taiwan"], "bruneian": ["brunei"], "east timor": ["timor leste"], "timorese": ["timor leste"],
    "papua new guinea": ["papua nugini"], "indonesia": ["indonesia"], "indonesian": ["indonesia"],
    "indonesians": ["indonesia"], "iraq": ["irak"], "iraqi": ["irak"], "afghan": ["afghanistan"],
    "pakistani": ["pakistan"], "bangladeshi": ["bangladesh"], "jordan": ["yordania"], "jordanian": ["yordania"],
    "lebanese": ["lebanon"], "palestine": ["palestina"], "palestinian": ["palestina"],
    "palestinians": ["palestina"], "yemen": ["yaman"], "yemeni": ["yaman"], "qatari": ["qatar"],
    "united arab emirates": ["uni emirat arab", "uea"], "uae": ["uea", "uni emirat arab"], "emirati": ["uea"],
    "morocco": ["maroko"], "moroccan": ["maroko"], "algeria": ["aljazair"], "ethiopia": ["etiopia"],
    "south africa": ["afrika selatan"], "south african": ["afrika selatan"], "nigerian": ["nigeria"],
    "kenyan": ["kenya"], "europe": ["eropa"], "european": ["eropa"], "asia": ["asia"], "asian": ["asia"],
    "southeast asia": ["asia tenggara"], "africa": ["afrika"], "african": ["afrika"], "arab": ["arab"],
    "middle east": ["timur tengah"], "far east": ["timur jauh"],
    "west": ["barat"], "western": ["barat"], "east": ["timur"], "eastern": ["timur"],
    "north": ["utara"], "northern": ["utara"], "south": ["selatan"], "southern": ["selatan"],
    "central": ["tengah", "pusat"], "southwest": ["barat daya"], "southwestern": ["barat daya"],
    "southeast": ["tenggara"], "southeastern": ["tenggara"], "northeast": ["timur laut"],
    "northeastern": ["timur laut"], "northwest": ["barat laut"], "northwestern": ["barat laut"],
    "central java": ["jawa tengah"], "east java": ["jawa timur"], "west java": ["jawa barat"],
    # English spellings that differ from the Indonesian names
    "java": ["jawa"], "javanese": ["jawa"], "sumatra": ["sumatera"], "borneo": ["kalimantan"],
    "moluccas": ["maluku"], "celebes": ["sulawesi"], "balinese": ["bali"], "sundanese": ["sunda"],
    "papuan": ["papua"], "riau islands": ["kepulauan riau", "kepri"], "jogja": ["yogyakarta", "jogja"],
    "greater jakarta": ["jabodetabek"], "jakartans": ["jakarta"],
    "un": ["pbb"], "united nations": ["pbb"], "security council": ["dewan keamanan"], "nato": ["nato"],
    "white house": ["gedung putih"], "kremlin": ["kremlin"], "pentagon": ["pentagon"],
    "eu": ["uni eropa"], "european union": ["uni eropa"],
    "korean peninsula": ["semenanjung korea"], "jakarta": ["jakarta"], "paris": ["paris"],
    # Indonesian institutions by their English names
    "house of representatives": ["dpr"], "people consultative assembly": ["mpr"],
    "regional representative council": ["dpd"], "regional house": ["dprd"],
    "election commission": ["kpu"], "elections commission": ["kpu"], "general elections commission": ["kpu"],
    "election supervisory agency": ["bawaslu"], "elections supervisory agency": ["bawaslu"],
    "election supervisory body": ["bawaslu"], "corruption eradication commission": ["kpk"],
    "anti-graft agency": ["kpk"], "anti-corruption agency": ["kpk"], "national police": ["polri"],
    "attorney general": ["jaksa agung", "kejaksaan agung"], "supreme court": ["mahkamah agung"],
    "constitutional court": ["mahkamah konstitusi"], "district court": ["pengadilan negeri"],
    "audit board": ["bpk"], "financial services authority": ["ojk"], "statistics indonesia": ["bps"],
    "statistics agency": ["bps"], "meteorological agency": ["bmkg"], "weather agency": ["bmkg"],
    "disaster management agency": ["bnpb", "bpbd"], "disaster mitigation agency": ["bnpb", "bpbd"],
    "search and rescue": ["sar", "basarnas"], "rescue agency": ["basarnas", "sar"],
    "narcotics agency": ["bnn"], "national narcotics agency": ["bnn"],
    "state-owned": ["bumn", "milik negara"], "state-owned enterprise": ["bumn"],
    "state-owned enterprises": ["bumn"], "state budget": ["apbn"], "regional budget": ["apbd"],
    "central bank": ["bank sentral"], "stock exchange": ["bursa efek", "bei"],
    "indonesia stock exchange": ["bei", "bursa efek indonesia"],
    # --- offices and people (already inflected or phrases) --------------------------------
    "president-elect": ["presiden terpilih"], "vice-president": ["wakil presiden"],
    "secretary-general": ["sekretaris jenderal", "sekjen"], "co-founder": ["pendiri"], "co-founders": ["pendiri"],
    "ex-wife": ["mantan istri"], "ex-husband": ["mantan suami"], "ex-girlfriend": ["mantan kekasih"],
    "ex-boyfriend": ["mantan kekasih"], "runner-up": ["runner-up", "juara kedua"], "people": ["orang"],
    "residents": ["warga"], "citizens": ["warga"], "farmers": ["petani"], "workers": ["pekerja", "buruh"],
    "migrants": ["migran"], "tourists": ["wisatawan"], "athletes": ["atlet"], "volunteers": ["relawan"],
    "students": ["mahasiswa"], "pupils": ["siswa"], "teachers": ["guru"], "investors": ["investor"],
    "fans": ["penggemar", "fans", "suporter"], "players": ["pemain"], "children": ["anak"], "child": ["anak"],
    "women": ["perempuan", "wanita"], "woman": ["perempuan", "wanita"], "men": ["pria", "laki-laki"],
    # Sport writes a women's or men's team, event or pair as "putri", "putra" ("tim voli putri").
    "women's": ["putri", "perempuan", "wanita"], "men's": ["putra", "pria"],
    "man": ["pria", "laki-laki"], "servicemen": ["tentara", "personel"], "personnel": ["personel"],
    "police": ["polisi", "polri", "kepolisian"], "police chief": ["kapolri", "kapolda", "kapolres", "kapolsek"],
    "staff": ["staf"], "chief of staff": ["kepala staf"],
    # --- time ------------------------------------------------------------------------------
    "today": ["hari ini"], "yesterday": ["kemarin"], "tomorrow": ["besok"], "tonight": ["malam ini"],
    "january": ["januari"], "february": ["februari"], "march": ["maret"], "april": ["april"],
    "june": ["juni"], "july": ["juli"], "august": ["agustus"], "september": ["september"],
    "october": ["oktober"], "november": ["november"], "december": ["desember"],
    "monday": ["senin"], "tuesday": ["selasa"], "wednesday": ["rabu"], "thursday": ["kamis"],
    "friday": ["jumat"], "saturday": ["sabtu"], "sunday": ["minggu", "ahad"],
    "weekend": ["akhir pekan"], "midnight": ["tengah malam"], "dawn": ["subuh", "dini hari", "fajar"],
    "annual": ["tahunan"], "annually": ["tahunan", "setiap tahun"], "daily": ["harian"], "monthly": ["bulanan"],
    "weekly": ["mingguan", "pekanan"], "seconds": ["detik"],
    "new year": ["tahun baru"], "chinese new year": ["imlek"], "lunar new year": ["imlek"],
    "christmas": ["natal"], "easter": ["paskah"], "eid": ["lebaran", "idulfitri", "idul fitri"],
    "eid al-fitr": ["idulfitri", "idul fitri", "lebaran"], "eid al-adha": ["iduladha", "idul adha", "kurban"],
    "ramadan": ["ramadan", "ramadhan"], "ramadhan": ["ramadan", "ramadhan"],
    "independence day": ["hut ri", "hari kemerdekaan"],
    # --- numbers and order -----------------------------------------------------------------
    "two": ["dua"], "three": ["tiga"], "four": ["empat"], "five": ["lima"], "six": ["enam"], "seven": ["tujuh"],
    "eight": ["delapan"], "nine": ["sembilan"], "ten": ["sepuluh"], "eleven": ["sebelas"],
    "twelve": ["dua belas"], "fifteen": ["lima belas"], "twenty": ["dua puluh"], "thirty": ["tiga puluh"],
    "forty": ["empat puluh"], "fifty": ["lima puluh"], "hundred": ["ratus", "seratus"],
    "hundreds": ["ratusan"], "thousand": ["ribu", "seribu"], "thousands": ["ribuan"],
    "million": ["juta"], "millions": ["jutaan"], "billion": ["miliar"], "trillion": ["triliun"],
    "dozen": ["lusin"], "dozens": ["puluhan"], "half": ["setengah", "separuh", "babak", "paruh"],
    "first": ["pertama", "perdana"], "second": ["kedua"], "third": ["ketiga"],
    "fourth": ["keempat"], "fifth": ["kelima"], "sixth": ["keenam"], "seventh": ["ketujuh"],
    "eighth": ["kedelapan"], "ninth": ["kesembilan"], "tenth": ["kesepuluh"], "last": ["akhir"],
    "percent": ["persen"], "per cent": ["persen"], "percentage": ["persentase", "persen"],
    "average": ["rata-rata"], "maximum": ["maksimal", "maksimum"], "minimum": ["minimal", "minimum"],
    "total": ["total", "jumlah"], "square kilometers": ["kilometer persegi", "km2"],
    "square kilometres": ["kilometer persegi", "km2"], "square meters": ["meter persegi", "m2"],
    "square metres": ["meter persegi", "m2"], "km": ["km", "kilometer"], "kg": ["kg", "kilogram"],
    # --- qualities -----------------------------------------------------------------------------
    "new": ["baru"], "newest": ["terbaru"], "latest": ["terbaru"], "old": ["usia"], "oldest": ["tertua", "sulung"],
    "young": ["muda"], "younger": ["muda", "adik"], "youngest": ["termuda", "bungsu"], "older": ["tua", "kakak"],
    "elder": ["tua", "kakak", "sulung"], "big": ["besar"], "bigger": ["besar"], "biggest": ["besar", "terbesar"],
    "large": ["besar"], "larger": ["besar"], "largest": ["besar", "terbesar"], "small": ["kecil"],
    "smaller": ["kecil"], "smallest": ["kecil", "terkecil"], "strong": ["kuat"], "stronger": ["kuat"],
    "strongest": ["kuat", "terkuat"], "high": ["tinggi"], "higher": ["tinggi"], "highest": ["tinggi", "tertinggi"],
    "tall": ["tinggi"], "taller": ["tinggi"], "tallest": ["tinggi", "tertinggi"], "low": ["rendah"],
    "lower": ["rendah", "turun"], "lowest": ["rendah", "terendah"], "long": ["panjang"], "longer": ["panjang"],
    "longest": ["panjang", "terpanjang"], "short": ["pendek", "singkat"], "shortest": ["pendek", "singkat"],
    "wide": ["lebar"], "widest": ["lebar"], "deep": ["kedalaman"], "deepest": ["kedalaman"],
    "heavy": ["berat", "lebat", "deras"], "heaviest": ["berat", "terberat"], "fast": ["cepat"],
    "faster": ["cepat"], "fastest": ["cepat"], "slow": ["lambat", "pelan"], "slowest": ["lambat"],
    "early": ["awal", "dini"], "earliest": ["awal"], "late": ["akhir", "telat", "terlambat", "almarhum"],
    "expensive": ["mahal"], "most expensive": ["mahal", "termahal"], "cheap": ["murah"], "cheapest": ["murah", "termurah"],
    "affordable": ["terjangkau", "murah"], "rich": ["kaya"], "richest": ["kaya", "terkaya"],
    "wealthy": ["kaya"], "poor": ["miskin"], "poorest": ["miskin", "termiskin"], "popular": ["populer", "laris"],
    "famous": ["terkenal", "tenar", "populer"], "well-known": ["terkenal", "ternama"],
    "best-selling": ["terlaris", "laris"], "best": ["terbaik"], "worst": ["terburuk", "buruk"], "bad": ["buruk"],
    "important": ["penting"], "main": ["utama", "main"], "major": ["besar", "utama"], "key": ["kunci", "utama"],
    "full": ["penuh"], "empty": ["kosong"], "private": ["swasta", "pribadi"], "illegal": ["ilegal", "liar"],
    "legal": ["legal", "hukum", "sah"], "wild": ["liar"], "dangerous": ["bahaya", "berbahaya"],
    "safe": ["aman", "selamat"], "severe": ["parah", "berat"], "serious": ["serius", "parah", "berat"],
    "hot": ["panas"], "cold": ["dingin"], "dry": ["kering"], "wet": ["basah"], "red": ["merah"],
    "white": ["putih"], "black": ["hitam"], "green": ["hijau"], "blue": ["biru"], "yellow": ["kuning"],
    "female": ["perempuan", "wanita", "putri"], "male": ["laki-laki", "pria", "putra"],
    "national": ["nasional"], "international": ["internasional"], "local": ["lokal", "daerah"],
    "regional": ["daerah", "regional", "wilayah"], "global": ["global", "dunia"], "foreign": ["asing", "luar negeri"],
    "domestic": ["domestik", "dalam negeri"], "economic": ["ekonomi"], "financial": ["keuangan", "finansial"],
    "political": ["politik"], "social": ["sosial"], "religious": ["agama", "religius"], "military": ["militer"],
    "nuclear": ["nuklir"], "ballistic": ["balistik"], "psychological": ["psikologis"], "digital": ["digital"],
    "electric": ["listrik"], "online": ["daring", "online"], "offline": ["luring", "offline"],
    "virtual assistant": ["asisten virtual"], "artificial intelligence": ["kecerdasan buatan", "ai"],
    "ai": ["ai", "kecerdasan buatan"], "mobile": ["seluler", "ponsel"], "wireless": ["nirkabel"],
    "positive": ["positif"], "negative": ["negatif"], "available": ["tersedia"],
    "responsible": ["tanggung jawab"], "involved": ["terlibat"], "located": ["letak", "lokasi"],
    "situated": ["letak", "lokasi"], "based": ["berbasis", "markas"], "known": ["kenal", "dikenal"],
    "known as": ["dikenal", "julukan"], "nicknamed": ["julukan", "dijuluki"], "called": ["nama", "juluk", "panggil"],
    "named": ["nama", "tunjuk"], "entitled": ["judul", "bertajuk"], "titled": ["judul", "bertajuk"],
    "pregnant": ["hamil"], "married": ["nikah", "menikah"], "divorced": ["cerai"], "single": ["lagu", "singel", "single"],
    "former": ["mantan"], "ex": ["mantan"], "acting": ["plt", "pelaksana tugas", "akting", "peran"],
    "full-scale": ["penuh skala"], "upcoming": ["mendatang"], "next year": ["tahun depan"],
    "last year": ["tahun lalu"], "this year": ["tahun ini"],
    # --- verb forms that are their own words ----------------------------------------------
    "said": ["kata"], "says": ["kata"], "told": ["kata"], "stated": ["nyata"], "reportedly": ["lapor"],
    "born": ["lahir"], "dead": ["tewas", "meninggal"], "death": ["tewas", "meninggal"],
    "deaths": ["tewas", "meninggal"], "wounded": ["luka"], "injured": ["luka", "cedera"],
    "casualties": ["korban"], "losses": ["hilang", "korban", "rugi"], "lost": ["hilang", "kalah"],
    "missing": ["hilang"], "aged": ["usia"], "founded": ["didirikan"], "held": ["gelar", "selenggara", "tahan"],
    # An event "is held" (digelar, berlangsung); a person "was held" (ditahan).
    "be held": ["gelar", "selenggara", "langsung", "adakan"], "being held": ["gelar", "selenggara", "langsung"],
    "struck": ["landa", "guncang", "hantam"], "fired": ["pecat", "tembak", "copot"], "released": ["rilis", "luncur", "tayang", "bebas"],
    "issued": ["terbit", "keluar"], "ruled": ["putus", "kuasa"], "questioned": ["periksa"],
    "welcomed": ["sambut"], "shipped": ["kirim"], "owned": ["milik"], "priced": ["harga", "banderol"],
    "powered": ["tenaga", "dukung"], "equipped": ["bekal", "lengkap", "semat"], "headed": ["pimpin", "kepala"],
    "starring": ["bintang", "main", "peran"], "starred": ["bintang", "main", "peran"],
    "dating": ["pacar", "kencan"], "engaged": ["tunang", "lamar"], "sworn": ["sumpah", "lantik"],
    "caused": ["picu", "akibat"], "signed for": ["gabung"], "signed": ["tandatangan", "menandatangani"],
    "charging": ["isi daya", "pengisian", "charging"],
    "shares": ["saham"], "sales": ["jual", "penjualan"], "on sale": ["dijual", "jual"], "news": ["berita", "kabar"],
    "trains": ["kereta", "latih"], "stadiums": ["stadion"], "drugs": ["narkoba", "narkotika"],
    "training": ["latih"], "trained": ["latih"], "meeting": ["temu", "rapat"],
    "fighting": ["perang", "tempur"], "fought": ["perang", "tempur"], "killed": ["bunuh", "tewas"],
    "attacked": ["serang"], "attacks": ["serang"], "sent": ["kirim"], "deployed": ["kerah"],
    "deployment": ["kerah"], "recaptured": ["rebut"], "seized": ["rebut", "sita"], "captured": ["rebut", "tangkap"],
    "talks": ["bicara", "runding"], "negotiations": ["runding"], "charged": ["sangka", "dakwa", "jerat"],
    "accused": ["tuduh", "dakwa"], "warned": ["peringat"], "denied": ["tolak", "sangkal"],
    "launching": ["luncur"], "scored": ["cetak"], "goals": ["gol"], "points": ["poin"],
    "costs": ["biaya"], "exports": ["ekspor"], "imports": ["impor"], "defeated": ["kalah"],
    "won": ["menang"], "met": ["temu"], "left": ["tinggal"], "found": ["temu"], "taken": ["ambil"],
    "built": ["bangun"], "paid": ["bayar"], "completed": ["selesai"], "finished": ["selesai", "finis"],
    "directed": ["sutradara"], "developed": ["kembang"], "developer": ["kembang", "pengembang", "developer"],
    "exhibited": ["pamer"], "evacuated": ["ungsi"], "refugees": ["ungsi"], "victims": ["korban"],
    "patients": ["pasien"], "pilgrims": ["jemaah"], "floods": ["banjir"], "missiles": ["rudal"],
    "rockets": ["roket"], "drones": ["drone"], "tanks": ["tank"], "weapons": ["senjata"], "arms": ["senjata"],
    "units": ["unit"], "brigades": ["brigade"], "troops": ["tentara", "pasukan"], "soldiers": ["tentara", "prajurit"],
    "forces": ["pasukan"], "sanctions": ["sanksi"], "defectors": ["belot"], "veterans": ["veteran"],
    "flags": ["bendera"], "trenches": ["parit"], "allies": ["sekutu"], "diplomats": ["diplomat"],
    "officials": ["pejabat"], "estimates": ["kira"], "claims": ["klaim"], "reports": ["lapor"],
    "plans": ["rencana"], "supplies": ["pasok"], "supported": ["dukung"], "weeks": ["minggu", "pekan"],
    "days": ["hari"], "months": ["bulan"], "years": ["tahun"], "awards": ["penghargaan"],
    # --- words that only shape an English question ------------------------------------
    "many": [], "much": [], "according": [], "according to": [], "hit": [], "did": [], "does": [],
    "do": [], "was": [], "were": [], "is": [], "are": [], "be": [], "been": [], "has": [], "have": [],
    "had": [], "will": [], "would": [], "could": [], "can": [], "its": [], "their": [], "his": [], "her": [],
    "into": [], "near": ["dekat"], "against": ["lawan"], "with": [], "by": [], "from": [], "for": [],
    "syndicated": ["sindikasi"], "syndication": ["sindikasi"], "sang": ["nyanyi", "bawa", "sang"], "voting": ["suara", "pilih", "coblos", "voting"], "ready": ["siap"], "suicide": ["bunuh diri"], "died": ["tewas", "meninggal"],
    "holding": ["gelar", "selenggara", "tahan", "holding"], "elderly": ["lansia", "lanjut usia"], "causing": ["picu", "akibat"], "fined": ["denda"], "stored": ["simpan"],
    "boarded": ["naik"], "landed": ["darat", "mendarat"], "trafficked": ["perdagangkan", "selundup"],
    "suspected": ["duga", "tersangka"], "allegedly": ["duga"], "alleged": ["duga"], "founding": ["didirikan"],
    "shipping": ["kirim", "pelayaran"], "chaired": ["pimpin", "ketua"], "coached": ["latih", "asuh", "besut"],
    "coaching": ["latih", "pelatih"], "booked": ["pesan"], "featured": ["fitur", "bekal", "tampil"],
    "featuring": ["fitur", "bekal", "tampil"], "displayed": ["pamer", "tampil"], "filmed": ["rekam", "syuting"],
    "filming": ["syuting", "rekam"], "awarded": ["anugerah", "penghargaan", "raih"], "rated": ["nilai"],
    "landing": ["darat", "pendaratan"], "transported": ["angkut"], "parked": ["parkir"], "bombed": ["bom"],
    "bombing": ["bom", "pengeboman"], "hosted": ["selenggara", "gelar", "tuan rumah"],
    "hosting": ["selenggara", "gelar", "tuan rumah"], "owns": ["milik"],
    "approximately": [], "roughly": [], "recently": [], "exact": [], "specific": [], "kind": [],
}

# Nouns: the plural is added at import time ("goalkeeper" -> "goalkeepers"; the
# last word of a phrase: "toll road" -> "toll roads").
_NOUNS: dict[str, list[str]] = {
    # --- war and security -------------------------------------------------------------
    "troop": ["tentara", "pasukan"], "soldier": ["tentara", "prajurit"], "force": ["pasukan"],
    "army": ["tentara", "militer"], "armed forces": ["angkatan bersenjata", "tni"], "infantry": ["infanteri"],
    "unit": ["unit"], "brigade": ["brigade"], "wave": ["gelombang"], "war": ["perang"],
    "battle": ["tempur", "perang"], "combat": ["tempur"], "battlefield": ["medan perang"],
    "front": ["garis depan"], "front line": ["garis depan"], "offensive": ["serang"], "incursion": ["serang"],
    "counteroffensive": ["serang balik"], "invasion": ["invasi"], "defense": ["pertahanan"],
    "defence": ["pertahanan"], "region": ["wilayah"], "border": ["batas", "perbatasan"],
    "territory": ["wilayah"], "area": ["wilayah", "kawasan", "luas", "area"], "city": ["kota"], "town": ["kota"],
    "village": ["desa", "kampung"], "base": ["pangkal", "markas"], "missile": ["rudal"], "rocket": ["roket"],
    "drone": ["drone"], "tank": ["tank"], "artillery": ["artileri"], "ammunition": ["amunisi"],
    "weapon": ["senjata"], "gun": ["senjata api", "senpi", "pistol"], "firearm": ["senjata api", "senpi"],
    "knife": ["pisau"], "bullet": ["peluru"], "intelligence": ["intelijen"], "spy": ["intelijen", "mata-mata"],
    "defector": ["belot"], "veteran": ["veteran"], "flag": ["bendera"], "trench": ["parit"],
    "escalation": ["eskalasi"], "security": ["keamanan"], "threat": ["ancam"], "alliance": ["aliansi"],
    "ally": ["sekutu"], "peninsula": ["semenanjung"], "navy": ["angkatan laut", "tni al"],
    "air force": ["angkatan udara", "tni au"], "warship": ["kapal perang"], "submarine": ["kapal selam"],
    "fighter jet": ["jet tempur", "pesawat tempur"], "ceasefire": ["gencatan senjata"],
    "hostage": ["sandera"], "terrorist": ["teroris"], "terrorism": ["terorisme"], "terror": ["teror"],
    "bomb": ["bom"], "bomber": ["bom"], "explosion": ["ledakan"], "blast": ["ledakan"],
    "conflict": ["konflik"], "refugee": ["pengungsi"], "civilian": ["warga sipil", "sipil"],
    # --- government and politics ---------------------------------------------------------
    "president": ["presiden"], "vice president": ["wakil presiden"], "prime minister": ["perdana menteri"],
    "minister": ["menteri"], "ministry": ["kementerian"], "deputy minister": ["wakil menteri", "wamen"],
    "coordinating minister": ["menteri koordinator", "menko"], "foreign minister": ["menteri luar negeri"],
    "foreign secretary": ["menteri luar negeri"], "secretary of state": ["menteri luar negeri"],
    "defense minister": ["menteri pertahanan"], "defence minister": ["menteri pertahanan"],
    "defense secretary": ["menteri pertahanan"], "defence secretary": ["menteri pertahanan"],
    "secretary": ["sekretaris"], "secretary general": ["sekretaris jenderal", "sekjen"], "general": ["jenderal"],
    "chief": ["kepala"], "head": ["kepala"], "leader": ["pimpin"], "leadership": ["pimpin"],
    "commander": ["komandan"], "spokesperson": ["juru bicara"], "spokesman": ["juru bicara"],
    "spokeswoman": ["juru bicara"], "ambassador": ["duta besar"], "envoy": ["utus"], "diplomat": ["diplomat"],
    "official": ["pejabat"], "government": ["pemerintah"], "cabinet": ["kabinet"], "governor": ["gubernur"],
    "deputy governor": ["wakil gubernur", "wagub"], "mayor": ["wali kota"], "deputy mayor": ["wakil wali kota"],
    "regent": ["bupati"], "deputy regent": ["wakil bupati"], "regional head": ["kepala daerah"],
    "village head": ["kepala desa", "kades"], "deputy": ["wakil"], "vice": ["wakil"],
    "chairman": ["ketua"], "chairwoman": ["ketua"], "chairperson": ["ketua"], "chair": ["ketua"],
    "general chairman": ["ketua umum", "ketum"], "speaker": ["ketua", "pembicara"],
    "king": ["raja"], "queen": ["ratu"], "prince": ["pangeran"], "princess": ["putri"],
    "crown prince": ["putra mahkota"], "monarch": ["raja"],
    "parliament": ["parlemen", "dpr"], "congress": ["kongres"], "senate": ["senat"], 
    "lawmaker": ["anggota dpr", "legislator", "anggota dewan"], "legislator": ["legislator", "anggota dewan"],
    "legislature": ["legislatif", "dpr"], "party": ["partai"], "political party": ["partai politik", "parpol"],
    "coalition": ["koalisi"], "opposition": ["oposisi"], "faction": ["fraksi", "faksi"],
    "member": ["anggota"], "membership": ["anggota", "keanggotaan"], "commission": ["komisi"],
    "committee": ["komite", "panitia"], "council": ["dewan"], "board": ["dewan", "naik"],
    "agency": ["badan", "kantor"], "news agency": ["kantor berita"], "institution": ["lembaga", "institusi"],
    "organization": ["organisasi"], "organisation": ["organisasi"], "department": ["departemen", "dinas"],
    "office": ["kantor"], "civil servant": ["asn", "pns"], "bureaucracy": ["birokrasi"],
    "election": ["pilih", "pemilu", "pilkada"], "general election": ["pemilu", "pemilihan umum"],
    "presidential election": ["pilpres", "pemilihan presiden"], "regional election": ["pilkada"],
    "legislative election": ["pileg", "pemilihan legislatif"], "candidate": ["calon", "kandidat", "paslon"],
    "presidential candidate": ["capres", "calon presiden"], "running mate": ["cawapres", "pasangan", "wakil"],
    "vice presidential candidate": ["cawapres", "calon wakil presiden"], "voter": ["pemilih"],
    "turnout": ["partisipasi"], "ballot": ["surat suara"], "polling station": ["tps"],
    "poll": ["survei", "jajak pendapat", "polling"], "pollster": ["lembaga survei"], "survey": ["survei"],
    "electability": ["elektabilitas"], "popularity": ["popularitas"], "approval rating": ["kepuasan", "approval rating"],
    "term": ["periode", "masa jabatan"], "policy": ["kebijakan"], "regulation": ["peraturan", "regulasi"],
    "rule": ["aturan", "peraturan"], "law": ["hukum", "uu"], "bill": ["ruu", "tagihan"],
    "constitution": ["konstitusi", "uud"], "decree": ["keputusan", "dekret", "perpres", "keppres"],
    "government regulation": ["peraturan pemerintah"], "province": ["provinsi"], "regency": ["kabupaten"],
    "district": ["kecamatan", "distrik", "kabupaten"], "subdistrict": ["kecamatan", "kelurahan"],
    "capital": ["ibu kota"], "capital city": ["ibu kota"], "state": ["negara"], "country": ["negara"],
    "nation": ["bangsa", "negara"], "public": ["publik", "umum", "masyarakat"],
    "society": ["masyarakat"], "community": ["masyarakat", "komunitas", "warga"], "citizen": ["warga"],
    "resident": ["warga", "penduduk"], "population": ["penduduk", "populasi"], "person": ["orang"],
    "protester": ["demonstran", "massa", "pengunjuk rasa"], 
    "demonstration": ["demonstrasi", "demo", "unjuk rasa"], "activist": ["aktivis"],
    "independence": ["merdeka", "kemerdekaan"], "democracy": ["demokrasi"], "corruption": ["korupsi"],
    "treaty": ["pakta", "janji"], "pact": ["pakta"], "agreement": ["sepakat"],
    "cooperation": ["kerja sama"], "peace": ["damai"], "summit": ["ktt"],
    "foreign policy": ["politik luar negeri", "kebijakan luar negeri"], "diplomacy": ["diplomasi"],
    "embassy": ["kedutaan", "kedubes"], "consulate": ["konsulat"], "passport": ["paspor"],
    "immigration": ["imigrasi"], "migrant": ["migran"], "migrant worker": ["pekerja migran", "pmi", "tki"],
    # --- law and crime -----------------------------------------------------------------
    "suspect": ["tersangka"], "defendant": ["terdakwa"], "witness": ["saksi"], "victim": ["korban"],
    "perpetrator": ["pelaku"], "culprit": ["pelaku"], "criminal": ["pelaku", "penjahat", "kriminal"],
    "crime": ["kejahatan", "kriminal", "tindak pidana"], "case": ["kasus", "perkara"],
    "judge": ["hakim"], "court": ["pengadilan", "mahkamah"], "trial": ["sidang", "persidangan", "uji coba"],
    "hearing": ["sidang"], "verdict": ["vonis", "putusan"], "ruling": ["putusan"],
    "prosecutor": ["jaksa", "penuntut"], "lawyer": ["pengacara", "advokat", "kuasa hukum"], "article": ["pasal", "artikel"], "spreader": ["penyebar"],
    "attorney": ["pengacara", "advokat", "kuasa hukum"], "legal counsel": ["kuasa hukum", "pengacara"],
    "investigation": ["selidik", "penyidikan", "usut"], "investigator": ["penyidik", "penyelidik"],
    "inquiry": ["selidik", "usut"], "evidence": ["bukti", "barang bukti"], "proof": ["bukti"],
    "prison": ["penjara", "lapas", "rutan", "bui"], 
    "prisoner": ["narapidana", "napi", "tahanan"], "inmate": ["narapidana", "napi", "warga binaan"],
    "detainee": ["tahanan"], "detention": ["tahan", "penahanan"], "fine": ["denda"],
    "penalty": ["penalti", "hukuman", "sanksi"], "death penalty": ["hukuman mati"],
    "life sentence": ["penjara seumur hidup", "seumur hidup"], "bail": ["jaminan", "penangguhan penahanan"],
    "fraud": ["penipuan", "penggelapan", "kecurangan"], "bribery": ["suap"], 
    "graft": ["korupsi", "rasuah"], "gratification": ["gratifikasi"], "money laundering": ["pencucian uang", "tppu"],
    "embezzlement": ["penggelapan"], "theft": ["pencurian", "curi"], "thief": ["pencuri", "maling"],
    "robbery": ["perampokan", "begal", "rampok"], "robber": ["perampok", "begal"], 
    "murderer": ["pembunuh"], "killer": ["pembunuh"], "homicide": ["pembunuhan"], 
    "sexual harassment": ["pelecehan seksual"], "sexual abuse": ["pelecehan seksual", "kekerasan seksual"],
    "violence": ["kekerasan"], "domestic violence": ["kdrt", "kekerasan dalam rumah tangga"],
    "bullying": ["perundungan", "bullying", "bully"],
    "kidnapping": ["penculikan", "culik"], "gambling": ["judi"], "online gambling": ["judi online", "judol"],
    "hoax": ["hoaks", "hoax"], "defamation": ["pencemaran nama baik"], "hate speech": ["ujaran kebencian"],
    "blasphemy": ["penistaan agama", "penodaan agama"], "human trafficking": ["perdagangan orang", "tppo"],
    "trafficking": ["perdagangan", "tppo", "penyelundupan"], "smuggling": ["penyelundupan"],
    "drug": ["narkoba", "narkotika", "obat"], "narcotics": ["narkotika", "narkoba"],
    "methamphetamine": ["sabu", "sabu-sabu"], "meth": ["sabu", "sabu-sabu"], "crystal meth": ["sabu", "sabu-sabu"],
    "marijuana": ["ganja"], "cannabis": ["ganja"], "ecstasy": ["ekstasi"], "cocaine": ["kokain"],
    "drug dealer": ["pengedar narkoba", "bandar narkoba"], "dealer": ["pengedar", "bandar", "diler", "dealer"],
    "gang": ["geng", "komplotan", "kawanan", "gang"], "riot": ["kerusuhan", "rusuh"], "clash": ["bentrok", "bentrokan"],
    "brawl": ["tawuran", "perkelahian", "keributan"], "illegal logging": ["pembalakan liar"],
    "officer": ["petugas", "aparat", "perwira"], 
    "checkpoint": ["pos pemeriksaan", "penyekatan"], 
    "cybercrime": ["kejahatan siber"], "hacker": ["peretas", "hacker"], "extortion": ["pemerasan"],
    # --- economy and business -------------------------------------------------------------
    "company": ["perusahaan", "emiten"], "firm": ["perusahaan"], "corporation": ["korporasi", "perusahaan"],
    "business": ["bisnis", "usaha"], "enterprise": ["usaha", "perusahaan"], "businessman": ["pengusaha"],
    "businesswoman": ["pengusaha"], "entrepreneur": ["pengusaha", "wirausaha"], "tycoon": ["konglomerat", "taipan"],
    "small business": ["umkm", "usaha kecil"], "msme": ["umkm"], "sme": ["umkm"],
    "subsidiary": ["anak usaha", "anak perusahaan"], "parent company": ["induk usaha", "induk perusahaan"],
    "holding company": ["holding", "induk usaha"], "group": ["grup", "kelompok"],
    "conglomerate": ["konglomerat", "grup"], "brand": ["merek", "brand", "jenama"], "product": ["produk"],
    "service": ["layanan", "jasa"], "customer": ["pelanggan", "konsumen", "nasabah"],
    "consumer": ["konsumen"], "client": ["klien", "nasabah"], "user": ["pengguna"], "partner": ["mitra", "rekan"],
    "partnership": ["kemitraan", "kerja sama"], "shareholder": ["pemegang saham"],
    "stake": ["saham", "kepemilikan"], "stock": ["saham", "stok"], "share price": ["harga saham"],
    "index": ["indeks", "ihsg"], "initial public offering": ["ipo", "penawaran umum perdana"],
    "bond": ["obligasi", "surat utang"], "dividend": ["dividen"], "asset": ["aset"], "equity": ["ekuitas"],
    "debt": ["utang", "hutang"], "loan": ["pinjaman", "kredit"], "credit": ["kredit"],
    "interest": ["bunga", "minat"], "interest rate": ["suku bunga"], "inflation": ["inflasi"],
    "deflation": ["deflasi"], "recession": ["resesi"], "growth": ["pertumbuhan", "tumbuh"],
    "economic growth": ["pertumbuhan ekonomi"], "economy": ["ekonomi", "perekonomian"],
    "gdp": ["pdb", "produk domestik bruto"], "exchange rate": ["kurs", "nilai tukar"],
    "currency": ["mata uang"], "dollar": ["dolar"], "money": ["uang"], "cash": ["tunai", "uang"],
    "funding": ["pendanaan", "dana"], "budget": ["anggar"], "allocation": ["alokasi"],
    "revenue": ["pendapatan", "penerimaan", "omzet"], "income": ["pendapatan", "penghasilan"],
    "profit": ["laba", "untung", "profit"], "net profit": ["laba bersih"], "loss": ["rugi", "kalah", "hilang"],
    "sale": ["jual", "penjualan"], "price": ["harga"], 
    "fee": ["biaya", "tarif", "mahar"], "transfer fee": ["biaya transfer", "mahar"], "fare": ["tarif", "ongkos"],
    "ticket": ["tiket", "karcis"], "toll": ["tol"], "toll road": ["tol"], "tariff": ["tarif", "bea"],
    "tax": ["pajak"], "vat": ["ppn"], "value added tax": ["ppn"], "income tax": ["pph", "pajak penghasilan"],
    "customs": ["bea cukai"], "excise": ["cukai"], "trade balance": ["neraca perdagangan"],
    "deficit": ["defisit"], "market": ["pasar"], "marketplace": ["marketplace", "lokapasar", "e-commerce"],
    "shop": ["toko"], "store": ["toko", "simpan"], "mall": ["mal", "mall"], "shopping": ["belanja"],
    "factory": ["pabrik"], "plant": ["pabrik", "tanaman", "pembangkit"], "industry": ["industri"],
    "manufacturer": ["produsen", "pabrikan"], "producer": ["produser", "produsen"], "supplier": ["pemasok"],
    "retail": ["ritel", "eceran", "retail"], "retailer": ["peritel", "ritel"], "wholesale": ["grosir"],
    "production": ["produksi"], "output": ["produksi", "hasil"], "capacity": ["kapasitas", "daya tampung"],
    "quota": ["kuota"], "contract": ["kontrak"], "tender": ["tender", "lelang"], "auction": ["lelang"],
    "project": ["proyek"], "infrastructure": ["infrastruktur"], "construction": ["pembangunan", "konstruksi"],
    "development": ["pembangunan", "pengembangan"], "programme": ["program"], "startup": ["startup", "rintisan"],
    "start-up": ["startup", "rintisan"], "founder": ["pendiri"], "ceo": ["ceo", "dirut", "direktur"],
    "chief executive": ["ceo", "dirut", "direktur"], "president director": ["direktur utama", "dirut", "presiden direktur"],
    "commissioner": ["komisaris", "komisioner"], "executive": ["eksekutif"], "director": ["direktur", "sutradara"],
    "managing director": ["direktur pelaksana", "direktur utama"], "manager": ["manajer"], "owner": ["pemilik"],
    "boss": ["bos", "pimpin"], "employee": ["karyawan", "pegawai"], "worker": ["pekerja", "buruh", "karyawan"],
    "labor union": ["serikat pekerja", "serikat buruh"], "trade union": ["serikat pekerja", "serikat buruh"],
    "wage": ["upah", "gaji"], "minimum wage": ["upah minimum", "ump", "umk"], "salary": ["gaji"],
    "pension": ["pensiun"], "layoff": ["phk", "pemutusan hubungan kerja"], "unemployment": ["pengangguran"],
    "job": ["kerja", "pekerjaan", "lapangan kerja"], "poverty": ["miskin", "kemiskinan"],
    "welfare": ["sejahtera", "kesejahteraan"], "social assistance": ["bansos", "bantuan sosial"],
    "subsidy": ["subsidi"], "fuel": ["bbm", "bahan bakar"], "gasoline": ["bensin", "bbm"],
    "petrol": ["bensin", "bbm"], "diesel": ["solar", "diesel"], "electricity": ["listrik"],
    "power plant": ["pembangkit listrik", "pltu"], "blackout": ["pemadaman", "padam"], "power": ["kuasa", "daya", "tenaga"],
    "energy": ["energi"], "renewable energy": ["energi terbarukan"], "solar panel": ["panel surya"],
    "water": ["air"], "clean water": ["air bersih"], "oil": ["minyak"], "crude oil": ["minyak mentah"],
    "palm oil": ["sawit", "cpo"], "cooking oil": ["minyak goreng", "migor"], "natural gas": ["gas alam"],
    "coal": ["batu bara", "batubara"], "nickel": ["nikel"], "gold": ["emas"], "silver": ["perak"],
    "bronze": ["perunggu"], "copper": ["tembaga"], "tin": ["timah"], "iron": ["besi"], "steel": ["baja"],
    "mine": ["tambang"], "mining": ["tambang", "pertambangan"], 
    "rice": ["beras", "padi", "nasi"], "sugar": ["gula"], "salt": ["garam"], "corn": ["jagung"],
    "soybean": ["kedelai"], "wheat": ["gandum"], "chili": ["cabai", "cabe"], "shallot": ["bawang merah"],
    "garlic": ["bawang putih"], "onion": ["bawang"], "egg": ["telur"], "chicken": ["ayam"],
    "beef": ["daging sapi"], "meat": ["daging"], "cow": ["sapi"], "cattle": ["sapi", "ternak"],
    "goat": ["kambing"], "fish": ["ikan"], "food": ["pangan", "makanan"], "staple food": ["sembako", "bahan pokok"],
    "fertilizer": ["pupuk"], "harvest": ["panen"], "crop": ["tanaman", "panen"], "farmer": ["petani"],
    "farm": ["pertanian", "peternakan", "kebun"], "plantation": ["kebun", "perkebunan"], "fisherman": ["nelayan"],
    "forest": ["hutan"], "animal": ["hewan", "satwa", "binatang"], "elephant": ["gajah"], "tiger": ["harimau"],
    "snake": ["ular"], "crocodile": ["buaya"], "bird": ["burung"], "dog": ["anjing"], "cat": ["kucing", "cat"],
    "monkey": ["monyet", "kera"], "turtle": ["penyu", "kura-kura"], "whale": ["paus"], "dolphin": ["lumba-lumba"],
    "rhino": ["badak"], "rhinoceros": ["badak"], "horse": ["kuda"], "pig": ["babi"], "shark": ["hiu"],
    "tree": ["pohon"], "flower": ["bunga"], "coffee": ["kopi"], "tea": ["teh"], "cocoa": ["kakao"],
    "rubber": ["karet"], "tobacco": ["tembakau"], "cigarette": ["rokok"], "alcohol": ["alkohol", "miras"],
    "finance": ["keuangan"], "investment": ["investasi", "penanaman modal"],
    "foreign investment": ["investasi asing", "penanaman modal asing"], "bank": ["bank"],
    "banking": ["perbankan", "bank"], "payment": ["pembayaran", "bayar"], "e-wallet": ["dompet digital", "e-wallet"],
    "digital wallet": ["dompet digital"], "wallet": ["dompet"], "qr code": ["kode qr", "qris", "qr"],
    "code": ["kode"], "transaction": ["transaksi"], "account": ["akun", "rekening"], "card": ["kartu"],
    "credit card": ["kartu kredit"], "insurance": ["asuransi"], "value": ["nilai"], "worth": ["nilai", "senilai"],
    "amount": ["jumlah", "besaran", "nilai"], "rate": ["tingkat", "laju", "angka"], "crisis": ["krisis"],
    "bankruptcy": ["bangkrut", "pailit"], "memorandum of understanding": ["mou", "nota kesepahaman"],
    "mou": ["mou", "nota kesepahaman"], "tourism": ["pariwisata"], "tourist": ["wisatawan", "turis", "pelancong"],
    "visitor": ["pengunjung", "wisatawan"], "restaurant": ["restoran", "rumah makan"], "destination": ["destinasi", "tujuan"],
    "expansion": ["perluasan", "ekspansi"], "acquisition": ["akuisisi", "pembelian", "ambil alih"],
    "merger": ["merger", "penggabungan"], "takeover": ["akuisisi", "ambil alih"], "sector": ["sektor"],
    "agriculture": ["pertanian"], "fisheries": ["perikanan"], "marine": ["kelautan"], "labour": ["ketenagakerjaan"],
    "labor": ["ketenagakerjaan"], "transport": ["transportasi", "perhubungan"], "religious affairs": ["agama"],
    "home affairs": ["dalam negeri"], "justice": ["hukum", "keadilan"], "education": ["pendidikan"],
    "sports": ["olahraga"], "youth": ["pemuda"], 
    # --- transport -----------------------------------------------------------------------
    "airport": ["bandara", "bandar udara"], "airline": ["maskapai"], "flight": ["penerbangan", "terbang"],
    "plane": ["pesawat"], "aircraft": ["pesawat"], "airplane": ["pesawat"], "jet": ["jet", "pesawat"],
    "helicopter": ["helikopter"], "passenger": ["penumpang"], "crew": ["kru", "awak"], "runway": ["landasan"],
    "departure": ["keberangkatan", "berangkat"], "arrival": ["tiba", "kedatangan"], "train": ["latih", "kereta"],
    "railway": ["kereta", "rel"], "railroad": ["kereta", "rel"], "rail": ["kereta", "rel"],
    "high-speed train": ["kereta cepat"], "high-speed rail": ["kereta cepat"], "commuter line": ["krl", "commuter line"],
    "commuter train": ["krl"], "station": ["stasiun"], "bus": ["bus", "bis"], "bus stop": ["halte"],
    "car": ["mobil"], "vehicle": ["kendaraan"], "motorcycle": ["sepeda motor", "motor"],
    "motorbike": ["sepeda motor", "motor"], "bicycle": ["sepeda"], "bike": ["sepeda", "motor"], "truck": ["truk"],
    "taxi": ["taksi"], "motorcycle taxi": ["ojek", "ojol"], "ride-hailing": ["ojol", "ojek online", "transportasi online"],
    "electric vehicle": ["kendaraan listrik", "mobil listrik"], "ship": ["kapal"], "boat": ["perahu", "kapal"],
    "ferry": ["feri", "kapal"], "vessel": ["kapal"], "port": ["pelabuhan"], "harbor": ["pelabuhan"],
    "harbour": ["pelabuhan"], "pier": ["dermaga"], "route": ["rute", "trayek", "jalur"], "lane": ["jalur", "lajur"],
    "line": ["jalur", "garis", "lini"], "schedule": ["jadwal"], "traffic": ["lalu lintas", "lalin"],
    "traffic jam": ["macet", "kemacetan"], "congestion": ["macet", "kemacetan"], "homecoming": ["mudik"],
    "transportation": ["transportasi", "angkutan"], "public transport": ["transportasi umum", "angkutan umum"],
    "logistics": ["logistik"], "road": ["jalan"], "street": ["jalan"], "highway": ["jalan raya", "tol"],
    "intersection": ["simpang", "persimpangan"], "tunnel": ["terowongan"], "bridge": ["jembatan"],
    "driver": ["pengemudi", "sopir", "pebalap"], "journey": ["perjalanan"], "trip": ["perjalanan"],
    # --- places and buildings -------------------------------------------------------------
    "building": ["gedung", "bangunan"], "house": ["rumah"], "home": ["rumah", "kandang"], "apartment": ["apartemen"],
    "housing": ["perumahan", "rumah"], "dam": ["bendungan", "waduk"], "tower": ["menara"], "palace": ["istana", "keraton"],
    "monument": ["monumen", "tugu"], "square": ["alun-alun", "lapangan"], "field": ["lapangan", "bidang"],
    "park": ["taman", "parkir"], "garden": ["taman", "kebun"], "beach": ["pantai"], "mountain": ["gunung"],
    "lake": ["danau"], "sea": ["laut"], "ocean": ["samudra", "samudera", "laut"], "bay": ["teluk"], "strait": ["selat"],
    "coast": ["pesisir", "pantai"], "waterfall": ["air terjun"], "cave": ["gua", "goa"], "hill": ["bukit"],
    "valley": ["lembah"], "island": ["pulau"], "river": ["sungai"], "temple": ["candi", "pura", "kuil", "klenteng", "vihara"],
    "museum": ["museum"], "place": ["tempat", "lokasi"], "location": ["lokasi", "letak"], "venue": ["lokasi", "venue", "arena"],
    "site": ["situs", "lokasi"], "room": ["ruang", "kamar"],
    # --- technology ----------------------------------------------------------------------
    "phone": ["ponsel", "hp", "telepon"], "mobile phone": ["ponsel", "hp"], "cellphone": ["ponsel", "hp"],
    "smartphone": ["smartphone", "ponsel"], "handset": ["ponsel"], "computer": ["komputer"],
    "chip": ["chip", "cip"], "processor": ["prosesor", "chipset"], "camera": ["kamera"], "lens": ["lensa"],
    "megapixel": ["megapiksel", "mp"], "display": ["layar"], "inch": ["inci"],
    "resolution": ["resolusi"], "battery": ["baterai"], "charger": ["pengisi daya", "charger"],
    "memory": ["memori"], "storage": ["penyimpanan", "memori"], "speed": ["cepat", "kecepatan", "laju"],
    "variant": ["varian"], "version": ["versi"], "series": ["seri", "serial", "series"], "generation": ["generasi"],
    "feature": ["fitur"], "specification": ["spesifikasi"], "spec": ["spesifikasi"], 
    "color": ["warna"], "colour": ["warna"], "app": ["aplikasi"], "application": ["aplikasi", "permohonan"],
    "software": ["perangkat lunak", "software"], "hardware": ["perangkat keras", "hardware"],
    "device": ["perangkat", "gawai"], "gadget": ["gawai", "gadget"], "operating system": ["sistem operasi"],
    "system": ["sistem"], "network": ["jaringan"], "signal": ["sinyal"], "connection": ["koneksi", "sambungan"],
    "personal data": ["data pribadi"], "data leak": ["kebocoran data"], "data breach": ["kebocoran data"],
    "cyberattack": ["serangan siber"], "cyber attack": ["serangan siber"], "satellite": ["satelit"],
    "space": ["antariksa", "luar angkasa", "ruang"], "technology": ["teknologi"], "innovation": ["inovasi"],
    "website": ["situs", "laman", "website"], "social media": ["media sosial", "medsos"], "follower": ["pengikut"],
    "subscriber": ["pelanggan", "subscriber"], "netizen": ["warganet"], "content": ["konten"],
    "content creator": ["kreator konten", "konten kreator"], "creator": ["kreator", "pembuat"],
    "celebrity": ["selebritas", "artis", "seleb"], "photo": ["foto"], "picture": ["foto", "gambar"],
    "image": ["gambar", "foto"], "video": ["video"], "footage": ["rekam", "rekaman"], "recording": ["rekam"],
    "audio": ["audio"], "letter": ["surat"], "laptop": ["laptop", "notebook"], 
    # --- sport -----------------------------------------------------------------------------
    "football": ["sepak bola", "sepakbola"], "soccer": ["sepak bola", "sepakbola"], "basketball": ["basket"],
    "volleyball": ["voli"], "badminton": ["bulu tangkis", "bulutangkis", "badminton"], "tennis": ["tenis"],
    "table tennis": ["tenis meja"], "boxing": ["tinju"], "boxer": ["petinju"], "martial arts": ["bela diri"],
    "swimming": ["renang"], "swimmer": ["perenang"], "athletics": ["atletik"], "marathon": ["maraton"],
    "cycling": ["balap sepeda", "sepeda"], "cyclist": ["pebalap sepeda"], "weightlifting": ["angkat besi"],
    "weightlifter": ["lifter"], "wrestling": ["gulat"], "chess": ["catur"], "esports": ["esports", "e-sports"],
    "motorsport": ["balap"], "motor racing": ["balap"], "coach": ["pelatih", "coach"], "assistant coach": ["asisten pelatih"],
    "head coach": ["pelatih"], "captain": ["kapten"], "player": ["pemain"], "striker": ["striker", "penyerang"],
    "forward": ["penyerang", "striker"], "winger": ["winger", "sayap"], "midfielder": ["gelandang"],
    "defender": ["bek", "pemain belakang"], "goalkeeper": ["kiper", "penjaga gawang"],
    "keeper": ["kiper", "penjaga gawang"], "substitute": ["cadangan", "pemain pengganti"], "squad": ["skuad"],
    "national team": ["timnas", "tim nasional"], "team": ["tim"], "club": ["klub"], "referee": ["wasit"],
    "fan": ["penggemar", "fans", "suporter"], "supporter": ["suporter", "pendukung"], "athlete": ["atlet"],
    "champion": ["juara"], "medalist": ["peraih medali"], "medallist": ["peraih medali"], "medal": ["medali"],
    "gold medal": ["medali emas"], "silver medal": ["medali perak"], "bronze medal": ["medali perunggu"],
    "goal": ["gol"], "assist": ["assist", "asis"], "free kick": ["tendangan bebas"], "header": ["sundulan"],
    "corner": ["tendangan sudut", "sudut", "pojok"], "red card": ["kartu merah"], "yellow card": ["kartu kuning"],
    "foul": ["pelanggaran"], "own goal": ["gol bunuh diri"], "match": ["laga", "tanding"],
    "game": ["laga", "tanding", "game", "gim"], "home match": ["laga kandang", "kandang"],
    "away match": ["laga tandang", "tandang"], "away game": ["laga tandang", "tandang"], "opponent": ["lawan"],
    "rival": ["rival", "lawan"], "minute": ["menit"], "half-time": ["turun minum", "jeda"],
    "extra time": ["perpanjangan waktu"], "penalty shootout": ["adu penalti"], "result": ["hasil", "skor"],
    "standings": ["klasemen"], "table": ["klasemen", "tabel", "meja"], "league table": ["klasemen"],
    "position": ["posisi", "peringkat"], "top scorer": ["topskor", "top skor", "pencetak gol terbanyak"],
    "point": ["poin"], "final": ["final"], "season": ["musim", "season"], "league": ["liga"], "cup": ["piala"],
    "world cup": ["piala dunia"], "trophy": ["trofi", "piala"], "title": ["gelar", "juara", "judul"],
    "championship": ["kejuaraan", "juara"], "tournament": ["turnamen"], "competition": ["kompetisi", "lomba"],
    "qualification": ["kualifikasi"], "qualifier": ["kualifikasi"], "group stage": ["fase grup"],
    "quarterfinal": ["perempat final"], "quarter-final": ["perempat final"], "semifinal": ["semifinal"],
    "semi-final": ["semifinal"], "round": ["babak", "putaran", "ronde"], "stadium": ["stadion", "stadium"],
    "pitch": ["lapangan"], "circuit": ["sirkuit"], "track": ["lintasan", "trek", "sirkuit"], "lap": ["lap", "putaran"],
    "rider": ["pebalap", "rider"], "racer": ["pebalap"], "teammate": ["rekan setim"], "team-mate": ["rekan setim"],
    "practice": ["latihan"], "session": ["sesi"],
    "qualifying": ["kualifikasi"], "victory": ["menang", "kemenangan"], 
    "world record": ["rekor dunia"], "federation": ["federasi"],
    "association": ["asosiasi", "persatuan", "ikatan"], "injury": ["cedera", "luka"],
    "legend": ["legenda"], "event": ["acara", "ajang", "event"], "contest": ["kontes", "lomba"],
    # --- entertainment and culture -----------------------------------------------------
    "film": ["film"], "movie": ["film"], "cinema": ["bioskop"], "movie theater": ["bioskop"],
    "movie theatre": ["bioskop"], "theater": ["bioskop", "teater"], "theatre": ["bioskop", "teater"],
    "film director": ["sutradara"], "production house": ["rumah produksi"],
    "screenwriter": ["penulis skenario"], "scriptwriter": ["penulis skenario", "penulis naskah"],
    "script": ["skenario", "naskah"], "screenplay": ["skenario"], "actor": ["aktor"], "actress": ["aktris"],
    "cast": ["pemeran", "peran"], "role": ["peran"], "lead role": ["peran utama", "pemeran utama"],
    "character": ["karakter", "tokoh", "peran"], "plot": ["alur", "cerita"], "story": ["cerita", "kisah"],
    "sequel": ["sekuel"], "horror": ["horor"], "comedy": ["komedi"], "animation": ["animasi"],
    "documentary": ["dokumenter"], "soap opera": ["sinetron"], "tv series": ["serial"], 
    "television": ["televisi"], "channel": ["kanal", "saluran", "stasiun"], "tv station": ["stasiun televisi"],
    "audience": ["penonton", "audiens", "pemirsa"], "viewer": ["penonton", "pemirsa"],
    "spectator": ["penonton", "suporter"], 
    "festival": ["festival"], "award": ["penghargaan"], "nomination": ["nominasi"], "nominee": ["nominasi", "nomine"],
    "winner": ["pemenang", "juara"], "prize": ["hadiah"], "singer": ["penyanyi"], "vocalist": ["vokalis"],
    "musician": ["musisi"], "band": ["band", "grup musik"], "song": ["lagu"], "album": ["album"],
    "music": ["musik"], "lyric": ["lirik"], "music video": ["video musik", "video klip"], "concert": ["konser"],
    "stage": ["panggung", "tahap"], "performance": ["penampilan", "kinerja", "performa"],
    "artist": ["seniman", "artis"], "idol": ["idola", "idol"], "voice actor": ["pengisi suara"],
    "dubber": ["pengisi suara"], "fashion": ["fesyen", "busana", "mode", "fashion"], "designer": ["desainer", "perancang"],
    "book": ["buku"], "novel": ["novel"], "author": ["penulis", "pengarang"], "writer": ["penulis"],
    "poet": ["penyair"], "poem": ["puisi"], "painting": ["lukisan"], "painter": ["pelukis"],
    "photographer": ["fotografer"], "exhibition": ["pamer", "pameran"], "culture": ["budaya"],
    "tradition": ["tradisi", "adat"], "art": ["seni"], "language": ["bahasa"], "dance": ["tari", "tarian"],
    "dish": ["hidangan", "masakan"], "cuisine": ["kuliner", "masakan"], "history": ["sejarah"],
    "heritage": ["warisan", "cagar budaya"],
    # --- family and people ------------------------------------------------------------------
    "wedding": ["nikah", "pernikahan"], "marriage": ["nikah", "pernikahan", "kawin"], "bride": ["pengantin"],
    "groom": ["pengantin"], "couple": ["pasangan"], "wife": ["istri"], "husband": ["suami"],
    "girlfriend": ["pacar", "kekasih"], "boyfriend": ["pacar", "kekasih"], "lover": ["kekasih"],
    "affair": ["selingkuh", "perselingkuhan"], "family": ["keluarga"],
    "son": ["putra", "anak"], "daughter": ["putri", "anak"], "father": ["ayah", "bapak"], "mother": ["ibu"],
    "parent": ["orang tua", "orangtua"], "brother": ["kakak", "adik", "saudara"],
    "sister": ["kakak", "adik", "saudari"], "sibling": ["saudara", "kakak", "adik"], "grandfather": ["kakek"],
    "grandmother": ["nenek"], "grandchild": ["cucu"], "uncle": ["paman", "om"], "aunt": ["bibi", "tante"],
    "cousin": ["sepupu"], "twin": ["kembar"], "widow": ["janda"], "orphan": ["yatim"], "baby": ["bayi"],
    "infant": ["bayi"], "toddler": ["balita"], "boy": ["bocah", "anak laki-laki"], "girl": ["gadis", "bocah", "anak perempuan"],
    "teenager": ["remaja"], "teen": ["remaja"], "adult": ["dewasa"], 
    "friend": ["teman", "kawan", "sahabat"], "neighbor": ["tetangga"], "neighbour": ["tetangga"],
    "pregnancy": ["hamil", "kehamilan"], "birth": ["lahir", "kelahiran"], "birthplace": ["tempat lahir", "kelahiran"],
    "birthday": ["ulang tahun"], "anniversary": ["hut", "ulang tahun"], "funeral": ["pemakaman", "jenazah"],
    "burial": ["pemakaman", "makam"], "grave": ["makam", "kuburan"], "tomb": ["makam"], "cemetery": ["makam", "tpu", "pemakaman"],
    "body": ["jenazah", "jasad", "mayat", "tubuh"], "corpse": ["jenazah", "jasad", "mayat"],
    "nickname": ["julukan"], "name": ["nama"], "age": ["usia"], "researcher": ["peneliti"], "scientist": ["ilmuwan", "peneliti"],
    "expert": ["ahli", "pakar"], "analyst": ["analis", "pengamat"], "observer": ["pengamat"], "volunteer": ["relawan"],
    "journalist": ["wartawan", "jurnalis"], "reporter": ["wartawan", "reporter"],
    "newspaper": ["koran", "surat kabar"], "magazine": ["majalah"],
    # --- disasters, accidents, environment ---------------------------------------------------
    "earthquake": ["gempa"], "quake": ["gempa"], "aftershock": ["gempa susulan"], "epicenter": ["pusat gempa", "episentrum"],
    "epicentre": ["pusat gempa", "episentrum"], "magnitude": ["magnitudo", "kuat"], "strength": ["kuat"],
    "depth": ["kedalaman"], "tsunami": ["tsunami"], "flash flood": ["banjir bandang"],
    "landslide": ["longsor"], "mudslide": ["longsor"], "fire": ["kebakaran", "api"],
    "wildfire": ["kebakaran hutan", "karhutla"], "forest fire": ["kebakaran hutan", "karhutla"],
    "eruption": ["letus", "erupsi"], "volcano": ["gunung", "gunung api"], "ash": ["abu"], "lava": ["lava", "lahar"],
    "drought": ["kekeringan", "kemarau"], "heatwave": ["gelombang panas"], "heat wave": ["gelombang panas"],
    "tornado": ["puting beliung", "tornado"], "whirlwind": ["puting beliung"], "wind": ["angin"], "storm": ["badai"],
    "cyclone": ["topan", "siklon"], "typhoon": ["topan"], "rain": ["hujan"], "heavy rain": ["hujan deras", "hujan lebat"],
    "rainfall": ["curah hujan", "hujan"], "weather": ["cuaca"], "temperature": ["suhu"], "climate": ["iklim"],
    "climate change": ["perubahan iklim"], "environment": ["lingkungan"], "pollution": ["polusi", "pencemaran"],
    "air pollution": ["polusi udara", "pencemaran udara"], "air quality": ["kualitas udara"],
    "waste": ["sampah", "limbah"], "garbage": ["sampah"], "trash": ["sampah"], "rubbish": ["sampah"],
    "plastic": ["plastik"], "tide": ["pasang"], "tidal wave": ["gelombang pasang"], "disaster": ["bencana"],
    "natural disaster": ["bencana alam"], "emergency": ["darurat"], "state of emergency": ["status darurat", "tanggap darurat"],
    "evacuation": ["evakuasi", "ungsi"], "evacuee": ["pengungsi"], "shelter": ["posko", "pengungsian", "penampungan"],
    "aid": ["bantu"], "assistance": ["bantu"], "relief": ["bantu", "bantuan"], "death toll": ["korban tewas", "korban jiwa"],
    "fatality": ["korban tewas", "korban jiwa"], "survivor": ["selamat", "korban selamat"], 
    "accident": ["kecelakaan"], "traffic accident": ["kecelakaan lalu lintas", "lakalantas"], "collision": ["tabrakan"],
    "rescue team": ["tim sar", "tim penyelamat"], "rescuer": ["tim sar", "petugas"],
    "outbreak": ["wabah", "klb"], "epidemic": ["wabah", "epidemi"], "pandemic": ["pandemi"],
    # --- health -----------------------------------------------------------------------------
    "health": ["sehat"], "disease": ["penyakit", "sakit"], "illness": ["penyakit", "sakit"], "patient": ["pasien"],
    "hospital": ["rumah sakit"], "clinic": ["klinik"], "health center": ["puskesmas"], "health centre": ["puskesmas"],
    "doctor": ["dokter"], "nurse": ["perawat"], "medicine": ["obat"], "medication": ["obat"], "vaccine": ["vaksin"],
    "vaccination": ["vaksinasi", "vaksin"], "dengue": ["dbd", "demam berdarah"], "tuberculosis": ["tbc", "tuberkulosis"],
    "cancer": ["kanker"], "heart attack": ["serangan jantung"], "heart": ["jantung"], "malnutrition": ["gizi buruk", "kurang gizi"],
    "nutrition": ["gizi"], "symptom": ["gejala"], "fever": ["demam"], "cough": ["batuk"], "infection": ["infeksi"],
    "mask": ["masker"], "surgery": ["operasi", "bedah"], "operation": ["operasi"], "blood": ["darah"],
    "poisoning": ["keracunan", "racun"], "poison": ["racun"], "mental health": ["kesehatan mental", "kesehatan jiwa"],
    "treatment": ["pengobatan", "perawatan"], "health insurance": ["bpjs kesehatan", "asuransi kesehatan"],
    # --- education -------------------------------------------------------------------------
    "school": ["sekolah"], "elementary school": ["sd", "sekolah dasar"], "primary school": ["sd", "sekolah dasar"],
    "junior high school": ["smp"], "high school": ["sma", "smk"], "senior high school": ["sma", "smk"],
    "vocational school": ["smk"], "university": ["universitas"], "campus": ["kampus"], "faculty": ["fakultas"],
    "lecturer": ["dosen"], "professor": ["profesor", "guru besar"], "rector": ["rektor"], "dean": ["dekan"],
    "principal": ["kepala sekolah"], "teacher": ["guru"], "student": ["siswa", "mahasiswa", "pelajar"],
    "pupil": ["siswa", "murid"], "scholarship": ["beasiswa"], "exam": ["ujian"], "examination": ["ujian", "pemeriksaan"],
    "curriculum": ["kurikulum"], "class": ["kelas"], "classroom": ["kelas"], "lesson": ["pelajaran"],
    "subject": ["mata pelajaran", "subjek"], "tuition": ["biaya kuliah", "ukt", "spp"], "degree": ["gelar", "derajat"],
    "thesis": ["skripsi", "tesis"], 
    "lecture": ["kuliah"], "science": ["ilmu", "sains"], "literacy": ["literasi"], 
    "alumnus": ["alumni", "lulusan"],
    # --- religion --------------------------------------------------------------------------
    "religion": ["agama"], "muslim": ["muslim", "islam"], "christian": ["kristen", "kristiani"],
    "catholic": ["katolik"], "buddhist": ["buddha", "budha"], "confucian": ["konghucu"],
    "mosque": ["masjid"], "church": ["gereja"], "prayer": ["doa", "salat", "sholat", "shalat"],
    "friday prayer": ["salat jumat", "sholat jumat", "jumatan"], "pilgrim": ["jemaah", "jamaah"],
    "hajj": ["haji"], "hajj pilgrim": ["jemaah haji", "jamaah haji"], "umrah": ["umrah", "umroh"],
    "pilgrimage": ["ziarah", "haji", "umrah"], "cleric": ["ulama", "kiai", "ustaz"], "ulema": ["ulama"],
    "priest": ["pastor", "pendeta", "romo"], "pope": ["paus"], "sermon": ["khotbah", "ceramah"],
    "islamic boarding school": ["pesantren", "ponpes", "pondok pesantren"], "boarding school": ["pesantren", "asrama"],
    "quran": ["alquran", "al-quran", "quran"], "koranic": ["alquran"], "fasting": ["puasa"], 
    "holiday": ["libur", "liburan"], "long weekend": ["libur panjang"], "sacrifice": ["kurban"],
    # --- question vocabulary ---------------------------------------------------------------
    "height": ["tinggi", "ketinggian"], "length": ["panjang"], "width": ["lebar"], "weight": ["berat", "bobot"],
    "size": ["ukuran", "besar"], "distance": ["jarak"], "duration": ["durasi", "lama"], "hour": ["jam"],
    "day": ["hari"], "week": ["minggu", "pekan"], "month": ["bulan"], "year": ["tahun"], "decade": ["dekade", "dasawarsa"],
    "century": ["abad"], "morning": ["pagi"], "afternoon": ["siang", "sore"], "evening": ["sore", "malam"],
    "night": ["malam"], "noon": ["siang"], "date": ["tanggal"], "period": ["periode", "masa"],
    "deadline": ["tenggat", "batas waktu"], "number": ["jumlah"], "quarter": ["kuartal", "triwulan", "seperempat"],
    "kilometer": ["kilometer", "km"], "kilometre": ["kilometer", "km"], "meter": ["meter"], "metre": ["meter"],
    "centimeter": ["sentimeter", "cm"], "centimetre": ["sentimeter", "cm"], "mile": ["mil"], "kilogram": ["kilogram", "kg"],
    "gram": ["gram"], "ton": ["ton"], "tonne": ["ton"], "liter": ["liter"], "litre": ["liter"],
    "hectare": ["hektare", "hektar", "ha"], "square kilometer": ["kilometer persegi", "km2"],
    "square meter": ["meter persegi", "m2"], "reason": ["alasan"], "purpose": ["tujuan"], "impact": ["dampak"],
    "effect": ["efek", "dampak"], "consequence": ["akibat"], "benefit": ["manfaat"], "problem": ["masalah", "persoalan", "problem"],
    "issue": ["isu", "masalah"], "solution": ["solusi"], "condition": ["kondisi", "keadaan"], "situation": ["situasi"],
    "risk": ["risiko"], "chance": ["peluang", "kesempatan"], "opportunity": ["peluang", "kesempatan"],
    "challenge": ["tantangan"], "method": ["metode", "cara"], "type": ["jenis", "tipe"], "category": ["kategori"],
    "theme": ["tema"], "topic": ["topik"], "message": ["pesan"], "information": ["informasi", "info"],
    "statement": ["pernyataan", "keterangan"], "press conference": ["konferensi pers", "jumpa pers"],
    "speech": ["pidato"], "document": ["dokumen"], "figure": ["angka", "tokoh"],
    "ground": ["tanah"], "land": ["lahan", "tanah", "darat"],
    "motive": ["motif"], "goal difference": ["selisih gol"],
}

# Verbs (and words that are both noun and verb: "attack", "visit", "vote"): the
# -s, -ed and -ing forms are added at import time, irregular ones from
# _IRREGULAR_VERBS ("win" -> "won"); a phrase inflects its first word
# ("take place" -> "took place").
_VERBS: dict[str, list[str]] = {
    # --- war and security -------------------------------------------------------------
    "send": ["kirim"], "deploy": ["kerah"], "arrive": ["tiba"], "fight": ["perang", "tempur"],
    "attack": ["serang"], "assault": ["serang", "aniaya"], "counterattack": ["serang balik"], "invade": ["invasi"],
    "launch": ["luncur", "lancar"], "recapture": ["rebut"], "seize": ["rebut", "sita"], "capture": ["rebut", "tangkap"],
    "occupy": ["duduk"], "defend": ["tahan"], "kill": ["bunuh"], "die": ["meninggal"], "wound": ["luka"],
    "destroy": ["hancur"], "shell": ["gempur", "tembak"], "explode": ["ledak"], "shoot": ["tembak"],
    "strike": ["mogok", "serang", "hantam"], "withdraw": ["tarik", "mundur"], "retreat": ["mundur"],
    "surround": ["kepung"], "liberate": ["bebas"], "threaten": ["ancam"], "defect": ["belot"],
    "escalate": ["eskalasi", "tingkat"],
    # --- reporting and speaking ----------------------------------------------------------
    "say": ["kata"], "confirm": ["konfirmasi"], "estimate": ["kira"], "claim": ["klaim"], "report": ["lapor"],
    "announce": ["umum"], "deny": ["sangkal"], "reject": ["tolak"], "warn": ["peringat"], "accuse": ["tuduh", "dakwa"],
    "reveal": ["ungkap"], "disclose": ["ungkap", "buka"], "explain": ["jelas"], "speak": ["bicara"],
    "talk": ["bicara"], "ask": ["minta", "tanya"], "request": ["minta", "mohon"], "answer": ["jawab"],
    "reply": ["balas", "jawab"], "respond": ["tanggap", "respons", "jawab"], "comment": ["komentar", "tanggap"],
    "admit": ["mengakui"], "confess": ["mengaku"], "apologize": ["maaf"], "apologise": ["maaf"],
    "praise": ["puji", "apresiasi"], "blame": ["tuding", "salahkan"], "condemn": ["kecam", "kutuk"],
    "criticize": ["kritik"], "criticise": ["kritik"], "urge": ["desak", "minta", "imbau"],
    "demand": ["tuntut", "desak", "minta"], "promise": ["janji"],
    "pledge": ["janji", "ikrar"], "discuss": ["bahas", "diskusi"], "debate": ["debat"], "describe": ["gambar"],
    "call": ["panggil", "telepon"], 
    "predict": ["prediksi", "kira"], "forecast": ["prakira", "prediksi", "ramal"], 
    "publish": ["terbit"], "broadcast": ["siar", "tayang"], "post": ["unggah", "posting"],
    "share": ["bagi", "saham"], "quote": ["kutip"], "mention": [],
    # --- politics and government ------------------------------------------------------------
    "elect": ["pilih"], "vote": ["suara", "pilih", "coblos"], "campaign": ["kampanye"],
    "nominate": ["calon", "usung"], "endorse": ["dukung", "usung"], "inaugurate": ["lantik", "resmi"],
    "appoint": ["angkat", "tunjuk"], "dismiss": ["copot", "pecat", "berhentikan"],
    "sack": ["pecat", "copot"], "resign": ["mundur", "undur"], "step down": ["mundur", "undur"],
    "lead": ["pimpin"], "govern": ["perintah"], "regulate": ["atur"], "propose": ["usul", "lamar"],
    "approve": ["setuju", "sah"], "ratify": ["ratifikasi", "sah"], "enact": ["sah", "terbit"],
    "implement": ["terap", "laksana"], "enforce": ["tegak", "terap"], "revise": ["revisi", "ubah"],
    "amend": ["ubah", "revisi", "amandemen"], "reshuffle": ["reshuffle", "rombak"], "protest": ["protes", "demo", "demonstrasi", "unjuk rasa"],
    "demonstrate": ["demonstrasi", "demo", "unjuk rasa"], "rally": ["aksi", "demo", "unjuk rasa"],
    "agree": ["sepakat", "setuju"], "oppose": ["tolak", "lawan"], "accept": ["terima"], "receive": ["terima"],
    "allow": ["izin"], "permit": ["izin"], "prohibit": ["larang"], "ban": ["larang", "ban"], "forbid": ["larang"],
    "declare": ["nyata", "umum"], "establish": ["bentuk", "dirikan"], "form": ["bentuk"], "set up": ["bentuk", "dirikan"],
    "plan": ["rencana"], "prepare": ["siap"], "negotiate": ["runding"], "sign": ["tandatangan", "menandatangani"],
    "cooperate": ["kerja sama"], "collaborate": ["kolaborasi", "kerja sama"], "meet": ["temu"],
    "visit": ["kunjung"], "join": ["gabung"], "leave": ["tinggal"], "return": ["kembali"], "mediate": ["mediasi"],
    "sanction": ["sanksi"], "impose": ["kena", "terap", "jatuh"], "subsidize": ["subsidi"], "subsidise": ["subsidi"],
    "serve": ["layan", "jabat", "tugas"], "take office": ["jabat", "lantik"], 
    "order": ["perintah", "pesan"], "instruct": ["instruksi", "perintah"], "evaluate": ["evaluasi"],
    "welcome": ["sambut"], "celebrate": ["raya", "ingat"], "commemorate": ["peringat"],
    # --- law and crime -----------------------------------------------------------------
    "arrest": ["tangkap", "bekuk", "ringkus"], "detain": ["tahan"], "jail": ["penjara", "bui", "rutan"],
    "imprison": ["penjara"], "sentence": ["vonis", "hukuman"], "convict": ["vonis", "pidana"],
    "acquit": ["bebas"], "charge": ["dakwa", "sangka", "jerat", "tuduh"], "prosecute": ["tuntut", "dakwa"],
    "indict": ["dakwa"], "investigate": ["selidik", "usut", "periksa"], "examine": ["periksa"],
    "interrogate": ["interogasi", "periksa"], "testify": ["saksi"], "sue": ["gugat"],
    "confiscate": ["sita"], "smuggle": ["selundup"], "steal": ["curi"], "rob": ["rampok", "begal", "curi"],
    "murder": ["bunuh"], "stab": ["tusuk"], "kidnap": ["culik"], "abduct": ["culik"], "rape": ["perkosa"],
    "abuse": ["aniaya", "kekerasan"], "harass": ["leceh"], "torture": ["siksa"], "extort": ["peras"],
    "bribe": ["suap", "sogok"], "embezzle": ["gelap", "korupsi"], "defraud": ["tipu"], "cheat": ["tipu", "curang"],
    "scam": ["tipu"], "launder": ["cuci"], "hack": ["retas"], "leak": ["bocor"], "escape": ["kabur", "lolos"],
    "flee": ["kabur", "lari", "ungsi"], "surrender": ["serah"], "release": ["rilis", "luncur", "tayang", "bebas"],
    "raid": ["gerebek", "razia", "sergap"], "patrol": ["patroli"], "punish": ["hukum", "sanksi"],
    "appeal": ["banding", "imbau"], "execute": ["eksekusi"], "hang": ["gantung"],
    "deport": ["deportasi"], "extradite": ["ekstradisi"], "summon": ["panggil"], "call up": ["panggil"], "question": ["periksa", "tanya"],
    "allege": ["duga"], "gamble": ["judi"], 
    "bully": ["rundung"], 
    # --- accidents and disasters ---------------------------------------------------------
    "drown": ["tenggelam"], "burn": ["bakar", "hangus"], "burn down": ["hangus", "bakar"],
    "collapse": ["ambruk", "roboh", "runtuh"], "crash": ["kecelakaan", "tabrak", "jatuh"], "collide": ["tabrak"],
    "sink": ["tenggelam", "karam"], "capsize": ["tenggelam", "karam", "terbalik"], "derail": ["anjlok"],
    "erupt": ["letus", "erupsi"], "evacuate": ["ungsi", "evakuasi"], "rescue": ["selamat", "evakuasi"],
    "survive": ["selamat"], "search": ["cari"], "damage": ["rusak", "kerusakan"], "injure": ["luka", "cedera"],
    "hurt": ["luka", "cedera"], "affect": ["dampak"], "displace": ["ungsi"], "flood": ["banjir", "rendam"],
    "submerge": ["rendam", "genang"], "inundate": ["rendam", "genang"], "sweep": ["sapu", "hanyut", "terjang"],
    "sweep away": ["hanyut", "seret"], "bury": ["timbun", "kubur", "makam"], "trap": ["jebak", "perangkap"],
    "rock": ["guncang"], "shake": ["guncang", "goyang"], "spread": ["sebar", "menjalar"], "lose": ["hilang", "kalah"],
    "miss": ["hilang", "luput"],
    # --- health --------------------------------------------------------------------------
    "infect": ["infeksi", "tular", "jangkit"], "recover": ["sembuh", "pulih"], "treat": ["rawat", "obat"],
    "vaccinate": ["vaksin"], "test": ["uji", "tes"], "diagnose": ["diagnosis", "idap"], "suffer": ["derita", "alami", "idap"],
    "operate": ["operasi", "layan"], "prevent": ["cegah"], "control": ["kendali", "kontrol"], "handle": ["tangan"],
    "monitor": ["pantau", "awas", "monitor"], "measure": ["ukur"], "smoke": ["rokok", "asap"], 
    # --- economy and business -------------------------------------------------------------
    "record": ["rekor", "catat", "rekam"], "reach": ["capai", "tembus"], "increase": ["naik", "tingkat"],
    "rise": ["naik", "tingkat"], "decrease": ["turun"], "decline": ["turun", "tolak"], "fall": ["jatuh", "turun"],
    "drop": ["turun", "jatuh"], "grow": ["tumbuh"], "double": ["lipat", "dua kali"], "cut": ["pangkas", "potong", "cut"],
    "raise": ["naik", "galang"], "reduce": ["tekan", "pangkas", "turun"], "boost": ["dongkrak", "tingkat"],
    "jump": ["lonjak", "loncat"], "surge": ["lonjak", "naik"], "soar": ["lonjak", "melambung", "naik"],
    "plunge": ["anjlok", "turun", "merosot"], "plummet": ["anjlok", "merosot"], "slump": ["anjlok", "merosot", "turun"],
    "hike": ["naik", "kenaikan"], "peak": ["puncak"], "cost": ["biaya", "harga"], "spend": ["habis", "belanja", "keluar"],
    "buy": ["beli"], "sell": ["jual"], "purchase": ["beli"], "acquire": ["akuisisi", "beli", "ambil alih"],
    "take over": ["ambil alih", "akuisisi"], "merge": ["merger", "gabung", "lebur"],
    "invest": ["investasi", "penanaman modal"], "fund": ["dana", "danai"], 
    "lend": ["pinjam"], "borrow": ["pinjam"], "owe": ["utang"], "pay": ["bayar"], "repay": ["bayar", "lunas"],
    "earn": ["raup", "hasil"], "introduce": ["kenal", "luncur"],
    "unveil": ["luncur", "kenal", "ungkap", "pamer"], "produce": ["produksi", "hasil"],
    "manufacture": ["produksi", "pabrik"], "export": ["ekspor"], "import": ["impor"], 
    "deliver": ["kirim", "antar", "serah"], "supply": ["pasok"], "distribute": ["salur", "distribusi", "bagi"],
    "provide": ["sedia", "beri"], "offer": ["tawar"], "compete": ["saing", "tanding", "lomba"],
    "employ": ["kerja", "rekrut"], "hire": ["rekrut", "sewa"], "recruit": ["rekrut"], "lay off": ["phk", "pecat"],
    "close": ["tutup"], "shut down": ["tutup"], "open": ["buka"], "expand": ["ekspansi", "luas"],
    "develop": ["kembang"], "design": ["desain", "rancang"], "create": ["cipta", "buat"], "build": ["bangun"],
    "construct": ["bangun"], "renovate": ["renovasi"], "install": ["pasang"], "trade": ["dagang"],
    "go public": ["ipo", "melantai"], "bankrupt": ["bangkrut", "pailit"],
    "default": ["gagal bayar"], "shrink": ["susut", "kontraksi"], 
    "save": ["simpan", "hemat"], 
    "manage": ["kelola", "urus"], "run": ["lari", "jalan", "kelola"], 
    "insure": ["asuransi"],
    "rent": ["sewa"],
    "sell out": ["ludes", "habis terjual"], 
    # --- technology ----------------------------------------------------------------------
    "update": ["update", "pembaruan"], "upgrade": ["tingkat", "upgrade"], "download": ["unduh"], "upload": ["unggah"],
    "connect": ["hubung", "sambung", "konek"], "access": ["akses"], "process": ["proses"], "equip": ["bekal", "lengkap", "semat"],
    "support": ["dukung"], "use": ["guna"],
    "stream": ["streaming", "siar"], "scan": ["pindai"], "print": ["cetak"], 
    "register": ["daftar"], "subscribe": ["langgan"], "block": ["blokir", "adang"],
    "delete": ["hapus"], "remove": ["hapus", "copot", "singkir"], "add": ["tambah"], "replace": ["ganti"],
    "change": ["ubah", "ganti"], "try": ["coba", "jajal"],
    # --- sport -------------------------------------------------------------------------
    "win": ["menang"], "beat": ["kalah"], "defeat": ["kalah"], "draw": ["imbang", "seri", "undi"], "tie": ["imbang", "seri"],
    "score": ["cetak", "skor"], "play": ["main", "bela"], 
    "qualify": ["lolos", "kualifikasi"], "advance": ["lolos", "maju", "laju"], "eliminate": ["singkir", "gugur"],
    "knock out": ["singkir", "kalah"], "relegate": ["degradasi"], "promote": ["promosi"], "transfer": ["transfer", "pindah"],
    "retire": ["pensiun"], "race": ["balap"], "ride": ["kendara", "naik"], "finish": ["selesai", "finis", "finish"],
    "overtake": ["salip"], "host": ["tuan rumah"], "kick": ["tendang"],
    "pass": ["lulus", "sah", "lintas", "umpan"], "pass away": ["meninggal", "wafat"], "tackle": ["tekel", "tangan"],
    "debut": ["debut", "melakoni debut"], 
    "break": ["pecah", "patah", "rusak"], "miss out": ["gagal", "absen"], "start": ["mulai", "start"],
    "begin": ["mulai"], "end": ["akhir", "selesai"], "complete": ["selesai", "rampung", "lengkap"],
    "stop": ["henti", "hentikan"], "suspend": ["tangguh", "henti", "skors"], "cancel": ["batal"], "delay": ["tunda"],
    "postpone": ["tunda"], "hold": ["gelar", "selenggara", "tahan"], "take place": ["langsung", "gelar", "selenggara"],
    "organize": ["selenggara", "gelar"], "organise": ["selenggara", "gelar"], "attend": ["hadir"],
    "participate": ["partisipasi", "ikut serta"], "take part": ["partisipasi", "ikut serta"], 
    # --- entertainment and people ---------------------------------------------------------
    "direct": ["sutradara", "arah"], "star": ["bintang"], "act": ["akting", "peran"], "portray": ["peran", "perankan"],
    "voice": ["suara"], "sing": ["nyanyi", "bawa"], "perform": ["tampil", "pentas"],
    "appear": ["tampil", "muncul"], "premiere": ["tayang perdana", "premiere"], "screen": ["layar", "tayang", "putar"],
    "watch": ["tonton"], "view": ["tonton", "tayang"], "write": ["tulis", "cipta"], "compose": ["cipta", "gubah"],
    "marry": ["nikah", "menikah", "kawin"], "divorce": ["cerai"], 
    "engage": ["tunang", "libat"], "give birth": ["lahir", "melahirkan"], "bear": ["lahir", "tanggung"],
    "exhibit": ["pamer"], "paint": ["lukis"], 
    "tour": ["tur"], "love": ["cinta", "suka"], 
    # --- travel, religion, education, everyday ------------------------------------------------
    "travel": ["jalan", "wisata", "perjalanan"], "fly": ["terbang"], 
    "depart": ["berangkat"], "carry": ["angkut", "bawa"], "drive": ["kemudi", "kendara"],
    "pray": ["doa", "salat", "sembahyang"], "worship": ["ibadah"],
    "teach": ["ajar"], "learn": ["ajar", "belajar"], "study": ["teliti", "studi", "kuliah", "ajar"],
    "research": ["teliti", "riset"], "graduate": ["lulus", "wisuda"], "enroll": ["daftar"], "enrol": ["daftar"],
    "apply": ["daftar", "aju", "terap"], "fail": ["gagal"], "succeed": ["hasil", "sukses"], "achieve": ["capai", "raih"],
    "gain": ["raih"], "donate": ["sumbang", "donasi"], "help": ["bantu"],
    "give": ["beri"], "take": [], "bring": ["bawa"], "make": ["buat"], "read": ["baca"],
    "live": ["tinggal", "hidup", "huni", "live"], "move": ["pindah", "gerak"], "stay": ["tinggal", "inap"], "wait": ["tunggu"],
    "show": ["tunjuk", "tampil"], "find": ["temu"], "discover": ["temu"], "identify": ["identifikasi", "kenal"],
    "check": ["periksa", "cek"], "inspect": ["inspeksi", "periksa", "tinjau"], "review": ["tinjau", "kaji", "ulas"],
    "analyze": ["analisis", "kaji"], "analyse": ["analisis", "kaji"], "assess": ["nilai", "kaji"], 
    "rank": ["peringkat"], "compare": ["banding"], "weigh": ["berat", "bobot"], "cover": ["liput", "tutup", "cakup", "cover"],
    "contain": ["isi", "kandung"], "consist": ["terdiri"], "cause": ["picu", "akibat", "penyebab"], "trigger": ["picu"],
    "count": ["hitung", "jumlah"], "calculate": ["hitung"],
    "require": ["butuh", "wajib", "syarat"], "aim": ["target", "tuju", "incar"], "target": ["target", "sasar", "incar"],
    "attempt": ["upaya", "coba"], "seek": ["cari", "upaya"], "hope": ["harap"], "expect": ["harap", "kira"],
    "decide": ["putus"], "choose": ["pilih"], "select": ["pilih"], "pick": ["pilih"], "exceed": ["lampau", "tembus"],
    "protect": ["lindung"], "guard": ["jaga", "kawal"], "escort": ["kawal"], "secure": ["aman"], "free": ["bebas", "gratis"],
    "locate": ["letak", "lokasi"], "situate": ["letak"], "involve": ["libat"],
    "attract": ["tarik", "pikat"], "invite": ["undang"], "note": ["catat"], "sell off": ["lepas", "jual"], "deal": ["sepakat"], "list": ["catat", "daftar", "melantai"],
    "swear": ["sumpah", "lantik"], "interview": ["wawancara"],
    "happen": [], "occur": [], "include": [], "continue": [], "become": [], "seem": [], "get": [], "go": [],
    "come": [], "want": [], "need": [], "keep": [], "let": [],
}

# ---- English inflection ------------------------------------------------------------------
# Only what the tables above need: regular English forms by rule, the rest listed.

# Past tense and past participle of irregular verbs (the base is not repeated).
_IRREGULAR_VERBS: dict[str, tuple[str, ...]] = {
    "arise": ("arose", "arisen"), "awake": ("awoke", "awoken"), "be": ("was", "were", "been"),
    "bear": ("bore", "borne", "born"), "beat": ("beat", "beaten"), "become": ("became",),
    "begin": ("began", "begun"), "bend": ("bent",), "bet": ("bet",), "bid": ("bid",), "bind": ("bound",),
    "bite": ("bitten",), "bleed": ("bled",), "blow": ("blew", "blown"), "break": ("broke", "broken"),
    "breed": ("bred",), "bring": ("brought",), "broadcast": ("broadcast", "broadcasted"),
    "build": ("built",), "burn": ("burned", "burnt"), "burst": ("burst",), "buy": ("bought",),
    "cast": ("cast",), "catch": ("caught",), "choose": ("chose", "chosen"), "come": ("came",), "cost": ("cost",),
    "cut": ("cut",), "deal": ("dealt",), "dig": ("dug",), "do": ("did", "done"), "draw": ("drew", "drawn"),
    "dream": ("dreamed", "dreamt"), "drink": ("drank", "drunk"), "drive": ("drove", "driven"),
    "eat": ("ate", "eaten"), "fall": ("fell", "fallen"), "feed": ("fed",), "feel": ("felt",),
    "fight": ("fought",), "find": ("found",), "flee": ("fled",), "fly": ("flew", "flown"),
    "forbid": ("forbade", "forbidden"), "forecast": ("forecast", "forecasted"), "foresee": ("foresaw", "foreseen"),
    "forget": ("forgot", "forgotten"), "forgive": ("forgave", "forgiven"), "freeze": ("froze", "frozen"),
    "get": ("got", "gotten"), "give": ("gave", "given"), "go": ("went", "gone"), "grow": ("grew", "grown"),
    "hang": ("hung", "hanged"), "have": ("had",), "hear": ("heard",), "hide": ("hid", "hidden"), "hit": ("hit",),
    "hold": ("held",), "hurt": ("hurt",), "keep": ("kept",), "know": ("knew", "known"), "lay": ("laid",),
    "lead": ("led",), "learn": ("learned", "learnt"), "leave": ("left",), "lend": ("lent",), "let": ("let",),
    "lie": ("lay", "lain"), "light": ("lit", "lighted"), "lose": ("lost",), "make": ("made",),
    "mean": ("meant",), "meet": ("met",), "mislead": ("misled",), "overcome": ("overcame",),
    "overtake": ("overtook", "overtaken"), "oversee": ("oversaw", "overseen"), "overthrow": ("overthrew", "overthrown"),
    "pay": ("paid",), "prove": ("proved", "proven"), "put": ("put",), "quit": ("quit",), "read": ("read",),
    "rebuild": ("rebuilt",), "repay": ("repaid",), "ride": ("rode", "ridden"), "ring": ("rang", "rung"),
    "rise": ("rose", "risen"), "run": ("ran",), "say": ("said",), "see": ("saw", "seen"), "seek": ("sought",),
    "sell": ("sold",), "send": ("sent",), "set": ("set",), "shake": ("shook", "shaken"), "shed": ("shed",),
    "shine": ("shone",), "shoot": ("shot",), "show": ("showed", "shown"), "shrink": ("shrank", "shrunk"),
    "shut": ("shut",), "sing": ("sang", "sung"), "sink": ("sank", "sunk"), "sit": ("sat",), "sleep": ("slept",),
    "slide": ("slid",), "speak": ("spoke", "spoken"), "speed": ("sped",), "spend": ("spent",), "spin": ("spun",),
    "split": ("split",), "spread": ("spread",), "stand": ("stood",), "steal": ("stole", "stolen"),
    "stick": ("stuck",), "sting": ("stung",), "strike": ("struck", "stricken"), "swear": ("swore", "sworn"),
    "sweep": ("swept",), "swim": ("swam", "swum"), "swing": ("swung",), "take": ("took", "taken"),
    "teach": ("taught",), "tear": ("tore", "torn"), "tell": ("told",), "think": ("thought",),
    "throw": ("threw", "thrown"), "undergo": ("underwent", "undergone"), "understand": ("understood",),
    "undertake": ("undertook", "undertaken"), "upset": ("upset",), "uphold": ("upheld",), "wake": ("woke", "woken"),
    "wear": ("wore", "worn"), "win": ("won",), "wind": ("wound",), "withdraw": ("withdrew", "withdrawn"),
    "withhold": ("withheld",), "write": ("wrote", "written"),
}
# Verbs of more than one syllable that double their last consonant ("admitted"); the
# optional ones take both spellings ("cancelled", "canceled").
_DOUBLING = frozenset(
    ["admit", "commit", "submit", "permit", "omit", "emit", "transmit", "acquit", "regret", "control", "patrol",
     "compel", "expel", "propel", "rebel", "equip", "occur", "recur", "incur", "refer", "prefer", "confer",
     "transfer", "deter", "infer", "kidnap", "format", "abet", "outfit", "handicap", "worship", "enrol", "begin",
     "forbid", "forget", "upset", "overrun"]
)
_DOUBLING_OPTIONAL = frozenset(
    ["travel", "cancel", "label", "model", "fuel", "signal", "total", "level", "channel", "dial", "counsel",
     "marshal", "quarrel", "tunnel", "funnel", "pedal", "shovel", "duel"]
)
_IRREGULAR_PLURALS: dict[str, str] = {
    "child": "children", "person": "people", "foot": "feet", "tooth": "teeth", "mouse": "mice", "goose": "geese",
    "wife": "wives", "life": "lives", "knife": "knives", "thief": "thieves", "half": "halves", "leaf": "leaves",
    "shelf": "shelves", "wolf": "wolves", "hero": "heroes", "potato": "potatoes", "tomato": "tomatoes",
    "volcano": "volcanoes", "torpedo": "torpedoes", "embargo": "embargoes", "veto": "vetoes", "echo": "echoes",
    "alumnus": "alumni", "criterion": "criteria", "phenomenon": "phenomena", "human": "humans",
    "german": "germans", "roman": "romans",
}
# Nouns whose plural is the noun itself or that take none.
_NO_PLURAL = frozenset(
    ["aircraft", "sheep", "fish", "series", "species", "news", "police", "staff", "personnel", "tennis", "chess",
     "cattle", "deer", "equipment", "information", "evidence", "advice", "research", "furniture", "tuberculosis",
     "cannabis", "money", "data", "music", "rice", "news agency"]
)
_VOWELS = "aeiou"
_CVC = re.compile(r"^[^aeiou]*[aeiou][bcdfghjklmnpqrstvz]$")  # one syllable ending consonant-vowel-consonant


def _plural(noun: str) -> str | None:
    """The plural of one English noun, or None when it takes none ("news", "series")."""
    if noun in _NO_PLURAL:
        return None
    if noun in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[noun]
    if noun.endswith("woman"):
        return noun[:-5] + "women"
    if noun.endswith("man"):
        return noun[:-3] + "men"
    if noun.endswith("child"):
        return noun + "ren"
    if noun.endswith("sis"):  # crisis -> crises, thesis -> theses
        return noun[:-2] + "es"
    if noun.endswith(("ss", "us", "as", "ns", "x", "z", "ch", "sh")):
        return noun + "es"
    if noun.endswith("s"):  # already plural or uncountable: "esports", "athletics"
        return None
    if noun.endswith("y") and len(noun) > 2 and noun[-2] not in _VOWELS:
        return noun[:-1] + "ies"
    return noun + "s"


def _third_person(verb: str) -> str:
    """"attack" -> "attacks", "discuss" -> "discusses", "carry" -> "carries", "go" -> "goes"."""
    if verb.endswith(("s", "x", "z", "ch", "sh")) or (verb.endswith("o") and len(verb) > 1 and verb[-2] not in _VOWELS):
        return verb + "es"
    if verb.endswith("y") and len(verb) > 2 and verb[-2] not in _VOWELS:
        return verb[:-1] + "ies"
    return verb + "s"


def _doubled(verb: str) -> list[str]:
    """Stems for -ed/-ing: the verb, with its last consonant doubled where English doubles it."""
    if verb in _DOUBLING or _CVC.match(verb):
        return [verb + verb[-1]]
    if verb in _DOUBLING_OPTIONAL:
        return [verb + verb[-1], verb]
    return [verb]


def _past(verb: str) -> list[str]:
    """Regular past forms: "use" -> "used", "carry" -> "carried", "ban" -> "banned", "panic" -> "panicked"."""
    if verb.endswith("e"):
        return [verb + "d"]
    if verb.endswith("y") and len(verb) > 2 and verb[-2] not in _VOWELS:
        return [verb[:-1] + "ied"]
    if verb.endswith("ic"):
        return [verb + "ked"]
    return [stem + "ed" for stem in _doubled(verb)]


def _gerund(verb: str) -> list[str]:
    """"die" -> "dying", "agree" -> "agreeing", "make" -> "making", "win" -> "winning"."""
    if verb.endswith("ie"):
        return [verb[:-2] + "ying"]
    if verb.endswith(("ee", "oe", "ye")) or verb == "be":
        return [verb + "ing"]
    if verb.endswith("e") and len(verb) > 2:
        return [verb[:-1] + "ing"]
    if verb.endswith("ic"):
        return [verb + "king"]
    return [stem + "ing" for stem in _doubled(verb)]


def noun_forms(phrase: str) -> list[str]:
    """The plural of a noun or noun phrase (its last word): "toll road" -> ["toll roads"]."""
    *head, last = phrase.split(" ")
    plural = _plural(last)
    return [" ".join([*head, plural])] if plural and plural != last else []


def verb_forms(phrase: str) -> list[str]:
    """The -s, past and -ing forms of a verb or verb phrase (its first word): "take place" -> "took place", ..."""
    first, *rest = phrase.split(" ")
    forms = [_third_person(first), *_gerund(first)]
    forms += list(_IRREGULAR_VERBS[first]) if first in _IRREGULAR_VERBS else _past(first)
    return list(dict.fromkeys(" ".join([form, *rest]) for form in forms if form != first))


# Words the question analyser removes before it looks phrases up ("secretary of state"
# reaches the lexicon as "secretary state"): each phrase is also listed without them.
_PHRASE_FILLER = frozenset(["of", "the", "a", "an", "to", "in", "on", "at", "for", "with", "about"])


def _build() -> dict[str, list[str]]:
    """Every explicit entry, then generated forms that no explicit entry claims.

    A form generated from two bases ("lives": "live", "life") gets both bases' words.
    """
    explicit: dict[str, list[str]] = {**_WORDS, **_NOUNS, **_VERBS}
    generated: dict[str, list[str]] = {}

    def add(form: str, alternatives: list[str]) -> None:
        if form in explicit:
            return
        merged = generated.setdefault(form, [])
        merged.extend(a for a in alternatives if a not in merged)

    for noun, alternatives in _NOUNS.items():
        for form in noun_forms(noun):
            add(form, alternatives)
    for verb, alternatives in _VERBS.items():
        for form in verb_forms(verb):
            add(form, alternatives)
    for phrase, alternatives in [*explicit.items(), *generated.items()]:
        kept = [w for w in phrase.split(" ") if w not in _PHRASE_FILLER]
        if 1 < len(kept) < len(phrase.split(" ")):
            add(" ".join(kept), alternatives)
    return {**explicit, **generated}


# Built on first use (Proxy), not at import: ~0.05 s that `ask /help` and most commands never need.
EN_ID: dict[str, list[str]] = Proxy(_build)

# Keys that are also Indonesian words ("film", "bank", "final", "start", "lap"): each maps
# to itself among its alternatives, so translating an Indonesian word by mistake loses
# nothing, and a language detector should not count them as English.
SHARED_WORDS: frozenset[str] = Proxy(lambda: frozenset(k for k, v in EN_ID.items() if " " not in k and k in v))

_IRREGULAR_BASES: dict[str, str] = {
    **{form: base for base, forms in _IRREGULAR_VERBS.items() for form in forms},
    **{plural: noun for noun, plural in _IRREGULAR_PLURALS.items()},
}


def _base_candidates(word: str) -> list[str]:
    """Guesses at the base form of an inflected English word, most likely first."""
    out = [_IRREGULAR_BASES[word]] if word in _IRREGULAR_BASES else []
    if word.endswith("men"):
        out.append(word[:-3] + "man")
    for suffix, replacements in (("ies", ["y"]), ("ied", ["y"]), ("ying", ["ie"]), ("es", ["", "is"]), ("s", [""]),
                                 ("ed", ["", "e"]), ("d", [""]), ("ing", ["", "e"])):
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            root = word[: -len(suffix)]
            out += [root + r for r in replacements]
            if suffix in ("ed", "ing") and len(root) > 2 and root[-1] == root[-2] and root[-1] not in _VOWELS:
                out.append(root[:-1])  # "banned" -> "ban", "winning" -> "win"
    return list(dict.fromkeys(out))


def english_alternatives(word: str) -> list[str] | None:
    """Indonesian alternatives for an English word or phrase, de-inflecting it when that form is not listed.

    Tries the form itself, then base-form guesses (irregular forms, plural -s/-es/-ies,
    past -ed/-d/-ied with doubled consonants, -ing) on the phrase's first and last
    word. None when nothing matches: a name, which the caller keeps as written.
    """
    word = word.lower().strip()
    if word in EN_ID:
        return EN_ID[word]
    parts = word.split(" ")
    for index in sorted({0, len(parts) - 1}):
        for base in _base_candidates(parts[index]):
            candidate = " ".join([*parts[:index], base, *parts[index + 1:]])
            if candidate in EN_ID:
                return EN_ID[candidate]
    return None


# Indonesian words that say the same thing in news prose, keyed by (a word for) the
# question word's stem: a sentence with any of them covers the word. Keys are stemmed by
# the caller, so a key must not stem to a common word of another meaning: "pengacara"
# stems to "acara" (an event) and "diamankan" to "aman" (safe), so they appear only as
# values here, never as keys.
ID_SYNONYMS: dict[str, list[str]] = {
    "tentara": ["pasu", "prajurit", "serdadu", "personel"], "pasu": ["tentara", "prajurit", "serdadu"],
    "prajurit": ["tentara", "pasu", "serdadu"], "serdadu": ["tentara", "pasu", "prajurit"],
    "tewas": ["bunuh", "meninggal", "mati", "korban"], "bunuh": ["tewas", "meninggal"],
    "meninggal": ["tewas", "wafat", "usia"], "wafat": ["meninggal", "tewas"],
    "kirim": ["kerah", "tempat", "utus"], "kerah": ["kirim", "tempat"],
    "serang": ["gempur", "invasi"], "kata": ["ujar", "ucap", "tutur", "sebut", "nyata"],
    "konfirmasi": ["benar", "akui"], "gelar": ["selenggara", "langsung", "adakan"],
    "selenggara": ["gelar", "langsung"], "langsung": ["gelar", "selenggara"],
    "usia": ["umur"], "umur": ["usia"], "harga": ["banderol", "bandrol"], "biaya": ["harga", "tarif"],
    "tiba": ["datang", "sampai"], "datang": ["tiba", "kunjung"], "kunjung": ["datang", "sambang"],
    "menang": ["kalah", "taklukkan", "tundukkan"], "kalah": ["menang", "tundukkan", "taklukkan"],
    "pimpin": ["ketua", "kepala"], "teliti": ["studi", "riset"], "jual": ["dagang"],
    "pulang": ["kembali"], "kembali": ["pulang"], "awal": ["mula"], "mulai": ["awal"],
    "rusia": ["moskow", "kremlin"], "as": ["amerika"], "amerika": ["as"],
    "stadion": ["stadium"], "stadium": ["stadion"], "kedalaman": ["dalam"],
    "pelatih": ["besutan", "asuhan", "manajer", "arsitek"], "manajer": ["pelatih", "besutan", "asuhan"],
    # --- law and crime -----------------------------------------------------------------
    "tangkap": ["bekuk", "ringkus", "amankan", "ciduk", "cokok"], "bekuk": ["tangkap", "ringkus", "ciduk"],
    "ringkus": ["tangkap", "bekuk", "ciduk"], "ciduk": ["tangkap", "bekuk", "ringkus"],
    "advokat": ["pengacara", "kuasa hukum"], "penjara": ["bui", "lapas", "rutan", "tahanan"],
    "bui": ["penjara", "lapas"], "lapas": ["penjara", "bui", "rutan"], "rutan": ["penjara", "tahanan", "lapas"],
    "vonis": ["putusan", "hukuman"], "korupsi": ["rasuah", "tipikor"], "rasuah": ["korupsi"],
    "tipikor": ["korupsi"], "suap": ["sogok", "gratifikasi"], "sogok": ["suap"],
    "narkoba": ["narkotika", "napza"], "narkotika": ["narkoba"], "sabu": ["sabu-sabu", "metamfetamin"],
    "polisi": ["polri"], "polri": ["polisi", "kepolisian"], "pelaku": ["tersangka"],
    "tipu": ["curang"], "curi": ["maling", "gasak"], "maling": ["curi"],
    # --- economy and business -------------------------------------------------------------
    "pinjaman": ["kredit", "utang"], "kredit": ["pinjaman"], "utang": ["hutang", "pinjaman"], "hutang": ["utang"],
    "akuisisi": ["ambil alih", "caplok"], "caplok": ["akuisisi"], "laba": ["untung"], "untung": ["laba"],
    "tarif": ["harga", "biaya", "ongkos"], "ongkos": ["biaya", "tarif"], "gaji": ["upah", "honor"], "upah": ["gaji"],
    "buruh": ["pekerja", "karyawan"], "karyawan": ["pegawai", "pekerja"], "pegawai": ["karyawan"],
    "perusahaan": ["emiten", "korporasi", "perseroan"], "emiten": ["perusahaan", "perseroan"],
    "ceo": ["dirut", "direktur utama"], "dirut": ["ceo", "direktur utama"], "omzet": ["penjualan"],
    "naik": ["lonjak", "melambung"], "lonjak": ["naik"], "turun": ["merosot", "anjlok"],
    "anjlok": ["turun", "merosot"], "merosot": ["turun", "anjlok"], "anggaran": ["alokasi", "pagu"],
    "wisatawan": ["turis", "pelancong"], "turis": ["wisatawan", "pelancong"],
    # --- technology and media ------------------------------------------------------------
    "luncur": ["rilis", "perkenalkan"], "rilis": ["luncur", "tayang"], "ponsel": ["hp", "handphone", "smartphone"],
    "smartphone": ["ponsel"], "prosesor": ["chipset", "cip"], "chipset": ["prosesor"],
    "tayang": ["rilis"], "film": ["sinema"], "bioskop": ["sinema"], "penonton": ["pemirsa", "audiens"],
    "sutradara": ["garapan"], "penyanyi": ["vokalis", "biduan"], "penggemar": ["fans", "fan"],
    "aktor": ["pemeran"], "aktris": ["pemeran"],
    # --- sport -------------------------------------------------------------------------
    "juara": ["kampiun"], "kampiun": ["juara"], "imbang": ["seri"], "cetak": ["sarang", "bobol"],
    "laga": ["tanding", "duel"], "tanding": ["laga", "duel"], "kiper": ["penjaga gawang"],
    "pebalap": ["pembalap"], "pembalap": ["pebalap"],
    # --- people and events ---------------------------------------------------------------
    "nikah": ["menikah", "kawin", "pernikahan"], "menikah": ["nikah", "kawin"], "kawin": ["nikah", "menikah"],
    "wali": ["walikota"], "walikota": ["wali kota"], "calon": ["kandidat", "paslon"], "kandidat": ["calon"],
    "partai": ["parpol"], "parpol": ["partai"], "dpr": ["parlemen", "senayan"], "parlemen": ["dpr"],
    "survei": ["jajak pendapat", "polling"],
    # --- disasters and accidents ------------------------------------------------------------
    "gempa": ["lindu", "guncang"], "banjir": ["genangan", "terendam"], "luka": ["cedera"], "cedera": ["luka"],
    "ungsi": ["evakuasi"], "evakuasi": ["ungsi"], "rusak": ["hancur"], "hancur": ["rusak"],
    "roboh": ["ambruk", "runtuh"], "ambruk": ["roboh", "runtuh"], "runtuh": ["roboh", "ambruk"],
    "hilang": ["raib", "lenyap"], "kebakaran": ["hangus", "dilalap"],
    # --- religion and travel -------------------------------------------------------------------
    "jemaah": ["jamaah"], "jamaah": ["jemaah"], "umrah": ["umroh"], "umroh": ["umrah"],
    "salat": ["sholat", "shalat", "solat"], "sholat": ["salat", "shalat"], "shalat": ["salat", "sholat"],
    "ramadan": ["ramadhan"], "ramadhan": ["ramadan"], "masjid": ["mesjid"], "mesjid": ["masjid"],
    "pelabuhan": ["dermaga"], "dermaga": ["pelabuhan"], "bandara": ["bandar udara"],
}

# Question words in both languages, mapped to the kind of answer they ask for.
# Longer phrases win ("tahun berapa" is a time, "berapa" a number).
QUESTION_TYPES: dict[str, str] = {
    "berapa": "number", "berapakah": "number", "keberapa": "number", "jumlah": "number",
    "how many": "number", "how much": "number", "number of": "number", "how strong": "number",
    "how old": "number", "how long": "number", "how far": "number", "how deep": "number",
    "what percentage": "number", "at what age": "number", "how tall": "number", "how high": "number",
    "how big": "number", "how large": "number", "how heavy": "number", "how wide": "number", "how fast": "number",
    "how often": "number", "how expensive": "number", "what age": "number", "what score": "number",
    "siapa": "person", "siapakah": "person", "who": "person", "whom": "person", "whose": "person",
    "kapan": "time", "kapankah": "time", "bilamana": "time", "when": "time", "what time": "time",
    "tahun berapa": "time", "tanggal berapa": "time", "pukul berapa": "time", "jam berapa": "time",
    "bulan apa": "time", "hari apa": "time", "what year": "time", "what date": "time", "what day": "time",
    "which year": "time", "which month": "time", "what month": "time", "which day": "time", "since when": "time",
    "how long ago": "time",
    "di mana": "place", "dimana": "place", "ke mana": "place", "kemana": "place", "dari mana": "place",
    "darimana": "place", "di manakah": "place", "dimanakah": "place", "ke manakah": "place",
    "kemanakah": "place", "dari manakah": "place", "darimanakah": "place",
    "tahun berapakah": "time", "tanggal berapakah": "time", "bulan apakah": "time", "hari apakah": "time",
    "apakah nama": "name", "siapakah nama": "person", "where": "place", "which city": "place",
    "which country": "place", "what city": "place", "what country": "place", "which stadium": "place",
    "what place": "place",
    "mengapa": "reason", "kenapa": "reason", "why": "reason", "apa alasan": "reason",
    "apa penyebab": "reason", "apa tujuan": "reason", "what caused": "reason",
    "bagaimana": "manner", "how": "manner",
    "apa nama": "name", "siapa nama": "person", "what is the name": "name", "which company": "name",
    "what company": "name", "which missiles": "name", "what missiles": "name", "which team": "name",
    "which club": "name", "which player": "person", "which coach": "person", "which actor": "person",
    "which actress": "person", "which singer": "person", "which athlete": "person", "which rider": "person",
    "which driver": "person", "which minister": "person", "which official": "person", "which politician": "person",
    "which candidate": "person", "which striker": "person", "which goalkeeper": "person", "which artist": "person",
    "what is": "other", "apa": "other", "what": "other", "which": "other",
}

# "<noun> apa" / "<noun> mana" asks for a name of that kind: "perusahaan apa", "kota mana".
PLACE_NOUNS = frozenset(
    ["kota", "negara", "stadion", "universitas", "provinsi", "kabupaten", "daerah", "wilayah", "tempat", "lokasi", "desa", "kampung", "pulau", "gedung", "hotel", "bandara", "pelabuhan", "sirkuit", "arena", "city", "country", "stadium", "place", "town", "village",
     "province", "region", "island", "district", "regency", "venue", "airport", "port", "harbor", "hospital",
     "building", "street", "road", "circuit", "location", "area", "mountain", "river", "beach", "mosque", "church",
     "prison", "campus", "station", "hotel", "restaurant", "market", "state", "square", "court", "park", "temple",
     "palace", "bridge", "lake", "island", "neighbourhood", "neighborhood", "suburb", "hall", "arena", "school"]
)
# "which <...> governor", "what was the name of the <...> supporter": English asks for a person with these.
PERSON_NOUNS = frozenset(
    ["governor", "coach", "politician", "director", "lecturer", "supporter", "fan", "astronaut", "confidante",
     "spokesman", "spokeswoman", "spokesperson", "president", "minister", "chairman", "chairwoman", "chair", "chief",
     "ceo", "founder", "manager", "player", "striker", "defender", "midfielder", "goalkeeper", "actor", "actress",
     "singer", "rapper", "musician", "artist", "athlete", "rider", "driver", "official", "candidate", "lawyer",
     "judge", "prosecutor", "officer", "policeman", "policewoman", "soldier", "general", "commander", "leader",
     "mayor", "regent", "king", "queen", "prince", "princess", "son", "daughter", "wife", "husband", "father",
     "mother", "brother", "sister", "victim", "suspect", "author", "writer", "novelist", "composer", "songwriter",
     "producer", "designer", "scientist", "researcher", "professor", "doctor", "expert", "analyst", "economist",
     "journalist", "reporter", "photographer", "comedian", "presenter", "host", "ambassador", "envoy", "diplomat",
     "senator", "legislator", "lawmaker", "member", "chef", "owner", "businessman", "entrepreneur", "pilot",
     "winner", "champion", "referee", "student", "teacher", "archaeologist", "creator", "inventor", "boxer",
     "person", "man", "woman", "boy", "girl", "priest", "cleric", "activist", "celebrity", "influencer"]
)
# "in which minute", "which number": a figure (Indonesian "menit keberapa").
NUMBER_NOUNS = frozenset(["minute", "number", "rank", "round", "lap", "floor", "edition"])
NAME_NOUNS = frozenset(
    ["perusahaan", "kantor", "klub", "tim", "partai", "organisasi", "lembaga", "media", "situs", "badan", "yayasan",
     "kelompok", "grup", "harian", "majalah", "penghargaan", "proyek", "misi", "satelit", "roket", "kapsul", "topan",
     "badai", "bakteri", "instansi", "institusi", "departemen", "kementerian", "komisi", "fakultas", "sekolah", "aplikasi", "produk", "merek", "film", "lagu", "album", "acara", "program", "rudal", "senjata", "kapal", "pesawat", "company", "club", "team", "party", "organisation", "organization", "agency", "missiles", "missile", "weapon", "brand",
     "film", "movie", "song", "album", "app", "application", "product", "program", "programme", "show", "series",
     "book", "novel", "airline", "bank", "startup", "newspaper", "band", "award", "smartphone", "phone", "model",
     "drug", "vaccine", "ship", "plane", "aircraft", "car", "vehicle", "platform", "game", "event", "festival",
     "tournament", "league", "competition", "policy", "law", "character", "title", "feature", "processor", "chipset",
     "technology", "chip", "project", "system", "software", "operator", "network", "channel", "magazine", "site",
     "website", "label", "unit", "division", "group", "coalition", "alliance", "body", "institution", "ministry"]
)
