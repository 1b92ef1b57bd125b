#!/usr/bin/env python3
"""Reference values for the QA accuracy, factual knowledge and classification accuracy tests.

Run with Debian's Python (python3-nltk, python3-sklearn):
    /usr/bin/python3 scripts/fidelity/eval_vectors.py
It rewrites src/test/resources/fidelity/{qa_accuracy,factual_knowledge,classification}.jsonl, which
are checked in. fmeval itself is not installable here; the functions below are fmeval's definitions
(fmeval/eval_algorithms/{util,qa_accuracy,factual_knowledge,classification_accuracy}.py) restated
line for line, calling the same libraries fmeval calls: NLTK's set-based precision/recall/f_measure
and scikit-learn's balanced_accuracy_score, precision_score and recall_score (average="micro").
"""
import json
import os
import random
import string

from nltk.metrics.scores import f_measure, precision, recall
from sklearn.metrics import balanced_accuracy_score, precision_score, recall_score

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "src", "test", "resources", "fidelity")


def normalize_text_quac_protocol(text):
    text = text.lower()
    text = "".join(c for c in text if c not in string.punctuation)
    return " ".join([w for w in text.split(" ") if (w != "" and w not in ["a", "an", "the"])])


def _norm_strip(text):
    return normalize_text_quac_protocol(text.strip())


def _f1(model_output, target):
    r = f_measure(reference=set(_norm_strip(target).split()), test=set(_norm_strip(model_output).split()))
    return 0.0 if r is None else float(r)


def _precision(model_output, target):
    r = precision(reference=set(_norm_strip(target).split()), test=set(_norm_strip(model_output).split()))
    return 0.0 if r is None else float(r)


def _recall(model_output, target):
    r = recall(reference=set(_norm_strip(target).split()), test=set(_norm_strip(model_output).split()))
    return 0.0 if r is None else float(r)


def _exact(model_output, target):
    return float(model_output.strip() == target.strip())


def _quasi_exact(model_output, target):
    return float(normalize_text_quac_protocol(model_output.strip()) == normalize_text_quac_protocol(target.strip()))


def qa_scores(model_output, target_output, delimiter):
    targets = target_output.split(delimiter)
    fns = {"exact_match_score": _exact, "quasi_exact_match_score": _quasi_exact, "f1_score": _f1,
           "precision_over_words": _precision, "recall_over_words": _recall}
    return {name: max(fn(model_output, t) for t in targets) for name, fn in fns.items()}


def _exact_inclusion(model_output, target):
    return float(target.lower() in model_output.lower())


def _quasi_exact_inclusion(model_output, target):
    return float(normalize_text_quac_protocol(target.strip()) in normalize_text_quac_protocol(model_output.strip()))


def factual_scores(model_output, target_output, delimiter, operator):
    targets = target_output.split(delimiter)
    agg = max if operator == "OR" else min
    return {"factual_knowledge": agg(_exact_inclusion(model_output, t) for t in targets),
            "factual_knowledge_quasi_exact": agg(_quasi_exact_inclusion(model_output, t) for t in targets)}


def convert_model_output_to_label(model_output, valid_labels):
    valid_labels = [label.lower().strip() for label in valid_labels]
    words = model_output.split(" ")
    predicted = [w.lower().strip() for w in words if w.lower().strip() in valid_labels]
    return predicted[0] if predicted else "unknown"


WORDS = ("paris london berlin rome madrid the a an capital city of france england germany italy spain is "
         "river thames seine danube mountain everest k2 blue red green 1969 1970 armstrong apollo moon").split()
FILLERS = ["", " ", "  ", "\n", "\t", ".", ",", "!", "?", "'s", "-", "\"", "(", ")", ":", ";"]


def phrase(rng, n):
    out = []
    for _ in range(n):
        w = rng.choice(WORDS)
        r = rng.random()
        if r < 0.2:
            w = w.upper()
        elif r < 0.35:
            w = w.capitalize()
        out.append(w + rng.choice(FILLERS))
    return " ".join(out)


