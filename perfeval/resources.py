"""Files perfeval ships besides its code: the rules grammar.

The grammar lives in the repository's top-level ``grammar/`` folder; the wheel maps it to
``perfeval/grammar/`` (``[tool.hatch.build.targets.wheel.force-include]`` in ``pyproject.toml``). An
installed perfeval reads it from there, a source checkout (tests importing perfeval from the tree, an
editable install) from ``grammar/`` next to the package.

>>> "start:" in grammar_text()
True
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["grammar_text"]

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

