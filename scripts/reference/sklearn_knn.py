"""scikit-learn's exact k nearest neighbours on small vectors, checked in as known answers for KnnSklearnTest.

Run with the pinned environment (scripts/requirements/knn.txt):
    "$(scripts/lib/python-venv.sh knn)/bin/python" scripts/reference/sklearn_knn.py > src/test/resources/knn/sklearn_knn.json

Writes, as one JSON object: float32 reference and query vectors (three Gaussian clusters in 8
dimensions, with exact duplicates, a zero vector and a cluster of three points, smaller than k),
and for k = 5, per metric, `NearestNeighbors(...).kneighbors(queries)` and the leave-one-out
`kneighbors()` of the reference itself. Euclidean uses the KD-tree, which computes each distance
directly (the brute-force path's |x|^2 + |y|^2 - 2 x.y loses digits near 0); cosine exists only as
brute force. Float32 values are written as the exact decimal of their double value.
"""
import json

import numpy as np
from sklearn.neighbors import NearestNeighbors

K = 5


def main():
    rng = np.random.default_rng(20)
    dim = 8
    centres = rng.normal(0, 4, size=(3, dim))
    sizes = [120, 80, 3]
    reference = np.concatenate([c + rng.normal(0, 1, size=(n, dim)) for c, n in zip(centres, sizes)]).astype(np.float32)
    # Exact duplicates (ties at distance 0 and between equal rows) and a zero vector (cosine distance 1 to everything).
    reference = np.concatenate([reference, reference[[0, 0, 7, 150]], np.zeros((1, dim), dtype=np.float32)])
    queries = np.concatenate([
        centres[0] + rng.normal(0, 1, size=(10, dim)),
        rng.normal(0, 8, size=(10, dim)),
        reference[[0, 7, 201]].astype(np.float64),
        np.zeros((1, dim)),
    ]).astype(np.float32)

    out = {"k": K, "dim": dim, "reference": reference.astype(float).tolist(), "queries": queries.astype(float).tolist()}
    for metric, algorithm in (("euclidean", "kd_tree"), ("cosine", "brute")):
        nn = NearestNeighbors(n_neighbors=K, metric=metric, algorithm=algorithm).fit(reference.astype(np.float64))
        distances, _ = nn.kneighbors(queries.astype(np.float64))
        loo, _ = nn.kneighbors()
        out[metric] = {"distances": distances.tolist(), "leave_one_out": loo.tolist()}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
