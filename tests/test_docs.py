"""The docs: the site's navigation holds every page, the README links every doc and names every command."""

from __future__ import annotations

import re
from pathlib import Path

from perfeval.cli import main

ROOT = Path(__file__).parents[1]
PAGES = sorted(p.name for p in (ROOT / "docs").glob("*.md"))


def test_the_site_navigation_holds_every_page() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = re.findall(r"^\s+- [^:]+: (\S+\.md)$", config, re.M)
    assert sorted(nav) == PAGES
    assert "strict: true" in config and "mkdocstrings" in config and "mkdocs-click" in config
    assert "mkdocs build --strict" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_readme_links_every_doc_and_names_every_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for page in PAGES:
        assert f"(docs/{page})" in readme, page
    for name in main.list_commands(None):  # type: ignore[arg-type]
        assert f"perfeval {name} " in readme, name


def test_the_api_reference_documents_the_output_modules() -> None:
    api = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    for module in ("perfeval.workbook", "perfeval.page", "perfeval.lexer", "perfeval.fmt"):
        assert f"::: {module}" in api
