#!/usr/bin/python3
"""scikit-learn and NumPy doing the distance job's work, for the distance benchmark.

Reads a float32 .npy matrix of prompts and the reference centroids (JSON Lines of the centroid
items as `llmops results` prints them: base64 float32 `center`), assigns each prompt to its nearest
centroid, computes Euclidean and cosine distances, the mean, standard deviation and percentiles
overall and per cluster, and prints one JSON object with the wall time of each phase.
"""
import argparse
import base64
import json
import time

import numpy as np
from sklearn.metrics import pairwise_distances_argmin_min


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("npy")
    p.add_argument("centroids")
    a = p.parse_args()

    items = sorted((json.loads(line) for line in open(a.centroids) if line.startswith("{")), key=lambda i: int(i["centroid"]))
    centres = np.array([np.frombuffer(base64.b64decode(i["center"]), dtype="<f4") for i in items], dtype=np.float64)

    timings = {}
    start = time.perf_counter()
    x = np.load(a.npy)
    timings["read"] = time.perf_counter() - start

    start = time.perf_counter()
    labels, euclidean = pairwise_distances_argmin_min(x, centres)
    assigned = centres[labels]
    norms = np.linalg.norm(x, axis=1) * np.linalg.norm(assigned, axis=1)
    cosine = 1 - np.einsum("ij,ij->i", x, assigned) / np.where(norms == 0, 1, norms)
    timings["distances"] = time.perf_counter() - start

    start = time.perf_counter()
    probabilities = [50, 90, 95, 99]
    overall = np.percentile(euclidean, probabilities).tolist()
    by_cluster = [np.percentile(euclidean[labels == c], probabilities).tolist() for c in range(len(centres)) if (labels == c).any()]
    stats = {"mean": float(euclidean.mean()), "stddev": float(euclidean.std(ddof=1)), "percentiles": overall}
    timings["statistics"] = time.perf_counter() - start

    print(json.dumps({"prompts": int(len(x)), "overall": stats, "clusters_with_prompts": len(by_cluster),
                      "mean_cosine": float(cosine.mean()), "timings_s": timings}))


if __name__ == "__main__":
    main()
