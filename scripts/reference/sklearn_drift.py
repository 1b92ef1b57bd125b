#!/usr/bin/python3
"""scikit-learn doing the drift job's analysis, for the fidelity test and the benchmark.

Reads the vectors from the file the drift job reads, as a Python user would: a float32 .npy matrix
(np.load), a directory of the AWS sample's gzipped text lines `[0.12, -0.5, ...]` (gzip, then
numpy's own text parser over the lines without their brackets), or a directory of Parquet files
with an array<float> column (pyarrow, the list column flattened to one matrix). Prints one JSON
object: the PCA component count for a variance target and its cumulative curve, K-Means (k-means++
or given initial centres) inertia and sizes, and the silhouettes (Euclidean, and squared Euclidean
as Spark MLlib defines it), with the wall time of each phase in seconds, reading included.
"""
import argparse
import glob
import gzip
import json
import os
import time

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import silhouette_score


def read(path, embedding_field):
    if not os.path.isdir(path):
        return np.load(path)
    files = sorted(f for f in glob.glob(os.path.join(path, "**", "*"), recursive=True)
                   if os.path.isfile(f) and not os.path.basename(f).startswith(("_", ".")))
    if files and all(f.endswith(".parquet") for f in files):
        return read_parquet(files, embedding_field)
    return read_seed_text(files)


def read_seed_text(files):
    # numpy's C parser behind loadtxt (numpy >= 1.23) is the fastest of numpy's own readers here: np.fromstring over
    # the whole file with the brackets turned into commas took 1.4x the CPU time on the benchmark's 100k x 384.
    parts = []
    for f in files:
        with (gzip.open(f, "rb") if f.endswith(".gz") else open(f, "rb")) as lines:
            parts.append(np.loadtxt((line.strip()[1:-1] for line in lines if line.strip()), delimiter=",", dtype=np.float32, ndmin=2))
    return np.concatenate(parts)


def read_parquet(files, embedding_field):
    import pyarrow.compute as pc  # only the Parquet input needs pyarrow (scripts/requirements/sklearn.txt)
    import pyarrow.parquet as pq

    column = pq.read_table(files, columns=[embedding_field]).column(embedding_field).combine_chunks()
    lengths = pc.list_value_length(column)
    if pc.min(lengths) != pc.max(lengths):
        raise ValueError("vectors of different dimensions in " + embedding_field)
    return column.flatten().to_numpy().reshape(len(column), -1)


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("input", help="a .npy file, or a directory of the sample's gzipped text or of Parquet files")
    p.add_argument("--embedding_field", default="embedding", help="the Parquet column of the vectors")
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
    x = read(a.input, a.embedding_field)
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
