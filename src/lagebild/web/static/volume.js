// Volume over time: events per day/week/month/year stacked by quad class for the current filters (SVG).
import { clear, svg } from "./util.js";

const W = 1440, H = 170, L = 44, R = 12, T = 12, B = 30;
const QUADS = [["q1", "verbal cooperation", "#9fd49b"], ["q2", "material cooperation", "#2e8b57"],
  ["q3", "verbal conflict", "#f4a259"], ["q4", "material conflict", "#c0392b"]];

export const DATE_HINT = "give articles a publication date: the \"published\" field of JSON/JSONL input, or the date an HTML page carries";

export function drawVolume(root, data) {
  clear(root);
  const series = data?.series ?? [];
  if (!series.length) {
    const message = data?.undated ? `${data.undated} event(s) match, none has a date: ${DATE_HINT}.` : "No events for this filter.";
    root.append(svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "empty" }, message));
    return;
  }
  const top = Math.max(1, ...series.map((p) => p.events));
  const iw = W - L - R, ih = H - T - B;
  const step = iw / series.length, bw = Math.max(2, Math.min(36, step * 0.75));
  const y = (v) => T + ih - (v / top) * ih;
  const axis = svg("g", { class: "axis" });
  axis.append(svg("line", { x1: L, y1: T + ih, x2: W - R, y2: T + ih }));
  const tick = Math.max(1, Math.ceil(top / 4));
  for (let v = 0; v <= top; v += tick) axis.append(svg("text", { x: L - 6, y: y(v) + 3, "text-anchor": "end" }, v));
  const every = Math.ceil(series.length / 16);
  const bars = svg("g", { class: "bars" });
  series.forEach((p, i) => {
    const x = L + i * step + (step - bw) / 2;
    let acc = 0;
    for (const [key, label, colour] of QUADS) {
      const v = p[key];
      if (!v) continue;
      bars.append(svg("rect", { x: x.toFixed(1), y: y(acc + v).toFixed(1), width: bw.toFixed(1), height: (y(acc) - y(acc + v)).toFixed(1), fill: colour, class: `bar ${key}`, "data-period": p.period },
        svg("title", {}, `${p.period} (${data.period}): ${v} × ${label}`)));
      acc += v;
    }
    if (i % every === 0) axis.append(svg("text", { x: (x + bw / 2).toFixed(1), y: T + ih + 14, "text-anchor": "middle" }, p.period));
  });
  root.append(axis, bars);
}
