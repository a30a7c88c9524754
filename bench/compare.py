#!/usr/bin/env python3
"""Runs the measurements for bench/run and prints a markdown table (see bench/README.md)."""
import glob
import json
import os
import re
import subprocess
import sys
import time

N = int(sys.argv[1])
B = "build-bench"
SPARKMC = B + "/sparkmc"
SCHEMA = "schemas/start-job-run.schema.json"
jobs_json = sorted(glob.glob(B + "/jobs-json/job-*.json"))


def timed(cmd):
    start = time.monotonic()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - start


def max_rss_kb(cmd):
    out = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return int(out.stderr.strip().splitlines()[-1])


def rate_from(output):
    m = re.search(r"([0-9.]+) files/s", output)
    return float(m.group(1)) if m else 0.0


rows = []
# Start-up: one job, hyperfine's mean over 100 runs.
subprocess.run(["hyperfine", "-N", "--warmup", "10", "--runs", "100", "--export-json", B + "/startup.json",
                SPARKMC + " lint examples/pi.json"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
startup_ms = json.load(open(B + "/startup.json"))["results"][0]["mean"] * 1000

# Throughput: sparkmc lint (schema + all rules) over the mixed JSON/YAML set, and the JSON-only set.
mixed = timed([SPARKMC, "lint", B + "/jobs"])
files_mixed = len(glob.glob(B + "/jobs/*"))
only_json = timed([SPARKMC, "lint"] + jobs_json)
rows.append(("sparkmc lint (schema + 15 rules), JSON+YAML+pod templates", files_mixed / mixed))
rows.append(("sparkmc lint (schema + 15 rules), JSON only", len(jobs_json) / only_json))
# sparkmc plan over the same JSON files: the pods of each job, EMR's templates included (issue 12:
# at lint speed or better).
plan_json = timed([SPARKMC, "plan", "-f", "json"] + jobs_json)
rows.append(("sparkmc plan (pods as Spark sizes them, -f json), JSON only", len(jobs_json) / plan_json))

# Peers, validating the JSON files against the same schema and doing nothing else.
py = subprocess.run(["python3", "bench/py_validate.py", SCHEMA] + jobs_json, capture_output=True, text=True)
rows.append(("python3-jsonschema (Debian), schema only", rate_from(py.stdout)))
ajv_time = timed([B + "/npm/node_modules/.bin/ajv", "validate", "--spec=draft7", "--strict=false", "-s", SCHEMA,
                  "-d", B + "/jobs-json/job-*.json"])
rows.append(("ajv-cli 5 (npm), schema only", len(jobs_json) / ajv_time))
floor = subprocess.run([B + "/bench/yaml_parse_floor"] + jobs_json, capture_output=True, text=True)
rows.append(("yaml-cpp parse only (the floor)", rate_from(floor.stdout)))

# Memory: peak RSS for a tenth of the files and for all of them.
tenth = sorted(glob.glob(B + "/jobs/job-*"))[: max(1, N // 10)]
rss_small = max_rss_kb([SPARKMC, "lint"] + tenth)
rss_all = max_rss_kb([SPARKMC, "lint", B + "/jobs"])

base = rows[0][1]
print("| tool | files/s | sparkmc lint ÷ tool |")
print("|---|---:|---:|")
for name, rate in rows:
    ratio = "—" if rate == base else "%.1fx" % (base / rate if rate else float("inf"))
    print("| %s | %.0f | %s |" % (name, rate, ratio))
print()
print("start-up, `sparkmc lint examples/pi.json`: %.1f ms mean (hyperfine, 100 runs)" % startup_ms)
print("peak RSS: %d KiB for %d files, %d KiB for %d files" % (rss_small, len(tenth), rss_all, files_mixed))
print("machine: %d cores, %s" % (os.cpu_count(), subprocess.run(["uname", "-sr"], capture_output=True, text=True).stdout.strip()))
