"""Server-rendered SVG charts: real axes and marks, no JavaScript, nothing fetched at run time.

Why SVG on the server: the pages must work offline on a laptop and on a phone, and a chart
should be readable without scripts (and by screen readers: each chart has a ``<title>`` and
``<desc>``, and pages put the numbers in a table beside it). Every label goes through
``markupsafe`` so outlet and person names cannot inject markup.
"""
from __future__ import annotations

import math
from typing import Any

from markupsafe import Markup

SERIES_COLOURS = ("#1d4ed8", "#c2410c", "#15803d", "#6d28d9", "#be185d", "#0e7490", "#b45309", "#44403c")


def _nice_max(v: float) -> float:
    if v <= 0:
        return 1.0
    exp = 10 ** math.floor(math.log10(v))
    for m in (1, 2, 2.5, 5, 10):
        if v <= m * exp:
            return m * exp
    return 10 * exp


def bars_over_time(rows: list[dict[str, Any]], series: tuple[str, ...], *, title: str,
                   width: int = 720, height: int = 260) -> Markup:
    """Grouped bars per period (``rows[i]["period"]``) for each series key, with y axis and legend."""
    if not rows:
        return Markup('<p class="muted">No dated articles to chart.</p>')
    left, right, top, bottom = 44, 12, 28, 58
    plot_w, plot_h = width - left - right, height - top - bottom
    ymax = _nice_max(max(max(r[s] for s in series) for r in rows))
    band = plot_w / len(rows)
    bar_w = max(2.0, min(28.0, band * 0.8 / len(series)))
    out = [Markup('<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-t {}-d">').format(
        width, height, id(rows), id(rows)),
        Markup('<title id="{}-t">{}</title>').format(id(rows), title),
        Markup('<desc id="{}-d">{}</desc>').format(
            id(rows), "; ".join(f"{r['period']}: " + ", ".join(f"{r[s]} {s}" for s in series) for r in rows))]
    for i in range(5):
        v = ymax * i / 4
        y = top + plot_h - plot_h * i / 4
        out.append(Markup('<line x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}" class="grid"/>'
                          '<text x="{}" y="{:.1f}" class="tick" text-anchor="end">{}</text>').format(
            left, width - right, y, y, left - 6, y + 4, f"{v:g}"))
    label_every = max(1, math.ceil(len(rows) / 12))
    for i, r in enumerate(rows):
        x0 = left + band * i + (band - bar_w * len(series)) / 2
        for j, s in enumerate(series):
            h = plot_h * r[s] / ymax
            out.append(Markup('<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}">'
                              '<title>{}, {}: {}</title></rect>').format(
                x0 + j * bar_w, top + plot_h - h, bar_w, h, SERIES_COLOURS[j % len(SERIES_COLOURS)],
                r["period"], s, r[s]))
        if i % label_every == 0:
            cx = left + band * i + band / 2
            out.append(Markup('<text x="{:.1f}" y="{}" class="tick" text-anchor="end" '
                              'transform="rotate(-35 {:.1f} {})">{}</text>').format(
                cx, top + plot_h + 14, cx, top + plot_h + 14, r["period"]))
    out.append(Markup('<line x1="{}" x2="{}" y1="{}" y2="{}" class="axis"/>').format(
        left, width - right, top + plot_h, top + plot_h))
    for j, s in enumerate(series):
        x = left + j * 110
        out.append(Markup('<rect x="{}" y="6" width="12" height="12" fill="{}"/><text x="{}" y="16" class="legend">{}'
                          '</text>').format(x, SERIES_COLOURS[j % len(SERIES_COLOURS)], x + 16, s))
    out.append(Markup("</svg>"))
    return Markup("").join(out)


