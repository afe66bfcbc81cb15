"""perfeval's words for people, from babel message catalogs: Chinese (``zh_CN``, the default) and English (``en``).

A message has a stable id (``"no_band"``, ``"duplicate_json_key"`` …) that errors and diagnostics carry with
the values to fill in; the words are looked up when the message is shown, in the locale asked for. The
catalogs are ``perfeval/locale/<lang>/LC_MESSAGES/perfeval.po``; the build compiles them to ``.mo``
(``hatch_build.py``), and a checkout without ``.mo`` files (a fresh clone, ``pip install -e .``) reads the
``.po`` directly, so the words are the same either way. The machine's locale (``LANG``) is never consulted:
Chinese unless the caller says ``en``.

>>> render("no_band", value="87%", gaps="(85%, 90%)")
'没有分档覆盖 87%（未覆盖：(85%, 90%)）'
>>> render("no_band", "en", value="87%", gaps="(85%, 90%)")
'no band covers 87% (values outside every band: (85%, 90%))'
>>> N_("no_band"), language("en_US"), language(None)
('no_band', 'en', 'zh_CN')

Developers: ``python -m perfeval.i18n extract`` lists every message id the code marks (``N_("…")`` and the
calls in :data:`KEYWORDS`); ``update`` adds new ids to both ``.po`` files (with empty words, which a test
refuses until they are written); ``add ID 中文 English`` writes one message in both (refusing to change an id's words without ``--replace``); ``compile`` writes the
``.mo`` files beside them; ``check`` does what the tests do. See docs/locales.md.
"""

from __future__ import annotations

import ast
import functools
import io
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

__all__ = ["DOMAIN", "KEYWORDS", "LOCALES", "Localized", "Message", "N_", "Words", "by_locale", "catalog", "compile_catalogs",
           "extract", "extract_ids", "fields", "is_english", "language", "message_ids", "problems", "render"]

#: The gettext domain: the catalogs are ``<lang>/LC_MESSAGES/perfeval.po``.
DOMAIN = "perfeval"
#: The languages perfeval speaks; the first is the default.
LOCALES = ("zh_CN", "en")
#: The folder of the catalogs, inside the package.
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

#: Calls whose string-literal arguments are message ids: what extraction looks for (:func:`extract_ids`).
KEYWORDS: dict[str, Any] = {name: None for name in (
    "N_", "render", "fail", "_fail", "_error", "error", "_diag", "said", "refuse", "pair", "Message",
    "RuleError", "RuleSyntaxError", "CodedError", "EvaluationError", "JudgementError", "SqlError",
    "PerfevalError", "InputError", "NumberFormatError", "UnitError", "DataFileError", "DataFileValueError",
    "ValidationError", "JudgementRequired", "RateUndefinedError", "ZeroDenominatorError", "RubricError",
    "RubricSyntaxError", "UnknownRubricError", "UsageRefusal", "ValueRefusal", "Words", "_error_at", "__init__",
)}

_INSTALL_SLACK = 5.0  # seconds
_FIELD = re.compile(r"(?<!\{)\{(\w+)")
_ID = re.compile(r"[a-z][a-z0-9_]*")


def N_(msgid: str) -> str:
    """Mark ``msgid`` as a message id for extraction; returns it unchanged (the words are looked up later)."""
    return msgid


def is_english(locale: str | None) -> bool:
    """Whether ``locale`` asks for English (``en``, ``en_US`` …); everything else is Chinese.

    >>> is_english("en_GB"), is_english("zh_CN"), is_english(None)
    (True, False, False)
    """
    return bool(locale) and str(locale).lower().startswith("en")


def language(locale: str | None) -> str:
    """The catalog ``locale`` is shown from: ``"en"`` for any English locale, else ``"zh_CN"``."""
    return "en" if is_english(locale) else "zh_CN"


def _paths(lang: str, root: Path | None = None) -> tuple[Path, Path]:
    folder = (root or LOCALE_DIR) / lang / "LC_MESSAGES"
    return folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"


