"""A small English -> Indonesian lexicon for questions asked in English.

No offline bilingual dictionary on PyPI covers news and war vocabulary, so
this list is kept by hand. Topic aliases from config/topics.toml are added
on top of it by the caller. Keys are lower-case English words or phrases;
values are Indonesian words whose stems the search uses.
"""
from __future__ import annotations

EN_ID: dict[str, list[str]] = {
    "north korea": ["korea utara"], "north korean": ["korea utara"], "north koreans": ["korea utara"],
    "south korea": ["korea selatan"], "south korean": ["korea selatan"], "pyongyang": ["pyongyang"],
    "russia": ["rusia"], "russian": ["rusia"], "russians": ["rusia"], "moscow": ["moskow"],
    "ukraine": ["ukraina"], "ukrainian": ["ukraina"], "ukrainians": ["ukraina"], "kyiv": ["kyiv"],
    "united states": ["amerika serikat", "as"], "us": ["as", "amerika serikat"], "america": ["amerika"],
    "american": ["amerika"], "china": ["tiongkok", "china"], "chinese": ["tiongkok"], "iran": ["iran"],
    "germany": ["jerman"], "britain": ["inggris"], "uk": ["inggris"], "japan": ["jepang"],
    "un": ["pbb"], "united nations": ["pbb"], "security council": ["dewan keamanan"], "nato": ["nato"],
    "troops": ["tentara", "pasukan"], "troop": ["tentara", "pasukan"], "soldiers": ["tentara", "prajurit"],
    "soldier": ["tentara", "prajurit"], "forces": ["pasukan"], "army": ["tentara", "militer"],
    "military": ["militer"], "infantry": ["infanteri"], "units": ["unit"], "brigades": ["brigade"],
    "sent": ["kirim"], "send": ["kirim"], "sending": ["kirim"], "deployed": ["kerah"], "deploy": ["kerah"],
    "deployment": ["kerah"], "arrive": ["tiba"], "arrived": ["tiba"], "arriving": ["tiba"],
    "train": ["latih"], "trained": ["latih"], "training": ["latih"], "fight": ["perang", "tempur"],
    "fighting": ["perang", "tempur"], "war": ["perang"], "battle": ["tempur", "perang"],
    "battlefield": ["medan perang"], "front": ["garis depan"], "attack": ["serang"], "attacks": ["serang"],
    "offensive": ["serang"], "counterattack": ["serang balik"], "invasion": ["invasi"],
    "killed": ["bunuh", "tewas"], "kill": ["bunuh"], "dead": ["tewas"], "wounded": ["luka"],
    "casualties": ["korban"], "losses": ["hilang", "korban"], "lost": ["hilang"],
    "region": ["wilayah"], "border": ["batas"], "territory": ["wilayah"], "city": ["kota"],
    "missile": ["rudal"], "missiles": ["rudal"], "drone": ["drone"], "drones": ["drone"],
    "tank": ["tank"], "tanks": ["tank"], "artillery": ["artileri"], "ammunition": ["amunisi"],
    "weapons": ["senjata"], "nuclear": ["nuklir"], "sanctions": ["sanksi"],
    "intelligence": ["intelijen"], "spy": ["intelijen"], "defectors": ["pembelot"], "defector": ["pembelot"],
    "president": ["presiden"], "minister": ["menteri"], "defense": ["pertahanan"], "defence": ["pertahanan"],
    "foreign": ["luar negeri"], "secretary": ["sekretaris"], "general": ["jenderal"], "chief": ["kepala"],
    "spokesperson": ["juru bicara"], "spokesman": ["juru bicara"], "ambassador": ["duta besar"],
    "officials": ["pejabat"], "official": ["pejabat"], "government": ["pemerintah"],
    "said": ["kata"], "say": ["kata"], "confirmed": ["konfirmasi"], "confirm": ["konfirmasi"],
    "estimate": ["kira"], "estimated": ["kira"], "claims": ["klaim"], "claimed": ["klaim"],
    "denied": ["tolak", "sangkal"], "deny": ["sangkal"], "help": ["bantu"], "aid": ["bantu"],
    "support": ["dukung"], "peace": ["damai"], "talks": ["bicara", "runding"], "negotiate": ["runding"],
    "election": ["pilih"], "treaty": ["pakta", "janji"], "pact": ["pakta"], "cooperation": ["kerja sama"],
    "video": ["video"], "footage": ["rekam"], "flag": ["bendera"], "flags": ["bendera"],
    "week": ["minggu"], "day": ["hari"], "days": ["hari"], "month": ["bulan"], "year": ["tahun"],
    "first": ["pertama"], "new": ["baru"], "many": [], "much": [],
}

# Question words in both languages, mapped to the kind of answer they ask for.
QUESTION_TYPES: dict[str, str] = {
    "berapa": "number", "berapakah": "number", "jumlah": "number", "how many": "number",
    "how much": "number", "number of": "number",
    "siapa": "person", "siapakah": "person", "who": "person", "whom": "person",
    "kapan": "time", "kapankah": "time", "bilamana": "time", "when": "time", "what time": "time",
    "di mana": "place", "dimana": "place", "ke mana": "place", "kemana": "place",
    "where": "place", "di manakah": "place",
    "mengapa": "reason", "kenapa": "reason", "why": "reason",
    "bagaimana": "manner", "how": "manner",
}
