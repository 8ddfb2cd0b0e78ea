// The NIS2 scoping calculator: a static page over the nis2-scope WebAssembly package. No
// framework, no network calls after load: the engine runs in the page.
//
// The page has no words of its own for the engine's content: the outcome, the decision trace,
// the open questions, the obligations, every class, regime, rule, citation and heading are the
// engine's (`render(result, {format: "html", lang})`, the texts of the result, the labels of the
// reference data). i18n.js holds the page's chrome only: its title, the form's prompts, buttons.
import init, { scopeJson, programmeJson, entityTypes, memberStates, labels, render, version } from "./nis2/index.js";
import { UI } from "./i18n.js";

const $ = (id) => document.getElementById(id);
const timing = { readyMs: null, lastRecalcMs: null, recalcs: 0, recalcMs: [], listMs: null };
window.__nis2 = timing;

const state = {
  lang: "en",
  activities: [], // {id, extra: {qualified_trust_service_provider?, significant_impact_assessed?}}
  answers: {}, // field path -> value, for top-level and designations fields
  related: [], // {name, relationship, share_percent, staff_headcount, annual_turnover_eur, balance_sheet_total_eur}
  relatedNone: false,
  asked: new Map(), // question id -> last question object, so answered questions stay visible
};
let catalog = null;
let countries = [];
let words = {};

const t = (key) => UI[state.lang][key] ?? UI.en[key] ?? key;
const tx = (text) => (text ? text[state.lang] : "");
// A word of the engine's label catalog (`value.in_force`, `field.read_on`, …).
const word = (key) => tx(words[key]) || key;
const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, val] of Object.entries(attrs)) {
    if (k === "text") e.textContent = val;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), val);
    else if (val !== undefined && val !== null && val !== false) e.setAttribute(k, val === true ? "" : val);
  }
  for (const c of children) if (c) e.append(c);
  return e;
};

// ---------- the profile ----------
function num(id) {
  const raw = $(id).value.trim();
  if (raw === "") return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : raw; // a non-number reaches the engine, which names the field
}

function setPath(obj, path, value) {
  const parts = path.split(".");
  let o = obj;
  for (const p of parts.slice(0, -1)) o = o[p] ??= {};
  o[parts[parts.length - 1]] = value;
}

function profile() {
  const p = {};
  const ms = $("member-state").value;
  if (ms) p.member_state = ms;
  p.activities = state.activities.map((a) => ({ entity_type: a.id, ...a.extra }));
  const size = {};
  for (const [id, key] of [["staff", "staff_headcount"], ["turnover", "annual_turnover_eur"], ["balance", "balance_sheet_total_eur"]]) {
    const n = num(id);
    if (n !== undefined) size[key] = n;
  }
  if (state.relatedNone) size.related_enterprises = [];
  else if (state.related.length) size.related_enterprises = state.related.map((r) => {
    const o = { relationship: r.relationship };
    if (r.name) o.name = r.name;
    for (const k of ["share_percent", "staff_headcount", "annual_turnover_eur", "balance_sheet_total_eur"]) if (r[k] !== undefined && r[k] !== "") o[k] = Number(r[k]);
    if (o.relationship === "linked") delete o.share_percent;
    return o;
  });
  if (Object.keys(size).length) p.size = size;
  for (const [path, value] of Object.entries(state.answers)) setPath(p, path, value);
  return p;
}

// ---------- recalculation ----------
// The engine's text API: the profile is written as JSON once, the result's JSON text is rendered
// by the engine and parsed only for what the page reads itself (the summary, the questions).
function recalc() {
  const input = JSON.stringify(profile());
  const t0 = performance.now();
  let result = null;
  let facts = null;
  let error = null;
  try {
    result = scopeJson(input);
    // What follows from the scope (fine ceilings, supervision, registration, reporting clocks):
    // the engine's `obligations`, for an entity the Directive (possibly) covers.
    if (JSON.parse(result).in_scope !== "no") facts = programmeJson(`{"op":"obligations","profile":${input}}`);
  } catch (e) {
    error = e;
  }
  show(result, facts, error);
  // The whole recalculation: the engine's calls and the page brought up to date.
  timing.lastRecalcMs = performance.now() - t0;
  timing.recalcMs.push(timing.lastRecalcMs);
  timing.recalcs += 1;
}

// ---------- rendering ----------
function renderStatic() {
  document.documentElement.lang = state.lang;
  document.title = t("title");
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  $("lang-group").setAttribute("aria-label", t("lang_group"));
  $("lang-en").setAttribute("aria-pressed", String(state.lang === "en"));
  $("lang-da").setAttribute("aria-pressed", String(state.lang === "da"));
  fillMemberStates();
  fillSectors();
  renderActivities();
  renderRelated();
}

