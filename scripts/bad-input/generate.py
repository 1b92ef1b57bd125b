#!/usr/bin/env python3
"""Writes the bad-input corpus under src/test/resources/bad-input/ (python3 standard library only).

Every data set has two copies:
  mixed/  good records with bad ones among them (malformed lines, NaN/Inf, mixed dimensions, empty
          vectors, JSON of the wrong shape, missing fields, non-UTF-8 bytes, blank lines, empty
          files, a truncated gzip file);
  good/   the same files with every bad line replaced by a blank line of the same byte length (so
          byte offsets, line numbers and offset-based record ids stay the same) and the truncated
          gzip replaced by an intact one holding the lines a reader can recover from it.
A job run on good/ is the run "without the bad ones" that BadInputTest compares a mixed/ run with.
manifest.json holds the known counts per data set: records, good records, blank lines (in mixed/),
bad records by reason, corrupt files.

The 50 MB single line is not here (the repository stays small): the tests write it at test time
(src/test/java/llmops/reliability/HugeLine.java) into a copy of mixed/.

Deterministic: fixed seeds, gzip with mtime 0. Run from the repository root:
    python3 scripts/bad-input/generate.py
"""
import gzip
import json
import os
import random
import shutil
import zlib

ROOT = os.path.join("src", "test", "resources", "bad-input")
DIM = 8
CENTRES = None  # set in main: three cluster centres shared by the reference and the prompts


def vector(rng, centre):
    return [round(rng.gauss(c, 0.3), 6) for c in centre]


def seed_line(v):
    return "[" + ", ".join(repr(x) for x in v) + "]"


class DataSet:
    """Files of one data set, built line by line, with what each line is."""

    def __init__(self, name):
        self.name = name
        self.files = {}  # file name -> list of (bytes, kind): kind is "good", "blank" or a reason
        self.truncated = {}  # file name -> share of the compressed bytes kept
        self.per_model = None  # eval: per line, {model: reason or "good"}

    def add(self, file, line, kind):
        data = line if isinstance(line, bytes) else line.encode("utf-8")
        self.files.setdefault(file, []).append((data, kind))

    def empty(self, file):
        self.files[file] = []

    def write(self):
        base = os.path.join(ROOT, self.name)
        shutil.rmtree(base, ignore_errors=True)
        stats = {"records": 0, "good": 0, "blank_lines": 0, "quarantined_by_reason": {}, "corrupt_files": 0, "files": len(self.files)}
        for copy in ("mixed", "good"):
            os.makedirs(os.path.join(base, copy))
        for file, lines in sorted(self.files.items()):
            mixed = b"".join(data + b"\n" for data, _ in lines)
            good = b"".join((data if kind in ("good", "blank") else b" " * len(data)) + b"\n" for data, kind in lines)
            counted = lines
            if file.endswith(".gz"):
                whole = gzip.compress(mixed, compresslevel=9, mtime=0)
                if file in self.truncated:
                    cut = whole[: int(len(whole) * self.truncated[file])]
                    recovered = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(cut)
                    complete = recovered.count(b"\n")  # a reader keeps the lines whose end it reached
                    counted = lines[:complete]
                    stats["corrupt_files"] += 1
                    stats["quarantined_by_reason"]["corrupt_file"] = stats["quarantined_by_reason"].get("corrupt_file", 0) + 1
                    mixed_bytes = cut
                    good = b"".join((data if kind in ("good", "blank") else b" " * len(data)) + b"\n" for data, kind in counted)
                else:
                    mixed_bytes = whole
                good_bytes = gzip.compress(good, compresslevel=9, mtime=0)
            else:
                mixed_bytes, good_bytes = mixed, good
            with open(os.path.join(base, "mixed", file), "wb") as f:
                f.write(mixed_bytes)
            with open(os.path.join(base, "good", file), "wb") as f:
                f.write(good_bytes)
            for _, kind in counted:
                if kind == "blank":
                    stats["blank_lines"] += 1
                    continue
                stats["records"] += 1
                if kind == "good":
                    stats["good"] += 1
                else:
                    stats["quarantined_by_reason"][kind] = stats["quarantined_by_reason"].get(kind, 0) + 1
        return stats


