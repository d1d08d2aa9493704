// Dyad timeline: events per period stacked by quad class, mean Goldstein as a line (SVG, no library).
import { clear, svg, fmt } from "./util.js";
import { DATE_HINT } from "./volume.js";

const W = 720, H = 300, L = 40, R = 40, T = 24, B = 36;
const QUADS = [["q1", "verbal cooperation", "#9fd49b"], ["q2", "material cooperation", "#2e8b57"],
  ["q3", "verbal conflict", "#f4a259"], ["q4", "material conflict", "#c0392b"]];

export function drawTimeline(root, data) {
  clear(root);
  const series = data?.series ?? [];
  if (!series.length) {
    const message = !data ? "Click an edge in the network to see its timeline."
      : data.undated ? `${data.undated} event(s) of this dyad have no date (neither in the text nor a publication date): ${DATE_HINT}.`
        : "No events for this dyad and filter.";
    // SVG text does not wrap: one line per clause
    const lines = message.split(/(?<=:) /);
    lines.forEach((line, i) => root.append(svg("text", { x: W / 2, y: H / 2 + (i - (lines.length - 1) / 2) * 18, "text-anchor": "middle", class: "empty" }, line)));
    return;
  }
  const maxEvents = Math.max(1, ...series.map((p) => p.events));
  const iw = W - L - R, ih = H - T - B;
  const step = iw / series.length, bw = Math.max(2, Math.min(40, step * 0.7));
  const y = (v) => T + ih - (v / maxEvents) * ih;
  const yg = (g) => T + ih / 2 - (g / 10) * (ih / 2);
  const axis = svg("g", { class: "axis" });
  axis.append(svg("line", { x1: L, y1: T + ih, x2: W - R, y2: T + ih }));
  const ticks = Math.min(maxEvents, 4);
  for (let i = 0; i <= ticks; i++) {
    const v = Math.round((maxEvents * i) / ticks);
    axis.append(svg("text", { x: L - 6, y: y(v) + 3, "text-anchor": "end" }, v));
  }
  for (const g of [-10, 0, 10]) {
    axis.append(svg("text", { x: W - R + 6, y: yg(g) + 3 }, g > 0 ? `+${g}` : g));
  }
  axis.append(svg("line", { x1: L, y1: yg(0), x2: W - R, y2: yg(0), "stroke-dasharray": "3 3" }));
  axis.append(svg("text", { x: 4, y: 12 }, "events"), svg("text", { x: W - 4, y: 12, "text-anchor": "end" }, "Goldstein"));
  root.append(axis);
  const labelEvery = Math.ceil(series.length / 12);
  const bars = svg("g", { class: "bars" });
  series.forEach((p, i) => {
    const x = L + i * step + (step - bw) / 2;
    let acc = 0;
    for (const [key, label, colour] of QUADS) {
      const v = p[key];
      if (!v) continue;
      bars.append(svg("rect", { x: x.toFixed(1), y: y(acc + v).toFixed(1), width: bw.toFixed(1), height: (y(acc) - y(acc + v)).toFixed(1), fill: colour, class: `bar ${key}`, "data-period": p.period },
        svg("title", {}, `${p.period}: ${v} × ${label}`)));
      acc += v;
    }
    if (i % labelEvery === 0) {
      axis.append(svg("text", { x: (x + bw / 2).toFixed(1), y: T + ih + 14, "text-anchor": "middle" }, p.period));
    }
  });
  root.append(bars);
  const pts = series.map((p, i) => [L + i * step + step / 2, p.goldstein]).filter(([, g]) => g !== null);
  if (pts.length) {
    root.append(svg("polyline", { points: pts.map(([x, g]) => `${x.toFixed(1)},${yg(g).toFixed(1)}`).join(" "), fill: "none", stroke: "#1d2330", "stroke-width": 2, class: "goldstein-line" }));
    for (const [x, g] of pts) {
      root.append(svg("circle", { cx: x.toFixed(1), cy: yg(g).toFixed(1), r: 3.5, fill: "#1d2330" }, svg("title", {}, `mean Goldstein ${fmt(g)}`)));
    }
  }
}
