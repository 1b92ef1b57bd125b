#!/usr/bin/python3
"""fmeval's own evaluate() on a JSON Lines dataset with the model output in the data: the eval job's
peer as users run it (scripts/requirements/fmeval.txt). Prints one JSON line: the seconds to import
fmeval and to evaluate, and the dataset scores.

    fmeval_evaluate.py DATA.jsonl factual_knowledge

Only factual knowledge runs here: fmeval 1.2.3's QA accuracy and summarization modules build a
BERTScore helper when they are imported (a default argument of fmeval.transforms.
summarization_accuracy_metrics.BertScore calls evaluate.load("bertscore"), a script and a model
from the Hugging Face Hub), which cannot load without the network.
"""
import json
import sys
import time

start = time.perf_counter()
from fmeval.data_loaders.data_config import DataConfig  # noqa: E402  (the import is timed)
from fmeval.eval_algorithms.factual_knowledge import FactualKnowledge, FactualKnowledgeConfig  # noqa: E402

imported = time.perf_counter() - start


def main():
    path, algorithm = sys.argv[1], sys.argv[2]
    if algorithm != "factual_knowledge":
        sys.exit(f"fmeval_evaluate.py: {algorithm} needs the network here (see the docstring)")
    config = DataConfig(dataset_name="bench", dataset_uri=path, dataset_mime_type="application/jsonlines",
                        model_input_location="question", target_output_location="answer", model_output_location="qa_output")
    start = time.perf_counter()
    output = FactualKnowledge(FactualKnowledgeConfig(target_output_delimiter="<OR>")).evaluate(
        model=None, dataset_config=config, save=True, num_records=10**9)
    print(json.dumps({"algorithm": algorithm, "import_s": imported, "evaluate_s": time.perf_counter() - start,
                      "scores": {s.name: s.value for s in output[0].dataset_scores}}))


if __name__ == "__main__":
    main()
