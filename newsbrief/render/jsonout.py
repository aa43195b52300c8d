"""A Brief as JSON: the public schema of ``newsbrief.models.Brief`` (``newsbrief schema``)."""

from __future__ import annotations

import json

from newsbrief.models import Brief

__all__ = ["brief_schema", "render_json"]


def render_json(brief: Brief) -> str:
    """The brief as indented JSON, ending with a newline; ``Brief.model_validate_json`` reads it."""
    return brief.model_dump_json(indent=2) + "\n"


def brief_schema() -> str:
    """The JSON schema of a brief, indented."""
    return json.dumps(Brief.model_json_schema(), indent=2) + "\n"
