// Small helpers: DOM building (text only, never innerHTML with data), SVG, fetch, colours.

export const SVG_NS = "http://www.w3.org/2000/svg";

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined) continue;
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

export async function api(path, params = {}, options = {}) {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(params)) {
    if (v !== null && v !== undefined && v !== "") url.searchParams.set(k, v);
  }
  const res = await fetch(url, options);
  const body = res.headers.get("content-type")?.includes("json") ? await res.json() : await res.text();
  if (!res.ok) {
    const detail = typeof body === "object" ? JSON.stringify(body.detail ?? body) : body;
    throw new Error(`${res.status}: ${detail}`);
  }
  return body;
}

export function query(params) {
  const url = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "") url.set(k, v);
  const s = url.toString();
  return s ? `?${s}` : "";
}

// Goldstein -10 (red) .. 0 (amber) .. +10 (green).
export function goldsteinColour(g) {
  if (g === null || g === undefined || Number.isNaN(g)) return "#98a2b3";
  const t = Math.max(-1, Math.min(1, g / 10));
  const mix = (a, b, u) => Math.round(a + (b - a) * u);
  const [from, to, u] = t < 0 ? [[232, 197, 71], [192, 57, 43], -t] : [[232, 197, 71], [46, 139, 87], t];
  return `rgb(${mix(from[0], to[0], u)},${mix(from[1], to[1], u)},${mix(from[2], to[2], u)})`;
}

export function fmt(x, digits = 1) {
  return x === null || x === undefined ? "–" : Number(x).toFixed(digits);
}
