"""Files that ship inside the package: the grammar of the rules language.

The grammar lives in the repository's top-level ``grammar/`` folder; the wheel carries it as
``perfeval/grammar/`` (the build configuration maps it there). A checkout that imports perfeval from the
source tree finds it beside the package.

>>> "start" in grammar_text()
True
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

__all__ = ["grammar_text"]


@cache
def grammar_text(name: str = "standard.lark") -> str:
    """The text of the grammar file ``name``, from the installed package or the repository."""
    installed = resources.files("perfeval") / "grammar" / name
    if installed.is_file():
        return installed.read_text(encoding="utf-8")
    repository = Path(__file__).resolve().parent.parent / "grammar" / name
    return repository.read_text(encoding="utf-8")
