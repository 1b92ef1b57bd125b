#!/usr/bin/env python3
"""The Python side of scripts/bench-eval: scores a generated evaluation dataset with the reference
definitions, in one process (one core), and prints {"algorithm", "records", "seconds"} for the
second of two passes over the records (the first warms WordNet and the caches).

    /usr/bin/python3 scripts/reference/fmeval_reference.py DATA.jsonl ALGORITHM LIMIT
    /usr/bin/python3 scripts/reference/fmeval_reference.py DATA.jsonl ALGORITHM --read_score_write OUT.jsonl

The second form is the plain Python process the eval job is compared with as a whole: it reads every
record of DATA.jsonl, scores it with the same functions, writes one JSON line per record with its
scores to OUT.jsonl and keeps the sums for the means, and prints {"algorithm", "records", "seconds"}
for all of that, in one process.

The functions are those the fidelity vectors were made with (scripts/fidelity/): fmeval's QA,
factual-knowledge and classification definitions over NLTK and scikit-learn; NLTK's own METEOR
with WordNet; rouge-score's and sacrebleu's definitions restated in plain Python (neither package is
installable here; both are pure Python too). fmeval itself adds Ray and its data loading on top, so
this is the fastest fmeval could score.
"""
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "fidelity"))
import eval_vectors  # noqa: E402
import text_metric_vectors  # noqa: E402


def main():
    if sys.argv[3] == "--read_score_write":
        read_score_write(sys.argv[1], sys.argv[2], sys.argv[4])
        return
    data, algorithm, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
    records = []
    with open(data, encoding="utf-8") as f:
        for line in f:
            records.append(json.loads(line))
            if len(records) == limit:
                break
    score = scorer(algorithm)
    for r in records:  # warm-up pass, as the Java side's: WordNet and the stemmer's caches load here
        score(r)
    start = time.perf_counter()
    for r in records:
        score(r)
    if algorithm == "classification_accuracy":
        labels = sorted({r["label"] for r in records})
        y_pred = [eval_vectors.convert_model_output_to_label(r["label_output"], labels) for r in records]
        y_true = [r["label"] for r in records]
        eval_vectors.balanced_accuracy_score(y_true, y_pred)
        eval_vectors.precision_score(y_true, y_pred, average="micro")
        eval_vectors.recall_score(y_true, y_pred, average="micro")
    seconds = time.perf_counter() - start
    print(json.dumps({"algorithm": algorithm, "records": len(records), "seconds": seconds}))


def read_score_write(data, algorithm, out):
    score = scores(algorithm)
    start = time.perf_counter()
    sums, records = {}, 0
    with open(data, encoding="utf-8") as lines, open(out, "w", encoding="utf-8") as written:
        for line in lines:
            record = json.loads(line)
            values = score(record)
            for name, value in values.items():
                sums[name] = sums.get(name, 0.0) + value
            written.write(json.dumps({"id": record["id"], "scores": values}) + "\n")
            records += 1
    means = {name: total / records for name, total in sums.items()}
    print(json.dumps({"algorithm": algorithm, "records": records, "seconds": time.perf_counter() - start, "means": means}))


def scores(algorithm):
    """A record's scores by name, as the job writes them, for the algorithms the job comparison runs."""
    if algorithm == "classification_accuracy":
        labels = ["positive", "negative", "neutral"]

        def classification(r):
            predicted = eval_vectors.convert_model_output_to_label(r["label_output"], labels)
            return {"classification_accuracy_score": float(predicted == r["label"])}
        return classification
    if algorithm in ("factual_knowledge", "qa_accuracy"):
        return scorer(algorithm)
    raise SystemExit(f"no read-score-write reference for {algorithm}")


def scorer(algorithm):
    if algorithm == "factual_knowledge":
        return lambda r: eval_vectors.factual_scores(r["qa_output"], r["answer"], "<OR>", "OR")
    if algorithm == "qa_accuracy":
        return lambda r: eval_vectors.qa_scores(r["qa_output"], r["answer"], "<OR>")
    if algorithm == "classification_accuracy":
        labels = ["positive", "negative", "neutral"]
        return lambda r: eval_vectors.convert_model_output_to_label(r["label_output"], labels) == r["label"]
    if algorithm == "summarization_accuracy":
        import meteor_vectors
        meteor = meteor_vectors.reference_meteor()

        def summarization(r):
            text_metric_vectors.rouge(r["summary_output"], r["summary_target"])
            meteor(r["summary_target"], r["summary_output"])
            text_metric_vectors.sentence_bleu(r["summary_output"], [r["summary_target"]])
        return summarization
    raise SystemExit(f"no Python reference for {algorithm}")


if __name__ == "__main__":
    main()
