"""A griffe extension for the API reference: the ``>>>`` examples of a docstring become ``pycon`` code blocks.

perfeval's docstrings carry doctests (run by pytest); Markdown would otherwise read their brackets as links.
"""

from __future__ import annotations

from typing import Any

import griffe


def fence(text: str) -> str:
    """Wrap each run of doctest lines (a ``>>>`` line up to the next blank line) in a ``pycon`` fenced block."""
    out: list[str] = []
    inside = False
    for line in text.split("\n"):
        if not inside and line.lstrip().startswith(">>>"):
            out.append("```pycon")
            inside = True
        elif inside and not line.strip():
            out.append("```")
            inside = False
        out.append(line)
    if inside:
        out.append("```")
    return "\n".join(out)


class DoctestFence(griffe.Extension):
    """Fence the doctests of every documented object."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = fence(obj.docstring.value)
