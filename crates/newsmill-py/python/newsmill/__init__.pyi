"""Type stubs for newsmill (see docs/python.md)."""

import os
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

__version__: str

Record = Dict[str, Any]
"""One record: exactly the JSON schema of `newsmill process`."""

Item = Union[str, bytes, Tuple[Any, Union[str, bytes]], Mapping[str, Any]]
"""str/bytes: plain text, first line the headline (like a .txt file);
(id, text): the same with an id; dict: JSON Lines fields (id, title, text,
date, url)."""

Items = Union[Iterable[Item], Any]
"""Items, or a pandas DataFrame / pyarrow Table with JSON Lines columns."""

class Error(Exception):
    """A run failed (bad items never raise: they become error records)."""

class Pipeline:
    def __init__(
        self,
        extractors: Optional[Union[str, Sequence[str]]] = None,
        plugins: Sequence[Union[str, os.PathLike]] = (),
        config: Optional[Union[Mapping[str, Mapping[str, Any]], str, os.PathLike]] = None,
        threads: int = 0,
        *,
        tokens: bool = False,
        no_text: bool = False,
        no_sentences: bool = False,
        max_bytes: Union[int, str] = "10M",
        default_language: str = "en",
        dedup: bool = False,
        dedup_threshold: Optional[float] = None,
        emit_signature: bool = False,
        text_field: str = "text",
        id_field: str = "id",
        title_field: str = "title",
        date_field: str = "date",
        url_field: str = "url",
    ) -> None: ...
    @property
    def extractors(self) -> List[str]: ...
    @property
    def threads(self) -> int: ...
    def __call__(self, item: Item) -> Record: ...
    def pipe(
        self,
        items: Items,
        batch_size: int = 256,
        columns: Optional[Mapping[str, str]] = None,
        jsonl: bool = False,
    ) -> "PipeIter": ...
    def pipe_arrow(
        self,
        items: Items,
        batch_size: int = 1024,
        columns: Optional[Mapping[str, str]] = None,
        jsonl: bool = False,
    ) -> Iterator[Any]:
        """Yields pyarrow.RecordBatch."""
    def to_arrow(
        self, items: Items, batch_size: int = 1024, columns: Optional[Mapping[str, str]] = None
    ) -> Any:
        """A pyarrow.Table."""
    def to_pandas(
        self, items: Items, batch_size: int = 1024, columns: Optional[Mapping[str, str]] = None
    ) -> Any:
        """A pandas.DataFrame."""

class PipeIter(Iterator[Record]):
    def __next__(self) -> Record: ...
    @property
    def stats(self) -> Optional[Dict[str, Union[int, float]]]:
        """articles, ok, warnings, errors, bytes, seconds; None until exhausted."""

def process(
    paths: Union[str, os.PathLike, Sequence[Union[str, os.PathLike]]],
    output: Optional[Union[str, os.PathLike]] = None,
    format: str = "auto",
    **options: Any,
) -> Dict[str, Union[int, float]]: ...
