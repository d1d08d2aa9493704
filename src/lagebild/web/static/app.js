// lagebild dashboard: reads only the HTTP API of the same server; every asset is served locally.
import { api, clear, el, fmt, query } from "./util.js";
import { drawNetwork } from "./graph.js";
import { drawTimeline } from "./timeline.js";
import { closeArticle, renderArticle, renderMissing } from "./article.js";
import { EventMap } from "./map.js";
import { drawVolume, DATE_HINT } from "./volume.js";
import { readAddress, readPassage, writeAddress } from "./address.js";

const PAGE = 25;
const state = { level: "actor", actor: "", dyad: null, from: "", to: "", quad: "", plover: "", code: "", q: "",
  period: "month", sort: "date_desc", merged: false, story: "", eventsOffset: 0, quotesOffset: 0, articlesOffset: 0 };
const actorNames = new Map(); // id (or country code) -> name
const actorCountry = new Map(); // actor id -> ISO-3 country
const $ = (id) => document.getElementById(id);

const missing = new Set(); // ids from the address that the store does not know
let eventMap = null;

function nameOf(id) { return actorNames.get(id) ?? id; }

// Names for ids not seen yet (a dyad or actor from the address); unknown ids are marked as not found.
async function resolveNames(ids) {
  const unknown = [...new Set(ids.filter((id) => id && !actorNames.has(id)))];
  if (!unknown.length) return;
  const res = await api("/names", { ids: unknown, level: state.level });
  for (const [id, name] of Object.entries(res.names)) {
    if (name === null) missing.add(id); else { missing.delete(id); actorNames.set(id, name); }
  }
}

// Filters shared by the event views (network, events, exports).
function eventParams({ withDyad = true } = {}) {
  const p = { actor: state.actor, date_from: state.from, date_to: state.to, quad: state.quad, plover: state.plover,
    q: state.q, level: state.level === "actor" ? "" : state.level };
  if (state.code.length === 2) p.root = state.code; else p.code = state.code;
  if (withDyad && state.dyad) { p.source = state.dyad[0]; p.target = state.dyad[1]; p.undirected = "true"; }
  return p;
}

// The selected dyad for the lists that are not events (quotes, articles): the same source/target/level as
// the events, in either direction, as the events panel shows it.
function dyadParams() {
  if (!state.dyad) return {};
  return { source: state.dyad[0], target: state.dyad[1], undirected: "true", level: eventParams().level };
}

function dyadLabel() { return state.dyad ? `${nameOf(state.dyad[0])} ⇄ ${nameOf(state.dyad[1])}` : ""; }

function pager(node, page, onMove) {
  clear(node);
  const { total, offset, limit } = page;
  const last = Math.min(offset + limit, total);
  node.append(
    el("button", { type: "button", disabled: offset === 0, class: "prev", onclick: () => onMove(Math.max(0, offset - limit)) }, "‹ prev"),
    el("span", {}, total ? `${offset + 1}–${last} of ${total}` : "none"),
    el("button", { type: "button", disabled: last >= total, class: "next", onclick: () => onMove(offset + limit) }, "next ›"));
}

function showError(where, err) {
  console.error(err);
  $(where).textContent = `error: ${err.message}`;
}

async function loadStats() {
  const s = await api("/stats");
  $("stats").textContent = `${s.articles} articles · ${s.actors} actors · ${s.events} event mentions (${s.unique_events} unique) · ${s.quotes} quotes${s.first_day ? ` · ${s.first_day} – ${s.last_day}` : ""}`;
  const sel = $("f-plover");
  const current = sel.value;
  clear(sel).append(el("option", { value: "" }, "all"), ...s.plover.map((p) => el("option", { value: p }, p)));
  sel.value = current;
  const actors = await api("/actors", { limit: 500 });
  const list = clear($("actor-list"));
  for (const a of actors.items) {
    actorNames.set(a.id, a.name);
    if (a.country) actorCountry.set(a.id, a.country);
    list.append(el("option", { value: a.name }, `${a.code ?? ""} · ${a.mentions} mentions`));
  }
}

