"""The newsmill Python package, end to end: run by .ci/test against the
wheel installed in a fresh virtual environment.

Corpus tests read NEWSMILL_DATA (default ../shared/data from the repository
root) and skip, saying so, when it is absent. The command-line comparison
uses NEWSMILL_BIN (default: builds target/debug/newsmill with cargo); the
plugin test uses NEWSMILL_MONEY_PLUGIN (default: builds the example-money
plugin with cargo).
"""

import itertools
import json
import os
import pathlib
import subprocess
import sys

import pytest

import newsmill

REPO = pathlib.Path(__file__).resolve().parents[3]
DATA = pathlib.Path(os.environ.get("NEWSMILL_DATA", REPO / ".." / "shared" / "data"))
BBC = DATA / "bbc"

ARTICLE = (
    "Storm closes Florida ports\n\n"
    "MIAMI (Reuters) - Hurricane Ida closed three ports in Florida on Monday, "
    "the coast guard said.\n\n"
    "\"We expect to reopen by Friday,\" said Maria Lopez, a spokeswoman for the "
    "Port of Miami.\n"
)


def bbc_or_skip():
    if not BBC.is_dir():
        pytest.skip(f"BBC corpus not found at {BBC} (set NEWSMILL_DATA)")
    return BBC


def cargo_build(*args):
    try:
        subprocess.run(["cargo", "build", "-q", *args], cwd=REPO, check=True)
    except (OSError, subprocess.CalledProcessError) as e:
        pytest.skip(f"cannot build with cargo ({e})")


def cli_binary():
    if os.environ.get("NEWSMILL_BIN"):
        return os.environ["NEWSMILL_BIN"]
    cargo_build("--bin", "newsmill")
    return str(REPO / "target" / "debug" / "newsmill")


def money_plugin():
    if os.environ.get("NEWSMILL_MONEY_PLUGIN"):
        return os.environ["NEWSMILL_MONEY_PLUGIN"]
    cargo_build("-p", "newsmill-example-money", "--lib")
    ext = {"darwin": "dylib", "win32": "dll"}.get(sys.platform, "so")
    return str(REPO / "target" / "debug" / f"libnewsmill_example_money.{ext}")


def test_one_article_gives_one_record_with_offsets_into_its_text():
    nlp = newsmill.Pipeline()
    rec = nlp(ARTICLE)
    assert rec["status"] == "ok"
    assert rec["title"] == "Storm closes Florida ports"
    assert rec["dateline"] is not None
    people = [m["text"] for m in rec["ner"] if m["label"] == "PER"]
    assert "Maria Lopez" in people
    for m in rec["ner"] + rec["dates"]:
        assert rec["text"][m["start"]:m["end"]] == m["text"]
    assert any(d["text"] == "Monday" for d in rec["dates"])
    speakers = [q.get("speaker_text") or q.get("speaker") for q in rec["quotes"]]
    assert speakers, rec["quotes"]


def test_dict_items_use_the_json_lines_fields_and_options():
    nlp = newsmill.Pipeline(extractors=["dates"], no_text=True, text_field="body")
    rec = nlp({"id": "a1", "title": "Vote today", "body": "Polls open at 7am on Tuesday.",
               "date": "2024-11-05", "url": "https://example.com/a1"})
    assert rec["id"] == "a1"
    assert rec["title"] == "Vote today"
    assert rec["published"] == "2024-11-05"
    assert rec["url"] == "https://example.com/a1"
    assert "text" not in rec
    assert "ner" not in rec and "dates" in rec


def test_pipe_over_bbc_equals_newsmill_process_record_for_record(tmp_path):
    bbc = bbc_or_skip()
    out = tmp_path / "cli.jsonl"
    subprocess.run([cli_binary(), "process", str(bbc), "-o", str(out), "-j", "2", "--quiet"],
                   check=True)
    cli = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    files = sorted(p for p in bbc.rglob("*.txt"))
    items = [(p.relative_to(bbc).as_posix(), p.read_bytes()) for p in files]
    items = [i for i in items if i[0] in {r["id"] for r in cli}]
    nlp = newsmill.Pipeline(threads=2)
    got = list(nlp.pipe(items, batch_size=64))
    assert len(got) == len(items) == len(cli) > 2000
    # In input order.
    assert [r["id"] for r in got] == [i[0] for i in items]
    by_id = {r["id"]: r for r in cli}
    statuses = {"ok": 0, "warning": 0, "error": 0}
    for rec in got:
        want = dict(by_id[rec["id"]])
        # `source` is the path the CLI read (the Python item has only an id).
        assert rec.pop("source") == rec["id"]
        want.pop("source")
        assert rec == want, rec["id"]
        statuses[rec["status"]] += 1
    # The corpus's one file that is not valid UTF-8 keeps its warning.
    assert statuses["warning"] >= 1


