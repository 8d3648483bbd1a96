"""newsmill: turn large batches of news articles into structured records.

    >>> import newsmill
    >>> nlp = newsmill.Pipeline(extractors=["dates"])
    >>> rec = nlp("Storm hits coast\\n\\nThe storm reached the coast on Monday.")
    >>> rec["title"]
    'Storm hits coast'

Records are plain dicts with exactly the JSON schema of `newsmill process`
(see docs/python.md). Articles are processed by the Rust engine on native
threads with the GIL released.
"""

import itertools
import os

from ._newsmill import Error, __version__
from ._newsmill import Pipeline as _Pipeline
from ._newsmill import process as _process

__all__ = ["Pipeline", "process", "Error", "__version__"]

_FIELDS = ("id", "title", "text", "date", "url")

# Keyword options of Pipeline: the `newsmill process` options that shape
# records (the others are about files and output).
_PIPELINE_OPTIONS = {
    "tokens", "no_text", "no_sentences", "max_bytes", "default_language",
    "dedup", "dedup_threshold", "emit_signature",
    "text_field", "id_field", "title_field", "date_field", "url_field",
}


def _value(v):
    if isinstance(v, os.PathLike):
        return os.fspath(v)
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def _argv(options):
    """Keyword arguments as `newsmill process` options: `no_text=True` is
    `--no-text`, `max_bytes="1M"` is `--max-bytes 1M`, a list repeats."""
    argv = []
    for key, v in options.items():
        flag = "--" + key.replace("_", "-")
        if v is None or v is False:
            continue
        if v is True:
            argv.append(flag)
        elif isinstance(v, (list, tuple)):
            for x in v:
                argv += [flag, _value(x)]
        else:
            argv += [flag, _value(v)]
    return argv


def _extractor_argv(extractors, plugins, config):
    import json

    argv = []
    if extractors is not None:
        if isinstance(extractors, str):
            names = extractors
        else:
            names = ",".join(extractors) or "none"
        argv += ["--extractors", names]
    if isinstance(plugins, (str, os.PathLike)):
        plugins = [plugins]
    for p in plugins:
        argv += ["--plugin", os.fspath(p)]
    if config is None:
        pass
    elif isinstance(config, (str, os.PathLike)):
        argv += ["--config", os.fspath(config)]
    elif isinstance(config, dict):
        for name, values in config.items():
            if not isinstance(values, dict):
                raise ValueError(
                    f"config: the configuration of {name!r} must be a dict of key: value"
                )
            for key, value in values.items():
                argv += ["--set", f"{name}.{key}={json.dumps(value)}"]
    else:
        raise ValueError("config must be a dict keyed by extractor name, or a path to a JSON file")
    return argv


def _is_dataframe(obj):
    return type(obj).__module__.startswith("pandas") and hasattr(obj, "columns")


def _is_arrow_table(obj):
    mod = type(obj).__module__
    return mod.startswith("pyarrow") and hasattr(obj, "to_batches") and hasattr(obj, "schema")


def _rows(obj, fields, columns):
    """A pandas DataFrame or pyarrow Table as an iterator of dicts keyed by
    the pipeline's field names; `columns` maps a field (``"title"``) to the
    column holding it (``"headline"``)."""
    columns = columns or {}
    pairs = [(fields[f], columns.get(f, fields[f])) for f in _FIELDS]
    if _is_dataframe(obj):
        pairs = [(k, c) for k, c in pairs if c in obj.columns]
        cols = [obj[c].tolist() for _, c in pairs]
        keys = [k for k, _ in pairs]
        return (dict(zip(keys, row)) for row in zip(*cols))
    if _is_arrow_table(obj):
        pairs = [(k, c) for k, c in pairs if c in obj.schema.names]
        table = obj.select([c for _, c in pairs]).rename_columns([k for k, _ in pairs])
        return itertools.chain.from_iterable(b.to_pylist() for b in table.to_batches())
    return None


