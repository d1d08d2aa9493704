// Actor network: a small deterministic force layout drawn as SVG (no library).
import { clear, goldsteinColour, svg, fmt } from "./util.js";

const W = 720, H = 460, PAD = 30, PADX = 70;

function layout(nodes, edges) {
  const n = nodes.length;
  const index = new Map(nodes.map((d, i) => [d.id, i]));
  // Start on a circle (deterministic), then Fruchterman–Reingold with cooling.
  const pos = nodes.map((_, i) => {
    const a = (2 * Math.PI * i) / Math.max(1, n);
    return { x: W / 2 + (W / 3) * Math.cos(a), y: H / 2 + (H / 3) * Math.sin(a) };
  });
  if (n <= 1) {
    if (n === 1) { pos[0].x = W / 2; pos[0].y = H / 2; }
    return pos;
  }
  const k = Math.sqrt(((W - 2 * PADX) * (H - 2 * PAD)) / n) * (n > 30 ? 1.0 : 0.75);
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
      // gentle pull to the centre keeps unconnected actors on screen
      disp[i].x += (W / 2 - pos[i].x) * 0.01 * k / 10;
      disp[i].y += (H / 2 - pos[i].y) * 0.01 * k / 10;
      const d = Math.max(0.1, Math.hypot(disp[i].x, disp[i].y));
      pos[i].x += (disp[i].x / d) * Math.min(d, temp);
      pos[i].y += (disp[i].y / d) * Math.min(d, temp);
      pos[i].x = Math.max(PADX, Math.min(W - PADX, pos[i].x));
      pos[i].y = Math.max(PAD, Math.min(H - PAD, pos[i].y));
    }
    temp = Math.max(0.5, temp * 0.97);
  }
  return pos;
}

export function drawNetwork(root, net, { selectedActor, selectedDyad, onNode, onEdge }) {
  clear(root);
  const { nodes, edges } = net;
  if (!nodes.length) {
    root.append(svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "empty" }, "No events between linked actors for this filter."));
    return;
  }
  const pos = layout(nodes, edges);
  const at = new Map(nodes.map((d, i) => [d.id, pos[i]]));
  const maxMentions = Math.max(1, ...nodes.map((d) => d.mentions));
  const radius = new Map(nodes.map((d) => [d.id, 6 + 16 * Math.sqrt(d.mentions / maxMentions)]));
  const maxWeight = Math.max(1, ...edges.map((e) => e.weight));
  const pairs = new Set(edges.map((e) => `${e.source}\u0000${e.target}`));

  const defs = svg("defs");
  root.append(defs);
  const edgeLayer = svg("g", { class: "edges" });
  const nodeLayer = svg("g", { class: "nodes" });
  root.append(edgeLayer, nodeLayer);

  edges.forEach((e, i) => {
    const a = at.get(e.source), b = at.get(e.target);
    if (!a || !b) return;
    const colour = goldsteinColour(e.goldstein);
    const markerId = `arrow-${i}`;
    defs.append(svg("marker", { id: markerId, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 5, markerHeight: 5, orient: "auto-start-reverse" },
      svg("path", { d: "M0,0 L10,5 L0,10 z", fill: colour })));
    // Curve both directions of a reciprocal dyad apart; end lines at the node's rim.
    const reciprocal = pairs.has(`${e.target}\u0000${e.source}`);
    const dx = b.x - a.x, dy = b.y - a.y, len = Math.max(1, Math.hypot(dx, dy));
    const nx = -dy / len, ny = dx / len, bend = reciprocal ? 18 : 0;
    const mx = (a.x + b.x) / 2 + nx * bend, my = (a.y + b.y) / 2 + ny * bend;
    const ra = radius.get(e.source), rb = radius.get(e.target) + 3;
    const ta = Math.hypot(mx - a.x, my - a.y) || 1, tb = Math.hypot(b.x - mx, b.y - my) || 1;
    const sx = a.x + ((mx - a.x) / ta) * ra, sy = a.y + ((my - a.y) / ta) * ra;
    const ex = b.x - ((b.x - mx) / tb) * rb, ey = b.y - ((b.y - my) / tb) * rb;
    const d = `M${sx.toFixed(1)},${sy.toFixed(1)} Q${mx.toFixed(1)},${my.toFixed(1)} ${ex.toFixed(1)},${ey.toFixed(1)}`;
    const selected = selectedDyad && selectedDyad[0] === e.source && selectedDyad[1] === e.target;
    const dim = selectedActor && e.source !== selectedActor && e.target !== selectedActor;
    const g = svg("g", { class: `edge${selected ? " selected" : ""}${dim ? " dim" : ""}`, "data-source": e.source, "data-target": e.target },
      svg("title", {}, `${e.source} → ${e.target}: ${e.weight} event(s), ${e.mentions} mention(s), mean Goldstein ${fmt(e.goldstein)}`),
      svg("path", { class: "line", d, stroke: colour, "stroke-width": (1.5 + 5 * Math.sqrt(e.weight / maxWeight)).toFixed(1), "marker-end": `url(#${markerId})` }),
      svg("path", { class: "hit", d, onclick: () => onEdge(e) }));
    edgeLayer.append(g);
  });

  // Label the most mentioned actors (all of them in a small graph); the others name themselves on hover.
  const labelled = new Set([...nodes].sort((a, b) => b.mentions - a.mentions).slice(0, 25).map((d) => d.id));
  if (selectedActor) labelled.add(selectedActor);
  nodes.forEach((d) => {
    const p = at.get(d.id), r = radius.get(d.id);
    const selected = d.id === selectedActor;
    const g = svg("g", { class: `node${selected ? " selected" : ""}`, "data-id": d.id, transform: `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})` },
      svg("title", {}, `${d.name} (${d.code ?? "?"}) — ${d.mentions} mention(s) in ${d.articles} article(s)`),
      svg("circle", { r: r.toFixed(1), fill: d.id.length <= 3 || /^[A-Z]{3}$/.test(d.code ?? "") ? "#5b7fc7" : "#8e6cc2", onclick: () => onNode(d) }),
      labelled.has(d.id) ? svg("text", { x: 0, y: r + 12, "text-anchor": "middle" }, d.name) : null);
    nodeLayer.append(g);
  });
}
