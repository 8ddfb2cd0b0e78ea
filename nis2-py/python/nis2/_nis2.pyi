"""The native module of ``nis2`` (Rust, pyo3): the engine's one boundary.

Use the typed API of the ``nis2`` package instead: :func:`call` returns a :class:`Response`
holding the engine's response, and every error is :class:`NativeError` whose single argument is
the engine's error report as JSON text.
"""

from typing import Any, final

__all__ = [
    "NativeError",
    "Response",
    "call",
    "parse_document",
    "registry_json",
    "render",
    "schema_json",
    "schema_kinds",
    "screen_arrow",
    "version",
]

class NativeError(Exception):
    """An engine error; ``args[0]`` is the error report as JSON text."""

@final
class Response:
    """The answer of the engine to one request."""

    @property
    def op(self) -> str:
        """The operation answered (``"scope"``, ``"catalog.map"``, …)."""

    @property
    def detail(self) -> str:
        """The detail level (``"explained"`` or ``"verdict"``)."""

    def to_json(self) -> str:
        """The document as compact JSON text: the engine's exact bytes."""

    def to_dict(self) -> Any:
        """The document as Python objects (a new dict each time)."""

    def member(self, key: str) -> Any:
        """One top-level member of the document as Python objects (``None`` when absent)."""

    def render(self, format: str = "html", lang: str = "en") -> str:
        """The core's view of the document (``md``, ``html``, ``svg``, ``table``, ``csv``;
        ``en``, ``da``)."""

def call(capability: str, request: object, detail: str = "explained") -> Response:
    """Run a request (JSON text, or a dict/list/tuple/str/int/float/bool/None structure) of a
    capability at a detail level (``explained`` or ``verdict``), with the GIL released."""

def render(document: object, format: str = "html", lang: str = "en") -> str:
    """Render a response document (JSON text or a dict) as the core's view."""

def parse_document(document: str, path: str) -> Any:
    """JSON text of a document read as the engine reads a request; errors at paths under
    ``path``."""

def registry_json() -> str:
    """The op registry as JSON text."""

def schema_json(kind: str) -> str:
    """The JSON Schema of a kind, as JSON text."""

def schema_kinds() -> list[str]:
    """The kinds that have a JSON Schema."""

def screen_arrow(
    data: object, strict: bool = False, explained: bool = False, columns: str | None = None
) -> Any:
    """Screen a table with the Arrow stream interface; a ``pyarrow.Table`` of verdict columns."""

def version() -> str:
    """The version of the engine."""
