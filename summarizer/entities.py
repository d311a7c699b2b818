"""Names of people, organisations and places in Indonesian news sentences.

Hand-written from capitalisation, acronyms and small word lists: no
Indonesian NER model ships offline here (spaCy/Stanza/Flair Indonesian
models are separate downloads, and IndoBERT-based taggers need torch and
weights we cannot bundle). News prose capitalises names reliably, so runs of
capitalised words plus title/stop lists get most of the way.
Pure string functions, no I/O.
"""

from __future__ import annotations

import re

__all__ = [
    "extract_entities",
    "mentions",
    "person_name",
    "is_person_name",
    "strip_titles",
    "GEO",
    "COUNTRY_ALIASES",
    "TITLE_WORDS",
    "ORG_HEADS",
]

# Countries, capitals used for their governments, and regions, compared
# lower-case. Multi-word entries are matched as a whole.
GEO = frozenset(
    [
        "rusia", "ukraina", "amerika serikat", "as", "amerika", "korea utara",
        "korea selatan", "korea", "tiongkok", "china", "cina", "jepang", "india",
        "iran", "israel", "jerman", "inggris", "prancis", "perancis", "australia",
        "belarus", "polandia", "turki", "suriah", "indonesia", "eropa", "asia",
        "barat", "moskow", "kyiv", "kiev", "seoul", "pyongyang", "washington",
        "beijing", "tokyo", "brussels", "london", "paris", "berlin", "kremlin",
        "kursk", "donetsk", "luhansk", "pokrovsk", "vladivostok", "sergeevka",
        "crimea", "krimea", "kharkiv", "timur jauh rusia", "indo-pasifik",
        "euro-atlantik", "semenanjung korea", "korut", "korsel", "ri", "us", "uk",
    ]
)

COUNTRY_ALIASES = {
    "as": "Amerika Serikat", "us": "Amerika Serikat", "amerika": "Amerika Serikat",
    "korut": "Korea Utara", "korsel": "Korea Selatan", "ri": "Indonesia",
    "uk": "Inggris", "cina": "Tiongkok", "china": "Tiongkok",
}

# Words of office stripped from person names ("Menteri Luar Negeri Antony
# Blinken" -> "Antony Blinken"), compared lower-case.
TITLE_WORDS = frozenset(
    """
    presiden wakil menteri sekretaris jenderal jendral jend letjen mayjen brigjen
    kolonel kol mayor kapten letnan laksamana marsekal komandan panglima kepala
    juru bicara jubir duta besar dubes perdana ketua direktur gubernur wali
    walikota bupati senator anggota kongres parlemen raja ratu pangeran paus
    pemimpin tertinggi terpilih luar negeri dalam pertahanan keuangan staf
    intelijen militer senior badan dr prof ir h hj tn ny sdr bapak ibu pak bu
    mr mrs ms sir lord
    """.split()
)
# Words that start an organisation name: the run is kept whole.
ORG_HEADS = frozenset(
    """
    kementerian kemenhan kemenlu departemen dewan badan komisi kantor angkatan
    militer pemerintah partai universitas institut lembaga majelis mahkamah
    pengadilan bank perusahaan organisasi persatuan uni liga
    kepolisian polisi kejaksaan komite pusat biro agensi markas
    """.split()
)
# Capitalised only because they open a sentence or a quote.
_COMMON = frozenset(
    """
    namun tetapi tapi sementara sedangkan selain sebelumnya kemudian lalu setelah
    sebelum ketika saat sejak hingga sampai dalam dari di ke pada untuk dengan
    oleh bagi tentang mengenai menurut kata dia ia mereka kami kita saya aku anda
    beliau ini itu hal para sang sebuah seorang sebagian beberapa banyak semua
    seluruh setiap tidak bukan belum sudah telah akan masih juga pun bahkan lebih
    sekitar hampir ada apa apakah bagaimana mengapa siapa kapan dimana yang dan
    atau jika kalau karena sehingga agar supaya meski meskipun walaupun terkait
    sekadar menambahkan mengonfirmasi mengkonfirmasi mengatakan perkiraan
    pasukan serangan pejabat laporan video klip foto gambar bendera langkah angka
    kerja perjanjian mantan pemain komentarnya pernyataan gelombang rekaman
    kabar berita artikel sekelompok kelompok perang kita lihat saja dari
    menyadari mendalamnya menambahkan mengonfirmasi pentingnya rakyat
    the a an but and however meanwhile
    """.split()
)
_TOKEN = re.compile(r"[A-Za-zÀ-ÿ][\w'’.-]*[\w]|[A-Za-zÀ-ÿ]|\d+")
_ROMAN = re.compile(r"^[IVX]{1,4}$")
_AFFIXED = re.compile(r"^(?:me|mem|men|meng|meny|ber|di|ter|pe|pem|pen|peng|per|ke|se)\w{3,}|\w{3,}(?:kan|nya|lah|an)$")
# Connectors allowed inside an organisation name: "Dewan Keamanan dan
# Pertahanan Nasional Ukraina".
_ORG_CONNECTORS = frozenset({"dan", "untuk"})
# Acronyms that are names of their own, split from a following person name
# ("NATO Mark Rutte"); unknown ones stay attached ("JD Vance").
_KNOWN_ACRONYMS = frozenset(
    """
    nato pbb as ue eu un uk brics asean opec tni polri kpk dpr mpr bin cia fbi
    kgb fsb gru iaea who imf opec g7 g20 dk pm
    """.split()
)
_TIME_WORDS = frozenset(
    """
    senin selasa rabu kamis jumat jum'at sabtu minggu ahad januari februari
    maret april mei juni juli agustus september oktober november desember
    monday tuesday wednesday thursday friday saturday sunday
    """.split()
)


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper() or (tok.isupper() and len(tok) > 1)


