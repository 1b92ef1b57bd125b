"""The kNN benchmark's Python side (scripts/bench-knn), in the pinned environment scripts/requirements/knn.txt.

generate OUT N QUERIES DIM CLUSTERS SEED
    float32 reference (N vectors in CLUSTERS Gaussian clusters: centres N(0, 1) per dimension, spread
    0.5), queries (95 % drawn like the reference, 5 % from a cluster the reference lacks) and the
    centroids a BASELINE would store (scikit-learn's KMeans, k-means++ and one init, on a 20,000-vector
    sample) as reference.npy, queries.npy, centroids.npy under OUT.
peers OUT K
    faiss-cpu's IndexFlatL2 and scikit-learn's NearestNeighbors (brute force) on one thread each over the
    same files, and how far our brute force's distances (OUT/ours.f64) are from theirs and from the
    definition (every distance computed directly in float64, for the first 100 queries). One JSON line.
"""
import json
import sys
import time

import numpy as np


def generate(out, n, queries, dim, clusters, seed):
    from sklearn.cluster import KMeans

    rng = np.random.default_rng(seed)
    centres = rng.normal(0, 1, size=(clusters + 1, dim))
    labels = rng.integers(0, clusters, size=n)
    reference = np.empty((n, dim), dtype=np.float32)
    for start in range(0, n, 100_000):
        stop = min(n, start + 100_000)
        reference[start:stop] = centres[labels[start:stop]] + rng.normal(0, 0.5, size=(stop - start, dim))
    novel = rng.random(queries) < 0.05
    query_labels = np.where(novel, clusters, rng.integers(0, clusters, size=queries))
    query_vectors = (centres[query_labels] + rng.normal(0, 0.5, size=(queries, dim))).astype(np.float32)
    sample = reference[rng.choice(n, size=min(n, 20_000), replace=False)]
    fitted = KMeans(n_clusters=clusters, init="k-means++", n_init=1, random_state=seed).fit(sample)
    np.save(f"{out}/reference.npy", reference)
    np.save(f"{out}/queries.npy", query_vectors)
    np.save(f"{out}/centroids.npy", fitted.cluster_centers_.astype(np.float32))


def peers(out, k):
    import faiss
    from sklearn.neighbors import NearestNeighbors
    from threadpoolctl import threadpool_limits

    reference = np.load(f"{out}/reference.npy")
    queries = np.load(f"{out}/queries.npy")
    ours = np.fromfile(f"{out}/ours.f64", dtype="<f8").reshape(len(queries), k)
    result = {}

    faiss.omp_set_num_threads(1)
    index = faiss.IndexFlatL2(reference.shape[1])
    index.add(reference)
    index.search(queries[:64], k)  # warm-up, as the Java side has
    start = time.perf_counter()
    squared, _ = index.search(queries, k)
    result["faiss_seconds"] = time.perf_counter() - start
    # faiss returns squared distances from |x|^2 + |y|^2 - 2 x.y in float32: close, not exact.
    result["ours_vs_faiss_max_abs_difference"] = float(np.abs(np.sqrt(np.maximum(squared, 0)) - ours).max())

    with threadpool_limits(1):
        nn = NearestNeighbors(n_neighbors=k, algorithm="brute", n_jobs=1).fit(reference)
        nn.kneighbors(queries[:64])
        start = time.perf_counter()
        distances, _ = nn.kneighbors(queries)
        result["sklearn_seconds"] = time.perf_counter() - start
    result["ours_vs_sklearn_max_abs_difference"] = float(np.abs(distances - ours).max())

    checked = min(100, len(queries))
    reference64 = reference.astype(np.float64)
    definition = np.empty((checked, k))
    for q in range(checked):
        d = np.sqrt(((reference64 - queries[q].astype(np.float64)) ** 2).sum(axis=1))
        definition[q] = np.sort(d)[:k]
    result["ours_vs_definition_max_abs_difference"] = float(np.abs(definition - ours[:checked]).max())
    result["definition_queries"] = checked
    print(json.dumps(result))


if __name__ == "__main__":
    if sys.argv[1] == "generate":
        generate(sys.argv[2], *(int(a) for a in sys.argv[3:8]))
    elif sys.argv[1] == "peers":
        peers(sys.argv[2], int(sys.argv[3]))
    else:
        sys.exit(f"usage: {sys.argv[0]} generate OUT N QUERIES DIM CLUSTERS SEED | peers OUT K")
