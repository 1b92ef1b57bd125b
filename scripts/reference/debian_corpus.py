#!/usr/bin/python3
"""Extracts the real-text corpus of the novelty test from Debian's package list (apt-cache dumpavail).

    apt-get update && scripts/reference/debian_corpus.py > src/test/resources/knn/debian-descriptions.jsonl

One JSON line per package of Debian's main archive: {"id": package name, "section": its Section, "text":
its one-line Description (the synopsis)}, for the sections below, at most PER_SECTION a section, drawn
with a fixed seed among the section's packages with distinct synopses of at least three words
(transitional and dummy packages left out). The REFERENCE sections play the data an application
covers; the NEW sections, topics it never saw.

Licence: each synopsis is part of its package's Debian packaging (debian/control), distributed in
Debian's main archive under that package's licence, which the Debian Free Software Guidelines require
to allow redistribution and derived works; the package name kept as each line's id says where to read
it (/usr/share/doc/<package>/copyright on a Debian system, or the package's page).
"""
import json
import random
import subprocess

REFERENCE = ["games", "sound", "graphics", "science", "math", "mail", "editors", "database", "web", "net"]
NEW = ["fonts", "localization", "kernel", "hamradio", "electronics", "vcs"]
PER_SECTION = {**{s: 230 for s in REFERENCE}, **{s: 40 for s in NEW}}


def packages():
    dump = subprocess.run(["apt-cache", "dumpavail"], check=True, capture_output=True, text=True).stdout
    for stanza in dump.split("\n\n"):
        fields = {}
        for line in stanza.splitlines():
            if line and not line[0].isspace() and ":" in line:
                key, value = line.split(":", 1)
                fields[key] = value.strip()
        if fields.get("Filename", "").startswith("pool/main/") and "Package" in fields:
            yield fields


def main():
    by_section = {s: {} for s in PER_SECTION}
    seen_texts = set()
    for p in sorted(packages(), key=lambda f: f["Package"]):
        section, text = p.get("Section"), p.get("Description", "")
        lowered = text.lower()
        if section not in by_section or len(text.split()) < 3 or "transitional" in lowered or "dummy" in lowered:
            continue
        if text in seen_texts or p["Package"] in by_section[section]:
            continue
        seen_texts.add(text)
        by_section[section][p["Package"]] = text
    rng = random.Random(20)
    for section, wanted in PER_SECTION.items():
        names = sorted(by_section[section])
        for name in sorted(rng.sample(names, min(wanted, len(names)))):
            print(json.dumps({"id": name, "section": section, "text": by_section[section][name]}))


if __name__ == "__main__":
    main()
