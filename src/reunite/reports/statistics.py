"""Rendering the suppressed statistics (services.statistics): charts and tables, PDF, CSV.

The same fragment (charts with their tables) is shown on the analyst's page and printed in the
statistics PDF; the CSV carries the same cells, a suppressed one with no count.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from markupsafe import Markup

from reunite.domain.statistics import MIN_CELL, Table
from reunite.domain.wording import mark, words
from reunite.reports.charts import bar_chart, month_chart
from reunite.reports.documents import Translator, environment, pdf_of
from reunite.services.statistics import Statistics

MONTHS_TITLE = mark("Interventions by month, and the share unanswered")
LEGEND = (mark("answered"), mark("unanswered"), mark("sent (split not shown: small counts)"))


def _context(stats: Statistics, language: Translator) -> dict[str, Any]:
    _ = language.gettext

    def label(table: Table, value: str) -> str:
        return _(words(value)) if table.coded else _(value)

    def chart(table: Table) -> Markup:
        return bar_chart(table, _(table.title), lambda value: label(table, value))

    def months() -> Markup:
        return month_chart(stats.months, _(MONTHS_TITLE), (_(LEGEND[0]), _(LEGEND[1]),
                                                           _(LEGEND[2])))

    return {"stats": stats, "_": _, "lang": language, "label": label, "chart": chart,
            "months": months, "months_title": MONTHS_TITLE, "min_cell": MIN_CELL}


def render_fragment(stats: Statistics, language: Translator) -> Markup:
    """The charts and tables, for a page that has its own head (the web page)."""
    page = environment().get_template("statistics_body.html").render(
        **_context(stats, language))
    return Markup(page)


def render_pdf(stats: Statistics, language: Translator, *, made_by: str) -> bytes:
    page = environment().get_template("statistics.html").render(
        made_by=made_by, body=render_fragment(stats, language), **_context(stats, language))
    return pdf_of(page, f"statistics {stats.as_of}")


def render_csv(stats: Statistics) -> str:
    """One row per cell: table, label (the code as stored), count ("" where suppressed),
    suppressed ("yes"/"no"); monthly interventions as two tables (sent, unanswered)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["table", "label", "count", "suppressed"])

    def row(table: str, label: str, count: int | None) -> None:
        writer.writerow([table, label, "" if count is None else count,
                         "yes" if count is None else "no"])

    for t in stats.tables:
        for cell in t.cells:
            row(t.key, cell.label, cell.count)
        row(t.key, "total", t.total)
    for m in stats.months:
        row("interventions_sent_by_month", m.month, m.sent)
    for m in stats.months:
        row("interventions_unanswered_by_month", m.month, m.unanswered)
    return buffer.getvalue()
