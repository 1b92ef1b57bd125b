#!/usr/bin/python3
"""Evaluation records for the benchmarks (scripts/bench-eval, scripts/bench-scale), one JSON line each:
a question with a short answer and a model output close to it (QA accuracy, factual knowledge), a
25-50-word summary and a variant of it (summarization, semantic similarity), a sentiment label and a
model's label. Seeded, so every run of a size scores the same records.

    eval_bench_data.py N OUT.jsonl
"""
import json
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fidelity"))
import text_metric_vectors as t  # noqa: E402  (the fidelity vectors' sentence generator)


def main():
    n, path = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(11)
    labels = ["positive", "negative", "neutral"]
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            answer = t.random_sentence(rng, rng.randint(1, 4)).strip()
            summary = t.random_sentence(rng, rng.randint(25, 50))
            label = rng.choice(labels)
            f.write(json.dumps({
                "id": f"r{i}", "question": t.random_sentence(rng, 8), "answer": answer,
                "qa_output": rng.choice(["", "The answer is ", "I think "]) + t.variant(rng, answer),
                "summary_target": summary, "summary_output": t.variant(rng, summary),
                "label": label, "label_output": rng.choice(["", "The sentiment is "]) + rng.choice(labels + ["unsure"])},
                ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
