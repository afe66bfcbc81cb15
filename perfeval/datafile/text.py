"""TOML and JSON data files as text: parsed exactly, every key located, and TOML written.

:func:`parse_toml` and :func:`parse_json` read floats as Decimals (never through binary floats) and
return, with the data, a function from key path to where its text is. tomllib and json say nothing
about where a value was, yet an error should point at the line a person must fix: the scanners
:func:`toml_positions` and :func:`json_positions` map key paths (``("指标", 2, "分值")``) to 1-based
(line, column) in a document that the real parser has already accepted. :func:`toml_lines` writes the
TOML that the data files use (non-ASCII keys quoted, as TOML 1.0 requires).

>>> toml_positions('"名称" = "x"')[("名称",)]
(1, 8)
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

# tomli is the parser the standard library's tomllib was taken from, with compiled wheels: the same
# documents, values and messages, four times faster on a data file (perfeval batch reads thousands).
import tomli

from perfeval.causes import json_reason, toml_position, toml_reason
from perfeval.datafile.schema import KeyPath, Locate, show_path
from perfeval.errors import DataFileError, Location
from perfeval.i18n import Message
from perfeval.limits import (
    MAX_DATA_INT_DIGITS,
    MAX_DIGITS,
    MAX_EXPONENT,
    MAX_NESTING,
    LimitError,
    check_number,
    shown,
)

__all__ = ["check_nesting", "check_scalars", "decode", "json_positions", "locator", "parse_json", "parse_toml", "toml_lines", "toml_positions"]


def parse_toml(text: str, path: str | None = None) -> tuple[dict[str, Any], Locate]:
    """The data of a TOML document, numbers exact, and where each key path is in it.

    ``path`` is only used in error locations.

    >>> data, locate = parse_toml('"全年预算数" = 6790.53')
    >>> data, locate(("全年预算数",)).column
    ({'全年预算数': Decimal('6790.53')}, 11)
    """
    check_nesting(text, _TOML_SCAN, path)
    try:
        parsed: dict[str, Any] = tomli.loads(text, parse_float=Decimal)
    except tomli.TOMLDecodeError as exc:
        at = toml_position(exc)
        where = Location(path=path, line=at[0], column=at[1]) if at else Location(path=path)
        raise DataFileError("data_not_toml", location=where, detail=toml_reason(exc)) from exc
    except ValueError:  # an integer of more than 4,300 digits, which Python will not convert
        raise _long_integer(text, path) from None
    locate = locator(toml_positions(text), path)
    check_scalars(parsed, locate)
    return parsed, locate


def parse_json(text: str, path: str | None = None) -> tuple[dict[str, Any], Locate]:
    """The data of a JSON document holding one object, numbers exact, and where each key path is in it.

    >>> parse_json('{"指标": [{"分值": 5.0}]}')[0]
    {'指标': [{'分值': Decimal('5.0')}]}
    """
    check_nesting(text, _JSON_SCAN, path)
    try:
        parsed = json.loads(text, parse_float=Decimal, parse_constant=Decimal, object_pairs_hook=_unique(text, path))
    except json.JSONDecodeError as exc:
        where = Location(path=path, line=exc.lineno, column=exc.colno)
        raise DataFileError("data_not_json", location=where, detail=json_reason(exc)) from exc
    except ValueError:  # an integer of more than 4,300 digits
        raise _long_integer(text, path) from None
    if not isinstance(parsed, dict):
        raise DataFileError("data_json_one_object", location=Location(path=path, line=1))
    locate = locator(json_positions(text), path)
    check_scalars(parsed, locate)
    return parsed, locate


def decode(data: bytes, path: str | None = None) -> str:
    """The text of a TOML or JSON data file, which must be UTF-8 (a UTF-8 BOM is allowed and dropped).

    Anything else is a located DataFileError — the line and column of the first byte that is not UTF-8.

    >>> decode(b"\\xef\\xbb\\xbfa = 1")
    'a = 1'
    >>> decode(b'a = "\\xff"', "x.toml")
    Traceback (most recent call last):
    ...
    perfeval.errors.DataFileError: 文件不是 UTF-8 文本（字节 0xFF）；请另存为 UTF-8（x.toml，第 1 行第 6 列）
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise DataFileError("data_utf16",
                            location=Location(path=path, line=1, column=1))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[start : exc.start].decode("utf-8", errors="replace")) + 1
        where = Location(path=path, line=data.count(b"\n", 0, exc.start) + 1, column=column)
        raise DataFileError("data_not_utf8", location=where, byte=f"0x{data[exc.start]:02X}") from None


# What opens and closes a level of nesting, and the strings and comments in which brackets do not count.
_JSON_SCAN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
_TOML_SCAN = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*|[\[\]{}]')


def check_nesting(text: str, scan: re.Pattern[str], path: str | None) -> None:
    """Refuse a document that nests arrays and tables deeper than MAX_NESTING, before a parser recurses.

    >>> check_nesting("x = " + "[" * 40 + "]" * 40, _TOML_SCAN, "x.toml")
    Traceback (most recent call last):
    ...
    perfeval.limits.LimitError: 超过上限：TOML/JSON 的嵌套层数为 33，上限 32（x.toml，第 1 行第 37 列）
    """
    depth = 0
    for m in scan.finditer(text):
        c = m[0]
        if c in "[{":
            depth += 1
            if depth > MAX_NESTING:
                line = text.count("\n", 0, m.start()) + 1
                where = Location(path=path, line=line, column=m.start() - text.rfind("\n", 0, m.start()))
                raise LimitError("nesting", depth, location=where)
        elif c in "]}":
            depth -= 1


