#!/usr/bin/env python3
"""Run rensa inside PySpark local mode via RDD.pipe and check it byte for byte against a plain run.

Opt-in, not part of CI. Needs Java and `pip install pyspark` (3.4 or newer). See docs/batch.md.

    cargo build --release
    python3 scripts/spark/run_local.py                       # fixtures/seeds, 2 partitions
    python3 scripts/spark/run_local.py --inputs fixtures/pairs/test --partitions 4

What it does:
  1. builds one request line {"id": ..., "path": ...} per file under --inputs, sorted by path
     (paths are absolute: local-mode executors share the driver's file system; on a cluster use
     {"id", "text"} lines or paths on shared storage);
  2. runs `rensa run --stdin-jsonl --quiet` once over all lines, without Spark: the reference;
  3. ships the binary to the executors with SparkContext.addFile, splits the lines into
     --partitions partitions and pipes every partition through the same command with
     RDD.pipe(checkCode=True) (rensa exits 0 whenever every line got a record, ok or error);
  4. collects the records (partition order, then line order) and compares them byte for byte
     with the reference. Exit status 0 when equal, 1 when not.
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path


def request_lines(inputs: Path) -> list[str]:
    files = sorted(p for p in inputs.rglob("*") if p.is_file() and not p.name.startswith("."))
    return [
        json.dumps({"id": str(p.relative_to(inputs)), "path": str(p.resolve())}, ensure_ascii=False)
        for p in files
    ]


def main() -> int:
    repo = Path(__file__).resolve().parents[2]
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rensa", type=Path, default=repo / "target/release/rensa")
    ap.add_argument("--inputs", type=Path, default=repo / "fixtures/seeds")
    ap.add_argument("--partitions", type=int, default=2)
    ap.add_argument("--jobs", type=int, default=1, help="rensa --jobs inside each partition")
    args = ap.parse_args()

    if not args.rensa.is_file():
        sys.exit(f"run_local.py: {args.rensa}: not found (cargo build --release first)")
    lines = request_lines(args.inputs)
    if not lines:
        sys.exit(f"run_local.py: {args.inputs}: no input files")
    cmd = ["run", "--stdin-jsonl", "--quiet", "--jobs", str(args.jobs)]

    reference = subprocess.run(
        [str(args.rensa), *cmd],
        input=("\n".join(lines) + "\n").encode(),
        capture_output=True,
        check=True,
    ).stdout.decode()

    from pyspark import SparkContext, SparkFiles  # imported late: the reference needs no Spark

    sc = SparkContext("local[2]", "rensa-run-local")
    sc.setLogLevel("WARN")
    try:
        sc.addFile(str(args.rensa))
        # In local mode SparkFiles.get resolves to the same directory on the driver and the
        # executors; on a cluster, pipe "./rensa" (YARN/Kubernetes put added files in the
        # container's working directory).
        shipped = SparkFiles.get(args.rensa.name)
        os.chmod(shipped, 0o755)
        records = (
            sc.parallelize(lines, args.partitions)
            .pipe(" ".join([shipped, *cmd]), env={"LC_ALL": "C.UTF-8"}, checkCode=True)
            .collect()
        )
    finally:
        sc.stop()

    spark_out = "".join(r + "\n" for r in records)
    ok = spark_out == reference and len(records) == len(lines)
    print(
        f"run_local.py: {len(lines)} inputs, {len(records)} records from {args.partitions} "
        f"partitions: {'identical to' if ok else 'DIFFERENT from'} the plain run",
        file=sys.stderr,
    )
    if not ok:
        for i, (a, b) in enumerate(zip(spark_out.splitlines(), reference.splitlines())):
            if a != b:
                print(f"first difference at record {i}:\n  spark: {a[:200]}\n  plain: {b[:200]}",
                      file=sys.stderr)
                break
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
