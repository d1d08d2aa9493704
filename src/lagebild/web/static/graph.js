// Actor network: a small deterministic force layout drawn as SVG (no library). Every node stays inside the
// frame (its circle included), labels go where they overlap no other label and no node, and the selected edge
// is drawn on top, thicker and outlined, with the others faded.
import { clear, goldsteinColour, svg, fmt } from "./util.js";

const W = 720, H = 460, PAD = 4;
const CHAR_W = 6.4, LABEL_H = 13;

function clamp(p, r) {
  p.x = Math.max(r + PAD, Math.min(W - r - PAD, p.x));
  p.y = Math.max(r + PAD, Math.min(H - r - PAD, p.y));
}

export function layout(nodes, edges, radius) {
  const n = nodes.length;
  const index = new Map(nodes.map((d, i) => [d.id, i]));
  const pos = nodes.map((_, i) => {
    const a = (2 * Math.PI * i) / Math.max(1, n);
    return { x: W / 2 + (W / 3) * Math.cos(a), y: H / 2 + (H / 3) * Math.sin(a) };
  });
  if (n <= 1) {
    if (n === 1) { pos[0].x = W / 2; pos[0].y = H / 2; }
    return pos;
  }
  // Fruchterman–Reingold with cooling and a pull to the centre; the frame is a hard wall for every circle.
  const k = Math.sqrt((W * H) / n) * 0.65;
  const gravity = 0.05 * k; // tuned so that 8 to 90 actors fill the frame without piling up at its walls
  const links = edges.map((e) => [index.get(e.source), index.get(e.target)]).filter(([a, b]) => a !== undefined && b !== undefined);
  let temp = W / 8;
  const iterations = n > 120 ? 150 : 300;
  for (let it = 0; it < iterations; it++) {
    const disp = pos.map(() => ({ x: 0, y: 0 }));
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
        let d2 = dx * dx + dy * dy;
        if (d2 < 0.01) { dx = 0.1 * (i - j); dy = 0.1; d2 = dx * dx + dy * dy; }
        const d = Math.sqrt(d2), f = (k * k) / d;
        disp[i].x += (dx / d) * f; disp[i].y += (dy / d) * f;
        disp[j].x -= (dx / d) * f; disp[j].y -= (dy / d) * f;
      }
    }
    for (const [a, b] of links) {
      const dx = pos[a].x - pos[b].x, dy = pos[a].y - pos[b].y;
      const d = Math.max(0.1, Math.sqrt(dx * dx + dy * dy)), f = (d * d) / k;
      disp[a].x -= (dx / d) * f; disp[a].y -= (dy / d) * f;
      disp[b].x += (dx / d) * f; disp[b].y += (dy / d) * f;
    }
    for (let i = 0; i < n; i++) {
      disp[i].x += (W / 2 - pos[i].x) * gravity;
      disp[i].y += (H / 2 - pos[i].y) * gravity;
      const d = Math.max(0.1, Math.hypot(disp[i].x, disp[i].y));
      pos[i].x += (disp[i].x / d) * Math.min(d, temp);
      pos[i].y += (disp[i].y / d) * Math.min(d, temp);
      clamp(pos[i], radius(nodes[i]));
    }
    temp = Math.max(0.5, temp * 0.97);
  }
  return pos;
}

// Label anchors for nodes in order of importance: below, above, right, left, then the diagonals; a label that
// fits nowhere is left out (the node's tooltip names it).
export function placeLabels(nodes, pos, radius, order) {
  const boxes = nodes.map((d, i) => { const r = radius(d); return [pos[i].x - r, pos[i].y - r, pos[i].x + r, pos[i].y + r]; });
  const overlaps = (a, b) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
  const placed = [];
  const out = new Map();
  for (const i of order) {
    const d = nodes[i], { x, y } = pos[i], r = radius(d), w = d.name.length * CHAR_W;
    const candidates = [[x, y + r + LABEL_H, "middle"], [x, y - r - 4, "middle"], [x + r + 4, y + 4, "start"],
      [x - r - 4, y + 4, "end"], [x + r + 2, y + r + LABEL_H, "start"], [x - r - 2, y + r + LABEL_H, "end"],
      [x + r + 2, y - r - 2, "start"], [x - r - 2, y - r - 2, "end"]];
    for (const [cx, cy, anchor] of candidates) {
      const x0 = anchor === "middle" ? cx - w / 2 : anchor === "start" ? cx : cx - w;
      const box = [x0, cy - LABEL_H + 3, x0 + w, cy + 3];
      if (box[0] < 0 || box[1] < 0 || box[2] > W || box[3] > H) continue;
      if (placed.some((b) => overlaps(box, b)) || boxes.some((b, j) => j !== i && overlaps(box, b))) continue;
      placed.push(box);
      out.set(d.id, { x: cx, y: cy, anchor });
      break;
    }
  }
  return out;
}