def test_order_is_kept_with_threads_and_small_batches():
    nlp = newsmill.Pipeline(extractors=["dates"], threads=2)
    items = [{"id": f"n{i}", "text": f"Story {i} happened on {i % 28 + 1} March 2021."}
             for i in range(1500)]
    ids = [r["id"] for r in nlp.pipe(items, batch_size=7)]
    assert ids == [f"n{i}" for i in range(1500)]


def test_an_endless_generator_is_consumed_lazily():
    pulled = 0

    def endless():
        nonlocal pulled
        for i in itertools.count():
            pulled += 1
            yield f"Headline {i}\n\nA short body number {i}."

    nlp = newsmill.Pipeline(extractors=[], threads=2)
    batch = 16
    recs = list(itertools.islice(nlp.pipe(endless(), batch_size=batch), 100))
    assert [r["id"] for r in recs] == [f"item:{i}" for i in range(100)]
    assert recs[99]["title"] == "Headline 99"
    # Read ahead is bounded: at most 4 batches beyond what was taken.
    assert pulled <= 100 + 4 * batch


def test_bad_items_become_error_records_and_the_batch_goes_on():
    nlp = newsmill.Pipeline(extractors=[], max_bytes=100)
    items = [
        "Fine\n\nA normal story.",
        42,
        "",
        {"id": "no-text", "title": "Only a title?"},
        {"id": "nested", "text": ["not", "a", "string"]},
        "x" * 500,
        ("pair", b"Bytes title\n\nbody \xff\xfe here"),
        ("pair2", 3.5),
        "Also fine\n\nThe end.",
    ]
    recs = list(nlp.pipe(items, batch_size=3))
    assert len(recs) == len(items)
    codes = [(r["status"], [e["code"] for e in r["errors"]]) for r in recs]
    assert codes[0] == ("ok", [])
    assert codes[1] == ("error", ["bad_item"])
    assert codes[2][0] == "error"
    assert codes[3] == ("error", ["missing_field"])
    assert codes[4] == ("error", ["bad_field"])
    assert codes[5] == ("error", ["too_large"])
    assert recs[6]["status"] == "warning" and recs[6]["warnings"][0]["code"] == "invalid_utf8"
    assert codes[7] == ("error", ["bad_item"])
    assert codes[8] == ("ok", [])
    assert recs[3]["id"] == "no-text"


def test_json_lines_lines_are_read_as_the_command_line_reads_a_jsonl_file():
    nlp = newsmill.Pipeline(extractors=["dates"])
    lines = [
        json.dumps({"id": "a", "title": "Rates", "text": "Rates rose on 3 March 2024.", "date": "2024-03-05"}),
        "{this is not JSON",
        json.dumps({"id": "b", "body": "No text field."}),
    ]
    recs = list(nlp.pipe(lines, jsonl=True))
    assert [r["status"] for r in recs] == ["ok", "error", "error"]
    assert recs[0]["id"] == "a" and recs[0]["title"] == "Rates"
    assert recs[0]["dates"][0]["value"] == "2024-03-03"
    assert recs[1]["errors"][0]["code"] == "invalid_json"
    assert recs[2]["errors"][0]["code"] == "missing_field"
    # The same lines without jsonl are plain-text articles.
    assert list(nlp.pipe(lines[:1]))[0]["title"].startswith("{")


