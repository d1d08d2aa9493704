"""Inline SVG charts for the report (no script, no external resource; presentation attributes only, so the
picture also shows under the dashboard's strict content security policy)."""

from __future__ import annotations

import math
from html import escape

from .layout import force_layout, place_labels

QUAD_COLOURS = {1: "#9fd49b", 2: "#2e8b57", 3: "#f4a259", 4: "#c0392b"}
INK, MUTED, GRID = "#1d2330", "#667085", "#c3cad6"


def _attrs(**kw) -> str:
    return " ".join(
        f'{k.rstrip("_").replace("_", "-")}="{escape(str(v))}"' for k, v in kw.items() if v is not None
    )


def _el(tag: str, body: str = "", **kw) -> str:
    return f"<{tag} {_attrs(**kw)}>{body}</{tag}>" if body else f"<{tag} {_attrs(**kw)}/>"


def _svg(width: int, height: int, label: str, body: list[str], cls: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="{escape(label)}" class="{cls}" font-family="sans-serif">'
        f"<title>{escape(label)}</title>{''.join(body)}</svg>"
    )


def goldstein_colour(g: float | None) -> str:
    """-10 red .. 0 amber .. +10 green, as the dashboard."""
    if g is None:
        return "#98a2b3"
    t = max(-1.0, min(1.0, g / 10))
    a, b = ((232, 197, 71), (192, 57, 43)) if t < 0 else ((232, 197, 71), (46, 139, 87))
    u = abs(t)
    return "rgb({},{},{})".format(*(round(x + (y - x) * u) for x, y in zip(a, b, strict=True)))


def timeline_svg(series: list[dict], quad_labels: dict[int, str], label: str) -> str:
    """Stacked bars per period by quad class, with a count axis and period labels."""
    width, height, left, right, top, bottom = 720, 240, 40, 12, 14, 34
    iw, ih = width - left - right, height - top - bottom
    top_value = max([p["events"] for p in series] + [1])
    step = iw / max(1, len(series))
    bw = max(2.0, min(40.0, step * 0.7))
    body = [_el("line", x1=left, y1=top + ih, x2=width - right, y2=top + ih, stroke=GRID)]
    ticks = min(top_value, 4)
    for i in range(ticks + 1):
        v = round(top_value * i / ticks)
        y = top + ih - v / top_value * ih
        body.append(
            _el("text", str(v), x=left - 6, y=round(y + 3, 1), text_anchor="end", font_size=10, fill=MUTED)
        )
    every = math.ceil(len(series) / 10)
    for i, p in enumerate(series):
        x = left + i * step + (step - bw) / 2
        acc = 0
        for q in (1, 2, 3, 4):
            n = p.get(f"q{q}", 0)
            if not n:
                continue
            y0 = top + ih - (acc + n) / top_value * ih
            h = n / top_value * ih
            tip = f"{p['period']}: {n} × {quad_labels[q]}"
            body.append(
                _el(
                    "rect",
                    _el("title", escape(tip)),
                    x=round(x, 1),
                    y=round(y0, 1),
                    width=round(bw, 1),
                    height=round(h, 1),
                    fill=QUAD_COLOURS[q],
                    class_=f"bar q{q}",
                )
            )
            acc += n
        if i % every == 0:
            body.append(
                _el(
                    "text",
                    escape(p["period"]),
                    x=round(x + bw / 2, 1),
                    y=top + ih + 14,
                    text_anchor="middle",
                    font_size=10,
                    fill=MUTED,
                )
            )
    body.append(_legend(quad_labels, left, height - 6))
    return _svg(width, height, label, body, "chart timeline")


def _legend(quad_labels: dict[int, str], x: float, y: float) -> str:
    parts = []
    for q in (1, 2, 3, 4):
        parts.append(_el("rect", x=round(x, 1), y=y - 9, width=10, height=10, fill=QUAD_COLOURS[q]))
        parts.append(_el("text", escape(quad_labels[q]), x=round(x + 14, 1), y=y, font_size=10, fill=INK))
        x += 20 + len(quad_labels[q]) * 5.6
    return "".join(parts)


