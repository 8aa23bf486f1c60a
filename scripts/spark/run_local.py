#!/usr/bin/env python3
"""Run rensa inside PySpark local mode via RDD.pipe and check it byte for byte against a plain run.

Opt-in, not part of CI. Needs Java 17+ and `pip install pyspark` (tested with 4.3.0; 3.4 or newer
should do with Java 11+). See docs/batch.md.

    cargo build --release -p rensa
    PYSPARK_PYTHON=python3 python3 scripts/spark/run_local.py            # fixtures/seeds, 2 partitions
    python3 scripts/spark/run_local.py --inputs fixtures/pairs/test --partitions 4

What it does:
  1. the reference: a plain `rensa run --quiet --jobs J INPUTS` over the absolute path of
     --inputs, without Spark (rensa walks the folder itself: sorted, hidden entries skipped);
  2. one request line {"id": SOURCE, "path": SOURCE} per reference record, SOURCE being the
     record's `source` (an absolute path; local-mode executors share the driver's file system;
     on a cluster use {"id", "text"} lines or paths on shared storage). With the source as id,
     `--stdin-jsonl` gives the same id, source and bytes as the plain run;
  3. the same lines through `rensa run --stdin-jsonl` without Spark (to tell a Spark problem from
     a --stdin-jsonl one when something differs);
  4. ships the binary to the executors with SparkContext.addFile, splits the lines into
     --partitions partitions and pipes every partition through
     `rensa run --stdin-jsonl --quiet --jobs J` with RDD.pipe(checkCode=True) (rensa exits 0
     whenever every line got a record, ok or error);
  5. collects the records (partition order, then line order) and compares them byte for byte
     with the plain run. Exit status 0 when equal, 1 when not, 2 when something could not run.

Spark runs on the loopback interface (SPARK_LOCAL_IP=127.0.0.1 unless set), without its web UI,
and downloads nothing. PYSPARK_PYTHON defaults to this interpreter.

Inputs that the plain run turns into walk-level error records (a symlink loop) cannot be replayed
as path requests and will show as a difference.
"""

import argparse
import json
import os
import shlex
import subprocess
import sys
import time
from pathlib import Path


def plain_run(rensa: Path, inputs: Path, jobs: int) -> bytes:
    """`rensa run` over a folder, as a user would run it. Exit 1 (some error record) is fine."""
    p = subprocess.run(
        [str(rensa), "run", "--quiet", "--jobs", str(jobs), str(inputs)],
        capture_output=True,
    )
    if p.returncode not in (0, 1):
        sys.stderr.write(p.stderr.decode(errors="replace"))
        sys.exit(f"run_local.py: plain rensa run exited {p.returncode}")
    return p.stdout


def request_lines(reference: bytes) -> list[str]:
    lines = []
    for rec in reference.decode("utf-8").splitlines():
        source = json.loads(rec)["source"]
        lines.append(json.dumps({"id": source, "path": source}, ensure_ascii=False))
    return lines


def first_difference(name: str, got: str, want: str) -> None:
    a, b = got.splitlines(), want.splitlines()
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            print(f"first difference at record {i}:\n  {name}: {x[:200]}\n  plain: {y[:200]}",
                  file=sys.stderr)
            return
    print(f"{name}: {len(a)} records, plain: {len(b)} records", file=sys.stderr)


def main() -> int:
    repo = Path(__file__).resolve().parents[2]
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rensa", type=Path, default=repo / "target/release/rensa")
    ap.add_argument("--inputs", type=Path, default=repo / "fixtures/seeds")
    ap.add_argument("--partitions", type=int, default=2)
    ap.add_argument("--jobs", type=int, default=1, help="rensa --jobs inside each partition")
    ap.add_argument("--master", default="local[2]")
    args = ap.parse_args()

    rensa = args.rensa.resolve()
    if not rensa.is_file():
        sys.exit(f"run_local.py: {args.rensa}: not found (cargo build --release -p rensa first)")
    inputs = args.inputs.resolve()
    if not inputs.is_dir():
        sys.exit(f"run_local.py: {args.inputs}: not a directory")

    reference = plain_run(rensa, inputs, args.jobs).decode("utf-8")
    lines = request_lines(reference.encode())
    if not lines:
        sys.exit(f"run_local.py: {args.inputs}: no input files")
    cmd = ["run", "--stdin-jsonl", "--quiet", "--jobs", str(args.jobs)]

    piped = subprocess.run(
        [str(rensa), *cmd],
        input=("\n".join(lines) + "\n").encode(),
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    try:
        from pyspark import SparkConf, SparkContext, SparkFiles  # late: the references need no Spark
    except ImportError:
        print("run_local.py: pyspark is not installed (python3 -m pip install pyspark)",
              file=sys.stderr)
        return 2

    conf = (
        SparkConf()
        .setMaster(args.master)
        .setAppName("rensa-run-local")
        .set("spark.ui.enabled", "false")
        .set("spark.driver.host", os.environ["SPARK_LOCAL_IP"])
    )
    t0 = time.monotonic()
    sc = SparkContext(conf=conf)
    sc.setLogLevel("WARN")
    try:
        sc.addFile(str(rensa))
        # In local mode SparkFiles.get resolves to the same directory on the driver and the
        # executors (Spark's fetch makes it executable); on a cluster, pipe "./rensa"
        # (YARN/Kubernetes put added files in the container's working directory).
        shipped = SparkFiles.get(rensa.name)
        os.chmod(shipped, 0o755)
        t1 = time.monotonic()
        # RDD.pipe splits the command with shlex and runs it with env= as the WHOLE environment.
        records = (
            sc.parallelize(lines, args.partitions)
            .pipe(shlex.join([shipped, *cmd]), env={"LC_ALL": "C.UTF-8"}, checkCode=True)
            .collect()
        )
        t2 = time.monotonic()
    finally:
        sc.stop()

    spark_out = "".join(r + "\n" for r in records)
    ok_pipe = piped == reference
    ok = spark_out == reference and len(records) == len(lines)
    print(
        f"run_local.py: {len(lines)} inputs, {len(records)} records from {args.partitions} "
        f"partitions ({args.master}, --jobs {args.jobs}): "
        f"{'identical to' if ok else 'DIFFERENT from'} the plain run "
        f"({len(reference.encode())} bytes); --stdin-jsonl without Spark: "
        f"{'identical' if ok_pipe else 'DIFFERENT'}; Spark start {t1 - t0:.1f} s, pipe {t2 - t1:.1f} s",
        file=sys.stderr,
    )
    if not ok_pipe:
        first_difference("stdin-jsonl", piped, reference)
    if not ok:
        first_difference("spark", spark_out, reference)
    return 0 if ok and ok_pipe else 1


if __name__ == "__main__":
    sys.exit(main())