def seed_embeddings(rng):
    """The AWS sample's archive: [f, ...] per line, plain and gzip (drift)."""
    d = DataSet("embeddings-seed")
    good = lambda: seed_line(vector(rng, rng.choice(CENTRES)))
    bad = [
        ("[0.1, abc, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]", "unparseable"),
        ("not a vector", "unparseable"),
        ("[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8", "unparseable"),
        ('{"embedding": [1, 2, 3, 4, 5, 6, 7, 8]}', "unparseable"),
        ("[0.1, 0.2,, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]", "unparseable"),
        ("[NaN, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]", "non_finite_value"),
        ("[0.1, Infinity, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]", "non_finite_value"),
        ("[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, -inf]", "non_finite_value"),
        ("[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 3.5e38]", "non_finite_value"),  # finite in text, infinite as float32
        ("[]", "empty_vector"),
        ("[ ]", "empty_vector"),
        ("[1.0, 2.0, 3.0, 4.0]", "dimension_mismatch"),
        ("[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]", "dimension_mismatch"),
        (b"[0.1, 0.2\xff, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]", "invalid_utf8"),
        (b"caf\xe9 [0.1]", "invalid_utf8"),
        (b"[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8] \xc0\xaf", "invalid_utf8"),  # an overlong '/'
    ]
    blanks = ["", "   ", "\t"]
    for i in range(80):
        d.add("part-0.txt", good(), "good")
        if i % 5 == 2 and bad:
            line, reason = bad.pop(0)
            d.add("part-0.txt", line, reason)
        if i % 20 == 7 and blanks:
            d.add("part-0.txt", blanks.pop(0), "blank")
    for _ in range(300):
        d.add("part-1.txt.gz", good(), "good")
    d.truncated["part-1.txt.gz"] = 0.6
    for _ in range(70):
        d.add("part-2.txt", good(), "good")
    d.empty("empty.txt")
    d.empty("empty.txt.gz")
    return d


def json_embeddings(rng):
    """JSON Lines prompts with id, embedding and text (distance)."""
    d = DataSet("embeddings-jsonl")
    n = [0]

    def good():
        n[0] += 1
        c = rng.randrange(len(CENTRES))
        return json.dumps({"id": "p-%04d" % n[0], "embedding": vector(rng, CENTRES[c]), "text": "prompt about topic %d" % c})

    v8 = "[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]"
    bad = [
        ('{"id": "x01", "embedding": [0.1, 0.2', "unparseable"),
        ("not json", "unparseable"),
        ('{"id": "x02", "embedding": ' + v8 + ",}", "unparseable"),
        ("[1, 2, 3]", "wrong_type"),
        ('"just a string"', "wrong_type"),
        ('{"id": "x03", "text": "no vector"}', "missing_field"),
        ('{"id": "x04", "embedding": null}', "missing_field"),
        ('{"id": "x05", "embedding": "' + v8 + '"}', "wrong_type"),
        ('{"id": "x06", "embedding": [0.1, "0.2", 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]}', "wrong_type"),
        ('{"id": "x07", "embedding": [[0.1], 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]}', "wrong_type"),
        ('{"id": "x08", "embedding": {"0": 0.1}}', "wrong_type"),
        ('{"id": "x09", "embedding": [0.1, null, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]}', "wrong_type"),
        ('{"id": "x10", "embedding": [NaN, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]}', "non_finite_value"),
        ('{"id": "x11", "embedding": [1e999, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]}', "non_finite_value"),
        ('{"id": "x12", "embedding": []}', "empty_vector"),
        ('{"id": "x13", "embedding": [0.1, 0.2, 0.3, 0.4]}', "dimension_mismatch"),
        (b'{"id": "x14", "embedding": ' + v8.encode() + b', "text": "caf\xe9"}', "invalid_utf8"),
        (b'{"id": "x15", "embedding": ' + v8.encode() + b', "text": "\xed\xa0\x80"}', "invalid_utf8"),  # an encoded surrogate
    ]
    blanks = ["", "  "]
    for i in range(70):
        d.add("a.jsonl", good(), "good")
        if i % 4 == 1 and bad:
            line, reason = bad.pop(0)
            d.add("a.jsonl", line, reason)
        if i % 30 == 5 and blanks:
            d.add("a.jsonl", blanks.pop(0), "blank")
    for _ in range(200):
        d.add("b.jsonl.gz", good(), "good")
    d.truncated["b.jsonl.gz"] = 0.5
    d.empty("empty.jsonl")
    return d