def swimlanes(points: list[dict[str, Any]], *, title: str, width: int = 720) -> Markup:
    """A timeline: one lane per outlet, dates on x; hollow circles sized by mentions, filled squares by quotes."""
    if not points:
        return Markup('<p class="muted">No dated mentions to chart.</p>')
    lanes = sorted({p["outlet"] for p in points})
    dates = sorted({p["date"] for p in points if p["date"]})
    if not dates:
        return Markup('<p class="muted">No dated mentions to chart.</p>')
    left, right, top, lane_h = 130, 20, 34, 40
    height = top + lane_h * len(lanes) + 50
    plot_w = width - left - right
    xs = {d: left + (plot_w * (i + 0.5) / len(dates)) for i, d in enumerate(dates)}
    most = max(max(p["mentions"], p["quotes"]) for p in points) or 1
    out = [Markup('<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="tl-t tl-d">').format(
        width, height),
        Markup('<title id="tl-t">{}</title>').format(title),
        Markup('<desc id="tl-d">{}</desc>').format("; ".join(
            f"{p['outlet']} {p['date']}: {p['mentions']} mentions, {p['quotes']} quotes" for p in points))]
    for i, lane in enumerate(lanes):
        y = top + lane_h * i + lane_h / 2
        out.append(Markup('<line x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}" class="grid"/>'
                          '<text x="{}" y="{:.1f}" class="tick" text-anchor="end">{}</text>').format(
            left, width - right, y, y, left - 8, y + 4, lane if len(lane) <= 18 else lane[:17] + "…"))
    for p in points:
        if not p["date"]:
            continue
        y = top + lane_h * lanes.index(p["outlet"]) + lane_h / 2
        x = xs[p["date"]]
        if p["mentions"]:
            r = 3 + 11 * math.sqrt(p["mentions"] / most)
            out.append(Markup('<circle cx="{:.1f}" cy="{:.1f}" r="{:.1f}" class="mention"><title>{} {}, mentions: {}'
                              '</title></circle>').format(x, y, r, p["outlet"], p["date"], p["mentions"]))
        if p["quotes"]:
            s = 4 + 10 * math.sqrt(p["quotes"] / most)
            out.append(Markup('<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" class="quote"><title>{} {}, '
                              'quotes: {}</title></rect>').format(x - s / 2, y - s / 2, s, s, p["outlet"], p["date"],
                                                                 p["quotes"]))
    label_every = max(1, math.ceil(len(dates) / 10))
    base = top + lane_h * len(lanes)
    for i, d in enumerate(dates):
        if i % label_every == 0:
            out.append(Markup('<text x="{:.1f}" y="{}" class="tick" text-anchor="middle">{}</text>').format(
                xs[d], base + 16, d))
    out.append(Markup('<circle cx="{}" cy="14" r="6" class="mention"/><text x="{}" y="18" class="legend">mentions'
                      '</text><rect x="{}" y="8" width="11" height="11" class="quote"/><text x="{}" y="18" '
                      'class="legend">quotes</text>').format(left, left + 10, left + 100, left + 115))
    out.append(Markup("</svg>"))
    return Markup("").join(out)


def share_bars(shares: list[dict[str, Any]]) -> Markup:
    """Horizontal bars of each speaker's share of quoted words, in the speaker's colour."""
    if not shares:
        return Markup("")
    row_h, width, label_w = 26, 320, 120
    height = row_h * len(shares) + 4
    top_share = max(s["share"] for s in shares) or 1.0
    out = [Markup('<svg class="chart shares" viewBox="0 0 {} {}" role="img" aria-label="Share of quoted words per '
                  'speaker">').format(width, height)]
    for i, s in enumerate(shares):
        y = i * row_h + 2
        w = (width - label_w - 44) * s["share"] / top_share
        name = s["name"] if len(s["name"]) <= 16 else s["name"][:15] + "…"
        out.append(Markup('<text x="{}" y="{}" class="tick" text-anchor="end">{}</text>'
                          '<rect x="{}" y="{}" width="{:.1f}" height="16" fill="{}" stroke="{}"/>'
                          '<text x="{:.1f}" y="{}" class="tick">{:.0%}</text>').format(
            label_w - 6, y + 13, name, label_w, y + 1, max(w, 1), s["colour"][0], s["colour"][1],
            label_w + w + 4, y + 13, s["share"]))
    out.append(Markup("</svg>"))
    return Markup("").join(out)
