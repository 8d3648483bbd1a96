#!/usr/bin/env python3
"""Run newsmill inside Spark executors.

Each partition's articles go through the newsmill Python package
(`newsmill.Pipeline(...).pipe(lines, jsonl=True)` inside `mapPartitions`;
`--engine python`, the default; install the package on every executor), or,
with `--engine binary`, as JSON Lines through one `newsmill process -`
subprocess. Either way newsmill gives one record per input line, in order,
so the records line up with the input and Spark's partitioning and retries
do the distribution. With --duplicates, near-duplicates are found across the whole
corpus: newsmill writes each article's LSH band keys (--emit-signature), the
job groups by band key (a shuffle) and checks each candidate pair's MinHash
similarity, with the same rule as `newsmill process --dedup` on one machine.

    spark-submit examples/spark/newsmill_spark.py \\
        --input in.jsonl --output out/ --output-format parquet \\
        --duplicates dups/
    spark-submit --files /path/to/newsmill examples/spark/newsmill_spark.py \\
        --engine binary --input in.jsonl --output out/

See docs/spark.md.
"""

import argparse
import json
import os
import shlex
import stat
import subprocess
import sys
import threading


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--input", required=True, help="JSON Lines file(s) or a Parquet dataset")
    p.add_argument("--input-format", choices=["jsonl", "parquet"], default=None,
                   help="default: parquet for a .parquet path or a directory, else jsonl")
    p.add_argument("--output", required=True, help="output directory")
    p.add_argument("--output-format", choices=["jsonl", "parquet"], default="jsonl")
    p.add_argument("--engine", choices=["python", "binary"], default="python",
                   help="the newsmill Python package in each task (default), or the newsmill "
                        "binary as a subprocess per partition")
    p.add_argument("--extractors", default=None,
                   help="built-in extractors to run, comma-separated, or none (default: all)")
    p.add_argument("--newsmill", default="newsmill",
                   help="the newsmill binary: a path on every executor, a name on PATH, "
                        "or the name of a file shipped with --files")
    p.add_argument("--newsmill-args", default="",
                   help="with --engine binary: extra arguments for `newsmill process -`, e.g. '--extractors ner,dates -j 1'")
    p.add_argument("--partitions", type=int, default=None,
                   help="repartition the input to this many partitions first")
    p.add_argument("--duplicates", default=None,
                   help="also write the near-duplicates across all partitions here (JSON Lines: "
                        "id, near_duplicate_of, similarity)")
    p.add_argument("--threshold", type=float, default=0.4,
                   help="near-duplicate threshold (estimated Jaccard); as newsmill's --dedup-threshold")
    p.add_argument("--master", default=None, help="Spark master, e.g. local[2] (default: spark-submit's)")
    return p.parse_args(argv)


