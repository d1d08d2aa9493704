// The dashboard's state in the address, so that a view can be bookmarked, shared, and opened from the
// situation report: ?actor=…&date_from=…&date_to=…&quad=…&plover=…&code=…&q=…&level=…&source=…&target=…
// &merged=1&story=…&view=events, and #article=ID&start=S&end=E for a passage.

const FIELDS = { actor: "actor", from: "date_from", to: "date_to", quad: "quad", plover: "plover", code: "code", q: "q" };

export function readAddress(location) {
  const search = new URLSearchParams(location.search);
  const out = {};
  for (const [key, param] of Object.entries(FIELDS)) out[key] = (search.get(param) ?? "").trim();
  const level = search.get("level");
  out.level = level === "country" ? "country" : "actor";
  const [source, target] = ["source", "target"].map((k) => (search.get(k) ?? "").trim());
  out.dyad = source && target ? (out.level === "country" ? [source.toUpperCase(), target.toUpperCase()] : [source, target]) : null;
  if (out.level === "country" && out.actor) out.actor = out.actor.toUpperCase();
  out.merged = ["1", "true"].includes(search.get("merged") ?? "");
  out.story = /^[0-9a-f]{16}$/.test(search.get("story") ?? "") ? search.get("story") : "";
  out.view = (search.get("view") ?? "").replace(/[^a-z]/g, "");
  return out;
}

export function writeAddress(state, hash) {
  const search = new URLSearchParams();
  search.set("level", state.level);
  for (const [key, param] of Object.entries(FIELDS)) if (state[key]) search.set(param, state[key]);
  if (state.dyad) { search.set("source", state.dyad[0]); search.set("target", state.dyad[1]); }
  if (state.merged) search.set("merged", "1");
  if (state.story) search.set("story", state.story);
  return `?${search}${hash}`;
}

// #article=ID&start=S&end=E (start/end optional)
export function readPassage(hash) {
  const m = /#article=([^&]+)(?:&start=(\d+)&end=(\d+))?/.exec(hash);
  if (!m) return null;
  return { id: decodeURIComponent(m[1]), span: m[2] !== undefined ? [Number(m[2]), Number(m[3])] : null };
}