export function drawNetwork(root, net, { selectedActor, selectedDyad, onNode, onEdge, nameOf }) {
  clear(root);
  const { nodes, edges } = net;
  if (!nodes.length) {
    root.append(svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "empty" }, "No events between linked actors for this filter."));
    return;
  }
  const maxMentions = Math.max(1, ...nodes.map((d) => d.mentions));
  const grow = nodes.length > 40 ? 8 : 16; // smaller circles when many actors share the frame
  const radii = new Map(nodes.map((d) => [d.id, 6 + grow * Math.sqrt(d.mentions / maxMentions)]));
  const radius = (d) => radii.get(d.id);
  const pos = layout(nodes, edges, radius);
  const at = new Map(nodes.map((d, i) => [d.id, pos[i]]));
  const maxWeight = Math.max(1, ...edges.map((e) => e.weight));
  const pairs = new Set(edges.map((e) => `${e.source}\u0000${e.target}`));
  const label = (id) => nameOf(id);
  const isSelected = (e) => selectedDyad && ((selectedDyad[0] === e.source && selectedDyad[1] === e.target)
    || (selectedDyad[0] === e.target && selectedDyad[1] === e.source));
  root.classList.toggle("has-selection", Boolean(selectedDyad));

  const defs = svg("defs");
  root.append(defs);
  const edgeLayer = svg("g", { class: "edges" });
  const nodeLayer = svg("g", { class: "nodes" });
  const labelLayer = svg("g", { class: "labels" });
  root.append(edgeLayer, nodeLayer, labelLayer);

  const ordered = [...edges].sort((a, b) => Number(isSelected(a)) - Number(isSelected(b))); // selected on top
  ordered.forEach((e, i) => {
    const a = at.get(e.source), b = at.get(e.target);
    if (!a || !b) return;
    const selected = isSelected(e);
    const colour = goldsteinColour(e.goldstein);
    const markerId = `arrow-${i}`;
    // arrowheads of a fixed size (user units), however wide the line
    defs.append(svg("marker", { id: markerId, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" },
      svg("path", { d: "M0,0 L10,5 L0,10 z", fill: selected ? "#1d2330" : colour })));
    // Curve both directions of a reciprocal dyad apart; end lines at the node's rim.
    const reciprocal = pairs.has(`${e.target}\u0000${e.source}`);
    const dx = b.x - a.x, dy = b.y - a.y, len = Math.max(1, Math.hypot(dx, dy));
    const nx = -dy / len, ny = dx / len, bend = reciprocal ? 18 : 0;
    const mx = (a.x + b.x) / 2 + nx * bend, my = (a.y + b.y) / 2 + ny * bend;
    const ra = radii.get(e.source), rb = radii.get(e.target) + 3;
    const ta = Math.hypot(mx - a.x, my - a.y) || 1, tb = Math.hypot(b.x - mx, b.y - my) || 1;
    const sx = a.x + ((mx - a.x) / ta) * ra, sy = a.y + ((my - a.y) / ta) * ra;
    const ex = b.x - ((b.x - mx) / tb) * rb, ey = b.y - ((b.y - my) / tb) * rb;
    const d = `M${sx.toFixed(1)},${sy.toFixed(1)} Q${mx.toFixed(1)},${my.toFixed(1)} ${ex.toFixed(1)},${ey.toFixed(1)}`;
    const dim = (selectedActor && e.source !== selectedActor && e.target !== selectedActor) || (selectedDyad && !selected);
    const width = 1.5 + 5 * Math.sqrt(e.weight / maxWeight);
    const g = svg("g", { class: `edge${selected ? " selected" : ""}${dim ? " dim" : ""}`, "data-source": e.source, "data-target": e.target },
      svg("title", {}, `${label(e.source)} → ${label(e.target)}: ${e.weight} event(s), ${e.mentions} mention(s), mean Goldstein ${fmt(e.goldstein)}`),
      selected ? svg("path", { class: "halo", d, "stroke-width": (width + 5).toFixed(1) }) : null,
      svg("path", { class: "line", d, stroke: colour, "stroke-width": (selected ? width + 1.5 : width).toFixed(1), "marker-end": `url(#${markerId})` }),
      svg("path", { class: "hit", d, onclick: () => onEdge(e) }));
    edgeLayer.append(g);
  });

  const order = nodes.map((_, i) => i).sort((i, j) => {
    const pin = (d) => (d.id === selectedActor || (selectedDyad && selectedDyad.includes(d.id)) ? 1 : 0);
    return pin(nodes[j]) - pin(nodes[i]) || nodes[j].mentions - nodes[i].mentions;
  });
  const labels = placeLabels(nodes, pos, radius, order);
  nodes.forEach((d) => {
    const p = at.get(d.id), r = radii.get(d.id);
    const selected = d.id === selectedActor || (selectedDyad && selectedDyad.includes(d.id));
    nodeLayer.append(svg("g", { class: `node${selected ? " selected" : ""}`, "data-id": d.id, transform: `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})` },
      svg("title", {}, `${d.name} (${d.code ?? "?"}) — ${d.mentions} mention(s) in ${d.articles} article(s)`),
      svg("circle", { r: r.toFixed(1), fill: d.id.length <= 3 || /^[A-Z]{3}$/.test(d.code ?? "") ? "#5b7fc7" : "#8e6cc2", onclick: () => onNode(d) })));
    const l = labels.get(d.id);
    if (l) labelLayer.append(svg("text", { x: l.x.toFixed(1), y: l.y.toFixed(1), "text-anchor": l.anchor, class: "label", "data-for": d.id }, d.name));
  });
}
