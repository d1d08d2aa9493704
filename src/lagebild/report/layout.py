"""A small deterministic network layout for the report's picture: Fruchterman-Reingold with every node kept
inside the frame, then labels placed where they overlap no other label, no node and stay inside the frame.
(The dashboard's graph.js does the same in the browser.)"""

from __future__ import annotations

import math
from dataclasses import dataclass

CHAR_WIDTH = 6.4  # px per character at the 11px label font, a little generous
LABEL_HEIGHT = 13.0


@dataclass(slots=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box) -> bool:
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1

    def inside(self, width: float, height: float) -> bool:
        return self.x0 >= 0 and self.y0 >= 0 and self.x1 <= width and self.y1 <= height


def force_layout(
    n: int,
    links: list[tuple[int, int]],
    radii: list[float],
    width: float,
    height: float,
    *,
    pad: float = 6.0,
    iterations: int = 300,
) -> list[tuple[float, float]]:
    """Positions for `n` nodes; node i stays at least radii[i] + pad inside the frame."""
    if n == 0:
        return []
    pos = [
        [
            width / 2 + width / 3 * math.cos(2 * math.pi * i / n),
            height / 2 + height / 3 * math.sin(2 * math.pi * i / n),
        ]
        for i in range(n)
    ]
    k = math.sqrt(width * height / n) * 0.65
    gravity = 0.05 * k  # tuned so that 8 to 90 nodes fill the frame without piling up at its walls
    temp = width / 8
    for _ in range(iterations if n > 1 else 0):
        disp = [[0.0, 0.0] for _ in range(n)]
        for i in range(n):
            for j in range(i + 1, n):
                dx, dy = pos[i][0] - pos[j][0], pos[i][1] - pos[j][1]
                d = max(0.5, math.hypot(dx, dy))
                f = k * k / d
                disp[i][0] += dx / d * f
                disp[i][1] += dy / d * f
                disp[j][0] -= dx / d * f
                disp[j][1] -= dy / d * f
        for a, b in links:
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            d = max(0.5, math.hypot(dx, dy))
            f = d * d / k
            disp[a][0] -= dx / d * f
            disp[a][1] -= dy / d * f
            disp[b][0] += dx / d * f
            disp[b][1] += dy / d * f
        for i in range(n):
            disp[i][0] += (width / 2 - pos[i][0]) * gravity
            disp[i][1] += (height / 2 - pos[i][1]) * gravity
            d = max(0.01, math.hypot(*disp[i]))
            step = min(d, temp)
            pos[i][0] += disp[i][0] / d * step
            pos[i][1] += disp[i][1] / d * step
        temp = max(0.5, temp * 0.97)
        _clamp(pos, radii, width, height, pad)
    if n == 1:
        pos[0] = [width / 2, height / 2]
    return [(round(x, 1), round(y, 1)) for x, y in pos]


def _clamp(pos: list[list[float]], radii: list[float], width: float, height: float, pad: float) -> None:
    for i, p in enumerate(pos):
        m = radii[i] + pad
        p[0] = min(max(p[0], m), width - m)
        p[1] = min(max(p[1], m), height - m)


def place_labels(
    labels: list[str],
    pos: list[tuple[float, float]],
    radii: list[float],
    width: float,
    height: float,
    order: list[int],
) -> list[tuple[float, float, str] | None]:
    """For each node (in `order` of importance) a label anchor (x, baseline y, text-anchor), or None when
    every candidate position would overlap a label or a node or leave the frame."""
    nodes = [Box(x - r, y - r, x + r, y + r) for (x, y), r in zip(pos, radii, strict=True)]
    placed: list[Box] = []
    out: list[tuple[float, float, str] | None] = [None] * len(labels)
    for i in order:
        (x, y), r, w = pos[i], radii[i], len(labels[i]) * CHAR_WIDTH
        candidates = [
            (x, y + r + LABEL_HEIGHT, "middle"),
            (x, y - r - 4, "middle"),
            (x + r + 4, y + 4, "start"),
            (x - r - 4, y + 4, "end"),
            (x + r + 2, y + r + LABEL_HEIGHT, "start"),
            (x - r - 2, y + r + LABEL_HEIGHT, "end"),
            (x + r + 2, y - r - 2, "start"),
            (x - r - 2, y - r - 2, "end"),
        ]
        for cx, cy, anchor in candidates:
            x0 = cx - w / 2 if anchor == "middle" else cx if anchor == "start" else cx - w
            box = Box(x0, cy - LABEL_HEIGHT + 3, x0 + w, cy + 3)
            if (
                box.inside(width, height)
                and not any(box.overlaps(b) for b in placed)
                and not any(box.overlaps(nb) for j, nb in enumerate(nodes) if j != i)
            ):
                placed.append(box)
                out[i] = (round(cx, 1), round(cy, 1), anchor)
                break
    return out
