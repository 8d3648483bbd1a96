#!/usr/bin/env python3
"""Candidate cue words for the quotes extractor, learned from PolNeAR train.

Usage: python3 scripts/cue_candidates.py ../shared/data/polnear/train

Prints the one-word cues of the gold attributions that the quotes lexicon
(plugins/quotes/src/lexicon.rs, find/lists.rs) does not have yet, with how
often each is a cue and the share of its occurrences in the annotated texts
that are cues. docs/quotes.md says which thresholds were used and how the
words were sorted into verbs of saying, of thinking and of stance (by
hand, by grammar); the dev split is never read.
"""
import collections
import glob
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def main(train: str, min_count: int = 3, min_share: float = 0.25) -> None:
    cue = collections.Counter()
    seen = collections.Counter()
    anns = sorted(glob.glob(os.path.join(train, "attributions", "*.ann")))
    if not anns:
        sys.exit(f"no attributions/*.ann under {train}")
    for f in anns:
        with open(f, encoding="utf-8") as fh:
            for line in fh:
                p = line.rstrip("\n").split("\t")
                if p[0].startswith("T") and len(p) >= 3 and p[1].startswith("Cue"):
                    w = p[2].strip().lower()
                    if re.fullmatch(r"[a-z]+", w):
                        cue[w] += 1
        # Each annotation file counts its text once.
        name = os.path.basename(f).rsplit("_", 1)[0]
        with open(os.path.join(train, "text", name + ".txt"), encoding="utf-8") as fh:
            seen.update(re.findall(r"[a-z]+", fh.read().lower()))
    lexicon = ""
    for rel in ("plugins/quotes/src/lexicon.rs", "plugins/quotes/src/find/lists.rs"):
        with open(os.path.join(HERE, "..", rel), encoding="utf-8") as fh:
            lexicon += fh.read()
    known = set(re.findall(r'"([a-z\-]+)"', lexicon))
    rows = [
        (w, c, c / max(1, seen[w]))
        for w, c in cue.items()
        if w not in known
        and (c >= min_count and c / max(1, seen[w]) >= min_share
             or c == 2 and c / max(1, seen[w]) >= 0.5)
    ]
    rows.sort(key=lambda r: (-r[1], r[0]))
    for w, c, share in rows:
        print(f"{w}\t{c}\t{share:.2f}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
