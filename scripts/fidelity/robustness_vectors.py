#!/usr/bin/env python3
"""Reference values for the semantic-robustness perturbations and the word error rate.

Run with Debian's Python 3.11 and its numpy (python3-numpy):
    /usr/bin/python3 scripts/fidelity/robustness_vectors.py
It rewrites src/test/resources/fidelity/{perturbations,word_error_rate}.jsonl, which are checked in.

fmeval itself is not installable here (it needs Ray). The perturbations below restate fmeval's
eval_algorithms/semantic_perturbation_utils.py (ButterFinger, RandomUpperCase, WhitespaceAddRemove,
adapted by fmeval from NL-Augmenter) over the generators it draws from: Python's `random` module for
ButterFinger and WhitespaceAddRemove, numpy's legacy global RandomState for RandomUpperCase, both
seeded with the same integer when a perturbation object is made (fmeval makes one per record, with
its default seed 5). check_against_fmeval_tests() first replays fmeval's own unit-test cases
(test/unit/eval_algorithms/test_semantic_perturbation_utils.py) to show the restatement is faithful.

The word error rate restates HuggingFace evaluate's "wer" metric as fmeval calls it
(predictions = the perturbed outputs, references = the original output repeated) over jiwer's
default WER transform (RemoveMultipleSpaces, Strip, ReduceToListOfListOfWords) and the word-level
Levenshtein distance: errors (S + D + I) and reference words (S + D + H) are summed over the pairs,
then divided once.
"""
import json
import os
import random
import re

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "src", "test", "resources", "fidelity")

# fmeval's ButterFinger table (NL-Augmenter's QWERTY neighbours); a data table, kept as fmeval has it.
QUERTY_KEY_APPROX = {
    "q": "qwasedzx", "w": "wqesadrfcx", "e": "ewrsfdqazxcvgt", "r": "retdgfwsxcvgt", "t": "tryfhgedcvbnju",
    "y": "ytugjhrfvbnji", "u": "uyihkjtgbnmlo", "i": "iuojlkyhnmlp", "o": "oipklujm", "p": "plo['ik",
    "a": "aqszwxwdce", "s": "swxadrfv", "d": "decsfaqgbv", "f": "fdgrvwsxyhn", "g": "gtbfhedcyjn",
    "h": "hyngjfrvkim", "j": "jhknugtblom", "k": "kjlinyhn", "l": "lokmpujn",
    "z": "zaxsvde", "x": "xzcsdbvfrewq", "c": "cxvdfzswergb", "v": "vcfbgxdertyn", "b": "bvnghcftyun",
    "n": "nbmhjvgtuik", "m": "mnkjloik", " ": " ",
}


def set_seed(seed):
    # fmeval's SemanticPerturbationUtil.__init__ seeds both global generators.
    random.seed(seed)
    np.random.seed(seed)


def butter_finger(text, seed, num_perturbations, perturbation_prob):
    set_seed(seed)
    prob_of_typo = int(perturbation_prob * 100)
    outputs = []
    for _ in range(num_perturbations):
        letters = []
        for letter in text:
            lower = letter.lower()
            if lower not in QUERTY_KEY_APPROX:
                new_letter = lower
            elif random.choice(range(0, 100)) <= prob_of_typo:
                new_letter = random.choice(QUERTY_KEY_APPROX[lower])
            else:
                new_letter = lower
            if lower != letter:
                new_letter = new_letter.upper()
            letters.append(new_letter)
        outputs.append("".join(letters))
    return outputs


def random_upper_case(text, seed, num_perturbations, corrupt_proportion):
    set_seed(seed)
    outputs = []
    for _ in range(num_perturbations):
        positions = np.random.choice(range(len(text)), int(len(text) * corrupt_proportion), False)
        outputs.append("".join(c if i not in positions else c.upper() for i, c in enumerate(text)))
    return outputs


def whitespace_add_remove(text, seed, num_perturbations, remove_prob, add_prob):
    set_seed(seed)
    outputs = []
    for _ in range(num_perturbations):
        chars = []
        for c in text:
            r = random.random()
            if c.isspace() and r < remove_prob:
                continue
            chars.append(c)
            if not c.isspace() and r < add_prob:
                chars.append(" ")
        outputs.append("".join(chars))
    return outputs


