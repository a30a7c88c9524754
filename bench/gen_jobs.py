#!/usr/bin/env python3
"""Writes N varied StartJobRun job files for benchmarks: bench/gen_jobs.py OUT_DIR N [--yaml-share 0.5].

Jobs differ the way real repositories do: monitoring (none, CloudWatch, S3, both, persistent UI off),
sparkSubmitParameters of different lengths, spark-defaults properties (some unknown, deprecated or
mistyped, so rules have work), ACK-free requests in JSON and YAML, and pod templates referenced from
some of them (written next to the jobs). Deterministic: the same N gives the same files.
"""
import json
import os
import random
import sys

KEYS = ["spark.executor.memory", "spark.driver.memory", "spark.executor.cores", "spark.sql.shuffle.partitions",
        "spark.dynamicAllocation.enabled", "spark.dynamicAllocation.shuffleTracking.enabled", "spark.network.timeout",
        "spark.eventLog.enabled", "spark.ui.prometheus.enabled", "spark.kubernetes.driver.label.team",
        "spark.hadoop.fs.s3a.fast.upload", "spark.serializer", "spark.speculation", "spark.blacklist.enabled",
        "spark.executor.memroy", "spark.sql.adaptive.enabled", "spark.kryoserializer.buffer.max"]
VALUES = {"spark.executor.memory": ["2g", "4g", "8g", "1536m", "2GiB"], "spark.driver.memory": ["1g", "2g", "512m"],
          "spark.executor.cores": ["1", "2", "4"], "spark.sql.shuffle.partitions": ["200", "400", "64"],
          "spark.network.timeout": ["120s", "300s", "5min"], "spark.serializer": ["org.apache.spark.serializer.KryoSerializer"],
          "spark.kryoserializer.buffer.max": ["512m", "1g"]}
TEMPLATE = """apiVersion: v1
kind: Pod
metadata:
  labels:
    team: data-{i}
spec:
  nodeSelector:
    node.kubernetes.io/instance-type: m5.{size}
  tolerations:
    - key: spark
      operator: Exists
  containers:
    - name: spark-kubernetes-{role}
      resources:
        limits:
          memory: {mem}Gi
    - name: sidecar
      image: busybox:1.36
"""


def job(i, rng):
    params = " ".join("--conf %s=%s" % (k, rng.choice(VALUES.get(k, ["true", "false"])))
                      for k in rng.sample(KEYS[:6], rng.randint(1, 6)))
    props = {k: rng.choice(VALUES.get(k, ["true", "false", "data"])) for k in rng.sample(KEYS, rng.randint(0, 12))}
    mon = {}
    kind = i % 5
    if kind in (1, 3):
        mon["cloudWatchMonitoringConfiguration"] = {"logGroupName": "/emr/jobs", "logStreamNamePrefix": "job-%d" % i}
    if kind in (2, 3):
        mon["s3MonitoringConfiguration"] = {"logUri": "s3://logs-%d/spark/" % (i % 7)}
    if kind == 4:
        mon["persistentAppUI"] = "DISABLED"
    req = {
        "virtualClusterId": "vc%019d" % (i % 13),
        "name": "job-%d" % i,
        "executionRoleArn": "arn:aws:iam::123456789012:role/team-%d-runner" % (i % 11),
        "releaseLabel": rng.choice(["emr-6.8.0-latest", "emr-6.10.0-latest", "emr-7.1.0-20240321"]),
        "jobDriver": {"sparkSubmitJobDriver": {
            "entryPoint": "s3://code-bucket/jobs/etl_%d.py" % (i % 97),
            "entryPointArguments": ["--date", "2026-11-%02d" % (i % 28 + 1)],
            "sparkSubmitParameters": params}},
        "configurationOverrides": {},
        "tags": {"team": "t%d" % (i % 11)},
    }
    if props or i % 4 == 0:
        if i % 4 == 0:
            props["spark.kubernetes.driver.podTemplateFile"] = "s3://templates/driver-%d.yaml" % i
        req["configurationOverrides"]["applicationConfiguration"] = [{"classification": "spark-defaults", "properties": props}]
    if mon:
        req["configurationOverrides"]["monitoringConfiguration"] = mon
    if not req["configurationOverrides"]:
        del req["configurationOverrides"]
    return req


def to_yaml(value, indent=0):
    pad = " " * indent
    if isinstance(value, dict):
        return "".join("%s%s:%s" % (pad, json.dumps(k) if not k.replace("-", "").replace(".", "").replace("_", "").isalnum() else k,
                                     (" " + to_yaml(v).strip() + "\n") if not isinstance(v, (dict, list)) or not v
                                     else "\n" + to_yaml(v, indent + 2)) for k, v in value.items())
    if isinstance(value, list):
        out = ""
        for item in value:
            body = to_yaml(item, indent + 2)
            out += pad + "- " + body.lstrip() if isinstance(item, dict) else pad + "- " + to_yaml(item).strip() + "\n"
        return out
    return json.dumps(value)


def main():
    out, n = sys.argv[1], int(sys.argv[2])
    yaml_share = float(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[3] == "--yaml-share" else 0.5
    os.makedirs(out, exist_ok=True)
    rng = random.Random(42)
    for i in range(n):
        req = job(i, rng)
        as_yaml = (i % 100) < yaml_share * 100
        path = os.path.join(out, "job-%05d.%s" % (i, "yaml" if as_yaml else "json"))
        with open(path, "w") as f:
            f.write(to_yaml(req) if as_yaml else json.dumps(req, indent=2) + "\n")
        if i % 4 == 0:
            with open(os.path.join(out, "driver-%d.yaml" % i), "w") as f:
                f.write(TEMPLATE.format(i=i, size=rng.choice(["xlarge", "2xlarge"]), role="driver", mem=rng.choice([2, 4, 8])))


if __name__ == "__main__":
    main()
