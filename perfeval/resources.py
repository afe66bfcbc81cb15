"""Files perfeval ships besides its code: the rules grammar and the standard rubrics.

The grammar lives in the repository's top-level ``grammar/`` folder; the wheel maps it to
``perfeval/grammar/`` (``[tool.hatch.build.targets.wheel.force-include]`` in ``pyproject.toml``). An
installed perfeval reads it from there, a source checkout (tests importing perfeval from the tree, an
editable install) from ``grammar/`` next to the package. The rubrics are data files of the package,
``perfeval/data/rubrics/``, in both.

>>> "start:" in grammar_text()
True
>>> [entry.name for entry in rubric_files()][0]
'department-common.rules'
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

__all__ = ["grammar_text", "rubric_files"]

# perfeval/resources.py → grammar/ at the root of a source checkout.
_CHECKOUT_GRAMMAR = Path(__file__).resolve().parent.parent / "grammar"


def grammar_text(name: str = "standard.lark") -> str:
    """The text of the grammar file ``name``: the installed copy, else the checkout's ``grammar/``.

    >>> grammar_text("no-such.lark")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    FileNotFoundError: grammar file 'no-such.lark' is neither installed with perfeval nor in ...
    """
    installed = resources.files("perfeval").joinpath("grammar", name)
    if installed.is_file():
        return installed.read_text(encoding="utf-8")
    checkout = _CHECKOUT_GRAMMAR / name
    if checkout.is_file():
        return checkout.read_text(encoding="utf-8")
    raise FileNotFoundError(
        f"grammar file {name!r} is neither installed with perfeval nor in {_CHECKOUT_GRAMMAR}"
    )


def rubric_files() -> list[Traversable]:
    """The ``.rules`` files of the standard rubrics shipped with perfeval (``perfeval/data/rubrics/``), by name."""
    folder = resources.files("perfeval").joinpath("data", "rubrics")
    return sorted((entry for entry in folder.iterdir() if entry.name.endswith(".rules")), key=lambda e: e.name)
