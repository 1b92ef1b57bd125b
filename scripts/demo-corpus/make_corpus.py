#!/usr/bin/env python3
"""Writes the demo's text corpus: customer-support questions of a fictional online shop.

reference.jsonl  documents the RAG application was built on: 8 topics, evenly mixed
snapshot.jsonl   the same kind of documents a few weeks later: the mix has shifted towards
                 deliveries and returns, and a topic the reference never had (the shop's new
                 AI assistant) makes up about 15 %
prompts.jsonl    questions users asked, 10 % of them about things the reference does not cover
resample.jsonl   another draw of the reference's kind of documents, same mix: what no drift looks like

Deterministic (seeded), so the files in this folder are exactly what it writes. With --pool N it writes
nothing here and prints N questions of each topic, the new one included ({"id", "section", "text"}), for
scripts/bench-verdict-reliability --demo, which draws many SNAPSHOTs of the demo's kind of shift from them.
"""
import json
import random
import sys
from pathlib import Path

TOPICS = {
    "password": [
        "How do I reset my {pw}?", "I forgot my {pw}, how can I change it?", "Why is my {pw} not accepted?",
        "Can I change my {pw} from the mobile app?", "The {pw} reset email never arrived, what now?",
        "How often should I update my {pw}?", "Is my {pw} stored securely?",
    ],
    "billing": [
        "Why was my {card} charged twice?", "How do I update the {card} on my account?",
        "Can I get an invoice for my last {order}?", "When will I be billed for my {plan}?",
        "How do I get a refund for a duplicate charge on my {card}?", "Do you accept payment by {pay}?",
    ],
    "shipping": [
        "Where is my {order}?", "How long does shipping to {country} take?", "Can I change the delivery address of my {order}?",
        "Do you ship to {country}?", "My {order} says delivered but I never received it.", "How much does express shipping to {country} cost?",
    ],
    "returns": [
        "How do I return a {item}?", "Can I exchange my {item} for another size?", "How long do I have to return a {item}?",
        "Who pays the return shipping for a {item}?", "My {item} arrived damaged, what should I do?", "When will I get my money back for the returned {item}?",
    ],
    "account": [
        "How do I delete my account?", "How can I change the email address on my account?", "Can I merge two accounts?",
        "How do I turn off marketing emails?", "Where can I download my personal data?", "How do I add a second user to my {plan}?",
    ],
    "discounts": [
        "Why does my {code} not work?", "Can I combine two {code}s?", "Do you have a student {code}?",
        "When is the next sale on {item}s?", "Does the {code} apply to items already on sale?",
    ],
    "product": [
        "Is the {item} waterproof?", "What size {item} should I order?", "Is the {item} available in other colours?",
        "How do I wash the {item}?", "What material is the {item} made of?", "Will the {item} be back in stock?",
    ],
    "membership": [
        "What does the {plan} include?", "How do I cancel my {plan}?", "Can I pause my {plan} for a month?",
        "Is there a free trial of the {plan}?", "How do I upgrade to the yearly {plan}?",
    ],
}
NEW_TOPIC = {
    "assistant": [
        "Why did the shopping assistant recommend a {item} I did not ask for?", "Can I turn off the AI shopping assistant?",
        "Does the assistant store my conversations?", "The assistant gave me the wrong size for a {item}, who is responsible?",
        "Can the AI assistant place an order for me?", "How does the assistant choose which {item}s to show me?",
    ],
}
FILL = {
    "pw": ["password", "login password", "account password", "PIN"],
    "card": ["credit card", "debit card", "card", "payment card"],
    "order": ["order", "package", "parcel", "delivery"],
    "plan": ["membership", "subscription", "premium plan", "family plan"],
    "pay": ["PayPal", "bank transfer", "Apple Pay", "invoice"],
    "country": ["Canada", "Germany", "Japan", "Australia", "Brazil", "Norway"],
    "item": ["jacket", "pair of shoes", "backpack", "dress", "raincoat", "sweater", "tent", "watch"],
    "code": ["discount code", "coupon", "voucher", "promo code"],
}
OPENERS = ["", "Hi, ", "Hello! ", "Quick question: ", "Please help. ", "Hey there, "]


def sentence(random_, template):
    text = template
    for key, values in FILL.items():
        while "{" + key + "}" in text:
            text = text.replace("{" + key + "}", random_.choice(values), 1)
    opener = random_.choice(OPENERS)
    continues = opener.endswith((", ", ": "))
    return opener + (text[0].lower() + text[1:] if continues else text)


def write(path, random_, count, weights, topics):
    names = list(topics)
    with open(path, "w") as out:
        for i in range(count):
            topic = random_.choices(names, weights=[weights.get(n, 1.0) for n in names])[0]
            text = sentence(random_, random_.choice(topics[topic]))
            out.write(json.dumps({"id": f"{path.stem}-{i:04d}", "text": text, "topic": topic}) + "\n")


def main():
    here = Path(__file__).parent
    everything = {**TOPICS, **NEW_TOPIC}
    write(here / "reference.jsonl", random.Random(1), 800, {"assistant": 0.0}, everything)
    shifted = {"shipping": 2.0, "returns": 2.0, "password": 0.5, "membership": 0.5, "assistant": 1.6}
    write(here / "snapshot.jsonl", random.Random(2), 800, shifted, everything)
    write(here / "prompts.jsonl", random.Random(3), 600, {"assistant": 0.9}, everything)
    write(here / "resample.jsonl", random.Random(4), 800, {"assistant": 0.0}, everything)


def pool(per_topic):
    random_ = random.Random(5)
    for topic, templates in {**TOPICS, **NEW_TOPIC}.items():
        for i in range(per_topic):
            print(json.dumps({"id": f"{topic}-{i:04d}", "section": topic, "text": sentence(random_, random_.choice(templates))}))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--pool"]:
        pool(int(sys.argv[2]))
    else:
        main()
