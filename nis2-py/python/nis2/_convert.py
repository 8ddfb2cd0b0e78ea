"""Plumbing shared by every capability: calling the native module, reading JSON objects into
typed dataclasses with path-precise errors, and writing them back.

A capability module (``nis2/scope.py`` is the model) defines frozen dataclasses deriving from
:class:`Record`, each with a ``from_dict`` written with a :class:`Reader`, and calls the engine
through :func:`call`.
"""

from __future__ import annotations

import collections.abc
import dataclasses
import json
import typing
import math
from collections.abc import Iterable, Mapping
from typing import Any, Callable, ClassVar, NoReturn, Optional, TypeVar

from . import _nis2
from .errors import DataError, Nis2Error, error_from_report, invalid_input

T = TypeVar("T")
R = TypeVar("R", bound="Record")


def call(fn: Callable[..., str], *args: Any) -> str:
    """Call a native entry point, re-raising its error as the typed :class:`Nis2Error`."""
    try:
        return fn(*args)
    except _nis2.NativeError as native:
        raise _typed_error(native) from None


def _typed_error(native: BaseException) -> Nis2Error:
    raw = native.args[0] if native.args else None
    try:
        report = json.loads(raw) if isinstance(raw, str) else None
    except ValueError:
        report = None
    if not isinstance(report, dict):
        return DataError(f"the engine raised an error without a readable report: {raw!r}")
    return error_from_report(report)


def load_json(text: str, what: str) -> Any:
    """Parse JSON text produced by the engine (a failure is a defect: :class:`DataError`)."""
    try:
        return json.loads(text)
    except ValueError as e:
        raise DataError(f"the engine returned invalid JSON for {what}: {e}") from None