def test_an_exception_in_the_input_iterator_is_raised_after_the_records_before_it():
    def broken():
        yield "One\n\nFirst."
        yield "Two\n\nSecond."
        raise KeyError("upstream failed")

    nlp = newsmill.Pipeline(extractors=[])
    got = []
    with pytest.raises(KeyError, match="upstream failed"):
        for rec in nlp.pipe(broken()):
            got.append(rec["title"])
    assert got == ["One", "Two"]


def test_bad_options_raise_value_error_with_the_cli_message(tmp_path):
    with pytest.raises(ValueError, match='no built-in extractor "nope"'):
        newsmill.Pipeline(extractors=["nope"])
    with pytest.raises(ValueError, match="unknown option 'colour'"):
        newsmill.Pipeline(colour="red")
    with pytest.raises(ValueError, match="missing.so"):
        newsmill.Pipeline(plugins=[tmp_path / "missing.so"])
    with pytest.raises(ValueError, match="max-bytes"):
        newsmill.Pipeline(max_bytes="lots")
    with pytest.raises(ValueError, match="configuration"):
        newsmill.Pipeline(config={"nosuch": {"a": 1}})


def test_a_loaded_plugin_runs_from_python():
    lib = money_plugin()
    nlp = newsmill.Pipeline(extractors=[], plugins=[lib], threads=2)
    assert nlp.extractors == ["money"]
    text = "Budget approved\n\nThe council approved $4.5 million for roads and EUR 300 for signs."
    recs = list(nlp.pipe([text] * 20))
    assert len(recs) == 20
    money = recs[0]["money"]
    assert any(m["text"].startswith("$4.5 million") for m in money), money
    assert all(r["money"] == money for r in recs)


def test_arrow_output_is_read_by_pandas():
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    df_in = pd.DataFrame({
        "id": ["a", "b", "c"],
        "headline": ["Rates rise", "Team wins", None],
        "text": ["The bank raised rates on Tuesday.", "Leeds won 2-0 on Saturday.", float("nan")],
    })
    nlp = newsmill.Pipeline(extractors=["dates", "ner"])
    df = nlp.to_pandas(df_in, columns={"title": "headline"})
    assert list(df["id"]) == ["a", "b", "c"]
    assert list(df["status"]) == ["ok", "ok", "error"]
    assert df["title"].iloc[0] == "Rates rise"
    assert [d["text"] for d in df["dates"].iloc[0]] == ["Tuesday"]
    # The same records through the dict path.
    recs = list(nlp.pipe(df_in, columns={"title": "headline"}))
    assert [r["status"] for r in recs] == ["ok", "ok", "error"]
    assert recs[1]["dates"][0]["text"] == "Saturday"


def test_threads_run_in_parallel():
    if not pathlib.Path("/proc/self/task").is_dir():
        pytest.skip("needs /proc (Linux) to see the worker threads")

    def workers():
        busy = {}
        for task in pathlib.Path("/proc/self/task").iterdir():
            try:
                name = (task / "comm").read_text().strip()
                stat = (task / "stat").read_text()
            except OSError:
                continue
            if name.startswith("newsmill-worke"):  # comm is cut at 15 bytes
                fields = stat.rsplit(")", 1)[1].split()
                busy[task.name] = int(fields[11]) + int(fields[12])  # utime + stime
        return busy

    nlp = newsmill.Pipeline(threads=2)
    seen = {}
    for i, rec in enumerate(nlp.pipe((ARTICLE for _ in range(3000)), batch_size=64)):
        if i % 500 == 499:
            seen.update(workers())
    assert len(seen) == 2, seen
    # Both workers did real work (CPU time in clock ticks).
    assert all(t > 0 for t in seen.values()), seen


def test_process_writes_parquet_and_gives_counts(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("First\n\nOne story on Monday.", encoding="utf-8")
    (src / "b.txt").write_text("Second\n\nAnother story.", encoding="utf-8")
    (src / "c.txt").write_bytes(b"")
    out = tmp_path / "out.parquet"
    counts = newsmill.process(src, output=out, extractors="dates", threads=2)
    assert counts["articles"] == 3
    assert counts["errors"] == 1
    table = pq.read_table(out)
    assert sorted(table.column("id").to_pylist()) == ["a.txt", "b.txt", "c.txt"]
    with pytest.raises(ValueError, match="unexpected argument"):
        newsmill.process(src, colour="red")
