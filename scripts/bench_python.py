#!/usr/bin/env python3
"""Throughput of the Python package against the command line, same data,
same thread count (not a test: figures for the docs).

    cargo build --release --bin newsmill --example make_batch
    target/release/examples/make_batch ../shared/data/bbc 20000 /tmp/batch.jsonl
    pip install ./crates/newsmill-py          # a release build
    python scripts/bench_python.py /tmp/batch.jsonl --threads 2

Runs, each in a fresh process (so peak RSS is its own):
  cli          newsmill process BATCH -o /dev/null -j N
  pipe         nlp.pipe over the batch's dicts, items already in memory
  pipe-stream  nlp.pipe over a generator that reads and parses the file
  arrow        nlp.pipe_arrow over the in-memory dicts
  endless      nlp.pipe over an endless generator: RSS after each 20,000
               records (bounded memory)
"""

import argparse
import json
import os
import subprocess
import sys
import time


def rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def child(mode, batch, threads):
    import itertools

    import newsmill

    nlp = newsmill.Pipeline(threads=threads)
    if mode == "endless":
        with open(batch, encoding="utf-8") as f:
            lines = [json.loads(x) for x in itertools.islice(f, 2000)]
        marks = []
        for i, _ in enumerate(nlp.pipe(itertools.cycle(lines), batch_size=256), 1):
            if i % 20000 == 0:
                marks.append(f"{i}: {rss_mb():.0f} MB")
            if i == 100000:
                break
        print(json.dumps({"rss_by_records": marks}))
        return
    if mode == "pipe-stream":
        def items():
            with open(batch, encoding="utf-8") as f:
                for line in f:
                    yield json.loads(line)
        source = items()
        n_in = None
    else:
        with open(batch, encoding="utf-8") as f:
            source = [json.loads(line) for line in f]
        n_in = len(source)
    start = time.perf_counter()
    n = 0
    if mode == "arrow":
        for b in nlp.pipe_arrow(source, batch_size=1024):
            n += b.num_rows
    else:
        for _ in nlp.pipe(source, batch_size=256):
            n += 1
    secs = time.perf_counter() - start
    assert n_in is None or n == n_in
    print(json.dumps({"articles": n, "seconds": secs}))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("batch")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--newsmill", default="target/release/newsmill")
    p.add_argument("--child", default=None, help=argparse.SUPPRESS)
    p.add_argument("--modes", default="cli,pipe,pipe-stream,arrow,endless")
    a = p.parse_args()
    if a.child:
        child(a.child, a.batch, a.threads)
        return
    for mode in a.modes.split(","):
        if mode == "cli":
            cmd = [a.newsmill, "process", a.batch, "-o", os.devnull, "-j", str(a.threads),
                   "--quiet", "--progress", "never"]
        else:
            cmd = [sys.executable, __file__, a.batch, "--threads", str(a.threads), "--child", mode]
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)  # this child's own peak RSS
        wall = time.perf_counter() - start
        if status != 0:
            sys.exit(f"{mode}: {cmd} failed ({status})")
        peak_note = f"{usage.ru_maxrss / 1024:.0f} MB"
        if mode == "endless":
            print(f"{mode:12} {json.loads(out)['rss_by_records']}  peak {peak_note}")
            continue
        if mode == "cli":
            with open(a.batch, encoding="utf-8") as f:
                n = sum(1 for _ in f)
            secs = wall
        else:
            r = json.loads(out)
            n, secs = r["articles"], r["seconds"]
        print(f"{mode:12} {n} articles in {secs:.2f} s: {n / secs:,.0f} articles/s, "
              f"peak RSS {peak_note}", flush=True)


if __name__ == "__main__":
    main()
