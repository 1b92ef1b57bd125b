#!/usr/bin/python3
"""Expected ROUGE and BLEU scores for RougeScoreTest and SacreBleuTest.

Run from the repository root with Debian's Python, which has NLTK 3.8 (python3-nltk):

    /usr/bin/python3 scripts/fidelity/text_metric_vectors.py

It writes, all checked in so the Java tests need no Python:
  src/test/resources/fidelity/rouge.jsonl        {"prediction", "reference", "rouge1", "rouge2", "rougeL"}
  src/test/resources/fidelity/bleu.jsonl         {"hypothesis", "references", "stats", "bleu"}, or
                                                 {"hypothesis", "references", "error"} where sacrebleu
                                                 refuses the references
  src/test/resources/fidelity/bleu_corpus.jsonl  {"name", "indices" (into bleu.jsonl), "stats", "bleu"}
The pairs are generated from a fixed seed, so the output only changes when this script does.

Neither rouge-score nor sacrebleu can be installed here, so this file re-implements their
definitions in plain Python, following their sources closely (function for function, same
regular expressions, same order of floating-point operations):
  - ROUGE: google-research rouge_score 0.1.2, rouge/tokenize.py and rouge/rouge_scorer.py, as
    RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True).score(reference, prediction)
    computes it (what HuggingFace evaluate's "rouge" and AWS fmeval call), with the same stemmer:
    NLTK's PorterStemmer in its default NLTK_EXTENSIONS mode. Scores are the F-measures.
  - BLEU: sacrebleu 2.x, sacrebleu/tokenizers/tokenizer_13a.py, tokenizer_re.py,
    sacrebleu/metrics/helpers.py, base.py and bleu.py, with sacrebleu.sentence_bleu's defaults
    (13a, mixed case, exp smoothing, effective order) and corpus_bleu's (the same without effective
    order). Scores are on sacrebleu's 0-100 scale; stats are its sufficient statistics
    [hyp_len, ref_len, correct_1..4, total_1..4].
"""
import json
import math
import random
import re
from collections import Counter

from nltk.stem import porter

ROUGE_OUTPUT = "src/test/resources/fidelity/rouge.jsonl"
BLEU_OUTPUT = "src/test/resources/fidelity/bleu.jsonl"
BLEU_CORPUS_OUTPUT = "src/test/resources/fidelity/bleu_corpus.jsonl"
SEED = 20240607


# ---- rouge_score: tokenize.py ----

STEMMER = porter.PorterStemmer()


def rouge_tokenize(text):
    text = text.lower()
    text = re.sub(r"[^a-z0-9]+", " ", text)
    tokens = re.split(r"\s+", text)
    # Only stem words more than 3 characters long.
    tokens = [STEMMER.stem(x) if len(x) > 3 else x for x in tokens]
    return [x for x in tokens if re.match(r"^[a-z0-9]+$", x)]


# ---- rouge_score: rouge_scorer.py and scoring.py ----

def fmeasure(precision, recall):
    if precision + recall > 0:
        return 2 * precision * recall / (precision + recall)
    return 0.0


def create_ngrams(tokens, n):
    ngrams = Counter()
    for ngram in (tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)):
        ngrams[ngram] += 1
    return ngrams


def score_ngrams(target_ngrams, prediction_ngrams):
    intersection = 0
    for ngram in target_ngrams:
        intersection += min(target_ngrams[ngram], prediction_ngrams[ngram])
    precision = intersection / max(sum(prediction_ngrams.values()), 1)
    recall = intersection / max(sum(target_ngrams.values()), 1)
    return fmeasure(precision, recall)


def lcs_length(ref, can):
    table = [[0] * (len(can) + 1) for _ in range(len(ref) + 1)]
    for i in range(1, len(ref) + 1):
        for j in range(1, len(can) + 1):
            if ref[i - 1] == can[j - 1]:
                table[i][j] = table[i - 1][j - 1] + 1
            else:
                table[i][j] = max(table[i - 1][j], table[i][j - 1])
    return table[-1][-1]


