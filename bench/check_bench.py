#!/usr/bin/env python3
"""`sparkmc check` throughput in ConfigMaps per CPU-second (issue 13), against kubeconform
when it is installed. Usage:
  bench/check_bench.py SPARKMC JOBS_DIR MANIFESTS_DIR [ROUNDS]
Writes MANIFESTS_DIR with `sparkmc compile` for every job of JOBS_DIR when it is missing
(two compiles at a time), then times `sparkmc check MANIFESTS_DIR JOBS_DIR` (CPU time of the
process: user + system, so other load on the machine counts less than in wall time), median
of ROUNDS (default 3). kubeconform validates the same ConfigMaps against the same Kubernetes
schemas (-strict, the schemas in schemas/k8s), when `kubeconform` is on PATH."""
import glob
import os
import resource
import shutil
import statistics
import subprocess
import sys

sparkmc, jobs_dir, manifests = sys.argv[1], sys.argv[2], sys.argv[3]
rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 3
FLAGS = ["--namespace", "bench", "--region", "us-east-1"]


def cpu_seconds(cmd):
    """Runs cmd; returns (CPU seconds of the child, exit code)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), r.returncode


jobs = sorted(f for f in glob.glob(os.path.join(jobs_dir, "job-*")) if f.endswith((".json", ".yaml")))
if not os.path.isdir(manifests):
    os.makedirs(manifests + ".tmp", exist_ok=True)
    script = 'j="$1"; n=$(basename "$j"); n=${n%%.*}; exec "$0" compile "$j" %s -o "%s.tmp/$n"' % (" ".join(FLAGS), manifests)
    subprocess.run(["xargs", "-0", "-P", "2", "-n", "1", "sh", "-c", script, sparkmc],
                   input="\0".join(jobs).encode(), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.rename(manifests + ".tmp", manifests)
configmaps = sum(1 for f in glob.glob(os.path.join(manifests, "*", "*.yaml")) if "\nkind: ConfigMap\n" in open(f).read())

samples = []
for _ in range(rounds):
    secs, code = cpu_seconds([sparkmc, "check", manifests, jobs_dir] + FLAGS)
    if code != 0:
        sys.exit("sparkmc check exited %d (drift or bad input): the manifests must be compiled by this binary" % code)
    samples.append(secs)
secs = statistics.median(samples)
print("sparkmc check: %d jobs, %d ConfigMaps, %.2f CPU-s (median of %d), %.0f ConfigMaps per CPU-second"
      % (len(jobs), configmaps, secs, rounds, configmaps / secs))

kubeconform = shutil.which("kubeconform")
if not kubeconform:
    print("kubeconform: not on PATH, comparison skipped (it is not a Debian package; its source is needed to build it)")
else:
    location = os.path.abspath("schemas/k8s") + "/{{ .ResourceKind | lower }}-{{ .ResourceAPIVersion }}.json"
    samples = []
    for _ in range(rounds):
        s, code = cpu_seconds([kubeconform, "-strict", "-summary", "-schema-location", location, manifests])
        samples.append(s)
    k = statistics.median(samples)
    print("kubeconform -strict: %.2f CPU-s, %.0f ConfigMaps per CPU-second; sparkmc check is %.1fx"
          % (k, configmaps / k, (configmaps / secs) / (configmaps / k)))
