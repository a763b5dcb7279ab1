"""Building pydantic models of the HTTP API from the frozen records, and shared field checks."""

from __future__ import annotations

import dataclasses
import typing
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel, Field, create_model


def record_model(record: type, name: str, doc: str, *, fields: Sequence[str] | None = None,
                 types: Mapping[str, Any] | None = None, notes: Mapping[str, Any] | None = None,
                 base: type[BaseModel] = BaseModel) -> type[BaseModel]:
    """A pydantic model named ``name`` with fields of the frozen dataclass ``record``.

    Args:
        record: A dataclass of :mod:`assistant.records`.
        name: Model (and OpenAPI component) name.
        doc: Description of the model in the OpenAPI spec.
        fields: The record's fields to take, in this order (default: all, in the record's order);
            they follow the fields of ``base``.
        types: Field types replacing the record's (e.g. ``list[CitationOut]`` for ``tuple[Citation, ...]``).
        notes: Description (a string) or a whole ``Field(...)`` of a field for the spec; the default
            stays the record's unless a ``Field`` gives another one.
        base: Model whose fields come first and whose ``model_config`` is used.

    Raises:
        KeyError: If a name in ``fields`` is not a field of ``record``.
    """
    hints = typing.get_type_hints(record)
    by_name = {f.name: f for f in dataclasses.fields(record)}
    types, notes = types or {}, notes or {}
    definitions: dict[str, Any] = {}
    for field_name in fields or list(by_name):
        field, note = by_name[field_name], notes.get(field_name)
        if field.default is not dataclasses.MISSING:
            default = field.default
        elif field.default_factory is not dataclasses.MISSING:
            default = field.default_factory()
        else:
            default = ...
        if isinstance(note, str):
            note = Field(default, description=note)
        definitions[field_name] = (types.get(field_name, hints[field_name]), default if note is None else note)
    return create_model(name, __base__=base, __doc__=doc, __module__=__name__, **definitions)


def reject_surrogates(value: object) -> object:
    """Refuse lone UTF-16 surrogates (they cannot be stored or sent back as UTF-8)."""
    texts = value if isinstance(value, list) else [value]
    for text in texts:
        if isinstance(text, str) and any(unicodedata.category(c) == "Cs" for c in text):
            raise ValueError("含无效字符 / contains invalid (surrogate) characters")
    return value
