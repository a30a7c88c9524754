#!/usr/bin/env python3
"""Two or more sparkmc binaries side by side on the same files (issue 13's before/after
tables in bench/README.md). Usage:
  bench/builds.py JOBS_DIR NAME=BINARY [NAME=BINARY ...]
For each binary, in rounds taken in turn (so background load hits every binary alike):
- lint over JOBS_DIR: files per CPU-second (user + system time of the process) and peak RSS;
- start-up and latency: `lint examples/pi.json` and `compile examples/pi.json`, median wall
  time of 20 runs, and instructions (valgrind --tool=callgrind), which do not depend on load;
- lint instructions per file over 300 files sampled across JOBS_DIR (callgrind, -j 1).
Medians of 3 rounds. Wall-clock numbers on a shared machine are noisy; instruction counts
are the repeatable ones."""
import glob
import os
import re
import resource
import statistics
import subprocess
import sys
import time

jobs_dir = sys.argv[1]
builds = [a.split("=", 1) for a in sys.argv[2:]]
ROUNDS = 3
COMPILE = ["compile", "examples/pi.json", "--namespace", "bench", "--region", "us-east-1"]
files = sorted(glob.glob(os.path.join(jobs_dir, "*.json")) + glob.glob(os.path.join(jobs_dir, "*.yaml")))
subset = files[:: max(1, len(files) // 300)][:300]  # a sample across the kinds of files


def cpu_and_rss(cmd):
    r = subprocess.run(["/usr/bin/time", "-f", "%U %S %M"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    u, s, m = r.stderr.strip().splitlines()[-1].split()
    return float(u) + float(s), int(m)


def wall_ms(cmd, n=20):
    times = []
    for _ in range(n):
        t = time.monotonic()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append((time.monotonic() - t) * 1000)
    return statistics.median(times)


def instructions(cmd):
    r = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + cmd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    m = re.search(r"Collected : (\d+)", r.stderr)
    return int(m.group(1)) if m else 0


results = {name: {"lint_cpu": [], "rss": [], "lint1": [], "compile1": []} for name, _ in builds}
for _ in range(ROUNDS):
    for name, binary in builds:
        cpu, rss = cpu_and_rss([binary, "lint", "-f", "json", jobs_dir])
        results[name]["lint_cpu"].append(cpu)
        results[name]["rss"].append(rss)
        results[name]["lint1"].append(wall_ms([binary, "lint", "examples/pi.json"]))
        results[name]["compile1"].append(wall_ms([binary] + COMPILE))
for name, binary in builds:
    results[name]["ir_lint1"] = instructions([binary, "lint", "examples/pi.json"])
    results[name]["ir_compile1"] = instructions([binary] + COMPILE)
    results[name]["ir_lint300"] = instructions([binary, "lint", "-j", "1", "-f", "json"] + subset)

print("| build | lint files/CPU-s (%d files) | peak RSS MiB | lint pi.json ms | compile pi.json ms | "
      "lint pi.json Minstr | compile pi.json Minstr | lint Minstr/file (%d files) |" % (len(files), len(subset)))
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for name, _ in builds:
    r = results[name]
    print("| %s | %.0f | %.1f | %.1f | %.1f | %.1f | %.1f | %.2f |" % (
        name, len(files) / statistics.median(r["lint_cpu"]), statistics.median(r["rss"]) / 1024,
        statistics.median(r["lint1"]), statistics.median(r["compile1"]), r["ir_lint1"] / 1e6, r["ir_compile1"] / 1e6,
        r["ir_lint300"] / 1e6 / len(subset)))
print()
print("machine: %d cores, load average %s" % (os.cpu_count(), " ".join("%.2f" % x for x in os.getloadavg())))
