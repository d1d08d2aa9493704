// Article view: the text with entities, quotes and event triggers highlighted by character offsets.
import { clear, el, fmt } from "./util.js";

// Split the text at every span boundary; each piece carries the spans covering it, so nested and
// overlapping annotations (an entity inside a quote, a trigger inside a quote) all show.
function segments(text, spans) {
  const cuts = new Set([0, text.length]);
  for (const s of spans) {
    if (s.start >= 0 && s.end <= text.length && s.start < s.end) { cuts.add(s.start); cuts.add(s.end); }
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    out.push({ start: a, end: b, spans: spans.filter((s) => s.start <= a && s.end >= b) });
  }
  return out;
}

function actorLabel(m) {
  if (!m) return "?";
  return m.actor ? `${m.actor.name}${m.actor.code ? ` (${m.actor.code})` : ""}` : m.text;
}

// Only web addresses become links (never javascript: or data: from a stored record).
export function safeUrl(url) {
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch { return null; }
}

function renderMeta(record) {
  const box = clear(document.getElementById("article-meta"));
  const parts = [record.published, record.source, record.language].filter(Boolean);
  box.append(parts.join(" · "), parts.length ? " · " : "");
  const href = record.url ? safeUrl(record.url) : null;
  if (href) box.append(el("a", { href, target: "_blank", rel: "noopener noreferrer", class: "source-link" }, record.url), " · ");
  else if (record.url) box.append(record.url, " · ");
  box.append(`id ${record.id}`);
}

export function renderMissing(id, message) {
  document.getElementById("article-title").textContent = "Not found";
  clear(document.getElementById("article-meta")).append(message ?? `There is no article "${id}" in this store.`);
  const text = clear(document.getElementById("article-text"));
  text.append(el("p", { class: "not-found" }, `The address asks for article "${id}", which this store does not hold. It may come from another store, or the article was removed.`));
  clear(document.getElementById("article-events")).append(el("li", {}, "–"));
  clear(document.getElementById("article-quotes")).append(el("li", {}, "–"));
  const view = document.getElementById("article-view");
  view.hidden = false;
  view.dataset.state = "missing";
}

// `focus`: index of an event to highlight; `span`: [start, end] character offsets of a passage (evidence).
export function renderArticle(record, { focus, span } = {}) {
  document.getElementById("article-title").textContent = record.title || "(untitled)";
  renderMeta(record);
  const spans = [];
  const passage = span && span[0] >= 0 && span[1] <= record.text.length && span[0] < span[1] ? span : null;
  if (passage) spans.push({ start: passage[0], end: passage[1], kind: "passage", cls: "passage", title: "the evidence the link points to" });
  for (const e of record.entities ?? []) {
    spans.push({ ...e, kind: "ent", cls: `ent ent-${e.type}`, title: `${e.type}${e.role ? ` · ${e.role}` : ""}${e.actor ? ` · ${e.actor.name} (${e.actor.code ?? e.actor.id})` : ""}` });
  }
  for (const q of record.quotes ?? []) {
    spans.push({ start: q.start, end: q.end, kind: "quote", cls: "quote", title: `${q.kind} quote · ${actorLabel(q.speaker)}${q.cue ? ` · cue “${q.cue.text}”` : ""}` });
  }
  (record.events ?? []).forEach((ev, i) => {
    spans.push({ start: ev.trigger.start, end: ev.trigger.end, kind: "event", index: i, code: ev.code,
      cls: `trigger${focus === i ? " focus" : ""}`, title: `${ev.code} ${ev.name}: ${actorLabel(ev.source)} → ${actorLabel(ev.target)}${ev.negated ? " (negated)" : ""} · Goldstein ${fmt(ev.goldstein)}` });
  });
  const box = clear(document.getElementById("article-text"));
  let focusNode = null;
  let passageNode = null;
  for (const seg of segments(record.text, spans)) {
    let node = document.createTextNode(record.text.slice(seg.start, seg.end));
    // innermost (shortest) spans wrap first
    const covering = [...seg.spans].sort((a, b) => (a.end - a.start) - (b.end - b.start));
    for (const s of covering) {
      const tag = s.kind === "ent" ? "mark" : "span";
      const wrap = el(tag, { class: s.cls, title: s.title, "data-kind": s.kind, "data-code": s.code ?? null });
      wrap.append(node);
      node = wrap;
    }
    box.append(node);
    if (passage && !passageNode && seg.spans.some((sp) => sp.kind === "passage")) passageNode = node;
    const ends = seg.spans.filter((s) => s.kind === "event" && s.end === seg.end);
    for (const s of ends) {
      const badge = el("sup", { class: "code", title: s.title }, s.code);
      box.append(badge);
      if (focus === s.index) focusNode = badge;
    }
  }
  const evList = clear(document.getElementById("article-events"));
  for (const ev of record.events ?? []) {
    evList.append(el("li", { class: ev.negated ? "negated" : "" },
      el("span", { class: "codebadge" }, ev.code), ` ${ev.name}: ${actorLabel(ev.source)} → ${actorLabel(ev.target)}`,
      ev.date ? ` · ${ev.date}` : "", ` · Goldstein ${fmt(ev.goldstein)}`, ev.plover ? ` · ${ev.plover}` : ""));
  }
  if (!(record.events ?? []).length) evList.append(el("li", {}, "none found"));
  const qList = clear(document.getElementById("article-quotes"));
  for (const q of record.quotes ?? []) {
    qList.append(el("li", {}, el("b", {}, actorLabel(q.speaker)), ` (${q.kind}): ${q.text}`));
  }
  if (!(record.quotes ?? []).length) qList.append(el("li", {}, "none found"));
  const view = document.getElementById("article-view");
  view.hidden = false;
  view.dataset.state = "shown";
  view.scrollTop = 0;
  if (passageNode) passageNode.scrollIntoView({ block: "center" });
  else if (focusNode) focusNode.scrollIntoView({ block: "center" });
}

export function closeArticle() {
  document.getElementById("article-view").hidden = true;
}
