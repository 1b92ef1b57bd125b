#!/usr/bin/python3
"""scikit-learn doing the drift job's analysis, for the fidelity test and the benchmark.

Reads a float32 .npy matrix and prints one JSON object: the PCA component count for a variance
target and its cumulative curve, K-Means (k-means++ or given initial centres) inertia and sizes,
and the silhouettes (Euclidean, and squared Euclidean as Spark MLlib defines it), with the wall
time of each phase in seconds.
"""
import argparse
import json
import time

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import silhouette_score


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("npy")
    p.add_argument("--k", type=int, default=10)
    p.add_argument("--variance", type=float, default=0.95)
    p.add_argument("--init", help="comma-separated centres, one per line, in a text file (default: k-means++)")
    p.add_argument("--silhouette_sample", type=int, default=10000)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--squared", action="store_true", help="also the squared-Euclidean silhouette (O(n^2): small data only)")
    p.add_argument("--float64", action="store_true", help="compute in float64 (scikit-learn keeps float32 data in float32)")
    a = p.parse_args()

    timings = {}
    start = time.perf_counter()
    x = np.load(a.npy)
    if a.float64:
        x = x.astype(np.float64)
    timings["read"] = time.perf_counter() - start

    start = time.perf_counter()
    pca = PCA(n_components=a.variance, svd_solver="full").fit(x)
    timings["pca"] = time.perf_counter() - start
    cumulative = np.cumsum(pca.explained_variance_ratio_)

    start = time.perf_counter()
    init = np.loadtxt(a.init, delimiter=",", ndmin=2) if a.init else "k-means++"
    kmeans = KMeans(n_clusters=a.k, init=init, n_init=1, random_state=a.seed, algorithm="lloyd").fit(x)
    timings["kmeans"] = time.perf_counter() - start

    start = time.perf_counter()
    sample = None if a.silhouette_sample >= len(x) else a.silhouette_sample
    euclidean = silhouette_score(x, kmeans.labels_, sample_size=sample, random_state=a.seed)
    timings["silhouette_euclidean"] = time.perf_counter() - start

    out = {
        "components": int(pca.n_components_),
        "cumulative_variance": cumulative.tolist(),
        "inertia": float(kmeans.inertia_),
        "iterations": int(kmeans.n_iter_),
        "cluster_sizes": sorted(np.bincount(kmeans.labels_, minlength=a.k).tolist()),
        "silhouette_euclidean": float(euclidean),
        "timings_s": timings,
    }
    if a.squared:
        out["silhouette_squared_euclidean"] = float(silhouette_score(x, kmeans.labels_, metric="sqeuclidean"))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