async function loadNetwork() {
  const net = await api("/network", { ...eventParams({ withDyad: false }), max_edges: state.actor ? 150 : 80 });
  for (const n of net.nodes) actorNames.set(n.id, n.name);
  drawNetwork($("network"), net, {
    selectedActor: state.actor, selectedDyad: state.dyad, nameOf,
    onNode: (d) => { state.actor = state.actor === d.id ? "" : d.id; state.dyad = null; refresh(); },
    onEdge: (e) => { state.dyad = [e.source, e.target]; refresh(); },
  });
  const qs = query(eventParams({ withDyad: false }));
  $("x-gexf").href = `/export/network.gexf${qs}`;
  $("x-graphml").href = `/export/network.graphml${qs}`;
}

async function loadTimeline() {
  let dyad = state.dyad;
  if (!dyad) {
    const top = await api("/dyads", { ...eventParams({ withDyad: false }), limit: 1 });
    if (top.items.length) dyad = [top.items[0].source_actor_id, top.items[0].target_actor_id];
  }
  if (!dyad) { $("dyad-title").textContent = "click an edge"; drawTimeline($("timeline"), null); return; }
  const data = await api(`/dyads/${encodeURIComponent(dyad[0])}/${encodeURIComponent(dyad[1])}/timeline`,
    { period: state.period, date_from: state.from, date_to: state.to, level: eventParams().level });
  $("dyad-title").textContent = `${nameOf(dyad[0])} ⇄ ${nameOf(dyad[1])}${state.dyad ? "" : " (most active dyad)"}`
    + (data.undated ? ` · ${data.undated} undated event(s) not shown` : "");
  drawTimeline($("timeline"), data);
}

function reportedBy(n) {
  return n > 1 ? el("span", { class: "reported", title: "the same event in other articles (dyad, CAMEO root, date ±1 day)" }, `reported by ${n} articles`) : null;
}

async function loadEvents() {
  if (state.story) return loadStory();
  if (state.merged) return loadUniqueEvents();
  $("evidence-head").textContent = "Evidence";
  const page = await api("/events", { ...eventParams(), sort: state.sort, limit: PAGE, offset: state.eventsOffset });
  $("events-count").textContent = `${page.total} mention(s)`;
  renderMentions(page.items);
  pager($("events-pager"), page, (o) => { state.eventsOffset = o; loadEvents().catch((e) => showError("events-count", e)); });
  const qs = query(eventParams());
  $("x-ecsv").href = `/export/events.csv${qs}`;
  $("x-epq").href = `/export/events.parquet${qs}`;
}

async function loadStory() {
  $("evidence-head").textContent = "Evidence";
  let story;
  try {
    story = await api(`/stories/${encodeURIComponent(state.story)}`);
  } catch (err) {
    $("events-count").textContent = `story ${state.story} not found in this store`;
    $("events-count").classList.add("not-found");
    clear($("events").tBodies[0]);
    clear($("events-pager"));
    return;
  }
  $("events-count").classList.remove("not-found");
  $("events-count").textContent = `one event reported by ${story.num_articles} article(s) in ${story.num_mentions} mention(s): ${story.source_name ?? story.source_actor_id} → ${story.target_name ?? story.target_actor_id}, ${story.code} ${story.name}`;
  renderMentions(story.mentions);
  clear($("events-pager"));
}