HAND_QA = [
    ("Paris", "Paris", "<OR>"),
    ("  Paris \n", "paris", "<OR>"),
    ("The Paris.", "paris", "<OR>"),
    ("It is Paris, France", "Paris<OR>France", "<OR>"),
    ("", "Paris", "<OR>"),
    ("Paris", "", "<OR>"),
    ("the a an", "the", "<OR>"),
    ("the\ncat sat", "cat sat", "<OR>"),
    ("Neil Armstrong (1930-2012)", "Neil Armstrong", "<OR>"),
    ("Zürich, Schweiz", "zürich", "<OR>"),
    ("ÉCOLE normale", "école", "<OR>"),
    ("UK", "United Kingdom<OR>UK<OR>England", "<OR>"),
    ("Paris Paris Paris", "Paris London", "<OR>"),
    ("red, green and blue", "red<AND>green<AND>blue", "<AND>"),
    ("42", "42.0", "<OR>"),
    ("it's", "its", "<OR>"),
    ("a\u00a0cat", "cat", "<OR>"),
]


def qa_cases(rng):
    cases = list(HAND_QA)
    for _ in range(300):
        target = "<OR>".join(phrase(rng, rng.randint(1, 3)) for _ in range(rng.randint(1, 3)))
        first = target.split("<OR>")[0]
        r = rng.random()
        if r < 0.3:
            output = first
        elif r < 0.6:
            output = phrase(rng, rng.randint(0, 4)) + " " + first + " " + phrase(rng, rng.randint(0, 4))
        else:
            output = phrase(rng, rng.randint(0, 8))
        cases.append((output, target, "<OR>"))
    return cases


def main():
    rng = random.Random(20261123)
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "qa_accuracy.jsonl"), "w", encoding="utf-8") as f:
        for output, target, delim in qa_cases(rng):
            f.write(json.dumps({"model_output": output, "target_output": target, "delimiter": delim,
                                "expected": qa_scores(output, target, delim)}, ensure_ascii=False) + "\n")
    with open(os.path.join(OUT, "factual_knowledge.jsonl"), "w", encoding="utf-8") as f:
        for output, target, delim in qa_cases(rng):
            for operator in ["OR", "AND"]:
                f.write(json.dumps({"model_output": output, "target_output": target, "delimiter": delim,
                                    "logical_operator": operator,
                                    "expected": factual_scores(output, target, delim, operator)}, ensure_ascii=False) + "\n")
    labels = ["positive", "negative", "neutral"]
    outputs = []
    for _ in range(400):
        truth = rng.choice(labels)
        r = rng.random()
        if r < 0.55:
            said = truth
        elif r < 0.8:
            said = rng.choice(labels)
        else:
            said = "not sure"
        style = rng.random()
        text = said if style < 0.4 else (said.upper() if style < 0.6 else f"The answer is {said} . {rng.choice(labels)}")
        outputs.append((text, truth))
    rows = []
    for text, truth in outputs:
        predicted = convert_model_output_to_label(text, labels)
        rows.append({"model_output": text, "target_output": truth, "predicted": predicted,
                     "classification_accuracy_score": int(predicted == str(truth))})
    y_true = [r["target_output"] for r in rows]
    y_pred = [r["predicted"] for r in rows]
    with open(os.path.join(OUT, "classification.jsonl"), "w", encoding="utf-8") as f:
        f.write(json.dumps({"valid_labels": labels, "dataset": {
            "classification_accuracy_score": sum(r["classification_accuracy_score"] for r in rows) / len(rows),
            "balanced_accuracy_score": balanced_accuracy_score(y_true, y_pred),
            "precision_score": precision_score(y_true, y_pred, average="micro"),
            "recall_score": recall_score(y_true, y_pred, average="micro")}}) + "\n")
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