def _read_po(path: Path) -> Any:
    from babel.messages.pofile import read_po

    with path.open("rb") as f:
        return read_po(f, locale=path.parents[1].name, domain=DOMAIN)


def _words(cat: Any) -> dict[str, str]:
    return {str(m.id): str(m.string) for m in cat if m.id and isinstance(m.id, str) and not m.fuzzy}


def catalog(locale: str | None = "zh_CN") -> Mapping[str, str]:
    """Message id → words in ``locale``: the compiled ``.mo`` when it is there and not older than its
    ``.po``, else the ``.po`` itself (a checkout nobody compiled reads the same words)."""
    return _load(language(locale))


@functools.cache
def _load(lang: str) -> Mapping[str, str]:
    from babel.messages.mofile import read_mo

    po, mo = _paths(lang)
    # An installer writes the two files a moment apart, in either order: only a .po edited later (by a
    # person, after compiling) makes a .mo stale. Either way the words are the .po's.
    if mo.is_file() and (not po.is_file() or mo.stat().st_mtime + _INSTALL_SLACK >= po.stat().st_mtime):
        with mo.open("rb") as f:
            return _words(read_mo(f))
    return _words(_read_po(po))


def message_ids() -> frozenset[str]:
    """Every message id of the default catalog."""
    return frozenset(catalog(LOCALES[0]))


def render(msgid: str, locale: str | None = "zh_CN", **params: Any) -> str:
    """The message ``msgid`` in ``locale`` with ``params`` filled in (``str.format`` fields).

    An id without words shows as itself, and a template whose fields do not match ``params`` is shown
    unfilled, so showing a message never raises.
    """
    template = catalog(locale).get(msgid) or msgid
    try:
        return template.format(**{k: _shown_in(v, locale) for k, v in params.items()})
    except (KeyError, IndexError, ValueError, TypeError, AttributeError):
        return template


class Message:
    """A message not yet in words: an id and its values, shown in the locale of whatever shows it
    (a value of another message, an error's cause).

    >>> m = Message("data_unknown_format")
    >>> str(m), m.message_in("en")
    ('未知的格式；请用 toml、json 或 xlsx', 'unknown format; use toml, json or xlsx')
    """

    def __init__(self, msgid: str, **params: Any) -> None:
        self.msgid = msgid
        self.params = params

    def message_in(self, locale: str | None = "zh_CN") -> str:
        """The words in ``locale``."""
        return render(self.msgid, locale, **self.params)

    def __str__(self) -> str:
        return self.message_in()

    def __repr__(self) -> str:
        return f"Message({self.msgid!r})"


class Words(str):
    """A message in words where text is expected (a :class:`~perfeval.targets.Target`'s warnings): the string is
    its Chinese; :meth:`message_in` gives it in another language, and a message that fills it in shows it in
    its own language.

    >>> w = Words("data_unknown_format")
    >>> w, w.message_in("en"), w == "未知的格式；请用 toml、json 或 xlsx"
    ('未知的格式；请用 toml、json 或 xlsx', 'unknown format; use toml, json or xlsx', True)
    """

    msgid: str
    params: dict[str, Any]

    def __new__(cls, msgid: str, **params: Any) -> Words:
        obj = super().__new__(cls, render(msgid, "zh_CN", **params))
        obj.msgid = msgid
        obj.params = params
        return obj

    def message_in(self, locale: str | None = "zh_CN") -> str:
        """The words in ``locale``."""
        return render(self.msgid, locale, **self.params)

    def __getnewargs_ex__(self) -> tuple[tuple[str], dict[str, Any]]:  # copies and pickles keep the id
        return (self.msgid,), self.params