function fillMemberStates() {
  const sel = $("member-state");
  const current = sel.value;
  sel.replaceChildren(el("option", { value: "", text: t("ms_none") }));
  for (const c of countries) {
    // Every EU and EEA State, with its transposition status as the engine's data gives it.
    const status = word(`value.${c.transposition.status}`);
    sel.append(el("option", { value: c.code, text: `${tx(c.name)} (${c.code}) — ${status}` }));
  }
  sel.value = current;
  showTransposition();
}

/** The selected State's transposition: the act, its status and the date the data was read. */
function showTransposition() {
  const out = $("ms-status");
  const c = countries.find((s) => s.code === $("member-state").value);
  if (!c) {
    out.textContent = "";
    return;
  }
  const tr = c.transposition;
  const parts = [`${word("field.transposition")}: ${word(`value.${tr.status}`)} (${word(`value.${tr.item_status}`)})`];
  if (tr.act) parts.push(`${tr.act.name}${tr.act.number ? `, ${tr.act.number}` : ""}`);
  if (tr.in_force) parts.push(`${word("field.in_force")}: ${tr.in_force}`);
  parts.push(`${word("field.read_on")}: ${tr.read_on}`);
  out.textContent = parts.join(" · ");
}

const OTHER = "__other";
function fillSectors() {
  const sel = $("sector");
  const current = sel.value;
  sel.replaceChildren();
  for (const s of catalog.sectors.filter((s) => !s.parent)) sel.append(el("option", { value: s.id, text: tx(s.label) }));
  sel.append(el("option", { value: OTHER, text: t("other_roles") }));
  sel.value = current || sel.options[0].value;
  fillSubsectors();
}

function fillSubsectors() {
  const sector = $("sector").value;
  const sel = $("subsector");
  const current = sel.value;
  const subs = catalog.sectors.filter((s) => s.parent === sector);
  sel.replaceChildren();
  if (!subs.length) sel.append(el("option", { value: "", text: t("subsector_none") }));
  for (const s of subs) sel.append(el("option", { value: s.id, text: tx(s.label) }));
  sel.disabled = !subs.length;
  if ([...sel.options].some((o) => o.value === current)) sel.value = current;
  fillEntityTypes();
}

function fillEntityTypes() {
  const sector = $("sector").value;
  const sub = $("subsector").value;
  const sel = $("entity-type");
  const current = sel.value;
  const types = catalog.entity_types.filter((e) => (sector === OTHER ? !e.annex : e.sector === sector && (!sub || e.subsector === sub)));
  sel.replaceChildren();
  for (const e of types) sel.append(el("option", { value: e.id, text: tx(e.label) }));
  if ([...sel.options].some((o) => o.value === current)) sel.value = current;
}

function typeById(id) {
  return catalog.entity_types.find((e) => e.id === id);
}

function renderActivities() {
  const ul = $("activities");
  ul.replaceChildren();
  if (!state.activities.length) ul.append(el("li", { class: "hint", text: t("no_activities") }));
  state.activities.forEach((a, i) => {
    const e = typeById(a.id);
    const label = e ? tx(e.label) : a.id;
    ul.append(el("li", {}, label, el("button", { type: "button", class: "secondary", "aria-label": `${t("remove")}: ${label}`, text: t("remove"), onclick: () => { removeActivity(i); } })));
  });
}

function removeActivity(i) {
  state.activities.splice(i, 1);
  renderActivities();
  recalc();
  $("add-activity").focus();
}

function renderRelated() {
  const box = $("related");
  box.replaceChildren();
  $("related-none").checked = state.relatedNone;
  state.related.forEach((r, i) => {
    const id = (k) => `rel-${i}-${k}`;
    const input = (k, type = "number") => el("input", { id: id(k), type, min: type === "number" ? "0" : undefined, step: "any", value: r[k] ?? "", oninput: (ev) => { r[k] = ev.target.value; recalc(); } });
    const relSel = el("select", { id: id("relationship"), onchange: (ev) => { r.relationship = ev.target.value; renderRelated(); recalc(); } },
      el("option", { value: "partner", text: t("rel_partner") }), el("option", { value: "linked", text: t("rel_linked") }));
    relSel.value = r.relationship;
    const field = (k, label, control) => el("div", { class: "row" }, el("label", { for: id(k), text: label }), control);
    box.append(el("div", { class: "related-row", role: "group", "aria-label": `${t("related_summary")} ${i + 1}` },
      field("name", t("rel_name"), input("name", "text")),
      field("relationship", t("rel_relationship"), relSel),
      r.relationship === "partner" ? field("share_percent", t("rel_share"), input("share_percent")) : null,
      field("staff_headcount", t("staff"), input("staff_headcount")),
      field("annual_turnover_eur", t("turnover"), input("annual_turnover_eur")),
      field("balance_sheet_total_eur", t("balance"), input("balance_sheet_total_eur")),
      el("button", { type: "button", class: "secondary", text: t("remove"), "aria-label": `${t("remove")} ${i + 1}`, onclick: () => { state.related.splice(i, 1); renderRelated(); recalc(); } })));
  });
}

