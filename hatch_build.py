"""Build hook: compile the message catalogs (perfeval/locale/*/LC_MESSAGES/perfeval.po) to .mo.

A wheel carries the compiled ``.mo`` files (they are not kept in git); an editable install writes them
beside the ``.po`` files in the checkout. Either way ``perfeval.i18n`` reads the ``.po`` itself when a
``.mo`` is missing or older, so the words are the same. The compiler is perfeval/i18n.py's own
``compile_catalogs``, loaded by path: the package is not importable while it is being built.
"""

from __future__ import annotations

import importlib.util
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

ROOT = Path(__file__).resolve().parent


def _i18n() -> Any:
    spec = importlib.util.spec_from_file_location("_perfeval_i18n_build", ROOT / "perfeval" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class CatalogsHook(BuildHookInterface):  # type: ignore[misc]
    """Compile the catalogs into the wheel (or, for an editable install, into the checkout)."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        i18n = _i18n()
        source = ROOT / "perfeval" / "locale"
        if version == "editable":
            i18n.compile_catalogs(source)
            return
        out = Path(tempfile.mkdtemp(prefix="perfeval-mo-"))
        for mo in i18n.compile_catalogs(source, out):
            relative = mo.relative_to(out)
            build_data["force_include"][str(mo)] = f"perfeval/locale/{relative.as_posix()}"
