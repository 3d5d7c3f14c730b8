"""Server-side SVG charts of suppressed statistics (no script, nothing fetched).

A chart draws only what its table shows: a suppressed cell has no bar, no number and no
label in the drawing (the chart's note says how many groups were left out); the table beside
it reads "<5" for them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from markupsafe import Markup, escape

from reunite.domain.statistics import Month, Table

ROW = 22
LABEL_WIDTH = 210
BAR_WIDTH = 300
INK = "#2f5d8a"
LIGHT = "#a9c4dd"
_TEXT = 'font-family="Noto Sans, Noto Naskh Arabic, Noto Sans CJK SC, sans-serif" font-size="12"'


def _svg(width: int, height: int, title: str, body: Sequence[str]) -> Markup:
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}"><title>{escape(title)}</title>'
        + "".join(body) + "</svg>")


def bar_chart(table: Table, title: str, label: Callable[[str], str]) -> Markup:
    """Horizontal bars, one per shown cell; ``label`` gives a cell's label as read."""
    shown = [c for c in table.cells if c.count is not None]
    top = max([c.count or 0 for c in shown] + [1])
    width = LABEL_WIDTH + BAR_WIDTH + 60
    body = []
    for row, cell in enumerate(shown):
        assert cell.count is not None
        y = row * ROW + 4
        length = round(BAR_WIDTH * cell.count / top)
        body.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 14}" text-anchor="end" {_TEXT}>'
            f"{escape(label(cell.label))}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y + 2}" width="{length}" height="{ROW - 6}" '
            f'fill="{INK}"><title>{escape(label(cell.label))}: {cell.count}</title></rect>'
            f'<text x="{LABEL_WIDTH + length + 6}" y="{y + 14}" {_TEXT}>{cell.count}</text>')
    return _svg(width, len(shown) * ROW + 8, title, body)


def month_chart(months: Sequence[Month], title: str,
                legend: tuple[str, str, str]) -> Markup:
    """Interventions sent per month, the unanswered part darker where it may be shown.

    ``legend``: the words for answered, unanswered, and "sent (split not shown)"."""
    shown = [m for m in months if m.sent is not None]
    top = max([m.sent or 0 for m in shown] + [1])
    step, height, base = 18, 160, 180
    width = max(len(months) * step + 60, 360)
    body = []
    for column, m in enumerate(months):
        if m.sent is None:
            continue
        x = 40 + column * step
        total = round(height * m.sent / top)
        if m.unanswered is None:
            body.append(f'<rect x="{x}" y="{base - total}" width="{step - 4}" height="{total}" '
                        f'fill="#999"><title>{m.month}: {m.sent}</title></rect>')
        else:
            open_ = round(height * m.unanswered / top)
            body.append(
                f'<rect x="{x}" y="{base - total}" width="{step - 4}" height="{total - open_}" '
                f'fill="{LIGHT}"><title>{m.month}: {m.sent}</title></rect>'
                f'<rect x="{x}" y="{base - open_}" width="{step - 4}" height="{open_}" '
                f'fill="{INK}"><title>{m.month}: {m.unanswered} / {m.sent}</title></rect>')
        if column % 3 == 0:
            body.append(f'<text x="{x}" y="{base + 14}" {_TEXT} font-size="10">{m.month}</text>')
    body.append(f'<text x="4" y="{base - height + 4}" {_TEXT}>{top}</text>'
                f'<line x1="36" y1="{base}" x2="{width - 10}" y2="{base}" stroke="#555"/>')
    for n, (colour, words) in enumerate(zip((LIGHT, INK, "#999"), legend, strict=True)):
        y = base + 30 + n * 16
        body.append(f'<rect x="40" y="{y - 10}" width="12" height="12" fill="{colour}"/>'
                    f'<text x="58" y="{y}" {_TEXT}>{escape(words)}</text>')
    return _svg(width, base + 80, title, body)