// Questions the engine asks; answers go to the profile field the question names.
function questionControl(q) {
  const m = /^activities\[(\d+)\]\.(\w+)$/.exec(q.field);
  const activity = m ? state.activities[Number(m[1])] : null;
  const get = () => (activity ? activity.extra[m[2]] : state.answers[q.field]);
  const set = (value) => {
    if (activity) { if (value === undefined) delete activity.extra[m[2]]; else activity.extra[m[2]] = value; }
    else if (value === undefined) delete state.answers[q.field];
    else state.answers[q.field] = value;
    recalc();
  };
  // "Not answered" leaves the fact open (or, for a presumption, as presumed); the other answers
  // are the engine's, each with the outcome it leads to.
  const options = [{ value: undefined, label: t("not_answered") }];
  for (const e of q.effects) if (e.value !== undefined && !options.some((o) => o.value === e.value)) options.push({ value: e.value, label: tx(e.answer) });
  const name = `q-${q.id}`;
  const current = get();
  const group = el("div", { class: "question", role: "radiogroup", "aria-labelledby": `${name}-label` },
    el("p", { id: `${name}-label`, text: tx(q.question) }));
  options.forEach((o, i) => {
    const id = `${name}-${i}`;
    const input = el("input", { type: "radio", name, id, onchange: () => set(o.value) });
    input.checked = o.value === current || (o.value === undefined && current === undefined);
    group.append(el("span", {}, input, el("label", { for: id, text: o.label })));
  });
  return group;
}

function renderQuestions(result) {
  const box = $("questions");
  // Keep the focus on a question that is redrawn (without scrolling: that would lay the page out
  // inside the recalculation).
  const focused = box.contains(document.activeElement) ? document.activeElement.id : null;
  box.replaceChildren();
  const list = [];
  const seen = new Set();
  for (const q of result?.open_questions ?? []) {
    if (q.id === "size_figures" || q.id === "size_range" || q.id === "related_enterprises") continue; // answered in the size section
    state.asked.set(q.id, q);
    list.push(q);
    seen.add(q.id);
  }
  for (const [id, q] of state.asked) {
    const m = /^activities\[(\d+)\]\.(\w+)$/.exec(q.field);
    const answered = m ? state.activities[Number(m[1])]?.extra[m[2]] !== undefined : state.answers[q.field] !== undefined;
    if (!seen.has(id) && answered) list.push(q);
  }
  for (const q of list) box.append(questionControl(q));
  $("questions-fieldset").hidden = list.length === 0;
  if (focused && $(focused)) $(focused).focus({ preventScroll: true });
}

// The outcome: the engine's summary in the live region, then the engine's own views of the result
// and of the obligations (self-contained HTML fragments: every text in them is escaped by the
// engine, so they are inserted as they are).
function show(resultText, factsText, error) {
  $("error").textContent = error ? `${t("error_prefix")} ${fieldName(error)}` : "";
  const status = $("status");
  status.className = "";
  if (!resultText) {
    status.textContent = "";
    view($("result"), null);
    view($("obligations"), null);
    renderQuestions(null);
    return;
  }
  const result = JSON.parse(resultText);
  status.textContent = tx(result.summary);
  status.classList.add(result.classification === "essential" ? "essential" : result.classification === "important" ? "important" : result.in_scope === "no" ? "out" : "open");
  status.dataset.inScope = result.in_scope;
  status.dataset.classification = result.classification;
  view($("result"), resultText);
  view($("obligations"), factsText);
  renderQuestions(result);
}

/** The engine's HTML view of a document into a container (left as it is when nothing changed). */
function view(box, documentText) {
  const key = documentText ? `${state.lang}\n${documentText}` : "";
  if (box.dataset.key === key) return;
  box.innerHTML = documentText ? render(documentText, { format: "html", lang: state.lang }) : "";
  box.dataset.key = key;
}