def score_lcs(target_tokens, prediction_tokens):
    if not target_tokens or not prediction_tokens:
        return 0  # rouge_score returns Score(0, 0, 0) with int zeros here
    lcs = lcs_length(target_tokens, prediction_tokens)
    return fmeasure(lcs / len(prediction_tokens), lcs / len(target_tokens))


def rouge(prediction, reference):
    target_tokens = rouge_tokenize(reference)
    prediction_tokens = rouge_tokenize(prediction)
    return {
        "rouge1": score_ngrams(create_ngrams(target_tokens, 1), create_ngrams(prediction_tokens, 1)),
        "rouge2": score_ngrams(create_ngrams(target_tokens, 2), create_ngrams(prediction_tokens, 2)),
        "rougeL": score_lcs(target_tokens, prediction_tokens),
    }


# ---- sacrebleu: tokenizer_re.py and tokenizer_13a.py ----

TOKENIZER_RE = [
    (re.compile(r'([\{-\~\[-\` -\&\(-\+\:-\@\/])'), r' \1 '),
    (re.compile(r'([^0-9])([\.,])'), r'\1 \2 '),
    (re.compile(r'([\.,])([^0-9])'), r' \1 \2'),
    (re.compile(r'([0-9])(-)'), r'\1 \2 '),
]


def tokenizer_regexp(line):
    for regex, replacement in TOKENIZER_RE:
        line = regex.sub(replacement, line)
    return ' '.join(line.split())


def tokenizer_13a(line):
    line = line.replace('<skipped>', '')
    line = line.replace('-\n', '')
    line = line.replace('\n', ' ')
    if '&' in line:
        line = line.replace('&quot;', '"')
        line = line.replace('&amp;', '&')
        line = line.replace('&lt;', '<')
        line = line.replace('&gt;', '>')
    return tokenizer_regexp(f' {line} ')


# ---- sacrebleu: metrics/helpers.py, base.py, bleu.py ----

MAX_NGRAM_ORDER = 4


def preprocess_segment(sent):
    return tokenizer_13a(sent.rstrip())  # lowercase=False


def extract_all_word_ngrams(line, min_order, max_order):
    counter = Counter()
    tokens = line.split()
    for n in range(min_order, max_order + 1):
        for i in range(0, len(tokens) - n + 1):
            counter[tuple(tokens[i: i + n])] += 1
    return counter, len(tokens)


def cache_references(refs):
    """One segment's references, as base.Metric._cache_references and BLEU._extract_reference_info."""
    lines = [x for x in refs if x is not None and x != ""]
    if len(lines) == 0:
        raise RuntimeError("Empty or `None` reference sentence found.")
    ngrams = None
    ref_lens = []
    for ref in (preprocess_segment(x) for x in lines):
        this_ngrams, ref_len = extract_all_word_ngrams(ref, 1, MAX_NGRAM_ORDER)
        ref_lens.append(ref_len)
        if ngrams is None:
            ngrams = this_ngrams
        else:
            for ngram, count in this_ngrams.items():
                ngrams[ngram] = max(ngrams[ngram], count)
    return ngrams, ref_lens


def get_closest_ref_len(hyp_len, ref_lens):
    closest_diff, closest_len = -1, -1
    for ref_len in ref_lens:
        diff = abs(hyp_len - ref_len)
        if closest_diff == -1 or diff < closest_diff:
            closest_diff = diff
            closest_len = ref_len
        elif diff == closest_diff and ref_len < closest_len:
            closest_len = ref_len
    return closest_len


def segment_statistics(hypothesis, references):
    ref_ngrams, ref_lens = cache_references(references)
    hyp_ngrams, hyp_len = extract_all_word_ngrams(preprocess_segment(hypothesis), 1, MAX_NGRAM_ORDER)
    ref_len = get_closest_ref_len(hyp_len, ref_lens)
    correct = [0 for _ in range(MAX_NGRAM_ORDER)]
    total = correct[:]
    for hyp_ngram, hyp_count in hyp_ngrams.items():
        n = len(hyp_ngram) - 1
        total[n] += hyp_count
        if hyp_ngram in ref_ngrams:
            correct[n] += min(hyp_count, ref_ngrams[hyp_ngram])
    return [hyp_len, ref_len] + correct + total