class Pipeline:
    """A newsmill pipeline: the extractors, their configuration and the
    record options, built once.

    Parameters
    ----------
    extractors : list of str, str or None
        Built-in extractors to run (default: all; ``[]`` for none).
    plugins : sequence of paths
        Shared libraries to load as extractors (always run).
    config : dict or path
        Extractor configuration keyed by extractor name, or a JSON file.
    threads : int
        Worker threads for ``pipe`` (0: one per core).
    **options
        The ``newsmill process`` options that shape records: ``tokens``,
        ``no_text``, ``no_sentences``, ``max_bytes``, ``dedup``,
        ``dedup_threshold``, ``emit_signature`` and the field names
        ``text_field``, ``id_field``, ``title_field``, ``date_field``,
        ``url_field``.

    A bad option, an unknown extractor or a plugin that does not load raises
    ``ValueError`` with the command line's message.
    """

    def __init__(self, extractors=None, plugins=(), config=None, threads=0, **options):
        unknown = sorted(set(options) - _PIPELINE_OPTIONS)
        if unknown:
            raise ValueError(
                f"unknown option {unknown[0]!r} (options: {', '.join(sorted(_PIPELINE_OPTIONS))})"
            )
        if not isinstance(threads, int) or threads < 0:
            raise ValueError(f"threads must be a whole number >= 0, not {threads!r}")
        argv = _extractor_argv(extractors, plugins, config)
        argv += ["--threads", str(threads)] + _argv(options)
        self._fields = {
            f: options.get(f + "_field") or f for f in _FIELDS
        }
        self._p = _Pipeline(argv)

    @property
    def extractors(self):
        """The extractors that run, in order."""
        return self._p.extractors

    @property
    def threads(self):
        """Worker threads (0: one per core)."""
        return self._p.threads

    def __repr__(self):
        return f"newsmill.Pipeline(extractors={self.extractors!r}, threads={self.threads})"

    def __call__(self, item):
        """One article to one record (a dict). ``item`` is a str (plain
        text, first line the headline), bytes (the same, decoded like a
        file), an ``(id, text)`` pair, or a dict with JSON Lines fields
        (``id``, ``title``, ``text``, ``date``, ``url``)."""
        return self._p.process_one(item)

    def _source(self, items, columns):
        rows = _rows(items, self._fields, columns)
        return items if rows is None else rows

    def pipe(self, items, batch_size=256, columns=None, jsonl=False):
        """Yield one record (dict) per item, in input order, streaming.

        ``items`` is any iterable of the items ``__call__`` takes (an endless
        generator is fine: at most ``4 * batch_size`` items are read ahead),
        or a pandas DataFrame / pyarrow Table whose columns are named like
        the JSON Lines fields (``columns`` maps a field to another column).
        With ``jsonl=True``, str and bytes items are lines of JSON Lines,
        read exactly as ``newsmill process`` reads a ``.jsonl`` file (a line
        that is not JSON gives an ``invalid_json`` error record).
        Bad items give error records; the batch never stops on one.
        """
        return self._p.pipe(self._source(items, columns), batch_size, False, jsonl)

    def pipe_arrow(self, items, batch_size=1024, columns=None, jsonl=False):
        """Like ``pipe``, but yield ``pyarrow.RecordBatch``es of up to
        ``batch_size`` records with the Parquet writer's schema."""
        return self._p.pipe(self._source(items, columns), batch_size, True, jsonl)

    def to_arrow(self, items, batch_size=1024, columns=None):
        """All records as one ``pyarrow.Table``."""
        import pyarrow as pa

        batches = list(self.pipe_arrow(items, batch_size, columns))
        if not batches:
            return pa.table({})
        return pa.Table.from_batches(batches)

    def to_pandas(self, items, batch_size=1024, columns=None):
        """All records as a pandas DataFrame (one row per item)."""
        return self.to_arrow(items, batch_size, columns).to_pandas()


def process(paths, output=None, format="auto", **options):
    """Run ``newsmill process`` on files, directories, WARC and compressed
    inputs; write JSON Lines or Parquet (by ``output``'s extension, or
    ``output_format``) to ``output`` (standard output when None). Every
    other ``newsmill process`` option is a keyword (``threads=2``,
    ``extractors="ner,dates"``, ``dedup=True``...). Returns the counts:
    ``{"articles", "ok", "warnings", "errors", "bytes", "seconds"}``."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    argv = [os.fspath(p) for p in paths]
    if not argv:
        raise ValueError("process: no input paths")
    options.setdefault("quiet", True)
    options.setdefault("progress", "never")
    if output is not None:
        options["output"] = output
    options["format"] = format
    return _process(argv + _argv(options))