class Localized:
    """A value whose words depend on the locale (a unit's name: 公顷 / hectare), for a message to fill in.

    >>> Localized(lambda locale: "en" if is_english(locale) else "中").message_in("en")
    'en'
    """

    def __init__(self, words: Callable[[str | None], str]) -> None:
        self.words = words

    def message_in(self, locale: str | None = "zh_CN") -> str:
        """The words in ``locale``."""
        return self.words(locale)

    def __str__(self) -> str:
        return self.words("zh_CN")


def _shown_in(value: Any, locale: str | None) -> Any:
    """A value to fill in, in ``locale``: an error's message (``message_in``) or a reviewer's sentence
    (a ``str`` with ``render``, :class:`perfeval.rubric.reason.Reason`) in that language; else as it is."""
    message_in = getattr(value, "message_in", None)
    if callable(message_in):
        return message_in(locale)
    if isinstance(value, str) and callable(getattr(value, "render", None)):
        return value.render(locale or "zh_CN")  # type: ignore[attr-defined]
    return value


def by_locale(ids: Mapping[str, str], **extra: Mapping[str, str]) -> dict[str, dict[str, str]]:
    """Key → message id as ``{locale: {key: words}}`` for each of :data:`LOCALES` (``extra``: words by
    locale that are not messages, such as punctuation), for code that looks its words up by locale.

    >>> by_locale({"head": N_("head_total")}, en={"colon": ": "})["en"]
    {'head': 'total', 'colon': ': '}
    """
    return {lang: {**{k: render(v, lang) for k, v in ids.items()}, **extra.get(lang, {})} for lang in LOCALES}


def fields(template: str) -> set[str]:
    """The ``{name}`` fields of a message's words.

    >>> sorted(fields("{clause!r} 给 {award} 分"))
    ['award', 'clause']
    """
    return set(_FIELD.findall(template))


