"""The base of the typed views: :class:`Record`, a lazy, read-only view over one JSON object of
the engine. The views themselves are generated from the JSON Schemas (``nis2.model``): a class
declares its fields as annotations only, and :class:`Record` reads each field from the document
when it is first asked for, wrapping an object in its class and a list in a tuple.

A view checks nothing: the engine wrote the document against the same schemas. A field the
document lacks reads as ``None`` (an empty tuple for a list, an empty mapping for a map).
"""

from __future__ import annotations

import copy
import json
import typing
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Optional, TypeVar, Union

from . import _nis2
from .errors import InvalidInputError, native

__all__ = ["Record"]

R = TypeVar("R", bound="Record")
Reader = Callable[[Any], Any]

_READERS: dict[type[Record], dict[str, tuple[str, Reader]]] = {}


# `object`'s own methods, looked up once: a view is made for every engine call.
_new = object.__new__
_set = object.__setattr__


class Record:
    """A read-only view over one object of an engine document (see ``nis2.model``).

    The fields are attributes (``result.in_scope``); a nested object is a view of its own class,
    a list a tuple, a map a read-only mapping. A response of the engine (from :func:`nis2.call`
    and every function over it) also knows its exact bytes and renders through the core.

    Build a view over a stored document with the class (``nis2.ScopeResult(doc)``) or, choosing
    the class from the document's ``op``, with :func:`nis2.load`.
    """

    _keys: ClassVar[Mapping[str, str]] = {}
    """Attribute → JSON key, where they differ (``class_`` → ``class``)."""
    _data: dict[str, Any]
    _response: Optional[_nis2.Response]

    def __init__(self, document: Mapping[str, Any]) -> None:
        data = document if isinstance(document, dict) else dict(document)
        object.__setattr__(self, "_data", data)
        object.__setattr__(self, "_response", None)

    @classmethod
    def _of(cls: type[R], response: _nis2.Response) -> R:
        """The view of an engine response (its document is made when first read)."""
        view = _new(cls)
        _set(view, "_response", response)
        return view

    # -- the document ---------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The document as a new dict (the engine's keys, in its order)."""
        if self._response is not None:
            data: dict[str, Any] = native(self._response.to_dict)
            return data
        return copy.deepcopy(self._data)

    def to_json(self) -> str:
        """The document as compact JSON text: for a response, the engine's exact bytes (the
        same as the CLI's and the WebAssembly package's)."""
        if self._response is not None:
            text: str = native(self._response.to_json)
            return text
        return json.dumps(self._data, ensure_ascii=False, separators=(",", ":"))

    # -- presentation (the core's views) ----------------------------------------------------

    def render(self, format: str = "html", lang: str = "en") -> str:
        """The core's view of this document: ``md``, ``html`` (self-contained, accessible), ``svg``
        (the figure), ``table`` (plain text) or ``csv`` (screened verdicts), ``en`` or ``da``.

        Raises:
            InvalidInputError: ``svg`` for a result without a figure; a view that is not a
                whole response (it has no ``op``).
            UnknownIdError: an unknown format or language.
        """
        if self._response is not None:
            text: str = native(self._response.render, format, lang)
            return text
        rendered: str = native(_nis2.render, self._data, format, lang)
        return rendered

    def _is_document(self) -> bool:
        return self._response is not None or "op" in self._data

    def _repr_html_(self) -> Optional[str]:
        """The core's HTML view, for notebooks (``None`` for a part of a document)."""
        return self.render("html") if self._is_document() else None

    def _repr_svg_(self) -> Optional[str]:
        """The view's figure as SVG, for notebooks (``None`` when it has none)."""
        if not self._is_document():
            return None
        try:
            return self.render("svg")
        except InvalidInputError as e:
            if e.path == "format":
                return None
            raise

    # -- Python protocol ----------------------------------------------------------------------

    def __repr__(self) -> str:
        data = self._data
        shown = [f"{k}={v!r}" for k, v in data.items() if isinstance(v, (str, int, float, bool))]
        more = ", …" if len(shown) > 4 or len(shown) < len(data) else ""
        return f"{type(self).__name__}({', '.join(shown[:4])}{more})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Record):
            return NotImplemented
        return type(self) is type(other) and self._data == other._data

    __hash__ = None  # type: ignore[assignment]  # a view is compared by its document

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.to_dict(),))

    def __dir__(self) -> list[str]:
        return sorted({*super().__dir__(), *_readers(type(self))})

    if not TYPE_CHECKING:
        # Hidden from type checkers so that a misspelt field is an error there.

        def __getattr__(self, name: str) -> Any:
            if name == "_data":
                data = native(self._response.to_dict)
                object.__setattr__(self, "_data", data)
                return data
            field = _readers(type(self)).get(name)
            if field is None:
                raise AttributeError(f"{type(self).__name__!r} has no field {name!r}")
            key, read = field
            data = self.__dict__.get("_data")  # else only this member is converted, not all
            value = read(data.get(key) if data is not None else native(self._response.member, key))
            object.__setattr__(self, name, value)
            return value

        def __setattr__(self, name: str, value: Any) -> None:
            raise AttributeError(f"{type(self).__name__} is a read-only view")


def _readers(cls: type[Record]) -> dict[str, tuple[str, Reader]]:
    """Per field of a view class: its JSON key and how to read its value (from the annotations,
    once per class)."""
    readers = _READERS.get(cls)
    if readers is None:
        hints = typing.get_type_hints(cls)
        readers = {
            name: (cls._keys.get(name, name), _reader(hint))
            for name, hint in hints.items()
            if not name.startswith("_")
        }
        _READERS[cls] = readers
    return readers


def _same(value: Any) -> Any:
    return value


def _reader(hint: Any) -> Reader:
    """How to read a value annotated ``hint`` (``None`` stays ``None`` unless it is a list or a
    map, which read as empty)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is Any or Any in args:
        return copy.deepcopy  # free-form JSON: a copy, so the view stays as it is
    if isinstance(hint, type) and issubclass(hint, Record):
        cls = hint
        return lambda raw: _nested(cls, raw) if isinstance(raw, dict) else raw
    if origin is Union:
        records = [a for a in args if isinstance(a, type) and issubclass(a, Record)]
        if records:
            return _reader(records[0])  # a str or a number of the union reads as itself
        lists = [a for a in args if typing.get_origin(a) in (tuple, Mapping)]
        return _optional(_reader(lists[0])) if lists else _same
    if origin is tuple:
        item = _reader(args[0])
        if item is _same:
            return lambda raw: () if raw is None else tuple(raw)
        return lambda raw: () if raw is None else tuple(item(x) for x in raw)
    if origin is Mapping:
        value = _reader(args[1])
        return lambda raw: MappingProxyType(
            {} if raw is None else {k: value(v) for k, v in raw.items()}
        )
    return _same


def _optional(read: Reader) -> Reader:
    return lambda raw: None if raw is None else read(raw)


def _nested(cls: type[R], data: dict[str, Any]) -> R:
    view = cls.__new__(cls)
    object.__setattr__(view, "_data", data)
    object.__setattr__(view, "_response", None)
    return view
