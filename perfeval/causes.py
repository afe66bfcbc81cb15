"""The words of a parser's or the operating system's complaint, from its structured parts.

tomli, json and the OS explain a failure in English (``Expecting ',' delimiter``, ``Permission denied``).
Inside perfeval's messages that English would be the only English in a Chinese line, so the complaint is
rendered from what it carries — the kind of problem (a parser's message, an errno), the line and column —
as a :class:`~perfeval.i18n.Message` shown in the caller's language; where the original says more than
the kind (a key's name, a character), it is kept, quoted, at the end.

>>> os_reason(PermissionError(13, "Permission denied", "a.toml")).message_in()
'没有权限'
>>> json_reason("Expecting ',' delimiter").message_in("en")
"',' missing"
>>> print(toml_reason("Cannot declare ('分值',) twice").message_in())
同一个键写了两次（"Cannot declare ('分值',) twice"）
"""

from __future__ import annotations

import errno
import re
from typing import Any

from .i18n import N_, Message

__all__ = ["json_reason", "os_reason", "toml_position", "toml_reason", "zip_reason"]

_ERRNO = {errno.ENOENT: N_("os_no_such_file"), errno.EACCES: N_("os_permission"), errno.EPERM: N_("os_permission"),
          errno.EISDIR: N_("os_is_a_folder"), errno.ENOTDIR: N_("os_not_a_folder"), errno.ENOSPC: N_("os_disk_full"),
          errno.EROFS: N_("os_read_only"), errno.ENAMETOOLONG: N_("os_name_too_long")}

#: A parser's message (its start) → the kind of problem, and whether the rest of it says more (a key, a character).
_TOML = (("Invalid value", N_("parse_invalid_value"), False),
         ("Expected '=' after a key", N_("parse_expected_equals"), False),
         ("Cannot declare", N_("parse_duplicate_key"), True),
         ("Cannot overwrite a value", N_("parse_duplicate_key"), False),
         ("Duplicate inline table key", N_("parse_duplicate_key"), True),
         ("Cannot redefine namespace", N_("parse_duplicate_key"), True),
         ("Cannot mutate immutable namespace", N_("parse_duplicate_key"), True),
         ("Unterminated string", N_("parse_unterminated_string"), False),
         ("Unclosed array", N_("parse_unclosed_array"), False),
         ("Unclosed inline table", N_("parse_unclosed_table"), False),
         ("Expected newline or end of document", N_("parse_expected_newline"), False),
         ("Invalid statement", N_("parse_invalid_statement"), False),
         ("Invalid initial character for a key part", N_("parse_invalid_key"), False),
         ("Illegal character", N_("parse_illegal_character"), True),
         ("Found invalid character", N_("parse_illegal_character"), True),
         ("Invalid date or datetime", N_("parse_invalid_date"), False),
         ("Expected ']", N_("parse_unclosed_header"), False),
         ("Invalid hex value", N_("parse_invalid_escape"), False),
         ("Unescaped '\\'", N_("parse_invalid_escape"), False),
         ("Escaped character is not a Unicode scalar value", N_("parse_invalid_escape"), False))
_JSON = (("Expecting value", N_("parse_expected_value"), False),
         ("Expecting property name enclosed in double quotes", N_("parse_expected_key"), False),
         ("Expecting ':' delimiter", N_("parse_expected_colon"), False),
         ("Expecting ',' delimiter", N_("parse_expected_comma"), False),
         ("Unterminated string", N_("parse_unterminated_string"), False),
         ("Invalid control character", N_("parse_control_character"), False),
         ("Invalid \\escape", N_("parse_invalid_escape"), False),
         ("Invalid \\uXXXX escape", N_("parse_invalid_escape"), False),
         ("Extra data", N_("parse_extra_data"), False),
         ("Illegal trailing comma", N_("parse_trailing_comma"), False))
_AT = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$")


def _kind(msg: str, table: tuple[tuple[str, str, bool], ...]) -> Message:
    for start, msgid, says_more in table:
        if msg.startswith(start):
            return Message(N_("parse_with_detail"), kind=Message(msgid), detail=msg) if says_more else Message(msgid)
    return Message(N_("parse_other"), detail=msg)  # a message perfeval does not know: the kind unknown, quoted


def os_reason(exc: OSError) -> Message:
    """Why the OS refused, by errno: 文件不存在、没有权限、是文件夹、不是文件夹、磁盘已满 …; any other errno by
    its name, the OS's words quoted.

    >>> os_reason(OSError(errno.EIO, "Input/output error")).message_in("en")
    "system error EIO ('Input/output error')"
    """
    msgid = _ERRNO.get(exc.errno) if exc.errno is not None else None
    if msgid is not None:
        return Message(msgid)
    name = errno.errorcode.get(exc.errno, "") if exc.errno is not None else ""
    return Message(N_("os_other"), name=name or type(exc).__name__, detail=exc.strerror or str(exc))


def toml_reason(exc_or_msg: Any) -> Message:
    """The kind of a TOML decoding error (tomli's ``msg``; older versions' text without its position)."""
    msg = exc_or_msg if isinstance(exc_or_msg, str) else getattr(exc_or_msg, "msg", None) or str(exc_or_msg)
    return _kind(_AT.sub("", msg), _TOML)


def toml_position(exc: Exception) -> tuple[int, int] | None:
    """The line and column of a TOML decoding error: its fields (tomli ≥ 2.1), else its ``(at line N, column M)``.

    >>> import tomli
    >>> try:
    ...     tomli.loads("a = = 1")
    ... except tomli.TOMLDecodeError as exc:
    ...     toml_position(exc)
    (1, 5)
    """
    line, column = getattr(exc, "lineno", None), getattr(exc, "colno", None)
    if isinstance(line, int) and isinstance(column, int):
        return line, column
    found = _AT.search(str(exc))
    return (int(found[1]), int(found[2])) if found and found[1] else None


def json_reason(exc_or_msg: Any) -> Message:
    """The kind of a JSON decoding error (``JSONDecodeError.msg``)."""
    msg = exc_or_msg if isinstance(exc_or_msg, str) else getattr(exc_or_msg, "msg", None) or str(exc_or_msg)
    return _kind(msg, _JSON)


def zip_reason(exc: Exception) -> Message:
    """Why a zip file did not open: the OS's reason, or that it is no zip file (or a damaged one).

    >>> import zipfile
    >>> zip_reason(zipfile.BadZipFile("File is not a zip file")).message_in()
    '不是 zip 文件，或已损坏'
    """
    return os_reason(exc) if isinstance(exc, OSError) else Message(N_("zip_not_a_zip"))
