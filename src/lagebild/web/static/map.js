// Event map: the shipped Natural Earth outlines (offline) in an equirectangular projection, events from
// /events.geojson clustered on a screen grid, coloured by quad class; a ring marks a country-level placement.
import { api, clear, svg } from "./util.js";

const W = 720, H = 360, CELL = 30;
const QUAD = { 1: "#9fd49b", 2: "#2e8b57", 3: "#f4a259", 4: "#c0392b" };
const PRECISION = { place: "named place", country: "country named in the sentence", target_country: "target's country", source_country: "source's country" };
let world = null;

const project = ([lon, lat]) => [((lon + 180) / 360) * W, ((90 - lat) / 180) * H];

async function basemap() {
  if (!world) world = await api("/basemap.json");
  return world;
}

function countryPaths(data) {
  const g = svg("g", { class: "countries" });
  for (const c of data.countries) {
    const d = c.rings.map((ring) => `M${ring.map((p) => project(p).map((v) => v.toFixed(1)).join(",")).join("L")}Z`).join("");
    g.append(svg("path", { d, class: "country", "data-iso": c.iso3 }, svg("title", {}, c.name)));
  }
  return g;
}

// Features that fall in the same grid cell (CELL screen pixels at the current zoom) form one cluster.
export function cluster(features, zoom) {
  const size = CELL / zoom;
  const cells = new Map();
  for (const f of features) {
    const [x, y] = project(f.geometry.coordinates);
    const key = `${Math.floor(x / size)}:${Math.floor(y / size)}`;
    const c = cells.get(key) ?? { x: 0, y: 0, items: [] };
    c.x += x; c.y += y; c.items.push(f);
    cells.set(key, c);
  }
  return [...cells.values()].map((c) => ({ x: c.x / c.items.length, y: c.y / c.items.length, items: c.items }));
}

function dominantQuad(items) {
  const n = { 1: 0, 2: 0, 3: 0, 4: 0 };
  for (const f of items) n[f.properties.quad_class] = (n[f.properties.quad_class] ?? 0) + 1;
  return Object.entries(n).sort((a, b) => b[1] - a[1])[0][0];
}

function describe(f) {
  const p = f.properties, loc = p.location;
  const who = `${p.source_name ?? p.source_text ?? "?"} → ${p.target_name ?? p.target_text ?? "?"}`;
  const reports = p.story_articles > 1 ? ` · reported by ${p.story_articles} articles` : "";
  return `${p.day ?? "undated"} · ${p.code} ${p.name}: ${who}${reports}\n${loc.name} (${PRECISION[loc.precision]})`;
}

export class EventMap {
  constructor(root, { onEvent }) {
    this.root = root; this.onEvent = onEvent; this.zoom = 1; this.centre = [W / 2, H / 2]; this.collection = null;
  }

  async load(params) {
    const [data, collection] = await Promise.all([basemap(), api("/events.geojson", params)]);
    this.world = data; this.collection = collection;
    this.draw();
    return collection;
  }

  setZoom(zoom, centre) {
    this.zoom = Math.max(1, Math.min(32, zoom));
    if (centre) this.centre = centre;
    if (this.zoom === 1) this.centre = [W / 2, H / 2];
    this.draw();
  }

  draw() {
    const root = clear(this.root);
    const w = W / this.zoom, h = H / this.zoom;
    const x0 = Math.max(0, Math.min(W - w, this.centre[0] - w / 2)), y0 = Math.max(0, Math.min(H - h, this.centre[1] - h / 2));
    root.setAttribute("viewBox", `${x0.toFixed(2)} ${y0.toFixed(2)} ${w.toFixed(2)} ${h.toFixed(2)}`);
    root.dataset.zoom = String(this.zoom);
    root.append(svg("rect", { x: 0, y: 0, width: W, height: H, class: "sea" }));
    if (this.world) root.append(countryPaths(this.world));
    const features = this.collection?.features ?? [];
    const layer = svg("g", { class: "points" });
    for (const c of cluster(features, this.zoom)) {
      const n = c.items.length;
      const r = (n === 1 ? 5 : Math.min(15, 6 + 1.6 * Math.sqrt(n))) / this.zoom;
      const coarse = c.items.every((f) => f.properties.location.precision !== "place");
      const first = c.items[0];
      const title = n === 1 ? describe(first) : `${n} events here — click to zoom in\n${c.items.slice(0, 5).map(describe).join("\n")}`;
      const g = svg("g", { class: `pt${n > 1 ? " cluster" : ""}${coarse ? " coarse" : ""}`, "data-count": n,
        "data-precision": n === 1 ? first.properties.location.precision : "", "data-quad": dominantQuad(c.items),
        onclick: () => (n === 1 ? this.onEvent(first.properties) : this.setZoom(this.zoom * 2.5, [c.x, c.y])) },
      svg("title", {}, title),
      svg("circle", { cx: c.x.toFixed(2), cy: c.y.toFixed(2), r: r.toFixed(2), fill: QUAD[dominantQuad(c.items)],
        "stroke-width": coarse ? 2 : 1 }),
      n > 1 ? svg("text", { x: c.x.toFixed(2), y: (c.y + 3.5 / this.zoom).toFixed(2), "font-size": (10 / this.zoom).toFixed(2), "text-anchor": "middle" }, n) : null);
      layer.append(g);
    }
    root.append(layer);
    if (!features.length) {
      root.append(svg("text", { x: x0 + w / 2, y: y0 + h / 2, "text-anchor": "middle", class: "empty", "font-size": (13 / this.zoom).toFixed(2) },
        this.collection ? "No event of this filter can be placed." : "loading…"));
    }
  }
}
