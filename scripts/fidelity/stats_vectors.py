"""Known answers for the statistics in udfs/llmops/udfs/stats/ (McNemar, Holm, percentile intervals,
the exact paired permutation test), from scipy, statsmodels and numpy as pinned in
scripts/requirements/stats.txt. Writes src/test/resources/fidelity/stats.jsonl (one case a line, "kind" naming the test); checked by
McNemarTest, HolmTest, PercentileIntervalTest and PairedComparisonTest. Run from the repository root:

    "$(scripts/lib/python-venv.sh stats)/bin/python" scripts/fidelity/stats_vectors.py
"""
import json
import random

import numpy as np
import scipy
import statsmodels
from scipy import stats
from statsmodels.stats.contingency_tables import mcnemar
from statsmodels.stats.multitest import multipletests

rng = random.Random(22)
out = {"versions": {"numpy": np.__version__, "scipy": scipy.__version__, "statsmodels": statsmodels.__version__}}

# McNemar: the off-diagonal counts of 2x2 tables (A right / B wrong, A wrong / B right); the diagonal does not matter.
tables = [(0, 0), (0, 1), (1, 0), (3, 3), (10, 2), (2, 10), (0, 12), (25, 40), (7, 19), (100, 130), (512, 488), (1, 2000)]
tables += [(rng.randint(0, 60), rng.randint(0, 60)) for _ in range(20)]
out["mcnemar"] = []
for a_only, b_only in tables:
    p = mcnemar([[rng.randint(0, 50), a_only], [b_only, rng.randint(0, 50)]], exact=True).pvalue
    row = {"only_a": a_only, "only_b": b_only, "p": float(p)}
    if a_only + b_only > 0:
        row["binomtest_p"] = float(stats.binomtest(min(a_only, b_only), a_only + b_only, 0.5).pvalue)
    out["mcnemar"].append(row)

# Holm: statsmodels' adjusted p-values.
p_lists = [[0.01, 0.04, 0.03], [0.5], [0.001, 0.001, 0.2, 0.04], [0.02, 0.5, 0.013, 0.3, 0.049, 0.9]]
p_lists += [[rng.random() ** 3 for _ in range(rng.randint(2, 10))] for _ in range(10)]
out["holm"] = [{"p": p, "adjusted": [float(v) for v in multipletests(p, method="holm")[1]]} for p in p_lists]

# Percentile intervals: numpy's linear percentiles at (1 -/+ confidence) / 2.
out["percentile"] = []
for n, confidence in [(1, 0.95), (2, 0.9), (7, 0.95), (1000, 0.95), (999, 0.9), (1000, 0.99), (37, 0.5)]:
    values = [rng.gauss(0.5, 0.2) for _ in range(n)]
    low, high = np.percentile(values, [100 * (1 - confidence) / 2, 100 * (1 + confidence) / 2], method="linear")
    out["percentile"].append({"values": values, "confidence": confidence, "low": float(low), "high": float(high)})

# The exact paired permutation test: scipy's permutation_test over every sign pattern of the pairs.
out["permutation"] = []
for n in [2, 3, 5, 8, 10, 12, 12, 12]:
    a = [round(rng.random(), 3) for _ in range(n)]
    b = [round(min(1, max(0, x + rng.gauss(rng.choice([0, 0.1]), 0.15))), 3) for x in a]
    result = stats.permutation_test((a, b), lambda x, y, axis: np.mean(x - y, axis=axis), permutation_type="samples",
                                    vectorized=True, n_resamples=np.inf, alternative="two-sided")
    out["permutation"].append({"a": a, "b": b, "mean_difference": float(np.mean(np.subtract(a, b))), "p": float(result.pvalue)})

with open("src/test/resources/fidelity/stats.jsonl", "w") as f:
    f.write(json.dumps({"kind": "versions", **out.pop("versions")}) + "\n")
    for kind, cases in out.items():
        for case in cases:
            f.write(json.dumps({"kind": kind, **case}) + "\n")
