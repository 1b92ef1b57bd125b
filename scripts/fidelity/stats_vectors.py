"""Known answers for the statistics in udfs/llmops/udfs/stats/ (McNemar, Holm, percentile intervals,
the exact paired permutation test, the generalized Pareto fit and the tail p-values built on it, the kernel two-sample statistic), from scipy, statsmodels and numpy as pinned in
scripts/requirements/stats.txt. Writes src/test/resources/fidelity/stats.jsonl (one case a line, "kind" naming the test); checked by
McNemarTest, HolmTest, PercentileIntervalTest, PairedComparisonTest, GeneralizedParetoTest, EmpiricalNullTest and KernelShiftTest. Run from the repository root:

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

# The generalized Pareto distribution: scipy's maximum-likelihood fit with the location fixed at 0 (its shape c is our xi),
# started from several shapes so that its optimiser's best is the likelihood's, on excesses drawn from known shapes.
def gpd_fit(y):
    fits = [stats.genpareto.fit(y, c, floc=0, scale=np.mean(y)) for c in (-0.4, -0.1, 0.0, 0.2, 0.6)]
    c, _, scale = max(fits, key=lambda f: np.sum(stats.genpareto.logpdf(y, f[0], 0, f[2])))
    return float(c), float(scale), float(np.sum(stats.genpareto.logpdf(y, c, 0, scale)))


nprng = np.random.default_rng(22)
out["gpd_fit"] = []
for shape, scale, n in [(0.0, 1.0, 50), (0.25, 2.0, 50), (-0.25, 0.5, 50), (0.5, 1.0, 200), (-0.4, 3.0, 250), (0.1, 0.01, 25)]:
    y = stats.genpareto.rvs(shape, scale=scale, size=n, random_state=nprng)
    c, fitted_scale, loglik = gpd_fit(y)
    out["gpd_fit"].append({"excesses": [float(v) for v in y], "xi": c, "sigma": fitted_scale, "log_likelihood": loglik,
                           "survival_at": [float(v) for v in (0.5 * max(y), max(y), 2 * max(y))],
                           "survival": [float(stats.genpareto.sf(v, c, 0, fitted_scale)) for v in (0.5 * max(y), max(y), 2 * max(y))]})

# Tail p-values (Knijnenburg et al. 2009) of nulls of 200 and 1,000 draws: the largest quarter (at most 250) over a threshold
# midway between them and the value below, p = (exceedances / n) * sf(observed - threshold) of scipy's fit. A shape below
# -1/2 (the uniform's tail is -1) is outside maximum likelihood's regular range (Smith 1985), where optimisers stop apart.
out["gpd_tail"] = []
for name, draw in [("normal", lambda n: nprng.normal(0.0, 1.0, n)), ("gamma", lambda n: nprng.gamma(2.0, 0.01, n)),
                   ("uniform", lambda n: nprng.uniform(0.0, 1.0, n))]:
    for n in (200, 1000):
        null = np.sort(draw(n))
        k = min(250, n // 4)
        threshold = (null[n - k - 1] + null[n - k]) / 2
        exceedances = null[n - k:][null[n - k:] > threshold]  # with ties at the cut, only the values above it
        c, fitted_scale, loglik = gpd_fit(exceedances - threshold)
        observed = [float(null[-5]), float(null[-1] + 0.1 * (null[-1] - null[0])), float(null[-1] + 0.5 * (null[-1] - null[0]))]
        out["gpd_tail"].append({"null": name, "values": [float(v) for v in null], "observed": observed, "xi": c, "log_likelihood": loglik,
                                "p": [float(len(exceedances) / n * stats.genpareto.sf(x - threshold, c, 0, fitted_scale)) for x in observed]})

# The unbiased squared maximum mean discrepancy under the Gaussian kernel exp(-d^2 / median d^2), the median over distinct
# pairs of the first 1,000 reference rows (x), from scipy's squared Euclidean distances; y from the same or a shifted source.
from scipy.spatial.distance import cdist, pdist

out["mmd"] = []
for nx, ny, dim, shift in [(40, 30, 3, 0.0), (40, 30, 3, 0.5), (1200, 50, 8, 0.0), (60, 60, 16, 1.0), (2, 2, 2, 0.0)]:
    x = nprng.normal(0.0, 1.0, (nx, dim))
    y = nprng.normal(0.0, 1.0, (ny, dim))
    y[: ny // 3] += shift
    scale = float(np.median(pdist(x[:1000], "sqeuclidean")))
    kxx, kyy, kxy = (np.exp(-cdist(a, b, "sqeuclidean") / scale) for a, b in ((x, x), (y, y), (x, y)))
    np.fill_diagonal(kxx, 0.0)
    np.fill_diagonal(kyy, 0.0)
    mmd2 = kxx.sum() / (nx * (nx - 1)) + kyy.sum() / (ny * (ny - 1)) - 2 * kxy.mean()
    out["mmd"].append({"x": x.tolist(), "y": y.tolist(), "scale": scale, "mmd2": float(mmd2)})

with open("src/test/resources/fidelity/stats.jsonl", "w") as f:
    f.write(json.dumps({"kind": "versions", **out.pop("versions")}) + "\n")
    for kind, cases in out.items():
        for case in cases:
            f.write(json.dumps({"kind": kind, **case}) + "\n")