TOPICS = [
    "How do I reset my password?",
    "My invoice shows a charge twice this month.",
    "Can I change the delivery address after ordering?",
    "The app crashes when I open the settings page.",
    "Where can I download last year's tax statement?",
    "How long does a refund take to arrive?",
    "I want to cancel my subscription.",
    "Is there a student discount?",
    "The package arrived damaged, what now?",
    "How do I add a second user to my account?",
    "Why was my card declined?",
    "Can I pay with a bank transfer?",
    "Das Passwort lässt sich nicht zurücksetzen.",  # valid UTF-8, not ASCII: must be kept as it is
    "¿Dónde está mi pedido?",
]


def plain_texts():
    """Plain text, one document per line (embed): only line-level faults can be wrong here."""
    d = DataSet("texts-plain")
    bad = [(b"Caf\xe9 au lait, please", "invalid_utf8"), (b"\xff\xfe h\x00i\x00", "invalid_utf8")]
    for i, text in enumerate(TOPICS):
        d.add("a.txt", text, "good")
        if i in (3, 9):
            line, reason = bad.pop(0)
            d.add("a.txt", line, reason)
        if i == 6:
            d.add("a.txt", "   ", "blank")
    d.empty("empty.txt")
    return d


def json_texts(rng):
    """JSON Lines texts with id and text (embed)."""
    d = DataSet("texts-jsonl")
    bad = [
        ('{"id": "b1", "text": "unterminated', "unparseable"),
        ('["a", "list"]', "wrong_type"),
        ('{"id": "b2"}', "missing_field"),
        ('{"id": "b3", "text": null}', "missing_field"),
        ('{"id": "b4", "text": 42}', "wrong_type"),
        ('{"id": "b5", "text": {"en": "hello"}}', "wrong_type"),
        ('{"id": "b6", "text": "   "}', "empty_text"),
        (b'{"id": "b7", "text": "Caf\xe9 au lait"}', "invalid_utf8"),
    ]
    for i, text in enumerate(TOPICS[:10]):
        d.add("a.jsonl", json.dumps({"id": "t%02d" % i, "text": text}, ensure_ascii=False), "good")
        if bad:
            line, reason = bad.pop(0)
            d.add("a.jsonl", line, reason)
        if i == 4:
            d.add("a.jsonl", "", "blank")
    rest = TOPICS[10:] + [t.replace("?", " today?") for t in TOPICS[:6]]
    for i in range(60):
        d.add("b.jsonl.gz", json.dumps({"id": "g%02d" % i, "text": rest[i % len(rest)] + " (%d)" % rng.randrange(1000)},
                                       ensure_ascii=False), "good")
    d.truncated["b.jsonl.gz"] = 0.5
    d.empty("empty.jsonl")
    return d