def _ids_in(node: ast.expr) -> Iterator[str]:
    """The message ids an argument names: a string literal, or either branch of ``a if c else b``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and _ID.fullmatch(node.value) \
            and node.value not in ("en", "zh", "zh_cn"):  # a locale, not a message
        yield node.value
    elif isinstance(node, ast.IfExp):
        yield from _ids_in(node.body)
        yield from _ids_in(node.orelse)


def extract_ids(fileobj: IO[bytes], keywords: Mapping[str, Any] = KEYWORDS, comment_tags: object = (),
                options: object = None) -> Iterator[tuple[int, str, str, list[str]]]:
    """A babel extraction method (``perfeval.i18n:extract_ids`` in babel.cfg): the message ids of a Python file.

    An id is a string argument of a call in :data:`KEYWORDS` (``fail("no_band", …)``, ``N_("hint_dash")``,
    ``DataFileError("data_not_toml", …)``, ``self.error(path, "data_expected_year")``), or the value of a
    ``hint=`` argument of any call; an id is lower-case letters, digits and ``_`` (a sentence is not an id
    and is not extracted).
    """
    tree = ast.parse(fileobj.read())
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if name in keywords:
            for arg in node.args:
                for msgid in _ids_in(arg):
                    yield node.lineno, name, msgid, []
        for kw in node.keywords:
            if kw.arg == "hint":
                for msgid in _ids_in(kw.value):
                    yield node.lineno, name, msgid, []


def extract(package: Path | None = None) -> dict[str, list[tuple[str, int]]]:
    """Every message id marked in the code of ``package`` (perfeval's own by default), with where each is used."""
    package = package or Path(__file__).resolve().parent
    found: dict[str, list[tuple[str, int]]] = {}
    for path in sorted(package.rglob("*.py")):
        with path.open("rb") as f:
            for lineno, _name, msgid, _comments in extract_ids(f):
                found.setdefault(msgid, []).append((str(path.relative_to(package.parent)), lineno))
    return found


def compile_catalogs(source: Path | None = None, target: Path | None = None) -> list[Path]:
    """Compile each ``.po`` under ``source`` to ``.mo`` under ``target`` (default: beside it); the paths written.

    The build (``hatch_build.py``) calls this; so does ``python -m perfeval.i18n compile`` in a checkout.
    """
    from babel.messages.mofile import write_mo

    written = []
    for lang in LOCALES:
        po, _ = _paths(lang, source)
        _, mo = _paths(lang, target or source)  # beside the .po unless told
        buffer = io.BytesIO()
        write_mo(buffer, _read_po(po))
        mo.parent.mkdir(parents=True, exist_ok=True)
        mo.write_bytes(buffer.getvalue())
        written.append(mo)
    return written


def problems(root: Path | None = None) -> list[str]:
    """What is wrong with the catalogs: ids the code uses that a catalog lacks, ids no code uses, empty words,
    fields that differ between the languages, a ``.mo`` that does not hold what its ``.po`` says."""
    from babel.messages.mofile import read_mo

    out = []
    used = set(extract())
    words = {lang: _words(_read_po(_paths(lang, root)[0])) for lang in LOCALES}
    for lang, table in words.items():
        out += [f"{lang}: no words for {i!r}" for i in sorted(used - set(table))]
        out += [f"{lang}: {i!r} is used nowhere" for i in sorted(set(table) - used)]
        out += [f"{lang}: empty words for {i!r}" for i, w in sorted(table.items()) if not w.strip()]
        mo = _paths(lang, root)[1]
        if mo.is_file():
            with mo.open("rb") as f:
                if _words(read_mo(f)) != table:
                    out.append(f"{lang}: {mo} is out of date (python -m perfeval.i18n compile)")
    zh, en = (words[lang] for lang in LOCALES)
    out += [f"fields differ for {i!r}: {sorted(fields(zh[i]))} vs {sorted(fields(en[i]))}"
            for i in sorted(set(zh) & set(en)) if fields(zh[i]) != fields(en[i])]
    return out


def _write(lang: str, words: Mapping[str, str]) -> None:
    """Set ``words`` (id → words) in the ``.po`` of ``lang``, kept sorted by id (merges stay small)."""
    from babel.messages.pofile import write_po

    po = _paths(lang)[0]
    cat = _read_po(po)
    for msgid, text in words.items():
        if msgid in cat:
            del cat[msgid]
        cat.add(msgid, text, flags=("python-brace-format",) if "{" in text else ())
    buffer = io.BytesIO()
    write_po(buffer, cat, width=0, no_location=True, sort_output=True)
    po.write_bytes(buffer.getvalue())


def _update() -> None:
    """Add the ids the code uses and the catalogs lack to both ``.po`` files, with empty words to write."""
    used = extract()
    for lang in LOCALES:
        known = set(_words(_read_po(_paths(lang)[0])))
        _write(lang, {msgid: "" for msgid in sorted(set(used) - known)})


def _main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "extract":
        for msgid, where in sorted(extract().items()):
            print(msgid, " ".join(f"{f}:{n}" for f, n in where[:3]))
    elif command == "update":
        _update()
    elif command == "add" and len(argv) in (4, 5) and argv[4:] in ([], ["--replace"]):
        # add ID 中文 English [--replace]: a message in both catalogs at once; words already there are kept
        # unless --replace says otherwise (an id used elsewhere was once overwritten by a new message)
        msgid, texts = argv[1], argv[2:4]
        had = {lang: _words(_read_po(_paths(lang)[0])).get(msgid) for lang in LOCALES}
        changed = [lang for lang, text in zip(LOCALES, texts, strict=True) if had[lang] and had[lang] != text]
        if changed and "--replace" not in argv:
            print(f"{msgid!r} already has other words in {', '.join(changed)} (add --replace to change them)",
                  file=sys.stderr)
            return 1
        for lang, text in zip(LOCALES, texts, strict=True):
            _write(lang, {msgid: text})
    elif command == "compile":
        for path in compile_catalogs():
            print(path)
    elif command == "check":
        found = problems()
        print("\n".join(found) or "catalogs ok")
        return 1 if found else 0
    else:
        print("usage: python -m perfeval.i18n extract|update|compile|check|add ID 中文 English [--replace]",
              file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
