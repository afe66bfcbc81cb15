"""Text-format helpers of :mod:`perfeval.datafile`: where keys are in TOML/JSON text, and TOML output.

tomllib and json say nothing about where a value was, yet an error should point at the line a person
must fix. These scanners map key paths (``("指标", 2, "分值")``) to 1-based (line, column) in a document
that the real parser has already accepted; :func:`toml_lines` writes the TOML that the data files use
(non-ASCII keys quoted, as TOML 1.0 requires).

>>> toml_positions('"名称" = "x"')[("名称",)]
(1, 8)
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import Any

from perfeval.errors import Location

__all__ = ["KeyPath", "Locate", "json_positions", "locator", "toml_lines", "toml_positions"]

KeyPath = tuple[str | int, ...]
Locate = Callable[[KeyPath], Location]


def _split_key(text: str) -> list[str]:
    """``a."b.c".d`` → ['a', 'b.c', 'd'] (TOML dotted keys, quoted or bare)."""
    parts = re.findall(r'\s*("(?:[^"\\]|\\.)*"|\'[^\']*\'|[^.\s]+)\s*(?:\.|$)', text)
    return [json.loads(p) if p.startswith('"') else p.strip("'") for p in parts]


def _first_unquoted(text: str, char: str) -> int:
    quote = ""
    for i, c in enumerate(text):
        if quote:
            if c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif c == char:
            return i
    return -1


def toml_positions(text: str) -> dict[KeyPath, tuple[int, int]]:
    """Where each table header and key of a TOML document is: key path → (line, column), 1-based.

    A light line scanner (the document has already been parsed by tomllib): it follows ``[table]`` and
    ``[[array]]`` headers and ``key = value`` lines and skips multi-line strings.

    >>> toml_positions('[["指标"]]\\n"分值" = 5\\n[["指标"]]\\n"分值" = 6')[("指标", 1, "分值")]
    (4, 8)
    """
    positions: dict[KeyPath, tuple[int, int]] = {}
    counts: dict[KeyPath, int] = {}
    current: KeyPath = ()
    open_string = ""
    for lineno, line in enumerate(text.split("\n"), 1):
        if open_string:
            if open_string in line:
                open_string = ""
            continue
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("["):
            array = stripped.startswith("[[")
            inner = (
                stripped[2 : stripped.find("]]")] if array else stripped[1 : _first_unquoted(stripped, "]")]
            )
            resolved: KeyPath = ()
            parts = _split_key(inner)
            for j, part in enumerate(parts):
                resolved = (*resolved, part)
                if array and j == len(parts) - 1:
                    counts[resolved] = counts.get(resolved, 0) + 1
                    resolved = (*resolved, counts[resolved] - 1)
                elif resolved in counts:
                    resolved = (*resolved, counts[resolved] - 1)
            current = resolved
            positions[current] = (lineno, indent + 1)
            continue
        eq = _first_unquoted(stripped, "=")
        if eq <= 0:
            continue
        rest = stripped[eq + 1 :]
        column = indent + eq + 2 + (len(rest) - len(rest.lstrip()))
        positions[(*current, *_split_key(stripped[:eq]))] = (lineno, column)
        rest = rest.strip()
        for delim in ('"""', "'''"):
            if rest.startswith(delim) and rest.count(delim) == 1:
                open_string = delim
    return positions


def json_positions(text: str) -> dict[KeyPath, tuple[int, int]]:
    """Where each value of a JSON document starts: key path → (line, column), 1-based.

    >>> json_positions('{"指标": [{"分值": 5}]}')[("指标", 0, "分值")]
    (1, 16)
    """
    positions: dict[KeyPath, tuple[int, int]] = {}
    decoder = json.JSONDecoder()
    i = 0

    def skip() -> None:
        nonlocal i
        while i < len(text) and text[i] in " \t\r\n":
            i += 1

    def at(offset: int) -> tuple[int, int]:
        line = text.count("\n", 0, offset) + 1
        return line, offset - text.rfind("\n", 0, offset)

    def value(path: KeyPath) -> None:
        nonlocal i
        skip()
        positions[path] = at(i)
        if text[i] == "{":
            i += 1
            skip()
            while text[i] != "}":
                key, i = decoder.raw_decode(text, i)
                skip()
                i += 1  # ':'
                value((*path, key))
                skip()
                if text[i] == ",":
                    i += 1
                    skip()
            i += 1
        elif text[i] == "[":
            i += 1
            skip()
            n = 0
            while text[i] != "]":
                value((*path, n))
                n += 1
                skip()
                if text[i] == ",":
                    i += 1
            i += 1
        else:
            _, i = decoder.raw_decode(text, i)

    value(())
    return positions


def locator(positions: Mapping[KeyPath, tuple[int, int]], path: str | None) -> Locate:
    """A function from key path to Location: the path's own position, else its nearest ancestor's.

    >>> locator({("资金",): (3, 1)}, "x.toml")(("资金", "全年预算数"))
    Location(path='x.toml', line=3, column=1, cell=None)
    """

    def locate(key_path: KeyPath) -> Location:
        for n in range(len(key_path), -1, -1):
            found = positions.get(key_path[:n])
            if found is not None:
                return Location(path=path, line=found[0], column=found[1])
        return Location(path=path)

    return locate


def _toml_str(text: str) -> str:
    # JSON string syntax is TOML basic-string syntax, except that TOML forbids a raw DEL.
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007F")


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _toml_str(key)


def toml_lines(table: Mapping[str, Any], path: tuple[str, ...], lines: list[str]) -> None:
    """Append ``table`` as TOML to ``lines``: scalars first, then ``[tables]`` and ``[[arrays]]``.

    Values are text or int (numbers are written as text, exactly as published).

    >>> out: list[str] = []
    >>> toml_lines({"名称": "x", "指标": [{"分值": "5"}]}, (), out)
    >>> out
    ['"名称" = "x"', '', '[["指标"]]', '"分值" = "5"']
    """
    for key, value in table.items():
        if isinstance(value, str):
            lines.append(f"{_toml_key(key)} = {_toml_str(value)}")
        elif isinstance(value, int):
            lines.append(f"{_toml_key(key)} = {value}")
    for key, value in table.items():
        sub = (*path, key)
        header = ".".join(_toml_key(p) for p in sub)
        if isinstance(value, Mapping):
            lines += ["", f"[{header}]"]
            toml_lines(value, sub, lines)
        elif isinstance(value, list):
            for item in value:
                lines += ["", f"[[{header}]]"]
                toml_lines(item, sub, lines)
