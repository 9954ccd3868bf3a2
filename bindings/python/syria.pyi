"""Type stub of libsyria's Python module (installed beside syria.py)."""

import datetime
from os import PathLike
from typing import Iterable, List, Optional, Sequence, Union

Text = Union[str, bytes]
DateLike = Union[str, datetime.date, None]

__version__: str

OK: int
EINVAL: int
ENOMEM: int
EUTF8: int
ENUL: int
EMODEL: int
EIO: int
ERANGE: int
EDATE: int
ETOOBIG: int
EINTERNAL: int

VERSION_MAJOR: int
VERSION_MINOR: int
VERSION_PATCH: int
VERSION_NUMBER: int

NORM_COMPAT: int
NORM_TATWEEL: int
NORM_DIACRITICS: int
NORM_ALEF: int
NORM_ALEF_MAQSURA: int
NORM_PERSIAN: int
NORM_DIGITS: int
NORM_INVISIBLE: int
NORM_TA_MARBUTA: int
NORM_HAMZA: int
NORM_CASEFOLD: int
NORM_DEFAULT: int


class Error(Exception):
    """A libsyria failure: str(error) is the library's message."""

    code: Optional[int]

    def __init__(self, message: str, code: Optional[int] = ...) -> None: ...


class Sentence:
    start: int
    end: int
    byte_start: int
    byte_end: int
    text: str
    tokens: range

    def __init__(self, start: int, end: int, byte_start: int, byte_end: int, text: str,
                 tokens: range) -> None: ...


class Token:
    start: int
    end: int
    byte_start: int
    byte_end: int
    text: str
    kind: str
    norm: str
    prefix: str
    stem: str
    suffix: str
    sentence: int

    def __init__(self, start: int, end: int, byte_start: int, byte_end: int, text: str,
                 kind: str, norm: str, prefix: str, stem: str, suffix: str,
                 sentence: int) -> None: ...


class Entity:
    id: str
    start: int
    end: int
    byte_start: int
    byte_end: int
    text: str
    type: str
    canonical: Optional[str]
    code: Optional[str]
    value: Optional[str]
    tokens: range

    def __init__(self, id: str, start: int, end: int, byte_start: int, byte_end: int,
                 text: str, type: str, canonical: Optional[str], code: Optional[str],
                 value: Optional[str], tokens: range) -> None: ...


class Span:
    start: int
    end: int
    byte_start: int
    byte_end: int
    text: str

    def __init__(self, start: int, end: int, byte_start: int, byte_end: int,
                 text: str) -> None: ...


class Actor:
    entity: Optional[str]
    code: str

    def __init__(self, entity: Optional[str], code: str) -> None: ...


class Event:
    id: str
    type: str
    mode: Optional[str]
    cameo: str
    quad: int
    goldstein: float
    trigger: Span
    sources: List[Actor]
    targets: List[Actor]
    location: Optional[str]
    date: Optional[str]
    status: str
    reported_by: Optional[str]

    def __init__(self, id: str, type: str, mode: Optional[str], cameo: str, quad: int,
                 goldstein: float, trigger: Span, sources: List[Actor], targets: List[Actor],
                 location: Optional[str], date: Optional[str], status: str,
                 reported_by: Optional[str]) -> None: ...


class Document:
    text: str
    name: Optional[str]
    date: Optional[str]

    @property
    def sentences(self) -> List[Sentence]: ...
    @property
    def tokens(self) -> List[Token]: ...
    @property
    def entities(self) -> List[Entity]: ...
    @property
    def events(self) -> List[Event]: ...

    def to_json(self, indent: Optional[int] = ..., tokens: bool = ...,
                pretty: bool = ...) -> str: ...
    def to_dict(self, tokens: bool = ...) -> dict: ...


class Model:
    def __init__(self, path: Union[str, bytes, "PathLike[str]", None] = ...) -> None: ...
    @property
    def description(self) -> str: ...
    def analyze(self, text: Text, date: DateLike = ..., name: Optional[str] = ...) -> Document: ...
    def analyze_many(self, texts: Iterable[Text], threads: Optional[int] = ...,
                     date: DateLike = ...,
                     names: Optional[Sequence[Optional[str]]] = ...) -> List[Document]: ...


def version() -> str: ...
def default_model() -> Model: ...
def analyze(text: Text, date: DateLike = ..., name: Optional[str] = ...) -> Document: ...
def analyze_many(texts: Iterable[Text], threads: Optional[int] = ..., date: DateLike = ...,
                 names: Optional[Sequence[Optional[str]]] = ...) -> List[Document]: ...
def normalize(text: Text, flags: int = ...) -> str: ...