function renderMentions(items) {
  const body = clear($("events").tBodies[0]);
  for (const ev of items) {
    const rel = [ev.trigger_start - ev.sentence_start, ev.trigger_end - ev.sentence_start];
    const s = ev.sentence ?? "";
    const evidence = rel[0] >= 0 && rel[1] <= s.length
      ? [s.slice(0, rel[0]), el("b", {}, s.slice(rel[0], rel[1])), s.slice(rel[1])] : [s];
    body.append(el("tr", { "data-article": ev.article_id, "data-idx": ev.idx, class: ev.negated ? "negated" : "",
      onclick: () => openArticle(ev.article_id, { eventIndex: ev.idx }) },
      el("td", { class: "date" }, ev.day ?? "–"),
      el("td", {}, ev.source_name ?? ev.source_text ?? "–"),
      el("td", {}, el("span", { class: "codebadge" }, ev.code), ` ${ev.name}`, ev.negated ? " (negated)" : "", " ", reportedBy(ev.story_articles)),
      el("td", {}, ev.target_name ?? ev.target_text ?? "–"),
      el("td", { class: `num ${ev.goldstein < 0 ? "neg" : "pos"}` }, fmt(ev.goldstein)),
      el("td", { class: "evidence" }, ...evidence)));
  }
}

async function loadUniqueEvents() {
  $("evidence-head").textContent = "Reports";
  const page = await api("/stories", { ...eventParams(), limit: PAGE, offset: state.eventsOffset });
  $("events-count").textContent = `${page.total} unique event(s) — reports of the same event (dyad, CAMEO root, date ±1 day) merged`;
  const body = clear($("events").tBodies[0]);
  for (const ev of page.items) {
    const all = el("a", { class: "story-link", title: "list every report of this event", onclick: (e) => { e.stopPropagation(); state.story = ev.story_id; refresh(); } }, "all reports");
    body.append(el("tr", { "data-article": ev.lead_article_id, "data-story": ev.story_id, class: "unique",
      onclick: () => openArticle(ev.lead_article_id, { span: [ev.sentence_start, ev.sentence_end] }) },
      el("td", { class: "date" }, ev.day ?? "–"),
      el("td", {}, ev.source_name ?? ev.source_actor_id),
      el("td", {}, el("span", { class: "codebadge" }, ev.code), ` ${ev.name}`),
      el("td", {}, ev.target_name ?? ev.target_actor_id),
      el("td", { class: `num ${ev.goldstein < 0 ? "neg" : "pos"}` }, fmt(ev.goldstein)),
      el("td", { class: "evidence" }, `reported by ${ev.num_articles} article(s), ${ev.num_mentions} mention(s) · `, all)));
  }
  pager($("events-pager"), page, (o) => { state.eventsOffset = o; loadEvents().catch((e) => showError("events-count", e)); });
}

async function loadProfile() {
  const box = clear($("profile"));
  $("profile-title").textContent = "";
  if (!state.actor || state.level !== "actor") {
    box.append(el("p", { class: "hint" }, state.level === "actor"
      ? "Click a node or choose an actor to see who they are, what they said and did, and with whom."
      : "Switch the network to actors to see an actor's profile."));
    return;
  }
  const p = await api(`/actors/${encodeURIComponent(state.actor)}`, { limit: 8 });
  $("profile-title").textContent = `${p.name} · ${p.code ?? "no code"} · ${p.country ?? "no country"}`;
  const c = p.counts;
  const partners = p.partners.map((x) => el("span", { class: "partner chip", title: "show the dyad", onclick: () => { state.dyad = [p.id, x.id]; refresh(); } },
    `${x.name ?? x.id} (${x.events}, ${fmt(x.goldstein)})`));
  box.append(el("dl", {},
    el("dt", {}, "mentioned"), el("dd", {}, `${c.mentions} time(s) in ${c.articles} article(s)`),
    el("dt", {}, "events"), el("dd", {}, `${c.events_as_source} as source, ${c.events_as_target} as target`),
    el("dt", {}, "quotes"), el("dd", {}, String(c.quotes)),
    el("dt", {}, "roles"), el("dd", {}, p.roles.map((r) => `${r.role} (${r.mentions})`).join(", ") || "–"),
    el("dt", {}, "named as"), el("dd", {}, p.names.map((n) => `${n.text} (${n.mentions})`).join(", ") || "–"),
    el("dt", {}, "partners"), el("dd", { class: "chips" }, partners.length ? partners : "–")));
}