def eval_dataset(rng):
    """An evaluation dataset for two models, m1 and m2 (eval). Some records are bad for one model only."""
    d = DataSet("eval")
    questions = [("Capital of France?", "Paris"), ("Largest planet?", "Jupiter"), ("Author of Hamlet?", "William Shakespeare<OR>Shakespeare"),
                 ("Boiling point of water in Celsius?", "100"), ("Chemical symbol of gold?", "Au"), ("Fastest land animal?", "cheetah")]
    n = [0]

    def record(**fields):
        n[0] += 1
        q, a = questions[n[0] % len(questions)]
        first = a.split("<OR>")[0]
        r = {"id": "r%03d" % n[0], "question": q, "answer": a, "category": "cat%d" % (n[0] % 2),
             "answers": {"m1": first if rng.random() < 0.7 else "I do not know", "m2": "It is " + first.lower() if rng.random() < 0.5 else "no idea"}}
        for k, v in fields.items():
            if v is None:
                r.pop(k, None)
            else:
                r[k] = v
        return json.dumps(r, ensure_ascii=False)

    # (line, reason for m1, reason for m2); "good" where that model can be scored
    bad = [
        ('{"id": "b01", "question": "broken', "unparseable", "unparseable"),
        ('[{"id": "b02"}]', "wrong_type", "wrong_type"),
        ('"a string"', "wrong_type", "wrong_type"),
        (record(question=None), "missing_field", "missing_field"),
        (record(answer=None), "missing_field", "missing_field"),
        (record(answer=["Paris", "paris"]), "wrong_type", "wrong_type"),
        (record(answers={"m1": "Paris"}), "good", "missing_field"),
        (record(answers={"m1": {"text": "Paris"}, "m2": "Paris"}), "wrong_type", "good"),
        (record(answers={"m1": None, "m2": "Paris"}), "missing_field", "good"),
        (record(answers={"m1": ["Paris"], "m2": ["Paris"]}), "wrong_type", "wrong_type"),
        (b'{"id": "b03", "question": "Caf\xe9?", "answer": "x", "answers": {"m1": "x", "m2": "x"}}', "invalid_utf8", "invalid_utf8"),
    ]
    d.per_model = {}
    for i in range(40):
        d.add("part-1.jsonl", record(), "good")
        if i % 3 == 1 and bad:
            line, r1, r2 = bad.pop(0)
            # bad for every model: blanked in good/; bad for one model only: kept, it is good for the other
            d.add("part-1.jsonl", line, "good" if "good" in (r1, r2) else r1)
            d.per_model.setdefault("part-1.jsonl", {})[len(d.files["part-1.jsonl"]) - 1] = {"m1": r1, "m2": r2}
        if i in (10, 20):
            d.add("part-1.jsonl", "" if i == 10 else " \t ", "blank")
    for _ in range(120):
        d.add("part-2.jsonl.gz", record(), "good")
    d.truncated["part-2.jsonl.gz"] = 0.5
    d.empty("empty.jsonl")
    return d


def eval_stats(d, stats):
    """Per model: records (one row per record, and one for the corrupt file), scored, errors by reason in mixed/ and in good/."""
    rows = [row for per_file in d.per_model.values() for row in per_file.values()]
    models = {}
    for m in ("m1", "m2"):
        errors, errors_in_good = {}, {}
        for row in rows:
            if row[m] != "good":
                errors[row[m]] = errors.get(row[m], 0) + 1
                if "good" in row.values():  # kept in good/: the record is good for the other model
                    errors_in_good[row[m]] = errors_in_good.get(row[m], 0) + 1
        errors["corrupt_file"] = stats["corrupt_files"]
        records = stats["records"] + stats["corrupt_files"]
        models[m] = {"records": records, "scored": records - sum(errors.values()), "errors_by_reason": errors,
                     "errors_by_reason_in_good": errors_in_good}
    stats["models"] = models
    # The generic counts treat a record bad for one model only as good; per model, "models" is the answer.
    for key in ("good", "quarantined_by_reason"):
        del stats[key]
    return stats


def main():
    global CENTRES
    rng = random.Random(2024)
    CENTRES = [[rng.gauss(0, 2) for _ in range(DIM)] for _ in range(3)]
    manifest = {"dim": DIM, "centres": [[round(x, 6) for x in c] for c in CENTRES]}
    for d in (seed_embeddings(random.Random(1)), json_embeddings(random.Random(2)), plain_texts(), json_texts(random.Random(3))):
        manifest[d.name] = d.write()
    e = eval_dataset(random.Random(4))
    manifest[e.name] = eval_stats(e, e.write())
    with open(os.path.join(ROOT, "eval", "config.yaml"), "w") as f:
        f.write(EVAL_CONFIG)
    with open(os.path.join(ROOT, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1, sort_keys=True)
        f.write("\n")


EVAL_CONFIG = """# Written by scripts/bad-input/generate.py: the config BadInputTest scores eval/mixed and eval/good with.
pipeline: {name: bad-input}
dataset:
  dataset_name: bad_input_qa
  model_input_key: question
  target_output_key: answer
  category_key: category
  record_id_key: id
models:
  - {name: m1, model_output_key: answers.m1}
  - {name: m2, model_output_key: answers.m2}
algorithms:
  - {algorithm: FactualKnowledge, target_output_delimiter: "<OR>"}
  - {algorithm: QAAccuracy, target_output_delimiter: "<OR>"}
"""

if __name__ == "__main__":
    main()
