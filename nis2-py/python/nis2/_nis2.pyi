"""The native module of ``nis2`` (Rust, pyo3): thin JSON-in/JSON-out entry points.

Use the typed API of the ``nis2`` package instead; these functions return the engine's JSON
text unchanged and raise :class:`NativeError` whose single argument is the engine's error
report as JSON text.
"""

__all__ = [
    "NativeError",
    "assessment_json",
    "assessment_obj",
    "catalog_json",
    "catalog_obj",
    "entity_types_json",
    "member_states_json",
    "programme_ics",
    "programme_json",
    "programme_obj",
    "risk_json",
    "risk_obj",
    "schema_json",
    "schema_kinds",
    "scope_json",
    "scope_obj",
    "version",
]

class NativeError(Exception):
    """An engine error; ``args[0]`` is the error report as JSON text."""

def scope_json(input: str) -> str:
    """``scope`` on a profile given as JSON text; the result as compact JSON text."""

def scope_obj(input: object) -> str:
    """``scope`` on a profile given as a dict/list/str/int/float/bool/None structure."""

def catalog_json(request: str) -> str:
    """``catalog`` on a request given as JSON text; the response as compact JSON text."""

def catalog_obj(request: object) -> str:
    """``catalog`` on a request given as a dict/list/str/int/float/bool/None structure."""

def risk_json(request: str) -> str:
    """``risk`` on a request given as JSON text; the response as compact JSON text."""

def risk_obj(request: object) -> str:
    """``risk`` on a request given as a dict/list/str/int/float/bool/None structure."""

def programme_json(request: str) -> str:
    """``programme`` on a request given as JSON text; the response as compact JSON text."""

def programme_obj(request: object) -> str:
    """``programme`` on a request given as a dict/list/str/int/float/bool/None structure."""

def programme_ics(request: str) -> str:
    """The årshjul of a ``wheel`` request given as JSON text, as iCalendar (RFC 5545) text."""

def assessment_json(request: str) -> str:
    """``assessment`` on a request given as JSON text; the response as compact JSON text."""

def assessment_obj(request: object) -> str:
    """``assessment`` on a request given as a dict/list/str/int/float/bool/None structure."""

def entity_types_json() -> str:
    """The entity-type catalog as JSON text."""

def member_states_json() -> str:
    """The Member-State overlay data as JSON text."""

def schema_json(kind: str) -> str:
    """The JSON Schema of a document kind, as JSON text."""

def schema_kinds() -> list[str]:
    """The document kinds that have a JSON Schema."""

def version() -> str:
    """The version of the engine."""