async function loadQuotes() {
  const who = state.level === "country" ? { country: state.actor } : { speaker: state.actor };
  const params = { ...who, ...dyadParams(), q: state.q, date_from: state.from, date_to: state.to };
  const page = await api("/quotes", { ...params, limit: PAGE, offset: state.quotesOffset });
  $("quotes-count").textContent = `${page.total} quote(s)`
    + (state.dyad ? ` · by either side of ${dyadLabel()}, in articles reporting it` : "");
  const list = clear($("quotes"));
  for (const q of page.items) {
    list.append(el("li", { "data-article": q.article_id },
      el("span", { class: "speaker" }, q.speaker_name ?? q.speaker_text ?? "unknown speaker"), ": ", q.text, " ",
      el("span", { class: "kind" }, `${q.kind}${q.published ? ` · ${q.published}` : ""} · `),
      el("a", { onclick: () => openArticle(q.article_id) }, q.article_title ?? q.article_id)));
  }
  pager($("quotes-pager"), page, (o) => { state.quotesOffset = o; loadQuotes().catch((e) => showError("quotes-count", e)); });
  const qs = query({ ...who, ...dyadParams(), q: state.q });
  $("x-qcsv").href = `/export/quotes.csv${qs}`;
  $("x-qpq").href = `/export/quotes.parquet${qs}`;
}

async function loadArticles() {
  const who = state.level === "country" ? { country: state.actor } : { actor: state.actor };
  const page = await api("/articles", { ...who, ...dyadParams(), q: state.q, date_from: state.from, date_to: state.to,
    limit: 10, offset: state.articlesOffset });
  $("articles-count").textContent = `${page.total} article(s)` + (state.dyad ? ` · reporting ${dyadLabel()}` : "");
  const list = clear($("articles"));
  for (const a of page.items) {
    list.append(el("li", { "data-article": a.id },
      el("a", { onclick: () => openArticle(a.id) }, a.title ?? a.id),
      el("span", { class: "kind" }, ` ${a.published ?? ""} · ${a.entities} entities · ${a.quotes} quotes · ${a.events} events`)));
  }
  pager($("articles-pager"), page, (o) => { state.articlesOffset = o; loadArticles().catch((e) => showError("articles-count", e)); });
}

async function openArticle(id, { eventIndex, span } = {}) {
  let record;
  try {
    record = await api(`/articles/${encodeURIComponent(id)}`);
  } catch (err) {
    if (!String(err.message).startsWith("404")) throw err;
    renderMissing(id);
    return;
  }
  const focus = eventIndex ?? null;
  let passage = span ?? null;
  if (!passage && focus !== null && record.events?.[focus]) passage = [record.events[focus].sentence.start, record.events[focus].sentence.end];
  renderArticle(record, { focus, span: passage });
  const where = passage ? `&start=${passage[0]}&end=${passage[1]}` : "";
  history.replaceState(null, "", `${location.search}#article=${encodeURIComponent(id)}${where}`);
}

async function loadMap() {
  if (!eventMap) {
    eventMap = new EventMap($("map"), { onEvent: (p) => openArticle(p.article_id, { eventIndex: p.idx }) });
    $("map-in").addEventListener("click", () => eventMap.setZoom(eventMap.zoom * 2));
    $("map-out").addEventListener("click", () => eventMap.setZoom(eventMap.zoom / 2));
    $("map-reset").addEventListener("click", () => eventMap.setZoom(1));
  }
  const params = { ...eventParams(), merged: state.merged ? "true" : "", limit: 5000 };
  const fc = await eventMap.load(params);
  const p = fc.properties;
  $("map-count").textContent = `${p.placed} ${state.merged ? "event(s)" : "mention(s)"} placed (${p.precision.place} at a named place, `
    + `${p.precision.country + p.precision.target_country + p.precision.source_country} at a country's point)`
    + (p.unplaced ? ` · ${p.unplaced} without a place` : "");
  $("x-geojson").href = `/events.geojson${query(params)}`;
}