def check_against_fmeval_tests():
    text = "A quick brown fox jumps over the lazy dog 10 times."
    assert butter_finger(text, 3, 3, 0.1) == [
        "A quick bcmwn fox jumps over bhr lwzj dog 10 times.",
        "A auick brown fox jumps over the lazy dog 10 timef.",
        "A quick brown flz jujps ovef the lazy dog 10 times."]
    assert butter_finger(text, 10, 2, 0.2) == [
        "A qujck brown fov jumps over dhe lavg dog 10 times.",
        "A qhick brocm fox jukps over tie pazy dog 10 times."]
    assert random_upper_case(text, 3, 3, 0.1) == [
        "A quick bRowN fox jumps over the lazy dOG 10 timEs.",
        "A quicK brown fox jUmps Over tHe lazy dog 10 Times.",
        "A qUicK brown fox jumps over thE lazy Dog 10 timEs."]
    assert random_upper_case(text, 10, 2, 0.2) == [
        "A qUick brown fox juMPs oveR thE lazy Dog 10 TimEs.",
        "A quick brown foX jUMps ovER the lazY dog 10 tiMes."]
    assert whitespace_add_remove(text, 3, 3, 0.1, 0.05) == [
        "A quick  brown fox jumps ov er the lazydog 10 times.",
        "A quick brown foxjumps o ve r the lazy  dog10 times.",
        "A quick brow n f oxjumps o ver the lazy do g 10 times."]
    assert whitespace_add_remove(text, 10, 2, 0.2, 0.4) == [
        "A qu ickbr o wnfox  jumps  over t he  la zydog  10  times .",
        "A  q ui c k bro w nf ox  jump sov e r  th e l azy d og 10 ti mes. "]


def jiwer_words(text):
    text = re.sub(r"\s\s+", " ", text)
    text = text.strip()
    return [w for w in text.split(" ") if len(w) >= 1]


def levenshtein(a, b):
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] != b[j - 1]))
        previous = current
    return previous[len(b)]


def hf_wer(predictions, references):
    incorrect = 0
    total = 0
    for prediction, reference in zip(predictions, references):
        reference_words = jiwer_words(reference)
        if not reference_words:
            raise ValueError("one or more references are empty strings")
        incorrect += levenshtein(reference_words, jiwer_words(prediction))
        total += len(reference_words)
    return incorrect / total


WORDS = ("the a quick brown fox jumps over lazy dog paris is capital of france river seine flows through "
         "city answer question model output summary report revenue grew percent quarter customers said "
         "it was not clear whether company will meet its targets next year").split()
PUNCTUATION = ["", "", "", ",", ".", "!", "?", ";", ":", "'s", "-", "\"", ")"]

HAND_TEXTS = [
    "", " ", "  ", "a", "A", "Z", "\t", "\n", "?!...", "A quick brown fox jumps over the lazy dog 10 times.",
    "ALL UPPER CASE TEXT", "MiXeD CaSe TeXt", "1234567890", "tab\tseparated\twords", "line one\nline two\r\n",
    "double  spaces   here", " leading and trailing ", "non\u00a0breaking\u00a0space", "ideographic\u3000space",
    "file\x1cgroup\x1drecord\x1eunit\x1fseparators", "next\x85line", "line\u2028separator",
    "Ünïcödé naïve café", "Straße und Maß", "İstanbul ıi", "ΣΊΣΥΦΟΣ σίσυφος", "Kelvin \u212a and Ångström \u212b",
    "ﬁne ﬂow ﬀ", "日本語のテキストです。", "emoji 👍 ok 🎉 done", "combining e\u0301 acute", "titlecase ǅ ǈ ǋ",
    "ŉ apostrophe n", "ǰ j caron", "Ǆ digraph", "ﬃ ligature ﬄ", "ΐ ΰ", "\U0001d400 math bold A",
    "'quoted' \"double\" [brackets] {braces} <angle>", "p[o]['ik", "email: someone@example.com, url https://x.io/a?b=c",
    "What is the capital of France?", "Summarize: The quarterly revenue grew 12 percent.",
    "x" * 300, "The quick brown fox. " * 40,
]


def generated_texts(rng, count):
    texts = []
    for _ in range(count):
        words = []
        for _ in range(rng.randint(1, 25)):
            w = rng.choice(WORDS)
            r = rng.random()
            if r < 0.1:
                w = w.upper()
            elif r < 0.3:
                w = w.capitalize()
            words.append(w + rng.choice(PUNCTUATION))
        separator = rng.choice([" ", " ", " ", "  ", "\n", "\t"])
        texts.append(separator.join(words))
    return texts