/**
 * Where the input could not be read: the form's own name of the field the engine names (its
 * messages are in English only), else the field's path.
 */
function fieldName(error) {
  const path = error.kind === "multiple" ? error.errors[0]?.path : error.path;
  const field = { "$.size.staff_headcount": "staff", "$.size.annual_turnover_eur": "turnover", "$.size.balance_sheet_total_eur": "balance" }[path ?? ""];
  if (field) return t(field);
  const related = /^\$\.size\.related_enterprises\[(\d+)\]/.exec(path ?? "");
  if (related) return `${t("related_summary")} ${Number(related[1]) + 1}`;
  return path ?? String(error.message);
}

// ---------- list mode: a CSV file screened by the engine ----------
// The file goes to the engine as it is (the `screen` op `csv`: the same reader as `nis2 screen`),
// at the verdict level; the page shows the engine's view of the result (the counts, then one line
// per row) and offers the engine's CSV of it. Nothing leaves the browser. Screening is in the
// full build (npm `nis2`), loaded from this site the first time a file is chosen: the scoping
// build the page starts with stays small.
const list = { text: null, rows: 0, ms: 0, name: "", engine: null, shownText: null, shownLang: null };

async function fullEngine() {
  if (!list.engine) {
    const m = await import("./nis2-full/index.js");
    await m.default({ module_or_path: new URL("./nis2-full/nis2_bg.wasm", import.meta.url) });
    list.engine = m;
  }
  return list.engine;
}

async function screenList() {
  const file = $("list-file").files[0];
  $("list-error").textContent = "";
  list.text = null;
  if (!file) { showList(); return; }
  $("list-status").textContent = t("list_busy");
  const t0 = performance.now();
  const request = { op: "csv", content: await file.text() };
  const mapFile = $("list-map").files[0];
  if (mapFile) {
    try { request.map = JSON.parse(await mapFile.text()); } catch (e) {
      $("list-status").textContent = "";
      $("list-error").textContent = `${t("list_map_unreadable")} ${e.message}`;
      return;
    }
  }
  // A column map that names its own separator is not contradicted by the page's choice.
  if (request.map?.delimiter === undefined) request.delimiter = $("list-delimiter").value;
  let engine;
  try { engine = await fullEngine(); } catch (e) {
    $("list-status").textContent = "";
    $("list-error").textContent = String(e);
    return;
  }
  const started = performance.now();
  try {
    list.text = engine.screenJson(JSON.stringify(request), { detail: "verdict" });
    // The counts are the document's last member (its rows are megabytes: not parsed here).
    list.rows = JSON.parse(list.text.slice(list.text.lastIndexOf('"summary":') + 10, -1)).rows;
    list.name = file.name.replace(/\.csv$/i, "");
  } catch (e) {
    list.text = null;
    $("list-error").textContent = `${t("error_prefix")} ${e.path ? `${e.path}: ` : ""}${e.message}`;
  }
  try { showList(); } catch (e) {
    list.text = null;
    showList();
    $("list-error").textContent = `${t("error_prefix")} ${e.message}`;
  }
  list.ms = Math.round(performance.now() - started);
  timing.listMs = performance.now() - t0;
  if (list.text) $("list-status").textContent = t("list_done")(list.rows, list.ms);
}

function showList() {
  // Drawn again only when the result or the language changed (compared by reference: the
  // result's text is megabytes long).
  if (list.shownText !== list.text || list.shownLang !== state.lang) {
    $("list-result").innerHTML = list.text ? list.engine.render(list.text, { format: "html", lang: state.lang }) : "";
    list.shownText = list.text;
    list.shownLang = state.lang;
  }
  $("list-download").hidden = !list.text;
  if (!list.text) $("list-status").textContent = "";
  else if (list.ms) $("list-status").textContent = t("list_done")(list.rows, list.ms);
}

