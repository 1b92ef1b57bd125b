#!/usr/bin/env python3
"""Writes the demo's evaluation dataset: trivia questions with their answers and the answers of two
simulated models, in the shape fmeval's DataConfig reads with JMESPath locations.

    python3 scripts/demo-corpus/eval/make_eval_dataset.py

Deterministic (seeded), so trivia_qa.jsonl in this folder is exactly what it writes. The models are
simulated, not real: "llama2-7b-f" answers in sentences and is mostly right; "falcon-7b" answers
tersely and is wrong more often, so the leaderboard has a clear winner on factual knowledge while
exact match favours the terse model, which is the point of reading several metrics.
"""
import json
import os
import random

FACTS = {
    "capitals": [
        ("What is the capital of France?", ["Paris"]), ("What is the capital of Germany?", ["Berlin"]),
        ("What is the capital of Italy?", ["Rome"]), ("What is the capital of Spain?", ["Madrid"]),
        ("What is the capital of Japan?", ["Tokyo"]), ("What is the capital of Canada?", ["Ottawa"]),
        ("What is the capital of Australia?", ["Canberra"]), ("What is the capital of Brazil?", ["Brasilia", "Brasília"]),
        ("What is the capital of Egypt?", ["Cairo"]), ("What is the capital of Kenya?", ["Nairobi"]),
        ("What is the capital of Norway?", ["Oslo"]), ("What is the capital of Portugal?", ["Lisbon"]),
        ("What is the capital of the United Kingdom?", ["London"]), ("What is the capital of India?", ["New Delhi", "Delhi"]),
        ("What is the capital of Mexico?", ["Mexico City"]), ("What is the capital of Argentina?", ["Buenos Aires"]),
    ],
    "science": [
        ("What is the chemical symbol for gold?", ["Au"]), ("What gas do plants absorb from the air?", ["carbon dioxide", "CO2"]),
        ("How many planets are in the solar system?", ["eight", "8"]), ("What is the largest planet?", ["Jupiter"]),
        ("What is the boiling point of water in Celsius?", ["100", "one hundred"]), ("What particle has a negative charge?", ["electron"]),
        ("What is the hardest natural substance?", ["diamond"]), ("Which organ pumps blood?", ["the heart", "heart"]),
        ("What is the closest star to Earth?", ["the Sun", "Sun"]), ("What force keeps us on the ground?", ["gravity"]),
        ("What is H2O commonly called?", ["water"]), ("Which planet is known as the Red Planet?", ["Mars"]),
    ],
    "history": [
        ("Who was the first person to walk on the Moon?", ["Neil Armstrong", "Armstrong"]),
        ("In which year did World War II end?", ["1945"]), ("Who painted the Mona Lisa?", ["Leonardo da Vinci", "da Vinci"]),
        ("Which empire built the Colosseum?", ["the Roman Empire", "Roman"]), ("Who wrote the Origin of Species?", ["Charles Darwin", "Darwin"]),
        ("In which year did the Berlin Wall fall?", ["1989"]), ("Who was the first President of the United States?", ["George Washington"]),
        ("Which ship sank in 1912 after hitting an iceberg?", ["Titanic", "RMS Titanic"]),
        ("Who discovered penicillin?", ["Alexander Fleming", "Fleming"]), ("Which civilisation built Machu Picchu?", ["the Inca", "Inca"]),
    ],
}
WRONG = ["London", "1944", "Venus", "Isaac Newton", "Lyon", "helium", "Sydney", "seven", "the Greeks", "Mercury"]


def verbose(question, answers, rng, right):
    answer = answers[0] if right else rng.choice(WRONG)
    templates = ["The answer is {a}.", "{a}.", "I believe it is {a}.", "That would be {a}, as far as I know.",
                 "It's {a}!", "{a} is the answer to \"{q}\""]
    return rng.choice(templates).format(a=answer, q=question.rstrip("?"))


def terse(answers, rng, right):
    return (rng.choice(answers) if right else rng.choice(WRONG)).lower() if rng.random() < 0.3 else \
        (rng.choice(answers) if right else rng.choice(WRONG))


def main():
    rng = random.Random(7)
    out = os.path.join(os.path.dirname(__file__), "trivia_qa.jsonl")
    with open(out, "w", encoding="utf-8") as f:
        n = 0
        for repeat in range(4):
            for category, facts in FACTS.items():
                for question, answers in facts:
                    n += 1
                    record = {"id": f"q{n:04d}", "question": question, "answer": "<OR>".join(answers), "category": category,
                              "answers": {"llama2-7b-f": verbose(question, answers, rng, rng.random() < 0.85),
                                          "falcon-7b": terse(answers, rng, rng.random() < 0.6)}}
                    f.write(json.dumps(record, ensure_ascii=False) + "\n")
        # what real datasets contain too: a record whose model answer is missing, and a broken line
        f.write(json.dumps({"id": "q9998", "question": "Who wrote Hamlet?", "answer": "Shakespeare", "category": "history",
                            "answers": {"llama2-7b-f": "William Shakespeare wrote it."}}) + "\n")
        f.write('{"id": "q9999", "question": "What is 2+2?", "answer": "4"\n')


if __name__ == "__main__":
    main()