async function loadVolume() {
  const data = await api("/events/volume", { ...eventParams(), merged: state.merged ? "true" : "" });
  drawVolume($("volume"), data);
  const dated = data.total - data.undated;
  $("volume-note").textContent = data.total
    ? `${state.merged ? "events" : "mentions"} per ${data.period} by quad class · ${dated} of ${data.total} dated`
      + (data.undated ? ` — ${data.undated} undated: ${DATE_HINT}` : "")
    : "";
}

function reportHref(lang) {
  const p = { lang, date_from: state.from, date_to: state.to };
  if (state.actor && !missing.has(state.actor)) p[state.level === "country" ? "country" : "actor"] = state.actor;
  return `/report${query(p)}`;
}

function renderChips() {
  const chips = clear($("chips"));
  const chip = (label, onRemove, cls) => el("span", { class: `chip ${cls}` }, label,
    el("button", { type: "button", title: "remove", onclick: onRemove }, "×"));
  const notFound = (id) => (missing.has(id) ? " (not found)" : "");
  if (state.actor) {
    chips.append(chip(`${state.level}: ${nameOf(state.actor)}${notFound(state.actor)}`, () => { state.actor = ""; $("f-actor").value = ""; refresh(); },
      `chip-actor${missing.has(state.actor) ? " not-found" : ""}`));
  }
  if (state.dyad) {
    const bad = state.dyad.some((id) => missing.has(id));
    chips.append(chip(`dyad: ${nameOf(state.dyad[0])}${notFound(state.dyad[0])} ⇄ ${nameOf(state.dyad[1])}${notFound(state.dyad[1])}`,
      () => { state.dyad = null; refresh(); }, `chip-dyad${bad ? " not-found" : ""}`));
  }
  if (state.story) chips.append(chip(`one event: every report`, () => { state.story = ""; refresh(); }, "chip-story"));
  $("f-actor").value = state.actor ? nameOf(state.actor) : "";
}

let refreshing = 0;
// The level and the selected dyad live in the address too, so a view can be bookmarked and shared.
function syncAddress() {
  history.replaceState(null, "", writeAddress(state, location.hash));
  $("report-de").href = reportHref("de");
  $("report-en").href = reportHref("en");
}

async function refresh() {
  const ticket = ++refreshing;
  state.eventsOffset = 0; state.quotesOffset = 0; state.articlesOffset = 0;
  document.body.dataset.loading = "1";
  await resolveNames([state.actor, ...(state.dyad ?? [])]).catch((e) => showError("stats", e));
  syncAddress();
  renderChips();
  await Promise.all([
    loadMap().catch((e) => showError("map-count", e)),
    loadVolume().catch((e) => showError("volume-note", e)),
    loadNetwork().catch((e) => showError("stats", e)),
    loadTimeline().catch((e) => showError("dyad-title", e)),
    loadEvents().catch((e) => showError("events-count", e)),
    loadQuotes().catch((e) => showError("quotes-count", e)),
    loadArticles().catch((e) => showError("articles-count", e)),
    loadProfile().catch((e) => showError("profile-title", e)),
  ]);
  if (ticket === refreshing) document.body.dataset.loading = "0";
}

function readFilters() {
  const typed = $("f-actor").value.trim();
  if (!typed) state.actor = "";
  else {
    const match = [...actorNames].find(([id, name]) => name.toLowerCase() === typed.toLowerCase() || id === typed);
    if (state.level === "country") {
      state.actor = /^[A-Za-z]{3}$/.test(typed) ? typed.toUpperCase() : (match && actorCountry.get(match[0])) || typed;
    } else state.actor = match ? match[0] : typed;
  }
  state.from = $("f-from").value; state.to = $("f-to").value; state.quad = $("f-quad").value;
  state.plover = $("f-plover").value; state.code = $("f-code").value.trim(); state.q = $("f-q").value.trim();
}