def _type_word(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"boolean `{'true' if value else 'false'}`"
    if isinstance(value, int):
        return f"integer `{value}`"
    if isinstance(value, float):
        return f"floating point `{value}`"
    if isinstance(value, str):
        return f"string {json.dumps(value, ensure_ascii=False)}"
    if isinstance(value, Mapping):
        return "map"
    if isinstance(value, (list, tuple)):
        return "sequence"
    return f"Python `{type(value).__name__}`"


def _join(names: Iterable[str]) -> str:
    return ", ".join(f"`{n}`" for n in names)


class Reader:
    """Reads one JSON object (a mapping) at a JSON path, checking types and rejecting unknown
    keys, with errors worded like the engine's (``invalid input at `$.a.b`: ...``)."""

    __slots__ = ("data", "path")

    def __init__(
        self, data: object, path: str, fields: Iterable[str], what: str, known: bool = False
    ) -> None:
        """``known=True``: the caller has checked that ``data`` is a dict with only ``fields``
        as keys (the fast path of :func:`reader`)."""
        if not known:
            if not isinstance(data, Mapping):
                raise invalid_input(path, f"invalid type: {_type_word(data)}, expected {what}")
            allowed = tuple(fields)
            for key in data:
                if not isinstance(key, str):
                    raise invalid_input(
                        path,
                        f"has a key of type `{type(key).__name__}`; object keys must be strings",
                    )
                if key not in allowed:
                    raise invalid_input(
                        f"{path}.{key}", f"unknown field `{key}`, expected one of {_join(allowed)}"
                    )
        self.data: Mapping[str, Any] = data  # type: ignore[assignment]
        self.path = path

    def at(self, key: str) -> str:
        """The JSON path of a key of this object."""
        return f"{self.path}.{key}"

    def _get(self, key: str, required: bool) -> Any:
        if key in self.data:
            return self.data[key]
        if required:
            raise invalid_input(self.path, f"missing field `{key}`")
        return None

    # Scalars ---------------------------------------------------------------------------------

    def opt_str(self, key: str) -> Optional[str]:
        v = self._get(key, False)
        if v is None or isinstance(v, str):
            return v
        raise invalid_input(self.at(key), f"invalid type: {_type_word(v)}, expected a string")

    def req_str(self, key: str) -> str:
        v = self.opt_str(key)
        if v is None:
            self._missing(key)
        return v

    def opt_bool(self, key: str) -> Optional[bool]:
        v = self._get(key, False)
        if v is None or isinstance(v, bool):
            return v
        raise invalid_input(self.at(key), f"invalid type: {_type_word(v)}, expected a boolean")

    def req_bool(self, key: str) -> bool:
        v = self.opt_bool(key)
        if v is None:
            self._missing(key)
        return v

    def opt_num(self, key: str) -> Optional[float]:
        v = self._get(key, False)
        if v is None:
            return None
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise invalid_input(self.at(key), f"invalid type: {_type_word(v)}, expected a number")
        if isinstance(v, float) and not math.isfinite(v):
            raise invalid_input(self.at(key), "must be a finite number")
        return v

    def req_num(self, key: str) -> float:
        v = self.opt_num(key)
        if v is None:
            self._missing(key)
        return v

    def opt_int(self, key: str) -> Optional[int]:
        v = self._get(key, False)
        if v is None:
            return None
        return read_int(v, self.at(key))

    def req_int(self, key: str) -> int:
        v = self.opt_int(key)
        if v is None:
            self._missing(key)
        return v

    def opt_literal(self, key: str, allowed: tuple[Any, ...]) -> Any:
        v = self._get(key, False)
        if v is None:
            return None
        if isinstance(v, str) and v in allowed:
            return v
        if isinstance(v, str):
            raise invalid_input(
                self.at(key), f"unknown value `{v}`, expected one of {_join(allowed)}"
            )
        raise invalid_input(self.at(key), f"invalid type: {_type_word(v)}, expected a string")

    def req_literal(self, key: str, allowed: tuple[Any, ...]) -> Any:
        v = self.opt_literal(key, allowed)
        if v is None:
            self._missing(key)
        return v

    def raw(self, key: str) -> Any:
        """Any JSON value, unchecked (``None`` when absent)."""
        return self._get(key, False)

    # Composites ------------------------------------------------------------------------------

    def opt_obj(self, key: str, read: Callable[[object, str], T]) -> Optional[T]:
        v = self._get(key, False)
        return None if v is None else read(v, self.at(key))

    def req_obj(self, key: str, read: Callable[[object, str], T]) -> T:
        v = self._get(key, True)
        if v is None:
            self._missing(key)
        return read(v, self.at(key))

    def opt_list(self, key: str, read: Callable[[object, str], T]) -> Optional[tuple[T, ...]]:
        v = self._get(key, False)
        if v is None:
            return None
        if not isinstance(v, (list, tuple)):
            raise invalid_input(self.at(key), f"invalid type: {_type_word(v)}, expected a sequence")
        base = self.at(key)
        return tuple(read(item, f"{base}[{i}]") for i, item in enumerate(v))

    def req_list(self, key: str, read: Callable[[object, str], T]) -> tuple[T, ...]:
        v = self.opt_list(key, read)
        if v is None:
            self._missing(key)
        return v

    def str_list(self, key: str) -> tuple[str, ...]:
        return self.req_list(key, _read_str)

    def one_of(self, keys: tuple[str, ...]) -> None:
        """Check that exactly one of ``keys`` is given (an externally tagged choice, such as
        ``{"profile": …}`` or ``{"result": …}``)."""
        given = [k for k in keys if self.data.get(k) is not None]
        if len(given) != 1:
            got = f"got {_join(given)}" if given else "got none"
            raise invalid_input(self.path, f"expected exactly one of {_join(keys)}, {got}")

    def _missing(self, key: str) -> NoReturn:
        if key in self.data:  # present but null
            raise invalid_input(self.at(key), "invalid type: null, expected a value")
        raise invalid_input(self.path, f"missing field `{key}`")


def _read_str(value: object, path: str) -> str:
    if isinstance(value, str):
        return value
    raise invalid_input(path, f"invalid type: {_type_word(value)}, expected a string")


# Item readers (``read(value, path)``), for lists and unions --------------------------------------

read_str = _read_str


def read_int(value: object, path: str) -> int:
    """A JSON integer (a float, even a whole one, is rejected, as the engine rejects it)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise invalid_input(path, f"invalid type: {_type_word(value)}, expected an integer")


def read_num(value: object, path: str) -> float:
    """A finite JSON number (an integer or a float)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise invalid_input(path, f"invalid type: {_type_word(value)}, expected a number")
    if isinstance(value, float) and not math.isfinite(value):
        raise invalid_input(path, "must be a finite number")
    return value


def read_bool(value: object, path: str) -> bool:
    if isinstance(value, bool):
        return value
    raise invalid_input(path, f"invalid type: {_type_word(value)}, expected a boolean")


def literal_reader(allowed: tuple[Any, ...]) -> Callable[[object, str], Any]:
    """A reader of one of the strings ``allowed``."""

    def read(value: object, path: str) -> Any:
        if isinstance(value, str) and value in allowed:
            return value
        if isinstance(value, str):
            raise invalid_input(path, f"unknown value `{value}`, expected one of {_join(allowed)}")
        raise invalid_input(path, f"invalid type: {_type_word(value)}, expected a string")

    return read


def list_reader(item: Callable[[object, str], T]) -> Callable[[object, str], tuple[T, ...]]:
    """A reader of a JSON array whose items ``item`` reads."""

    def read(value: object, path: str) -> tuple[T, ...]:
        if not isinstance(value, (list, tuple)):
            raise invalid_input(path, f"invalid type: {_type_word(value)}, expected a sequence")
        return tuple(item(x, f"{path}[{i}]") for i, x in enumerate(value))

    return read


def dict_reader(value_reader: Callable[[object, str], T]) -> Callable[[object, str], dict[str, T]]:
    """A reader of a JSON object used as a map (string keys, values read by ``value_reader``)."""

    def read(value: object, path: str) -> dict[str, T]:
        if not isinstance(value, Mapping):
            raise invalid_input(path, f"invalid type: {_type_word(value)}, expected a map")
        out: dict[str, T] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise invalid_input(
                    path, f"has a key of type `{type(key).__name__}`; object keys must be strings"
                )
            out[key] = value_reader(item, f"{path}.{key}")
        return out

    return read


def reader_of_op(data: object, path: str, ops: tuple[str, ...]) -> str:
    """The ``op`` of a tagged object, one of ``ops``."""
    if not isinstance(data, Mapping):
        raise invalid_input(
            path, f"invalid type: {_type_word(data)}, expected an object with an `op` field"
        )
    op = data.get("op")
    if op is None:
        raise invalid_input(f"{path}.op", f"missing field `op`; expected one of {_join(ops)}")
    if not isinstance(op, str) or op not in ops:
        got = op if isinstance(op, str) else _type_word(op)
        raise invalid_input(f"{path}.op", f"unknown value `{got}`, expected one of {_join(ops)}")
    return op


def freeze(value: Any) -> Any:
    """A list (of lists…) as a tuple (of tuples…), for the sequence fields of input types built
    in Python: hashable and immutable. Anything else is kept as it is (a string is not split
    into characters; the engine names the field if it is not a sequence)."""
    if isinstance(value, (list, tuple)):
        return tuple(freeze(v) for v in value)
    return value


def _dump(value: Any) -> Any:
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [_dump(v) for v in value]
    if isinstance(value, dict):
        return {k: _dump(v) for k, v in value.items()}
    return value


class Record:
    """Base of the typed dataclasses: ``to_dict()`` writes the JSON object back.

    Field names equal the JSON keys, except that a trailing underscore is dropped (``class_``
    is the key ``class``) and fields starting with an underscore are not part of the document.
    A field whose value is ``None`` is omitted, as the engine omits absent optional fields,
    except the fields named in ``_KEEP_NULL``, which the engine writes as ``null``; an empty
    list is omitted for the fields named in ``_OMIT_EMPTY`` (as the engine omits it). The keys
    are written in the order of ``_ORDER`` (the engine's order) when the class sets it, else in
    declaration order.
    """

    __slots__ = ()

    _KEEP_NULL: ClassVar[frozenset[str]] = frozenset()
    _OMIT_EMPTY: ClassVar[frozenset[str]] = frozenset()
    _ORDER: ClassVar[tuple[str, ...]] = ()

    def to_json(self) -> str:
        """This object as compact JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))

    def to_dict(self) -> dict[str, Any]:
        """This object as a JSON-shaped dict (the form the engine reads and writes)."""
        out: dict[str, Any] = {}
        for attr, key in _keys(type(self)):
            value = getattr(self, attr)
            if value is None and key not in self._KEEP_NULL:
                continue
            if value == () and key in self._OMIT_EMPTY:
                continue
            out[key] = _dump(value)
        return out

    @classmethod
    def json_keys(cls) -> tuple[str, ...]:
        """The JSON keys of this type, in declaration order."""
        return tuple(key for _, key in _keys(cls))


_KEYS: dict[type, tuple[tuple[str, str], ...]] = {}
_KEY_SETS: dict[type, frozenset[str]] = {}


def _keys(cls: type[Record]) -> tuple[tuple[str, str], ...]:
    """(attribute, JSON key) of each document field of a Record dataclass (cached)."""
    keys = _KEYS.get(cls)
    if keys is None:
        keys = tuple(
            (f.name, f.name[:-1] if f.name.endswith("_") else f.name)
            for f in dataclasses.fields(cls)  # type: ignore[arg-type]
            if not f.name.startswith("_")
        )
        order = cls._ORDER
        if order:
            rank = {key: i for i, key in enumerate(order)}
            keys = tuple(sorted(keys, key=lambda k: rank.get(k[1], len(rank))))
        _KEYS[cls] = keys
        _KEY_SETS[cls] = frozenset(key for _, key in keys)
    return keys


def reader(cls: type[Record], data: object, path: str) -> Reader:
    """A :class:`Reader` for ``cls`` (its JSON keys are the accepted keys)."""
    known = _KEY_SETS.get(cls)
    if known is None:
        _keys(cls)
        known = _KEY_SETS[cls]
    if type(data) is dict and known.issuperset(data):
        return Reader(data, path, (), "", known=True)
    return Reader(data, path, cls.json_keys(), f"an object ({cls.__name__})")


# Trusted construction ---------------------------------------------------------------------------
#
# The engine's own output needs no checking (the test suite checks, on every conformance vector,
# that `build` gives the same objects as the strict `from_dict`), so results are built from a
# per-class plan derived once from the type annotations, bypassing the Reader and the frozen
# dataclass __init__: about twice as fast as `from_dict` on a typical result.

_Convert = Optional[Callable[[Any], Any]]
_Plan = tuple[tuple[tuple[str, str, _Convert, Any], ...], dict[str, Any]]
_PLANS: dict[type, _Plan] = {}


def _record_of(cls: type[Record]) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        return build(cls, value)

    return convert


def _optional_of(inner: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        return None if value is None else inner(value)

    return convert


def _object_or_value(inner: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        return inner(value) if isinstance(value, dict) else value

    return convert


def _tuple_of(item: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        return tuple([item(x) for x in value])

    return convert


def _converter(hint: Any) -> _Convert:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if isinstance(hint, type) and issubclass(hint, Record):
        return _record_of(hint)
    if origin is typing.Union:
        alternatives = [a for a in args if a is not type(None)]
        if len(alternatives) == 1:  # Optional[X]
            inner = _converter(alternatives[0])
            return None if inner is None else _optional_of(inner)
        records = [a for a in alternatives if isinstance(a, type) and issubclass(a, Record)]
        if len(records) == 1:  # Union[str, SomeRecord]: the object is the record
            return _object_or_value(_record_of(records[0]))
        return None
    if origin in (tuple, collections.abc.Sequence):
        item = _converter(args[0]) if args else None
        return tuple if item is None else _tuple_of(item)
    return None  # str, float, bool, Literal[...], Any: the JSON value as it is


def _plan(cls: type[Record]) -> _Plan:
    plan = _PLANS.get(cls)
    if plan is None:
        hints = typing.get_type_hints(cls)
        fields = tuple(
            (attr, key, _converter(hints[attr]), () if key in cls._OMIT_EMPTY else None)
            for attr, key in _keys(cls)
        )
        private = {
            f.name: f.default
            for f in dataclasses.fields(cls)  # type: ignore[arg-type]
            if f.name.startswith("_")
        }
        plan = (fields, private)
        _PLANS[cls] = plan
    return plan


def parse_input_json(text: str) -> Any:
    """JSON text given by the caller (a failure is the caller's: :class:`InvalidInputError`)."""
    try:
        return json.loads(text)
    except ValueError as e:
        raise invalid_input("$", str(e)) from None


def keep_json(obj: R, text: str) -> R:
    """Remember the JSON text a document was read from (``to_json`` then returns it)."""
    object.__setattr__(obj, "_json", text)
    return obj


def engine_document(cls: type[R], data: Any, text: str) -> R:
    """A document of the engine (``data`` is ``text`` parsed), built without re-validation,
    keeping its exact text."""
    if not isinstance(data, dict):
        raise DataError(f"the engine returned a {cls.__name__} that is not an object: {text[:200]!r}")
    return keep_json(build(cls, data), text)


def short_repr(obj: Record) -> str:
    """A one-line summary of a (large) record: scalars as they are, sub-objects by their id or
    type, lists by their length."""
    parts = []
    for attr, _ in _keys(type(obj)):
        value = getattr(obj, attr)
        if value is None:
            continue
        if isinstance(value, tuple):
            text = f"[{len(value)}]"
        elif isinstance(value, Record) and type(value).__name__ == "Text":
            en: str = getattr(value, "en")
            text = repr(en if len(en) <= 57 else en[:56] + "…")
        elif isinstance(value, Record):
            ident = getattr(value, "id", None)
            text = f"<{type(value).__name__} {ident}>" if isinstance(ident, str) else (
                f"<{type(value).__name__}>"
            )
        else:
            text = repr(value)
            if len(text) > 60:
                text = text[:57] + "..."
        parts.append(f"{attr}={text}")
    return f"{type(obj).__name__}({', '.join(parts)})"


def build(cls: type[R], data: Mapping[str, Any]) -> R:
    """An instance of ``cls`` from a JSON object known to be valid (the engine's output)."""
    fields, private = _plan(cls)
    values = dict(private)
    for attr, key, convert, absent in fields:
        v = data.get(key)
        values[attr] = absent if v is None else (v if convert is None else convert(v))
    obj = cls.__new__(cls)
    object.__setattr__(obj, "__dict__", values)
    return obj
