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

export function renderArticle(record, { focus } = {}) {
  document.getElementById("article-title").textContent = record.title || "(untitled)";
  const meta = [record.published, record.source, record.language, record.url].filter(Boolean).join(" · ");
  document.getElementById("article-meta").textContent = `${meta}${meta ? " · " : ""}id ${record.id}`;
  const spans = [];
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
    qList.append(el("li", {}, el("b", {}, actorLabel(q.speaker)), ` (${q.kind}): „${q.text}“`));
  }
  if (!(record.quotes ?? []).length) qList.append(el("li", {}, "none found"));
  const view = document.getElementById("article-view");
  view.hidden = false;
  view.scrollTop = 0;
  if (focusNode) focusNode.scrollIntoView({ block: "center" });
}

export function closeArticle() {
  document.getElementById("article-view").hidden = true;
}