def _is_acronym(tok: str) -> bool:
    letters = tok.replace("-", "")
    return len(letters) >= 2 and letters.isupper() and letters.isalpha()


# First word of each GEO name: most tokens start none, and need no joined look-ups.
_GEO_FIRST_WORDS = frozenset(name.split(" ")[0] for name in GEO)


def _geo_prefix_len(tokens: list[str], i: int) -> int:
    """Length of a geo name starting at tokens[i] (0 if none)."""
    if i >= len(tokens) or tokens[i].lower() not in _GEO_FIRST_WORDS:
        return 0  # tokens hold no spaces, so a GEO name starting here starts with this word
    for n in (3, 2, 1):
        if i + n <= len(tokens) and " ".join(tokens[i : i + n]).lower() in GEO:
            return n
    return 0


def strip_titles(tokens: list[str]) -> list[str]:
    """Drop leading office words, and a country/org before a person name."""
    out = list(tokens)
    while out and out[0].lower().rstrip(".") in TITLE_WORDS:
        out.pop(0)
    return out


def _split_run(run: list[str]) -> list[list[str]]:
    """Split a capitalised run into entities: 'NATO Mark Rutte' -> NATO, Mark Rutte."""
    if not run:
        return []
    if run[0].lower() in ORG_HEADS:
        return [run]
    parts: list[list[str]] = []
    i = 0
    cur: list[str] = []
    while i < len(run):
        n = _geo_prefix_len(run, i)
        if n:
            if cur:
                parts.append(cur)
                cur = []
            parts.append(run[i : i + n])
            i += n
            continue
        if _is_acronym(run[i]) and len(run) > 1 and run[i].lower() in _KNOWN_ACRONYMS:
            if cur:
                parts.append(cur)
                cur = []
            parts.append([run[i]])
            i += 1
            continue
        cur.append(run[i])
        i += 1
    if cur:
        parts.append(cur)
    # A region followed by its country stays one place: "Timur Jauh Rusia".
    return parts