def quad_bars_svg(
    current: dict[int, int],
    previous: dict[int, int] | None,
    quad_labels: dict[int, str],
    names: tuple[str, str],
    label: str,
) -> str:
    """Events per quad class: this period (full bar) and, when there is one, the previous period (thin bar)."""
    width, row, left = 720, 34, 170
    height = 4 * row + 24
    top_value = max([*current.values(), *(previous or {}).values(), 1])
    scale = (width - left - 60) / top_value
    body = []
    for i, q in enumerate((1, 2, 3, 4)):
        y = 8 + i * row
        body.append(
            _el(
                "text",
                escape(quad_labels[q]),
                x=left - 8,
                y=y + 14,
                text_anchor="end",
                font_size=11,
                fill=INK,
            )
        )
        n = current.get(q, 0)
        body.append(
            _el(
                "rect",
                _el("title", escape(f"{names[0]}: {n}")),
                x=left,
                y=y + 2,
                width=round(max(1, n * scale), 1),
                height=16,
                fill=QUAD_COLOURS[q],
                class_=f"bar q{q}",
            )
        )
        body.append(_el("text", str(n), x=round(left + n * scale + 6, 1), y=y + 15, font_size=11, fill=INK))
        if previous is not None:
            m = previous.get(q, 0)
            body.append(
                _el(
                    "rect",
                    _el("title", escape(f"{names[1]}: {m}")),
                    x=left,
                    y=y + 21,
                    width=round(max(1, m * scale), 1),
                    height=6,
                    fill=MUTED,
                    class_="bar previous",
                )
            )
    if previous is not None:
        body.append(_el("rect", x=left, y=height - 12, width=18, height=6, fill=MUTED))
        body.append(_el("text", escape(names[1]), x=left + 24, y=height - 5, font_size=10, fill=MUTED))
    return _svg(width, height, label, body, "chart quads")


def network_svg(nodes: list[dict], edges: list[dict], label: str) -> str:
    """Actors as circles (size = events), pairs as lines (colour = mean Goldstein, width = events); every node
    and label inside the frame, labels that would overlap left to the tooltip."""
    width, height = 720, 420
    index = {n["id"]: i for i, n in enumerate(nodes)}
    top_weight = max([n["weight"] for n in nodes] + [1])
    radii = [6 + 12 * math.sqrt(n["weight"] / top_weight) for n in nodes]
    links = [(index[e["a"]], index[e["b"]]) for e in edges if e["a"] in index and e["b"] in index]
    pos = force_layout(len(nodes), links, radii, width, height, pad=4)
    order = sorted(range(len(nodes)), key=lambda i: -nodes[i]["weight"])
    labels = place_labels([n["name"] for n in nodes], pos, radii, width, height, order)
    top_edge = max([e["stories"] for e in edges] + [1])
    body = []
    for e in edges:
        a, b = pos[index[e["a"]]], pos[index[e["b"]]]
        tip = f"{e['a_name']} ⇄ {e['b_name']}: {e['stories']}"
        body.append(
            _el(
                "line",
                _el("title", escape(tip)),
                x1=a[0],
                y1=a[1],
                x2=b[0],
                y2=b[1],
                stroke=goldstein_colour(e["goldstein"]),
                stroke_width=round(1.5 + 5 * math.sqrt(e["stories"] / top_edge), 1),
                class_="edge",
            )
        )
    for i, n in enumerate(nodes):
        x, y = pos[i]
        body.append(
            _el(
                "circle",
                _el("title", escape(n["name"])),
                cx=x,
                cy=y,
                r=round(radii[i], 1),
                fill="#5b7fc7",
                stroke="#ffffff",
                stroke_width=1.5,
                class_="node",
                data_id=n["id"],
            )
        )
    for i, placed in enumerate(labels):
        if placed:
            body.append(
                _el(
                    "text",
                    escape(nodes[i]["name"]),
                    x=placed[0],
                    y=placed[1],
                    text_anchor=placed[2],
                    font_size=11,
                    fill=INK,
                    class_="label",
                )
            )
    return _svg(width, height, label, body, "chart network")
