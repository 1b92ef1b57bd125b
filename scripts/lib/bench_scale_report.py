#!/usr/bin/python3
"""The table and chart of scripts/bench-scale, from what its runs left in OUT: each run's summary line
(NAME.json), GNU time's wall clock and peak resident memory (NAME.time.json) and Spark's event log
(NAME.events/): bytes shuffled (every task's shuffle write) and the JVM heap's peak (the stage
executor metrics; in local mode the driver is the executor).

    bench_scale_report.py OUT SIZES EVAL_SIZES DIM K CORES CHART_PREFIX
"""
import glob
import json
import math
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (after choosing the file-only backend)


def events(directory):
    """Bytes shuffled and the peak JVM heap over one run's event log (the stages' and the tasks' peaks)."""
    shuffled, heap = 0, 0
    for path in glob.glob(f"{directory}/*"):
        with open(path, encoding="utf-8") as f:
            for line in f:
                event = json.loads(line)
                kind = event.get("Event")
                if kind == "SparkListenerTaskEnd":
                    shuffled += event.get("Task Metrics", {}).get("Shuffle Write Metrics", {}).get("Shuffle Bytes Written", 0)
                    heap = max(heap, event.get("Task Executor Metrics", {}).get("JVMHeapMemory", 0))
                elif kind == "SparkListenerStageExecutorMetrics":
                    heap = max(heap, event["Executor Metrics"].get("JVMHeapMemory", 0))
    return shuffled, heap


def run(out, name):
    timed = json.load(open(f"{out}/{name}.time.json"))
    summary = json.load(open(f"{out}/{name}.json"))
    shuffled, heap = events(f"{out}/{name}.events")
    return {"wall": timed["wall_s"], "rss": timed["max_rss_kb"] * 1024, "heap": heap, "shuffled": shuffled,
            "phases": sum(summary["timings_s"].values())}


def growth(points):
    """The exponent b of wall ~ n^b between each size and the next: 1 is linear."""
    return [math.log(b["wall"] / a["wall"]) / math.log(nb / na) for (na, a), (nb, b) in zip(points, points[1:])]


def main():
    out, sizes, eval_sizes, dim, k, cores, chart = sys.argv[1:8]
    sizes = [int(n) for n in sizes.split(",")]
    eval_sizes = [int(n) for n in eval_sizes.split(",")]
    jobs = {"drift": [(n, run(out, f"drift-{n}")) for n in sizes],
            "distance": [(n, run(out, f"distance-{n}")) for n in sizes],
            "eval": [(n, run(out, f"eval-{n}")) for n in eval_sizes]}
    print(f"\nHow cost grows, local[{cores}] pinned to {cores} cores: drift (BASELINE, k={k}) on N x {dim} "
          f"Parquet vectors, distance on N of them against the BASELINE of the first size ({sizes[0]:,}), eval (QA accuracy + factual knowledge) on N JSON Lines records. Wall time is the whole "
          f"command, JVM start included; the driver is the executor in local mode, so one JVM's peaks.\n")
    print("| job | N | wall (s) | phases (s) | µs per item | growth exponent from the size before | peak JVM heap (GB) | peak resident (GB) | shuffled (MB) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for job, points in jobs.items():
        exponents = [None] + growth(points)
        for (n, r), b in zip(points, exponents):
            print(f"| {job} | {n:,} | {r['wall']:.1f} | {r['phases']:.1f} | {r['wall'] / n * 1e6:.1f} | "
                  f"{'' if b is None else f'{b:.2f}'} | {r['heap'] / 2**30:.2f} | {r['rss'] / 2**30:.2f} | {r['shuffled'] / 2**20:.1f} |")

    fig, (time_axis, memory_axis) = plt.subplots(1, 2, figsize=(11, 4.2))
    for job, points in jobs.items():
        ns = [n for n, _ in points]
        time_axis.plot(ns, [r["wall"] for _, r in points], marker="o", label=job)
        memory_axis.plot(ns, [r["rss"] / 2**30 for _, r in points], marker="o", label=job)
    time_axis.set(xscale="log", yscale="log", xlabel="vectors / records", ylabel="wall time (s)", title="wall time")
    memory_axis.set(xscale="log", xlabel="vectors / records", ylabel="peak resident memory (GB)", title="memory")
    for axis in (time_axis, memory_axis):
        axis.grid(True, which="both", alpha=0.3)
        axis.legend()
    fig.suptitle(f"scripts/bench-scale, local[{cores}]")
    fig.tight_layout()
    fig.savefig(f"{chart}.png", dpi=110)
    print(f"\nchart: {chart}.png")


if __name__ == "__main__":
    main()
