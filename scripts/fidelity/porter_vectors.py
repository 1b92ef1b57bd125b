#!/usr/bin/python3
"""NLTK's Porter stems of ~613k English words, the expected answers for PorterStemmerTest.

Run from the repository root with Debian's Python, which has NLTK 3.8 (python3-nltk) and WordNet
(wordnet-base):

    /usr/bin/python3 scripts/fidelity/porter_vectors.py

It writes src/test/resources/fidelity/porter_nltk.tsv.gz (word<TAB>stem, one a line, UTF-8), which
is checked in, so the Java tests need neither Python nor NLTK. The output is deterministic (gzip
without a timestamp), so rerunning it changes nothing unless NLTK or WordNet changed.

The vocabulary: every lemma of /usr/share/wordnet/index.{noun,verb,adj,adv} made of [a-z] only,
each also with +s, +es, +ed, +ing, +ly, +ies and +ied appended (612,992 words), then a few
hand-picked words for what WordNet lacks: capitals (NLTK looks irregular forms up before
lowercasing), non-ASCII letters, and characters outside the BMP (Python counts code points).
Stems are NLTK_EXTENSIONS, the default mode, which rouge-score and NLTK's METEOR use. The whole
file is about 2.2 MB compressed, so it is kept whole rather than sampled.
"""
import gzip
import re

import nltk
from nltk.stem.porter import PorterStemmer

OUTPUT = "src/test/resources/fidelity/porter_nltk.tsv.gz"
SUFFIXES = ("s", "es", "ed", "ing", "ly", "ies", "ied")
EXTRA_WORDS = [
    "Skies", "SKY", "Dying", "NEWS", "Innings", "Proceed", "Happy", "RUNNING", "Generalizations",
    "Is", "AS", "A", "İs", "İnnings",
    "naïvely", "café", "cafés", "Ærosols", "straße", "façades", "résumés", "ΣΊΣΥΦΟΣ",
    "a𝔘𝔘ed", "𝔘𝔘𝔘ing", "x😀ies", "😀😀",
    "1990s", "mp3s", "x2", "covid19ed", "yyyyying", "ayyyyied",
]


def wordnet_vocabulary():
    lemmas = set()
    for pos in ("noun", "verb", "adj", "adv"):
        with open(f"/usr/share/wordnet/index.{pos}", encoding="utf-8") as f:
            for line in f:
                if line.startswith(" "):  # the licence header
                    continue
                lemma = line.split(" ", 1)[0]
                if re.fullmatch(r"[a-z]+", lemma):
                    lemmas.add(lemma)
    words = set(lemmas)
    for lemma in lemmas:
        words.update(lemma + suffix for suffix in SUFFIXES)
    return sorted(words)


def main():
    assert nltk.__version__ == "3.8", nltk.__version__
    stemmer = PorterStemmer()  # mode=NLTK_EXTENSIONS
    words = wordnet_vocabulary() + EXTRA_WORDS
    lines = "".join(f"{w}\t{stemmer.stem(w)}\n" for w in words)
    with open(OUTPUT, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as out:
        out.write(lines.encode("utf-8"))
    print(f"{len(words)} words -> {OUTPUT}")


if __name__ == "__main__":
    main()
