#!/usr/bin/env python3
"""Time and memory of sparkmc on hostile but valid-shaped inputs (issue 9's goal:
every input under the size limit in under 3 s and 300 MB). Usage:
  bench/hostile.py build/sparkmc
Prints one row per input: seconds, peak RSS (MiB), exit code."""
import json, os, subprocess, sys, tempfile

binary = sys.argv[1] if len(sys.argv) > 1 else "build/sparkmc"
base = json.load(open(os.path.join(os.path.dirname(__file__), "..", "examples", "pi.json")))
tmp = tempfile.mkdtemp()

def job_with_configurations(n, props, width):
    job = dict(base)
    job["configurationOverrides"] = {"applicationConfiguration": [
        {"classification": "spark-defaults",
         "properties": {f"spark.custom.k{i}.{j}": "v" * width for j in range(props)}} for i in range(n)]}
    return job

cases = {
    "9.5 MB, 4,000 configurations (indented)": json.dumps(job_with_configurations(4000, 10, 200), indent=2),
    "9.5 MB, 4,000 configurations (one line)": json.dumps(job_with_configurations(4000, 10, 200), separators=(",", ":")),
    "1 MB one-line job": json.dumps(job_with_configurations(400, 10, 200), separators=(",", ":")),
    "800 KB one-line job": json.dumps(job_with_configurations(330, 10, 200), separators=(",", ":")),
}
print(f"{'input':45} {'command':8} {'seconds':>8} {'MiB':>7} exit")
for name, text in cases.items():
    path = os.path.join(tmp, "job.json")
    open(path, "w").write(text)
    for cmd in (["lint", path], ["compile", path, "--namespace", "n", "--region", "us-east-1"]):
        r = subprocess.run(["/usr/bin/time", "-f", "%e %M", binary] + cmd, capture_output=True, text=True)
        secs, kb = r.stderr.strip().splitlines()[-1].split()
        print(f"{name:45} {cmd[0]:8} {float(secs):8.2f} {int(kb) / 1024:7.1f} {r.returncode}")
