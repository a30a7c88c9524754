#!/usr/bin/env python3
"""Make self-contained copies of the yannh/kubernetes-json-schema Pod and ConfigMap schemas.

Input (read only):
  <src>/pod-v1.json, <src>/configmap-v1.json   top-level schemas whose $refs point into
                                               "_definitions.json#/definitions/<name>"
  <src>/_definitions.json                      the shared definitions (707 of them, ~1.3 MB)
  <src> defaults to /work/shared/data/k8s-schemas.

Output:
  <dst>/pod-v1.json, <dst>/configmap-v1.json
  <dst> defaults to the k8s/ directory next to this tools/ directory (schemas/k8s).

Each output is the input schema with a top-level "definitions" object added. That object
holds only the definitions the schema reaches, directly or transitively, copied unchanged
except that every "$ref" becomes "#/definitions/<name>". Key order, descriptions, the
draft ("$schema" is left as the input has it) and all other content stay as they were.
Re-running the script on the same input gives byte-identical output.

Usage: trim_k8s_schema.py [--src DIR] [--dst DIR] [NAME.json ...]
"""

import argparse
import json
import os
import sys

DEFAULT_SRC = "/work/shared/data/k8s-schemas"
DEFAULT_DST = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "k8s")
DEFAULT_NAMES = ["pod-v1.json", "configmap-v1.json"]
PREFIXES = ("_definitions.json#/definitions/", "#/definitions/")


def ref_target(ref):
    """Return the definition name a $ref points at, or raise for any other kind of $ref."""
    for prefix in PREFIXES:
        if ref.startswith(prefix):
            name = ref[len(prefix):]
            if "/" in name or "~" in name:
                raise ValueError("unsupported $ref (nested pointer): %r" % ref)
            return name
    raise ValueError("unsupported $ref: %r" % ref)


def rewrite(node, found):
    """Copy node with every $ref made local; add every referenced definition name to found."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                name = ref_target(value)
                found.add(name)
                out[key] = "#/definitions/" + name
            else:
                out[key] = rewrite(value, found)
        return out
    if isinstance(node, list):
        return [rewrite(item, found) for item in node]
    return node


def trim(schema, all_defs):
    if "definitions" in schema:
        raise ValueError("input schema already has a definitions object")
    pending = set()
    root = rewrite(schema, pending)
    done = {}
    while pending:
        name = pending.pop()
        if name in done:
            continue
        if name not in all_defs:
            raise KeyError("definition not found in _definitions.json: %s" % name)
        found = set()
        done[name] = rewrite(all_defs[name], found)
        pending |= found - set(done)
    # Keep the order of _definitions.json so the output is stable and diffs stay small.
    root["definitions"] = {n: done[n] for n in all_defs if n in done}
    return root


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", default=DEFAULT_SRC)
    parser.add_argument("--dst", default=DEFAULT_DST)
    parser.add_argument("names", nargs="*", default=DEFAULT_NAMES)
    args = parser.parse_args(argv)

    with open(os.path.join(args.src, "_definitions.json"), encoding="utf-8") as f:
        all_defs = json.load(f)["definitions"]
    os.makedirs(args.dst, exist_ok=True)
    for name in args.names:
        with open(os.path.join(args.src, name), encoding="utf-8") as f:
            schema = json.load(f)
        out = trim(schema, all_defs)
        path = os.path.join(args.dst, name)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(out, f, indent=2, ensure_ascii=False)
            f.write("\n")
        print("%s: %d definitions, %d bytes" % (path, len(out["definitions"]), os.path.getsize(path)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
