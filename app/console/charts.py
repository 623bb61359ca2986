"""Server-rendered inline SVG charts for the dashboard: no script, no CDN.

The console's CSP allows no script and no inline ``style``, so the charts are
plain SVG with presentation attributes. Each has a ``<title>`` and ``<desc>``
(``role="img"`` and ``aria-labelledby``), every bar carries its number as
text (colour is never the only signal: the previous period is drawn hatched
and outlined, the current one solid), and the page puts the same numbers in a
table right below each chart.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

INK = "#1b1b1b"
NOW = "#1d4e89"  # the current period: solid, 8.6:1 on white
BEFORE = "#505a5f"  # the previous period: hatched and outlined
_ids = itertools.count(1)


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float
    text: str  # the number as shown (e.g. "12" or "25%")


@dataclass(frozen=True, slots=True)
class Pair:
    label: str
    now: float
    before: float
    now_text: str
    before_text: str


def _head(uid: str, title: str, desc: str, width: int, height: int) -> str:
    return (
        f'<svg class="chart" role="img" aria-labelledby="{uid}-t {uid}-d" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(desc)}</desc>'
    )


def _hatch(uid: str) -> str:
    return (
        f'<defs><pattern id="{uid}-h" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{BEFORE}" stroke-width="3"/></pattern></defs>'
    )


def columns(title: str, desc: str, bars: Sequence[Bar], *, every: int = 1) -> Markup:
    """Vertical bars (e.g. checks per day); a label under every ``every``-th bar,
    the number above every bar when there is room (always in its tooltip)."""
    uid = f"c{next(_ids)}"
    n = max(len(bars), 1)
    width, height, left, bottom, top = 720, 240, 44, 40, 22
    plot_w, plot_h = width - left - 8, height - top - bottom
    step = plot_w / n
    peak = max((b.value for b in bars), default=0) or 1
    out = [_head(uid, title, desc, width, height)]
    out.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 8}" y2="{top + plot_h}" '
        f'stroke="{INK}"/>'
    )
    out.append(
        f'<text x="{left - 6}" y="{top + 4}" text-anchor="end" font-size="12" fill="{INK}">'
        f"{escape(_num(peak))}</text>"
        f'<text x="{left - 6}" y="{top + plot_h}" text-anchor="end" font-size="12" '
        f'fill="{INK}">0</text>'
    )
    for i, b in enumerate(bars):
        h = plot_h * b.value / peak
        x = left + i * step + step * 0.15
        w = max(step * 0.7, 1)
        y = top + plot_h - h
        out.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{NOW}">'
            f"<title>{escape(b.label)}: {escape(b.text)}</title></rect>"
        )
        if step >= 18:
            out.append(
                f'<text x="{x + w / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle" font-size="11" '
                f'fill="{INK}">{escape(b.text)}</text>'
            )
        if i % every == 0:
            out.append(
                f'<text x="{x + w / 2:.1f}" y="{top + plot_h + 16}" text-anchor="middle" '
                f'font-size="11" fill="{INK}">{escape(b.label)}</text>'
            )
    out.append("</svg>")
    return Markup("".join(out))


def compare(title: str, desc: str, pairs: Sequence[Pair], *, label_width: int = 190) -> Markup:
    """Horizontal bars, two per row: this period (solid) and the previous one
    (hatched, outlined), each with its number written after it."""
    uid = f"p{next(_ids)}"
    row_h, bar_h, top = 46, 16, 30
    width = 720
    height = top + row_h * max(len(pairs), 1) + 8
    plot_w = width - label_width - 110
    peak = max((max(p.now, p.before) for p in pairs), default=0) or 1
    out = [_head(uid, title, desc, width, height), _hatch(uid)]
    # The legend, in words and in the two bar styles.
    out.append(
        f'<rect x="{label_width}" y="6" width="14" height="12" fill="{NOW}"/>'
        f'<text x="{label_width + 20}" y="16" font-size="12" fill="{INK}">This period</text>'
        f'<rect x="{label_width + 120}" y="6" width="14" height="12" fill="url(#{uid}-h)" '
        f'stroke="{BEFORE}"/>'
        f'<text x="{label_width + 140}" y="16" font-size="12" fill="{INK}">Previous period</text>'
    )
    for i, p in enumerate(pairs):
        y = top + i * row_h
        out.append(
            f'<text x="{label_width - 8}" y="{y + bar_h + 4}" text-anchor="end" font-size="13" '
            f'fill="{INK}">{escape(p.label)}</text>'
        )
        w_now = plot_w * p.now / peak
        w_before = plot_w * p.before / peak
        out.append(
            f'<rect x="{label_width}" y="{y}" width="{w_now:.1f}" height="{bar_h}" fill="{NOW}">'
            f"<title>{escape(p.label)}, this period: {escape(p.now_text)}</title></rect>"
            f'<text x="{label_width + w_now + 6:.1f}" y="{y + 12}" font-size="12" fill="{INK}">'
            f"{escape(p.now_text)}</text>"
            f'<rect x="{label_width}" y="{y + bar_h + 3}" width="{w_before:.1f}" '
            f'height="{bar_h}" fill="url(#{uid}-h)" stroke="{BEFORE}">'
            f"<title>{escape(p.label)}, previous period: {escape(p.before_text)}</title></rect>"
            f'<text x="{label_width + w_before + 6:.1f}" y="{y + bar_h + 15}" font-size="12" '
            f'fill="{INK}">{escape(p.before_text)} before</text>'
        )
    out.append("</svg>")
    return Markup("".join(out))


def strips(title: str, desc: str, rows: Sequence[tuple[str, Sequence[float], str]]) -> Markup:
    """One small bar strip per row (e.g. a rule's findings per day), with its
    label and total as text: "over time" without a colour per series."""
    uid = f"s{next(_ids)}"
    label_w, total_w, row_h = 190, 90, 34
    width = 720
    height = row_h * max(len(rows), 1) + 4
    plot_w = width - label_w - total_w
    out = [_head(uid, title, desc, width, height)]
    for i, (label, values, total) in enumerate(rows):
        y = i * row_h + 4
        peak = max(values, default=0) or 1
        step = plot_w / max(len(values), 1)
        out.append(
            f'<text x="{label_w - 8}" y="{y + 18}" text-anchor="end" font-size="13" '
            f'fill="{INK}">{escape(label)}</text>'
            f'<line x1="{label_w}" y1="{y + 26}" x2="{label_w + plot_w}" y2="{y + 26}" '
            f'stroke="#b1b4b6"/>'
        )
        for j, v in enumerate(values):
            h = 24 * v / peak
            out.append(
                f'<rect x="{label_w + j * step + step * 0.1:.1f}" y="{y + 26 - h:.1f}" '
                f'width="{max(step * 0.8, 0.8):.1f}" height="{h:.1f}" fill="{NOW}"/>'
            )
        out.append(
            f'<text x="{width - total_w + 8}" y="{y + 18}" font-size="13" fill="{INK}">'
            f"{escape(total)}</text>"
        )
    out.append("</svg>")
    return Markup("".join(out))


def _num(v: float) -> str:
    return f"{v:,.0f}" if v == int(v) else f"{v:,.1f}"
