"""Bilingual text: every label and explanation the engine emits is in English and Danish."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ._convert import Record, reader

__all__ = ["Lang", "Text"]

Lang = Literal["en", "da"]
"""A language of the engine's texts: English (``en``) or Danish (``da``)."""


@dataclass(frozen=True)
class Text(Record):
    """A text in English (``en``) and Danish (``da``). ``str(text)`` is the English text."""

    en: str
    da: str

    @classmethod
    def from_dict(cls, data: object, path: str = "$") -> Text:
        if type(data) is dict and len(data) == 2:  # fast path: {"en": str, "da": str}
            en, da = data.get("en"), data.get("da")
            if type(en) is str and type(da) is str:
                return cls(en=en, da=da)
        r = reader(cls, data, path)
        return cls(en=r.req_str("en"), da=r.req_str("da"))

    def get(self, lang: Lang = "en") -> str:
        """The text in ``lang``."""
        return self.da if lang == "da" else self.en

    def __str__(self) -> str:
        return self.en