def resolve_binary(name):
    """The newsmill binary on this executor: a path, a file shipped with
    --files, or a name on PATH."""
    if os.path.sep in name and os.path.exists(name):
        return name
    try:
        from pyspark import SparkFiles
        shipped = SparkFiles.get(os.path.basename(name))
        if os.path.exists(shipped):
            mode = os.stat(shipped).st_mode
            if not mode & stat.S_IXUSR:
                os.chmod(shipped, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
            return shipped
    except Exception:  # no SparkContext files on this worker
        pass
    return name


def run_partition(binary, extra, lines):
    """Feed one partition's JSON lines to newsmill; yield its records in
    order. Fails the task (Spark retries it) unless there is exactly one
    record per input line."""
    cmd = [resolve_binary(binary), "process", "-", "--format", "jsonl",
           "--progress", "never", "--quiet"] + extra
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    sent = [0]
    errors = []

    def feed():
        try:
            for line in lines:
                # newsmill skips blank lines (they are no item): so do we,
                # so that records and lines still pair up.
                if not line.strip():
                    continue
                # One article per line: a line break inside would split it.
                line = line.replace("\n", " ").replace("\r", " ")
                proc.stdin.write(line.encode("utf-8") + b"\n")
                sent[0] += 1
        except BrokenPipeError as e:
            errors.append(e)
        finally:
            try:
                proc.stdin.close()
            except BrokenPipeError:
                pass

    stderr = []
    t_err = threading.Thread(target=lambda: stderr.append(proc.stderr.read()), daemon=True)
    t_err.start()
    t = threading.Thread(target=feed, daemon=True)
    t.start()
    got = 0
    for out in proc.stdout:
        got += 1
        yield out.decode("utf-8").rstrip("\n")
    t.join()
    code = proc.wait()
    t_err.join()
    if code != 0 or errors or got != sent[0]:
        msg = (stderr[0] if stderr else b"").decode("utf-8", "replace")[-2000:]
        raise RuntimeError(f"newsmill exited {code}: {sent[0]} lines in, {got} records out: {msg}")


def run_partition_python(options, lines):
    """One partition through the newsmill package: each line read exactly
    as `newsmill process` reads a line of a .jsonl file; one record per
    non-blank line, in order (a line that is not JSON gives an error
    record). One thread per task: Spark runs the tasks in parallel."""
    import newsmill

    nlp = newsmill.Pipeline(threads=1, **options)
    for rec in nlp.pipe((line for line in lines if line.strip()), jsonl=True):
        yield json.dumps(rec, ensure_ascii=False)


def similarity(a_hex, b_hex):
    """Estimated Jaccard from the low bytes of two MinHash signatures
    (as newsmill's dedup::similarity)."""
    a, b = bytes.fromhex(a_hex), bytes.fromhex(b_hex)
    n = min(len(a), len(b))
    if n == 0:
        return 0.0
    equal = sum(1 for x, y in zip(a, b) if x == y)
    p = equal / n
    return min(1.0, max(0.0, (p - 1.0 / 256.0) / (1.0 - 1.0 / 256.0)))


def near_duplicates(sigs, threshold):
    """sigs: RDD of (seq, id, [band keys], minhash) in global input order.
    Returns an RDD of (seq, id, root_id, similarity) for each later copy:
    its candidates are the first article under each of its band keys; the
    earliest candidate at or above the threshold decides; the record names
    that candidate's cluster root (as `newsmill process --dedup`)."""
    n = sigs.getNumPartitions()
    by_key = sigs.flatMap(lambda s: [(k, s[0]) for k in s[2]])
    owner = by_key.reduceByKey(min, n)  # band key -> first article with it
    # (article, candidate) for each key whose first article is earlier.
    cand = (by_key.join(owner, n).map(lambda kv: kv[1])
            .filter(lambda p: p[1] < p[0]).distinct(n))
    mh = sigs.map(lambda s: (s[0], s[3]))
    ids = sigs.map(lambda s: (s[0], s[1]))
    checked = (cand.join(mh, n)                                 # (seq, (cand, mh_seq))
               .map(lambda kv: (kv[1][0], (kv[0], kv[1][1])))   # (cand, (seq, mh_seq))
               .join(mh, n)                                     # (cand, ((seq, mh_seq), mh_cand))
               .filter(lambda kv: similarity(kv[1][0][1], kv[1][1]) >= threshold)
               .map(lambda kv: (kv[1][0][0], kv[0])))           # (seq, cand)
    best = checked.reduceByKey(min, n).collectAsMap()
    # Roots: an article's root is its best candidate's root. Candidates are
    # earlier, so one pass in input order resolves every chain.
    root = {}
    for seq in sorted(best):
        c = best[seq]
        root[seq] = root.get(c, c)
    sc = sigs.context
    roots = sc.parallelize(sorted(root.items()), n)
    pairs = (roots.join(mh, n).map(lambda kv: (kv[1][0], (kv[0], kv[1][1])))  # (root, (seq, mh))
             .join(mh, n)                                                 # (root, ((seq, mh), mh_root))
             .map(lambda kv: (kv[1][0][0], (kv[0], similarity(kv[1][0][1], kv[1][1]))))
             .join(ids, n)                                                # (seq, ((root, sim), id))
             .map(lambda kv: (kv[1][0][0], (kv[0], kv[1][1], kv[1][0][1])))
             .join(ids, n)                                                # (root, ((seq, id, sim), root_id))
             .map(lambda kv: (kv[1][0][0], kv[1][0][1], kv[1][1], kv[1][0][2])))
    return pairs.sortBy(lambda p: p[0])


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from pyspark.sql import SparkSession

    builder = (SparkSession.builder.appName("newsmill")
               .config("spark.ui.showConsoleProgress", "false"))
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("ERROR")

    fmt = args.input_format or (
        "parquet" if args.input.endswith(".parquet") or os.path.isdir(args.input) else "jsonl")
    if fmt == "parquet":
        lines = spark.read.parquet(args.input).toJSON()
    else:
        lines = sc.textFile(args.input)
    if args.partitions:
        # Contiguous ranges of the input, in order: "first copy seen" keeps
        # its meaning.
        n, total = args.partitions, max(1, lines.count())
        lines = (lines.zipWithIndex().map(lambda x: (x[1], x[0]))
                 .repartitionAndSortWithinPartitions(n, partitionFunc=lambda i: i * n // total)
                 .values())

    if args.engine == "python":
        options = {"emit_signature": bool(args.duplicates)}
        if args.extractors is not None:
            options["extractors"] = args.extractors
        records = lines.mapPartitions(lambda it: run_partition_python(options, it))
    else:
        extra = shlex.split(args.newsmill_args)
        if args.extractors is not None:
            extra += ["--extractors", args.extractors]
        if args.duplicates and "--emit-signature" not in extra:
            extra.append("--emit-signature")
        binary = args.newsmill
        records = lines.mapPartitions(lambda it: run_partition(binary, extra, it))
    records.cache()

    if args.output_format == "jsonl":
        records.saveAsTextFile(args.output)
    else:
        spark.read.json(records).write.mode("overwrite").parquet(args.output)

    if args.duplicates:
        def sig(seq_rec):
            rec, seq = seq_rec
            r = json.loads(rec)
            s = r.get("dedup_signature")
            if not s:
                return []
            return [(seq, r["id"], s["bands"], s["minhash"])]
        sigs = records.zipWithIndex().flatMap(sig).cache()
        pairs = near_duplicates(sigs, args.threshold)
        pairs.map(lambda p: json.dumps(
            {"id": p[1], "near_duplicate_of": p[2], "similarity": round(p[3], 3)})
        ).coalesce(1).saveAsTextFile(args.duplicates)
    spark.stop()


if __name__ == "__main__":
    main()