def _runs(sentence: str) -> list[tuple[list[str], int]]:
    """Runs of capitalised tokens (not crossing punctuation) with the index of their first token."""
    runs: list[tuple[list[str], int]] = []
    cur: list[str] = []
    start = 0
    prev_end = 0
    matches = list(_TOKEN.finditer(sentence))
    last = len(matches) - 1
    for i, m in enumerate(matches):
        tok = m.group(0)
        if cur and sentence[prev_end : m.start()].strip():  # punctuation ends a run
            runs.append((cur, start))
            cur = []
        prev_end = m.end()
        if _is_cap(tok) or (cur and _ROMAN.match(tok)):
            if not cur:
                start = i
            cur.append(tok)
        elif (
            # the next token is looked at only here, for "Dewan ... dan Pertahanan"
            cur and i < last and tok in _ORG_CONNECTORS and cur[0].lower() in ORG_HEADS
            and _is_cap(matches[i + 1].group(0)) and not sentence[m.end() : matches[i + 1].start()].strip()
        ):
            cur.append(tok)
        else:
            if cur:
                runs.append((cur, start))
            cur = []
    if cur:
        runs.append((cur, start))
    return runs


def _looks_common(tok: str) -> bool:
    low = tok.lower()
    return low in _COMMON or (low not in GEO and bool(_AFFIXED.match(low)) and not _is_acronym(tok))


def extract_entities(sentence: str) -> list[str]:
    """People, organisations and places named in a sentence, in order, without duplicates."""
    found: list[str] = []
    for run, start in _runs(sentence):
        run = list(run)
        # Common words capitalised by position ("Namun", "Pasukan Rusia").
        while run and (run[0].lower() in _COMMON or run[0].lower() in _TIME_WORDS):
            run.pop(0)
            start += 1
        run = strip_titles(run)
        for part in _split_run(run):
            part = [t for t in strip_titles(part)]
            if not part or (len(part) == 1 and part[0].lower() in _TIME_WORDS):
                continue
            if len(part) == 1 and start == 0 and _looks_common(part[0]):
                continue
            start = -1
            name = " ".join(part)
            if name not in found:
                found.append(name)
    return found


def is_person_name(name: str) -> bool:
    """Two to four capitalised words with no geo, org, title or acronym word."""
    toks = name.split()
    if not 2 <= len(toks) <= 4:
        return False
    for t in toks:
        low = t.lower()
        if not t[:1].isupper() or _is_acronym(t) or low in GEO or low in ORG_HEADS or low in TITLE_WORDS or low in _COMMON:
            return False
    return _geo_prefix_len(toks, 0) == 0


def person_name(phrase: str) -> str | None:
    """The person named at the end of a title phrase, or None.

    "Sekretaris Jenderal NATO Mark Rutte" -> "Mark Rutte";
    "kepala badan intelijen militer Ukraina Kyrilo Budanov" -> "Kyrilo Budanov".
    A bare surname ("Rutte") returns None: the caller keeps it as written.
    """
    runs = _runs(phrase)
    if not runs:
        return None
    run = runs[-1][0]
    parts = _split_run(run)
    last = parts[-1]
    low0 = last[0].lower()
    if low0 in ORG_HEADS or _geo_prefix_len(last, 0) == len(last) or (len(last) == 1 and _is_acronym(last[0])):
        return None
    stripped = strip_titles(last)
    if not stripped or any(t.lower() in _COMMON or t.lower() in GEO for t in stripped):
        return None
    if len(stripped) >= 2 or len(parts) > 1 or len(stripped) < len(last):
        return " ".join(stripped)
    return None


def _words(text: str) -> list[str]:
    return re.findall(r"[\w’'-]+", text.lower())


def mentions(sentence: str, name: str) -> bool:
    """Whether ``sentence`` mentions ``name`` as whole words, case-insensitively.

    A person's surname alone matches the full name ("Rutte" ~ "Mark Rutte"),
    and a full name matches a surname query.
    """
    target = _words(name)
    if not target:
        return False
    words = _words(sentence)
    n = len(target)
    if any(words[i : i + n] == target for i in range(len(words) - n + 1)):
        return True
    if is_person_name(name) and len(target) >= 2:
        return target[-1] in words
    return False
