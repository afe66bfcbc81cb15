"""The messages of the rules language, in Chinese (the default) and English, by a stable code.

Errors and diagnostics carry a code and the values to fill in; the words are looked up in the message
catalogs (:mod:`perfeval.i18n`) when the message is shown, in the locale asked for (``zh_CN`` unless the
caller says ``en``).

>>> render("no_band", "zh_CN", value="87%", gaps="(85%, 90%)")
'没有分档覆盖 87%（未覆盖：(85%, 90%)）'
>>> render("no_band", "en", value="87%", gaps="(85%, 90%)")
'no band covers 87% (values outside every band: (85%, 90%))'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ..i18n import Localized, Words, catalog, is_english
from ..i18n import render as i18n_render
from ..limits import shown

__all__ = ["MESSAGES", "is_english", "listed", "pair", "render", "safe"]


class _Pairs(Mapping[str, tuple[str, str]]):
    """Message id → (Chinese, English), read from the catalogs: the words are in
    ``perfeval/locale/<lang>/LC_MESSAGES/perfeval.po``, not in the code."""

    def __getitem__(self, code: str) -> tuple[str, str]:
        zh, en = catalog("zh_CN"), catalog("en")
        if code not in zh and code not in en:
            raise KeyError(code)
        return zh.get(code, ""), en.get(code, "")

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(set(catalog("zh_CN")) | set(catalog("en"))))

    def __len__(self) -> int:
        return len(set(catalog("zh_CN")) | set(catalog("en")))


#: code → (Chinese, English), from the message catalogs. A new code: use it in the code (``fail("no_band", …)``,
#: ``N_("hint_dash")``), run ``python -m perfeval.i18n update`` and write its words in both ``.po`` files
#: (tests/rules/test_vocabulary.py and tests/test_catalogs.py check every code used has them).
MESSAGES: Mapping[str, tuple[str, str]] = _Pairs()


class _Shown:
    """A value too big to print (an int of 5,000 digits, which ``repr`` refuses): shown by its size."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return str(self.text)

    __str__ = __repr__

    def message_in(self, locale: str | None = "zh_CN") -> _Shown:
        """The same in ``locale`` (the size is said in words), still shown without quotes."""
        return _Shown(self.text.message_in(locale)) if isinstance(self.text, Words) else self

    @staticmethod
    def of(value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 1000:
            return _Shown(shown(value))
        if isinstance(value, list | tuple) and len(value) > 20:
            return _Shown(Words("shown_items", kind=type(value).__name__, count=len(value)))
        return value


def safe(**params: Any) -> dict[str, Any]:
    """``params`` with each value too big to print shown by its size, for an error to keep and fill in later."""
    return {k: _Shown.of(v) for k, v in params.items()}


def listed(items: Iterable[str]) -> Localized:
    """``items`` as a list in the message's language: 甲、乙 in Chinese, "甲, 乙" in English.

    >>> listed(["①", "②"]).message_in("en"), str(listed(["①", "②"]))
    ('①, ②', '①、②')
    """
    kept = list(items)
    return Localized(lambda locale: (", " if is_english(locale) else "、").join(kept))


def pair(code: str, **params: Any) -> tuple[str, str]:
    """The message ``code`` in Chinese and in English, for a diagnostic (which keeps both).

    >>> pair("no_points")
    ('评分标准没有说明如何得分', 'the standard says nothing about points')
    """
    safe_params = safe(**params)
    return i18n_render(code, "zh_CN", **safe_params), i18n_render(code, "en", **safe_params)


def render(code: str, locale: str | None = "zh_CN", **params: Any) -> str:
    """The message ``code`` in ``locale`` with ``params`` filled in (unknown codes show the code)."""
    return i18n_render(code, locale, **{k: _Shown.of(v) for k, v in params.items()})
