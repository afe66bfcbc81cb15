"""A report to read: the scorecard, the audit's findings, each indicator's explanation, and a chart of reported
vs computed points by 一级指标 — one self-contained HTML page (or Markdown) from Jinja2 templates.

The page needs nothing from the network: its CSS is inline, its chart a small SVG drawn here, and it has no
JavaScript. The explanations are ``<details>`` (collapsed on screen, open in print); a print style sheet
lays the page out on A4. Every value in the page comes from the scorecard and the audit; text from the
data is escaped (a name ``<script>`` is shown, not run).

>>> from perfeval.datafile import load_evaluation
>>> from perfeval.rubric.audit import audit, evaluate
>>> ev = load_evaluation("examples/luosong-2021-department.toml")
>>> html = render_report(ev, audit(evaluate(ev)))
>>> html.startswith("<!DOCTYPE html>") and "97.83" in html and "<script" not in html
True
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
import jinja2
from markupsafe import Markup, escape

from .display import number_text
from .i18n import N_, by_locale
from .model import Evaluation
from .rubric.audit import Audit
from .rubric.reason import say
from .rubric.scoring import STATUS_WORDS, IndicatorScore
from .workbook import KIND_WORDS, finding_kind

__all__ = ["Bar", "chart_bars", "render_report", "svg_chart"]

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("perfeval", "templates"),
    autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=False),
    undefined=jinja2.StrictUndefined,  # a misspelt field in a template is an error, not an empty cell
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)

_WORDS = by_locale({
    "title": N_("page_title"), "rubric": N_("page_rubric"), "kind": N_("page_kind"),
    "year": N_("page_year"), "total": N_("page_total"), "grade": N_("page_grade"),
    "reported": N_("page_reported"), "computed": N_("page_computed"), "max": N_("page_max"),
    "indicator": N_("page_indicator"), "level1": N_("page_level1"), "basis": N_("page_basis"),
    "reason": N_("page_reason"), "scorecard": N_("page_scorecard"), "findings": N_("page_findings"),
    "clean": N_("page_clean"), "unchecked": N_("page_unchecked"),
    "explanations": N_("page_explanations"), "chart": N_("page_chart"),
    "kind_of": N_("page_kind_of"), "incomplete": N_("page_incomplete"),
    "generated": N_("page_generated"), "max_bar": N_("page_max_bar"), "total_c": N_("page_total_c"),
    "grade_c": N_("page_grade_c")
}, zh_CN={"colon": "：", "count": "条", "none": "—"}, en={"colon": ": ", "count": "", "none": "—"})
_STATUS = by_locale(STATUS_WORDS)


def _lang(locale: str) -> str:
    return "en" if locale.startswith("en") else "zh_CN"


@attrs.frozen
class Bar:
    """One 一级指标 of the chart: its 分值 and the reported and computed points under it."""

    name: str
    max_points: Decimal
    reported: Decimal | None
    computed: Decimal | None


def chart_bars(found: Audit) -> list[Bar]:
    """The chart's bars: per 一级指标, in the table's order, the sums of 分值, reported and computed points.

    A sum is None when any of its indicators has no value (a part of a sum is not shown as the whole).
    """
    order: list[str] = []
    groups: dict[str, list[IndicatorScore]] = {}
    for item in found.card:
        key = item.path[0] if len(item.path) > 1 else item.name
        if key not in groups:
            order.append(key)
        groups.setdefault(key, []).append(item)

    def total(values: list[Decimal | None]) -> Decimal | None:
        return None if any(v is None for v in values) else sum((v for v in values if v is not None), Decimal(0))

    return [Bar(k, sum((i.max_points for i in groups[k]), Decimal(0)), total([i.reported for i in groups[k]]),
                total([i.points for i in groups[k]])) for k in order]


def svg_chart(bars: list[Bar], locale: str = "zh_CN") -> str:
    """A horizontal bar chart as inline SVG: per 一级指标 a track of its 分值, the reported and the computed
    points. Pixel positions are display only; the numbers printed beside the bars are the exact sums.

    >>> svg = svg_chart([Bar("投入", Decimal(10), Decimal(9), Decimal("7.5"))])
    >>> svg.startswith("<svg") and "7.5" in svg and "<script" not in svg
    True
    """
    w = _WORDS[_lang(locale)]
    label_w, bar_w, row_h, top = 150, 420, 46, 28
    height = top + row_h * len(bars) + 10
    widest = max((b.max_points for b in bars), default=Decimal(1)) or Decimal(1)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {label_w + bar_w + 90} '
           f'{height}" width="100%" aria-label="{escape(w["chart"])}">',
           f'<g class="legend"><rect x="{label_w}" y="6" width="12" height="10" class="reported"/>'
           f'<text x="{label_w + 16}" y="15">{escape(w["reported"])}</text>'
           f'<rect x="{label_w + 90}" y="6" width="12" height="10" class="computed"/>'
           f'<text x="{label_w + 106}" y="15">{escape(w["computed"])}</text>'
           f'<rect x="{label_w + 180}" y="6" width="12" height="10" class="track"/>'
           f'<text x="{label_w + 196}" y="15">{escape(w["max_bar"])}</text></g>']

    def width(value: Decimal) -> str:
        return f"{float(max(Decimal(0), value) / widest) * bar_w:.1f}"

    for n, bar in enumerate(bars):
        y = top + n * row_h
        out.append(f'<g class="bar"><text x="{label_w - 8}" y="{y + 20}" text-anchor="end">'
                   f"{escape(bar.name)}</text>")
        out.append(f'<rect x="{label_w}" y="{y + 2}" width="{width(bar.max_points)}" height="34" class="track"/>')
        for k, (value, cls) in enumerate(((bar.reported, "reported"), (bar.computed, "computed"))):
            yy = y + 5 + k * 15
            if value is not None:
                out.append(f'<rect x="{label_w}" y="{yy}" width="{width(value)}" height="13" class="{cls}"/>')
            out.append(f'<text x="{label_w + bar_w + 6}" y="{yy + 11}" class="value">'
                       f"{escape(number_text(value, locale))} / {escape(number_text(bar.max_points, locale))}</text>")
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)


def _view(ev: Evaluation, found: Audit, locale: str) -> dict[str, Any]:
    lang = _lang(locale)
    card = found.card
    wrong = {id(i) for i in card if i.reported is not None and i.points != i.reported}
    findings = [{
        "kind": KIND_WORDS[lang].get(finding_kind(d), finding_kind(d)),
        "indicator": say(getattr(d, "indicator", "") or getattr(d, "name", ""), locale),
        "reported": number_text(getattr(d, "reported", None), locale),
        "computed": number_text(getattr(d, "computed", None), locale),
        "reason": say(getattr(d, "reason", None) or getattr(d, "message", ""), locale),
    } for d in found.discrepancies]
    names = {f["indicator"] for f in findings}
    rows = [{
        "path": " / ".join(i.path), "name": i.name, "max": number_text(i.max_points, locale), "reported": number_text(i.reported, locale),
        "computed": number_text(i.points, locale), "basis": _STATUS[lang][i.status], "reason": say(i.reason, locale),
        "finding": i.name in names and (id(i) in wrong or i.points is None),
        "explanation": i.score.explain(locale) if i.score is not None else say(i.reason, locale),
    } for i in card]
    return {
        "w": _WORDS[lang], "lang": "en" if lang == "en" else "zh-CN", "name": ev.name, "year": ev.year,
        "kind": ev.kind, "rubric": card.rubric, "total": number_text(card.total, locale), "max_total": number_text(card.max_total, locale),
        "reported_total": number_text(card.reported_total, locale), "grade": card.grade or "—",
        "reported_grade": card.reported_grade or "—", "complete": card.complete, "rows": rows, "findings": findings,
        "unchecked": [{"name": i.name, "reported": number_text(i.reported, locale), "reason": say(i.reason, locale)}
                      for i in found.unchecked],
        "bars": chart_bars(found),
    }


def render_report(ev: Evaluation, found: Audit, fmt: str = "html", locale: str = "zh_CN") -> str:
    """The report of ``ev`` and its audit ``found`` as a self-contained HTML page (``fmt="html"``) or
    Markdown (``fmt="md"``)."""
    view = _view(ev, found, locale)
    if fmt == "md":
        return _ENV.get_template("report.md.j2").render(**view, cell=_md_cell, num=lambda v: number_text(v, locale))
    view["chart"] = Markup(svg_chart(view["bars"], locale))  # built from escaped parts above
    return _ENV.get_template("report.html.j2").render(**view)


def _md_cell(text: object) -> str:
    """Text for a Markdown table cell: ``|`` escaped, line breaks as ``<br>``, markup characters escaped.

    >>> _md_cell("a|b\\n<c>")
    'a\\\\|b<br>&lt;c&gt;'
    """
    out = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    out = out.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("_", "\\_").replace("`", "\\`")
    return out.replace("\r\n", "\n").replace("\n", "<br>")