function downloadList() {
  if (!list.text) return;
  const csv = list.engine.render(list.text, { format: "csv" });
  const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
  const a = el("a", { href: url, download: `${list.name || "screening"}-nis2.csv` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

// ---------- URL prefill and sharing ----------
function applyParams() {
  const q = new URLSearchParams(location.search);
  if (q.get("embed") === "1") document.body.classList.add("embed");
  if (q.get("lang") === "da" || q.get("lang") === "en") state.lang = q.get("lang");
  let p = null;
  if (q.get("profile")) { try { p = JSON.parse(q.get("profile")); } catch { p = null; } }
  if (p) {
    if (p.member_state) $("member-state").dataset.initial = p.member_state;
    state.activities = (p.activities ?? []).map((a) => { const { entity_type, ...extra } = a; return { id: entity_type, extra }; });
    const s = p.size ?? {};
    $("staff").value = s.staff_headcount ?? "";
    $("turnover").value = s.annual_turnover_eur ?? "";
    $("balance").value = s.balance_sheet_total_eur ?? "";
    if (Array.isArray(s.related_enterprises)) { state.relatedNone = s.related_enterprises.length === 0; state.related = s.related_enterprises.map((r) => ({ ...r })); }
    for (const k of ["provides_services_in_union", "public_security_activities"]) if (p[k] !== undefined) state.answers[k] = p[k];
    for (const [k, val] of Object.entries(p.designations ?? {})) state.answers[`designations.${k}`] = val;
  }
  if (q.get("ms")) $("member-state").dataset.initial = q.get("ms");
  if (q.get("a")) state.activities = q.get("a").split(",").filter(Boolean).map((id) => ({ id, extra: {} }));
  for (const [k, id] of [["staff", "staff"], ["turnover", "turnover"], ["balance", "balance"]]) if (q.get(k) !== null) $(id).value = q.get(k);
  if (q.get("related") === "none") state.relatedNone = true;
  for (const [k, val] of q) {
    if (!k.startsWith("q.")) continue;
    state.answers[k.slice(2)] = val === "true" ? true : val === "false" ? false : val;
  }
}

function shareLink() {
  const url = new URL(location.href);
  url.search = "";
  url.searchParams.set("lang", state.lang);
  url.searchParams.set("profile", JSON.stringify(profile()));
  return url.toString();
}

// ---------- start ----------
async function start() {
  await init({ module_or_path: new URL("./nis2/nis2_bg.wasm", import.meta.url) });
  catalog = entityTypes();
  countries = memberStates().states;
  words = labels().labels;
  applyParams();
  renderStatic();
  const ms = $("member-state");
  if (ms.dataset.initial) ms.value = ms.dataset.initial;
  $("engine").textContent = UI[state.lang].engine(version());

  $("lang-en").addEventListener("click", () => { state.lang = "en"; renderStatic(); $("engine").textContent = UI.en.engine(version()); recalc(); showList(); });
  $("lang-da").addEventListener("click", () => { state.lang = "da"; renderStatic(); $("engine").textContent = UI.da.engine(version()); recalc(); showList(); });
  for (const id of ["list-file", "list-map", "list-delimiter"]) $(id).addEventListener("change", screenList);
  $("list-download").addEventListener("click", downloadList);
  $("member-state").addEventListener("change", showTransposition);
  $("sector").addEventListener("change", fillSubsectors);
  $("subsector").addEventListener("change", fillEntityTypes);
  $("add-activity").addEventListener("click", () => {
    const id = $("entity-type").value;
    if (id && !state.activities.some((a) => a.id === id)) { state.activities.push({ id, extra: {} }); renderActivities(); recalc(); }
  });
  $("member-state").addEventListener("change", recalc);
  for (const id of ["staff", "turnover", "balance"]) $(id).addEventListener("input", recalc);
  $("related-none").addEventListener("change", (e) => { state.relatedNone = e.target.checked; if (state.relatedNone) state.related = []; renderRelated(); recalc(); });
  $("add-related").addEventListener("click", () => { state.relatedNone = false; state.related.push({ relationship: "partner" }); renderRelated(); recalc(); $(`rel-${state.related.length - 1}-name`)?.focus(); });
  $("form").addEventListener("submit", (e) => e.preventDefault());
  $("print").addEventListener("click", () => window.print());
  $("copy-link").addEventListener("click", async () => {
    const link = shareLink();
    try { await navigator.clipboard.writeText(link); $("copied").textContent = t("copied"); } catch { $("copied").textContent = link; }
  });
  recalc();
  timing.readyMs = performance.now();
  document.body.dataset.ready = "true";
  // Warm the engine up once the form is ready (the reference data is read on first use, and the
  // browser compiles the WebAssembly functions it first runs): the visitor's first recalculation
  // with an activity is then as fast as the others.
  setTimeout(() => {
    try {
      const sample = JSON.stringify({ member_state: "DK", activities: catalog.entity_types.slice(0, 2).map((e) => ({ entity_type: e.id })), size: { staff_headcount: 50 } });
      render(programmeJson(`{"op":"obligations","profile":${sample}}`), { format: "html", lang: state.lang });
      render(scopeJson(sample), { format: "html", lang: state.lang });
    } catch { /* only a warm-up */ }
  }, 0);
}

start().catch((e) => { $("error").textContent = String(e); });
