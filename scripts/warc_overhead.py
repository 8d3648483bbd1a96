#!/usr/bin/env python3
"""What reading WARC archives costs on top of reading the same pages as HTML.

Wraps every page of an html-articles style directory (*.html.gz) into a
crawler-style WARC archive (one gzip member per record, as Common Crawl
writes them) and an uncompressed one, writes the pages out as plain .html
files too, then runs `newsmill process` on one worker thread over each and
reports the CPU time (user + system, of all threads, the minimum of the
repetitions: CPU time is far steadier than wall time on a shared machine).

    cargo build --release
    python3 scripts/warc_overhead.py ../shared/data/html-articles/html \
        [--bin target/release/newsmill] [--reps 7] [--extractors none|all]
"""
import argparse
import gzip
import resource
import subprocess
import sys
import tempfile
from pathlib import Path


def warc_record(i: int, page: bytes) -> bytes:
    http = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
        + b"Content-Length: %d\r\n\r\n" % len(page)
        + page
    )
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: https://news.example/{i}\r\n"
        "WARC-Date: 2024-01-01T00:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{i:012d}>\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    )
    return head.encode() + http + b"\r\n\r\n"


def cpu_seconds(cmd: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, stderr=subprocess.DEVNULL, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("pages", type=Path, help="directory of *.html.gz pages")
    ap.add_argument("--bin", default="target/release/newsmill")
    ap.add_argument("--reps", type=int, default=7)
    ap.add_argument("--extractors", default="none", help="none, all, or a list")
    args = ap.parse_args()
    files = sorted(args.pages.glob("*.html.gz"))
    if not files:
        print(f"no *.html.gz pages in {args.pages}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        plain = tmp / "plain"
        plain.mkdir()
        size = 0
        with open(tmp / "pages.warc", "wb") as w, open(tmp / "pages.warc.gz", "wb") as wz:
            for i, f in enumerate(files):
                page = gzip.decompress(f.read_bytes())
                size += len(page)
                (plain / f.name[: -len(".gz")]).write_bytes(page)
                rec = warc_record(i, page)
                w.write(rec)
                wz.write(gzip.compress(rec, 6))
        cases = {
            "pages as .html": [str(plain), "--format", "html", "--glob", "*.html"],
            "pages as .html.gz": [str(args.pages), "--format", "html", "--glob", "*.html.gz"],
            ".warc": [str(tmp / "pages.warc")],
            ".warc.gz": [str(tmp / "pages.warc.gz")],
        }
        extra = [] if args.extractors == "all" else ["--extractors", args.extractors]
        times: dict[str, list[float]] = {k: [] for k in cases}
        for _ in range(args.reps):
            for name, inp in cases.items():
                cmd = [args.bin, "process", *inp, "--threads", "1", *extra, "-o", "/dev/null"]
                times[name].append(cpu_seconds(cmd))
    base = min(times["pages as .html"])
    print(f"{len(files)} pages, {size / 1e6:.1f} MB of HTML, extractors: {args.extractors}, "
          f"CPU time, min of {args.reps}")
    print("| input | CPU ms | MB/s of HTML | vs .html |")
    print("| --- | --- | --- | --- |")
    for name, ts in times.items():
        t = min(ts)
        print(f"| {name} | {t * 1e3:.0f} | {size / 1e6 / t:.1f} | {100 * (t / base - 1):+.1f}% |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