def perturbation_rows(texts, rng):
    rows = []
    for text in texts:
        rows.append({"perturbation": "butter_finger", "text": text, "seed": 5, "num_perturbations": 5,
                     "params": {"perturbation_prob": 0.1}, "outputs": butter_finger(text, 5, 5, 0.1)})
        rows.append({"perturbation": "random_upper_case", "text": text, "seed": 5, "num_perturbations": 5,
                     "params": {"corrupt_proportion": 0.1}, "outputs": random_upper_case(text, 5, 5, 0.1)})
        rows.append({"perturbation": "whitespace_add_remove", "text": text, "seed": 5, "num_perturbations": 5,
                     "params": {"remove_prob": 0.1, "add_prob": 0.05},
                     "outputs": whitespace_add_remove(text, 5, 5, 0.1, 0.05)})
    # Other seeds, counts and probabilities, on a sample of the texts.
    for text in rng.sample(texts, 60):
        seed = rng.choice([0, 1, 3, 10, 42, 2024, 123456789, 2**31 - 1, 2**32 - 1])
        n = rng.randint(1, 8)
        p = rng.choice([0.0, 0.05, 0.2, 0.29, 0.5, 1.0])
        q = rng.choice([0.0, 0.1, 0.4, 1.0])
        rows.append({"perturbation": "butter_finger", "text": text, "seed": seed, "num_perturbations": n,
                     "params": {"perturbation_prob": p}, "outputs": butter_finger(text, seed, n, p)})
        rows.append({"perturbation": "random_upper_case", "text": text, "seed": seed, "num_perturbations": n,
                     "params": {"corrupt_proportion": p}, "outputs": random_upper_case(text, seed, n, p)})
        rows.append({"perturbation": "whitespace_add_remove", "text": text, "seed": seed, "num_perturbations": n,
                     "params": {"remove_prob": q, "add_prob": p},
                     "outputs": whitespace_add_remove(text, seed, n, q, p)})
    return rows


def edited(rng, text):
    """A model output that differs from `text` the ways answers to perturbed prompts do."""
    words = text.split(" ")
    r = rng.random()
    if r < 0.15:
        return text
    if r < 0.3:
        return rng.choice(butter_finger(text, rng.randint(0, 99), 1, 0.1))
    if r < 0.45:
        return whitespace_add_remove(text, rng.randint(0, 99), 1, 0.1, 0.05)[0]
    if r < 0.55 and len(words) > 1:
        del words[rng.randrange(len(words))]
    elif r < 0.65:
        words.insert(rng.randint(0, len(words)), rng.choice(WORDS))
    elif r < 0.75:
        rng.shuffle(words)
    elif r < 0.8:
        return ""
    elif r < 0.85:
        return rng.choice(["\n", "  ", "\t\t"]).join(words)
    else:
        words = [rng.choice(WORDS) for _ in range(rng.randint(1, 12))]
    return " ".join(words)


HAND_WER = [
    ("a b c", ["a b c"] * 5),
    ("a b c", ["a x c", "a b", "a b c d", "", "c b a"]),
    ("a\nb c", ["a b c", "a\nb c", "a\n\nb c", "a\tb c", " a\nb c "]),
    ("the cat", ["the  cat", "  the cat  ", "the\u00a0cat", "the\u00a0\u00a0cat", "the\u3000 cat"]),
    ("", ["a", "", "b c", "", ""]),
    ("   ", ["a", "", "b c", "", ""]),
    ("\n", ["a", "", "b c", "", ""]),
    ("word", ["WORD", "word.", "word", "w o r d", "wordword"]),
    ("Ünïcödé café", ["Ünïcödé café", "unicode cafe", "Ünïcödé", "café Ünïcödé", "👍"]),
]


def wer_rows(texts, rng):
    rows = []
    cases = list(HAND_WER)
    for original in rng.sample([t for t in texts if t.strip()], 250):
        cases.append((original, [edited(rng, original) for _ in range(5)]))
    for original, perturbed in cases:
        row = {"original": original, "perturbed_outputs": perturbed}
        try:
            row["wer"] = hf_wer(perturbed, [original] * len(perturbed))
        except ValueError as e:
            row["error"] = str(e)
        rows.append(row)
    return rows


def write(name, rows):
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, sort_keys=True) + "\n")
    print(f"{name}: {len(rows)} rows")


def main():
    check_against_fmeval_tests()
    rng = random.Random(20240607)
    texts = HAND_TEXTS + generated_texts(rng, 260)
    write("perturbations.jsonl", perturbation_rows(texts, rng))
    write("word_error_rate.jsonl", wer_rows(texts, rng))


if __name__ == "__main__":
    main()
