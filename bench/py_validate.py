#!/usr/bin/env python3
"""Peer: python3-jsonschema validating job files against schemas/start-job-run.schema.json in one process.
Usage: py_validate.py SCHEMA FILE... ; prints files/second."""
import json
import sys
import time

import jsonschema

start = time.monotonic()
schema = json.load(open(sys.argv[1]))
validator = jsonschema.Draft7Validator(schema)
invalid = 0
for path in sys.argv[2:]:
    with open(path) as f:
        doc = json.load(f)
    if any(True for _ in validator.iter_errors(doc)):
        invalid += 1
secs = time.monotonic() - start
n = len(sys.argv) - 2
print("%d files in %.3f s: %.0f files/s (%d invalid)" % (n, secs, n / secs, invalid))