def _long_integer(text: str, path: str | None) -> LimitError:
    found = re.search(r"\d{" + str(MAX_DATA_INT_DIGITS + 1) + ",}", text)
    if found is None:
        return LimitError("data_int_digits", Message("data_more_than", count=4300), location=Location(path=path))
    line = text.count("\n", 0, found.start()) + 1
    where = Location(path=path, line=line, column=found.start() - text.rfind("\n", 0, found.start()))
    return LimitError("data_int_digits", len(found[0]), text=found[0][:20] + "…", location=where)


def check_scalars(data: object, locate: Locate) -> None:
    """Refuse, at its key, any number of a parsed document beyond the limits: an integer of more than
    MAX_DATA_INT_DIGITS digits, NaN or an infinity, a decimal beyond MAX_DIGITS digits or exponent ±MAX_EXPONENT.

    They are refused before anything formats them: ``1e-999999999`` written out is a billion zeros.

    >>> check_scalars({"指标": [{"分值": Decimal("NaN")}]}, lambda p: Location(line=3))
    Traceback (most recent call last):
    ...
    perfeval.errors.DataFileError: 指标[1].分值：不是有限的数：'NaN'（第 3 行）
    """
    stack: list[tuple[KeyPath, object]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, Mapping):
            stack.extend(((*path, k), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend(((*path, i), v) for i, v in enumerate(value))
        elif isinstance(value, bool):
            continue
        elif isinstance(value, int):
            if value.bit_length() > MAX_DATA_INT_DIGITS * 3.33:
                digits = len(str(Decimal(value)).lstrip("-"))
                if digits > MAX_DATA_INT_DIGITS:
                    raise LimitError("data_int_digits", digits, text=shown(value), location=locate(path))
        elif isinstance(value, Decimal):
            if not value.is_finite():
                raise DataFileError("data_not_finite", text=str(value), location=locate(path), key=show_path(path))
            check_number(value, MAX_DIGITS, MAX_EXPONENT, value, location=locate(path))


def _unique(text: str, path: str | None) -> Any:
    """A JSON object hook that refuses a key given twice (json keeps the last silently: a whole 指标 list
    could vanish); the error names the key and, where it is written plainly, the line of its second use."""
    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                uses = [m.start() for m in re.finditer(re.escape(json.dumps(key, ensure_ascii=False)) + r"\s*:", text)]
                # The line only when the key is written exactly twice: with more, which is the repeat is not known.
                line = text.count("\n", 0, uses[1]) + 1 if len(uses) == 2 else None
                raise DataFileError("duplicate_json_key", text=key, location=Location(path=path, line=line),
                                    key=key)
            out[key] = value
        return out

    return hook


def _split_key(text: str) -> list[str]:
    """``a."b.c".d`` → ['a', 'b.c', 'd'] (TOML dotted keys, quoted or bare)."""
    parts = re.findall(r'\s*("(?:[^"\\]|\\.)*"|\'[^\']*\'|[^.\s]+)\s*(?:\.|$)', text)
    return [json.loads(p) if p.startswith('"') else p.strip("'") for p in parts]


def _first_unquoted(text: str, char: str) -> int:
    quote = ""
    escaped = False
    for i, c in enumerate(text):
        if quote:
            if escaped:
                escaped = False
            elif c == "\\" and quote == '"':
                escaped = True  # "a\"b": the escaped quote does not close the key
            elif c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif c == char:
            return i
    return -1


# One key — quoted without escapes or control characters, or bare — as most lines and headers of a data file
# have it; anything else (dotted keys, escapes, literal strings) goes through the general scanner.
_ONE_KEY = r'(?:"([^"\\\x00-\x1f\x7f]*)"|([A-Za-z0-9_-]+))'
_SIMPLE_KEY_LINE = re.compile(r"[ \t]*" + _ONE_KEY + r"[ \t]*=[ \t]*")
_SIMPLE_HEADER = re.compile(r"\[(\[?)[ \t]*" + _ONE_KEY + r"[ \t]*\]")


def toml_positions(text: str) -> dict[KeyPath, tuple[int, int]]:
    """Where each table header and key of a TOML document is: key path → (line, column), 1-based.

    A light line scanner (the document has already been parsed by tomli): it follows ``[table]`` and
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
        simple = _SIMPLE_KEY_LINE.match(line)
        if simple is not None:  # "分值" = 5, by far the commonest line: one match instead of a scan
            positions[(*current, simple[1] if simple[1] is not None else simple[2])] = (lineno, simple.end() + 1)
            rest = line[simple.end() :].strip()
            for delim in ('"""', "'''"):
                if rest.startswith(delim) and rest.count(delim) == 1:
                    open_string = delim
            continue
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("["):
            array = stripped.startswith("[[")
            header = _SIMPLE_HEADER.match(stripped)
            resolved: KeyPath = ()
            if header is not None and bool(header[1]) == array:
                parts = [header[2] if header[2] is not None else header[3]]
            else:
                inner = (
                    stripped[2 : stripped.find("]]")] if array else stripped[1 : _first_unquoted(stripped, "]")]
                )
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