def my_log(num):
    if num == 0.0:
        return -9999999999
    return math.log(num)


def compute_bleu(stats, effective_order):
    """BLEU.compute_bleu with smooth_method='exp'."""
    correct = stats[2: 2 + MAX_NGRAM_ORDER]
    total = stats[2 + MAX_NGRAM_ORDER:]
    sys_len, ref_len = int(stats[0]), int(stats[1])
    if sys_len < ref_len:
        bp = math.exp(1 - ref_len / sys_len) if sys_len > 0 else 0.0
    else:
        bp = 1.0
    precisions = [0.0 for _ in range(MAX_NGRAM_ORDER)]
    if not any(correct):
        return 0.0
    smooth_mteval = 1.
    eff_order = MAX_NGRAM_ORDER
    for n in range(1, len(precisions) + 1):
        if total[n - 1] == 0:
            break
        if effective_order:
            eff_order = n
        if correct[n - 1] == 0:
            smooth_mteval *= 2
            precisions[n - 1] = 100. / (smooth_mteval * total[n - 1])
        else:
            precisions[n - 1] = 100. * correct[n - 1] / total[n - 1]
    return bp * math.exp(sum([my_log(p) for p in precisions[:eff_order]]) / eff_order)


def sentence_bleu(hypothesis, references):
    stats = segment_statistics(hypothesis, references)
    return stats, compute_bleu(stats, effective_order=True)


def corpus_bleu(all_stats):
    summed = [sum(column) for column in zip(*all_stats)]
    return summed, compute_bleu(summed, effective_order=False)


# ---- the pairs ----

WORDS = """
the a an of to in on for with by from about over under after before between during without
model models modeling modeled answer answers answered answering question questions retrieval
retrieve retrieved retrieving document documents documentation summary summaries summarize
summarized summarizing summarization evaluate evaluation evaluations evaluated evaluating metric
metrics accuracy accurate accurately score scores scoring scored prompt prompts prompting user
users useful usefully use used using quick quickly quicker quickest run runs running ran runner
generate generates generated generating generation generational happy happily happiness happier
relational relation relations relate related relating condition conditional conditionally
cluster clusters clustered clustering drift drifting drifted embed embedding embeddings vector
vectors dataset datasets data training trained trains train test tests tested testing latency
cost costs costly fast faster fastest slow slower slowly large larger largest small smaller
customer customers support supported supporting supports reply replied replies replying cat
cats dog dogs fox foxes jump jumps jumped jumping lazy lazily brown sky skies fly flies flying
die dies died dying news innings proceed exceed succeeded succeeding agreed feed feeding hopping
hoped hoping controll controlling rational operational university universities electricity
electrical sensitivity sensitivities formalize formalization is are was were be been being
has have had do does did not no yes very more most less least good better best bad worse worst
""".split()

PUNCTUATION = [",", ".", ";", ":", "!", "?", "...", " -", " (", ")", "\"", "'"]
SPECIALS = [
    "3.5", "1,000", "2021-2022", "$100", "50%", "v2.0", "e-mail", "state-of-the-art", "don't",
    "model's", "U.S.", "o'clock", "#1", "@user", "C++", "x/y", "a&b", "&amp;", "&quot;quoted&quot;",
    "&lt;tag&gt;", "<skipped>", "café", "naïve", "Zürich", "東京", "😀", "İstanbul", "5\u212a", "ﬁne",
    "São", "Ærø", "3-4", "10.", ".5", "1.2.3", "a--b", "--", "1,2,3", "(a)", "[b]", "{c}", "~tilde",
]


