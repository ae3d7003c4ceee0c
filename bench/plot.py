#!/usr/bin/env python3
"""Draws the benchmark PNGs from a results folder's results.json: latency CDF at concurrency 1,
throughput against concurrency, cold start by runtime, and the soak's footprint over time."""
import json
import sys
from pathlib import Path

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt


def series(results):
    s = results["scenarios"]
    out = {}
    if "points" in s.get("floor", {}):
        out["floor (nginx)"] = s["floor"]["points"]
    for runtime, data in s.get("warm", {}).items():
        if isinstance(data, dict) and "points" in data:
            out["Gust " + runtime] = data["points"]
    if "peer_points" in s.get("peer", {}):
        out["serverless-offline (node)"] = s["peer"]["peer_points"]
    return out


def latency_cdf(results, folder):
    fig, ax = plt.subplots(figsize=(8, 5))
    for name, points in series(results).items():
        point = next((p for p in points if p["connections"] == 1 and "cdf" in p), None)
        if point:
            xs = [max(v[0], 0.001) for v in point["cdf"]]
            ys = [v[1] for v in point["cdf"]]
            ax.step(xs, ys, where="post", label=name)
    ax.set_xscale("log")
    ax.set_xlabel("latency (ms, log scale)")
    ax.set_ylabel("percentile")
    ax.set_title("Warm invoke latency CDF, concurrency 1")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(folder / "latency-cdf.png", dpi=110)


def throughput(results, folder):
    fig, ax = plt.subplots(figsize=(8, 5))
    for name, points in series(results).items():
        ax.plot([p["connections"] for p in points], [p["rps"] for p in points], marker="o", label=name)
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xlabel("concurrent connections")
    ax.set_ylabel("requests per second (log scale)")
    ax.set_title("Throughput against concurrency")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(folder / "throughput.png", dpi=110)


def cold_start(results, folder):
    s = results["scenarios"]
    cold = s.get("cold-start", {})
    bare = s.get("bare-start", {})
    runtimes = [r for r in ("provided", "python", "nodejs", "java") if isinstance(cold.get(r), dict)]
    if not runtimes:
        return
    fig, ax = plt.subplots(figsize=(8, 5))
    x = range(len(runtimes))
    parts = [("init", "init (sandbox + runtime start)"), ("handler", "handler"), ("gust_overhead", "Gust overhead")]
    bottom = [0.0] * len(runtimes)
    for key, label in parts:
        values = [max(cold[r]["after_create"][key].get("p50_ms", 0), 0) for r in runtimes]
        ax.bar(x, values, bottom=bottom, label=label, width=0.5)
        bottom = [b + v for b, v in zip(bottom, values)]
    ax.scatter(x, [bare.get(r, {}).get("p50_ms", 0) for r in runtimes], color="black", marker="_", s=600,
               zorder=3, label="bare runtime start")
    ax.set_xticks(list(x), runtimes)
    ax.set_ylabel("ms (p50)")
    ax.set_title("Cold start by runtime: first invoke after CreateFunction")
    ax.legend()
    fig.tight_layout()
    fig.savefig(folder / "cold-start.png", dpi=110)


def soak(results, folder):
    data = results["scenarios"].get("soak", {})
    samples = [row for row in data.get("samples", []) if "instances" in row]
    if not samples:
        return
    metrics = [("rss_kb", "server RSS (MiB)", 1 / 1024), ("fds", "open file descriptors", 1),
               ("threads", "threads", 1), ("processes", "child processes", 1),
               ("cgroups", "instance cgroups", 1), ("disk_kb", "data dir without logs (MiB)", 1 / 1024)]
    check = data.get("check", {})
    fig, axes = plt.subplots(2, 3, figsize=(12, 6.5), sharex=True)
    minutes = [row["elapsed_s"] / 60 for row in samples]
    for ax, (key, label, scale) in zip(axes.flat, metrics):
        ax.plot(minutes, [row[key] * scale for row in samples], marker=".")
        if key in check:
            ax.axhline(check[key]["bound"] * scale, color="grey", linestyle="--", linewidth=1, label="flat bound")
            ax.legend(loc="lower right", fontsize="small")
        ax.set_title(label, fontsize="medium")
        ax.set_ylim(bottom=0)
        ax.grid(True, alpha=0.3)
    for ax in axes[1]:
        ax.set_xlabel("minutes of mixed load")
    verdict = "stays flat" if check.get("pass") else "NOT flat"
    fig.suptitle(f"Soak: warm, cold, failing and async invokes ({verdict})")
    fig.tight_layout()
    fig.savefig(folder / "soak.png", dpi=110)


def main():
    folder = Path(sys.argv[1])
    results = json.loads((folder / "results.json").read_text())
    latency_cdf(results, folder)
    throughput(results, folder)
    cold_start(results, folder)
    soak(results, folder)
    print("bench: plots in", folder)


if __name__ == "__main__":
    main()