async function upload(store) {
  const status = $("u-status");
  status.className = "status";
  status.textContent = "analysing…";
  const files = $("u-files").files;
  const text = $("u-text").value.trim();
  try {
    let result;
    if (files.length) {
      const form = new FormData();
      for (const f of files) form.append("files", f, f.name);
      result = await api(store ? "/articles/upload" : "/analyze/upload", {}, { method: "POST", body: form });
    } else if (text) {
      const payload = store ? { documents: [{ text }] } : { text };
      result = await api(store ? "/articles" : "/analyze", {}, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(payload) });
    } else {
      status.textContent = "choose files or paste a text first";
      return;
    }
    if (store) {
      status.textContent = `stored ${result.stored}, unchanged ${result.unchanged}, failed ${result.failed}`;
      if (result.errors.length) status.textContent += ` — ${result.errors.map((e) => `${e.name}: ${e.reason}`).join("; ")}`;
      await loadStats();
      await refresh();
      if (result.ids.length) await openArticle(result.ids[0]);
    } else {
      const records = result.articles ?? [result];
      const errors = result.errors ?? [];
      status.textContent = `${records.length} analysed${errors.length ? `, ${errors.length} failed: ${errors.map((e) => `${e.name}: ${e.reason}`).join("; ")}` : ""} (not stored)`;
      if (records.length) renderArticle(records[0]);
    }
  } catch (err) {
    status.className = "status error";
    status.textContent = err.message;
  }
}

function init() {
  $("filters").addEventListener("submit", (ev) => { ev.preventDefault(); readFilters(); state.dyad = null; state.story = ""; refresh(); });
  $("f-reset").addEventListener("click", () => {
    $("filters").reset();
    Object.assign(state, { level: $("level").value, actor: "", dyad: null, from: "", to: "", quad: "", plover: "", code: "", q: "", story: "" });
    refresh();
  });
  $("merged").addEventListener("change", () => { state.merged = $("merged").checked; state.story = ""; refresh(); });
  $("sort").addEventListener("change", () => { state.sort = $("sort").value; state.eventsOffset = 0; loadEvents().catch((e) => showError("events-count", e)); });
  $("level").addEventListener("change", () => {
    state.level = $("level").value; state.actor = ""; state.dyad = null; refresh();
  });
  $("period").addEventListener("change", () => { state.period = $("period").value; loadTimeline().catch((e) => showError("dyad-title", e)); });
  $("article-close").addEventListener("click", () => { closeArticle(); history.replaceState(null, "", location.search); });
  $("article-view").addEventListener("click", (ev) => { if (ev.target.id === "article-view") closeArticle(); });
  window.addEventListener("hashchange", () => {
    const passage = readPassage(location.hash);
    if (passage) openArticle(passage.id, { span: passage.span }).catch((e) => showError("stats", e));
  });
  document.addEventListener("keydown", (ev) => { if (ev.key === "Escape") closeArticle(); });
  // The view to start with comes from the address (see address.js): filters, dyad, merged, story.
  const start = readAddress(location);
  Object.assign(state, { level: start.level, actor: start.actor, dyad: start.dyad, from: start.from, to: start.to,
    quad: start.quad, plover: start.plover, code: start.code, q: start.q, merged: start.merged, story: start.story });
  $("level").value = state.level;
  $("merged").checked = state.merged;
  Object.entries({ "f-from": state.from, "f-to": state.to, "f-quad": state.quad, "f-code": state.code, "f-q": state.q })
    .forEach(([id, v]) => { $(id).value = v; });
  $("u-analyze").addEventListener("click", () => upload(false));
  $("u-store").addEventListener("click", () => upload(true));
  loadStats().catch((e) => showError("stats", e)).then(async () => {
    $("f-plover").value = state.plover;
    await refresh();
    const passage = readPassage(location.hash);
    if (passage) await openArticle(passage.id, { span: passage.span }).catch((e) => showError("stats", e));
    const panel = { events: "events-panel", articles: "articles-panel", quotes: "quotes-panel", actors: "profile-panel", map: "map-panel" }[start.view];
    if (panel && !passage) $(panel).scrollIntoView({ block: "start" });
    document.body.dataset.ready = "1";
  });
}

init();