def random_sentence(rng, length):
    out = []
    for i in range(length):
        word = rng.choice(WORDS) if rng.random() > 0.08 else rng.choice(SPECIALS)
        if i == 0 or rng.random() < 0.05:
            word = word.capitalize()
        elif rng.random() < 0.02:
            word = word.upper()
        out.append(word)
        if rng.random() < 0.1:
            out[-1] += rng.choice(PUNCTUATION)
    separator = rng.choice([" "] * 12 + ["  ", "\t", "\n", "\u00a0", "\u3000"])
    return separator.join(out) + rng.choice(["", ".", ".", "!", "?", " .", "\n"])


def variant(rng, reference):
    """A prediction made from the reference: the kinds of difference summaries and answers have."""
    tokens = reference.split(" ")
    kind = rng.choice(["copy", "inflect", "delete", "insert", "reorder", "case", "truncate", "repeat",
                       "mixed", "mixed", "mixed", "unrelated"])
    if kind == "copy":
        return reference
    if kind == "unrelated":
        return random_sentence(rng, rng.randint(3, 40))
    if kind == "case":
        return reference.upper() if rng.random() < 0.5 else reference.lower()
    if kind == "truncate":
        return " ".join(tokens[: max(1, len(tokens) // rng.randint(2, 4))])
    if kind == "repeat":
        return " ".join(t for t in tokens for _ in range(rng.choice([1, 1, 2, 3])))
    if kind == "reorder" and len(tokens) > 3:
        cut = rng.randint(1, len(tokens) - 1)
        return " ".join(tokens[cut:] + tokens[:cut])
    edits = {"inflect": 1, "delete": 1, "insert": 1}.get(kind, rng.randint(1, 4))
    for _ in range(edits):
        for _ in range(rng.randint(1, max(1, len(tokens) // 4))):
            i = rng.randrange(len(tokens))
            operation = kind if kind in ("inflect", "delete", "insert") else rng.choice(["inflect", "delete", "insert"])
            if operation == "inflect":
                stem = tokens[i].rstrip("sdg").rstrip("ein") or tokens[i]
                similar = [w for w in WORDS if w.startswith(stem[:4])] or WORDS
                tokens[i] = rng.choice(similar)
            elif operation == "delete" and len(tokens) > 1:
                del tokens[i]
            else:
                tokens.insert(i, rng.choice(WORDS))
    return " ".join(tokens)


HAND_PAIRS = [
    ("", ""),
    ("", "The cat sat on the mat."),
    ("The cat sat on the mat.", ""),
    ("   ", "\t\n"),
    ("!!! ... ???", "?!"),
    ("...", "..."),
    ("The cat sat on the mat.", "The cat sat on the mat."),
    ("the cat sat on the mat", "THE CAT SAT ON THE MAT"),
    ("The running dogs runs quickly", "the dog ran quick"),
    ("generalizations of relational conditions", "generalization relate conditional"),
    ("cat", "cat"),
    ("cat dog", "dog cat"),
    ("a a a a a", "a"),
    ("the the the the", "the cat the mat"),
    ("It costs $1,000.50 (about 3.5%) in 2021-2022.", "It costs $1,000.50, about 3.5 %, in 2021 - 2022."),
    ("state-of-the-art e-mail co-operation", "state of the art email cooperation"),
    ("don't won't it's the model's", "do not will not it is the models"),
    ("Café naïve Zürich São Paulo", "cafe naive zurich sao paulo"),
    ("İstanbul İİ \u212aelvin", "istanbul ii kelvin"),
    ("東京 is big 😀😀", "東京 is large 😀"),
    ("tab\tseparated\nnew-\nline", "tab separated newline"),
    ("a &amp; b &lt;c&gt; &quot;d&quot; &amp;quot;", "a & b <c> \"d\" &quot;"),
    ("<skipped> word <skipped>", "word"),
    ("x\u00a0y\u3000z\u2028w\x1cv\x85u", "x y z w v u"),
    ("1.5, 2,5 and 3. 4 .5", "1.5 , 2,5 and 3 . 4 . 5"),
    ("a.b,c..d,,e .,.", "a . b , c . . d , , e . , ."),
    ("5-3 a-b 5 -3 -5", "5 - 3 a-b"),
    ("ends with hyphen-\n", "ends with hyphen"),
    ("one", "one two three four five six seven eight nine ten"),
    ("one two three four five six seven eight nine ten", "one"),
    ("sky skies Skies SKIES dying lying", "sky sky ski ski die lie"),
]

LONG_REFERENCE_WORDS = 3000

# Characters the tokenizers treat specially, for strings made of nothing else.
SOUP = "ab AB 09 .,-'&;<>/\\\"()[]{}~`^_|!?@#$%*+=:\n\t\r\u00a0\u3000\u0085\u2028\u0130\u212aé😀"
SOUP_WORDS = ["&amp;", "&quot;", "&lt;", "&gt;", "<skipped>", "-\n", "3.5", "1,000", "a.b", "x,y"]


def soup(rng):
    parts = [rng.choice(SOUP) if rng.random() < 0.85 else rng.choice(SOUP_WORDS) for _ in range(rng.randint(0, 30))]
    return "".join(parts)


def pairs(rng):
    out = list(HAND_PAIRS)
    long_reference = random_sentence(rng, LONG_REFERENCE_WORDS)
    out.append((variant(rng, long_reference), long_reference))
    out.append((long_reference, long_reference))
    for _ in range(300):
        reference = random_sentence(rng, rng.choice([rng.randint(1, 8), rng.randint(8, 60)]))
        out.append((variant(rng, reference), reference))
    for _ in range(60):
        out.append((soup(rng), soup(rng)))
    return out


def bleu_cases(rng, rouge_pairs):
    cases = [(p, [r]) for p, r in rouge_pairs]
    cases += [
        ("The cat sat on the mat.", ["A cat sat on a mat.", "The cat is on the mat."]),
        ("The cat sat on the mat.", ["", "The cat sat on the mat."]),  # sacrebleu drops the empty one
        ("short", ["a much longer reference sentence here", "short one", "a bit longer"]),
        ("one two three", ["one two three four five", "one"]),  # equally close: the shorter length
        ("anything", [""]),  # sacrebleu refuses: no non-empty reference
        ("anything", ["", ""]),
    ]
    for _ in range(40):
        reference = random_sentence(rng, rng.randint(3, 30))
        references = [reference] + [variant(rng, reference) for _ in range(rng.randint(1, 3))]
        cases.append((variant(rng, reference), references))
    return cases


def write_jsonl(path, records):
    with open(path, "w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def main():
    rng = random.Random(SEED)
    rouge_pairs = pairs(rng)
    write_jsonl(ROUGE_OUTPUT, [dict(prediction=p, reference=r, **rouge(p, r)) for p, r in rouge_pairs])

    bleu_records = []
    for hypothesis, references in bleu_cases(rng, rouge_pairs):
        try:
            stats, score = sentence_bleu(hypothesis, references)
            bleu_records.append(dict(hypothesis=hypothesis, references=references, stats=stats, bleu=score))
        except RuntimeError as e:
            bleu_records.append(dict(hypothesis=hypothesis, references=references, error=str(e)))
    write_jsonl(BLEU_OUTPUT, bleu_records)

    scored = [i for i, r in enumerate(bleu_records) if "stats" in r]
    subsets = {
        "all": scored,
        "first 50": scored[:50],
        "odd lines": [i for i in scored if i % 2 == 1],
        "several references": [i for i in scored if len(bleu_records[i]["references"]) > 1],
        "hand cases": [i for i in scored if i < len(HAND_PAIRS)],
    }
    corpus = []
    for name, indices in subsets.items():
        summed, score = corpus_bleu([bleu_records[i]["stats"] for i in indices])
        corpus.append(dict(name=name, indices=indices, stats=summed, bleu=score))
    write_jsonl(BLEU_CORPUS_OUTPUT, corpus)
    print(f"{len(rouge_pairs)} ROUGE pairs, {len(bleu_records)} BLEU cases, {len(corpus)} corpus subsets")


if __name__ == "__main__":
    main()
