"""Sentences for a reviewer, in Chinese (the default) and English.

A :class:`Reason` *is* its Chinese text (a ``str``), and carries the English beside it.

>>> r = Reason("照报", "as reported") + Reason("（无数据）", " (no data)")
>>> str(r), r.en, r.render("en")
('照报（无数据）', 'as reported (no data)', 'as reported (no data)')
"""

from __future__ import annotations

from typing import Any

from ..i18n import render


class Reason(str):
    """A reviewer's sentence: the string is Chinese; ``en`` is English."""

    en: str

    def __new__(cls, zh: str, en: str | None = None) -> Reason:
        obj = super().__new__(cls, zh)
        obj.en = zh if en is None else en
        return obj

    def __add__(self, other: Any) -> Reason:
        if isinstance(other, Reason):
            return Reason(str(self) + str(other), self.en + other.en)
        return Reason(str(self) + str(other), self.en + str(other))

    def __radd__(self, other: Any) -> Reason:
        return Reason(str(other) + str(self), str(other) + self.en)

    def render(self, locale: str = "zh_CN") -> str:
        """The sentence in ``locale`` (zh_CN or en)."""
        return self.en if locale.startswith("en") else str(self)

    def __getnewargs__(self) -> tuple[str, str]:  # type: ignore[override]  # copies keep both languages
        return (str(self), self.en)


def said(msgid: str, **params: Any) -> Reason:
    """The catalogued message ``msgid`` as a :class:`Reason`: its Chinese, with its English beside it.

    >>> r = said("label_total")
    >>> str(r), r.en
    ('总分', 'total')
    """
    return Reason(render(msgid, "zh_CN", **params), render(msgid, "en", **params))


def say(value: object, locale: str = "zh_CN") -> str:
    """``value`` in ``locale``: a :class:`Reason` (or anything with ``render``) in that language, other text as is.

    >>> say(Reason("照报", "as reported"), "en"), say("—", "en")
    ('as reported', '—')
    """
    render = getattr(value, "render", None)
    return str(render(locale)) if render is not None else str(value)
