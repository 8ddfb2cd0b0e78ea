// The NIS2 scoping calculator: a static page over the nis2 WebAssembly package. No framework,
// no network calls after load: the engine runs in the page.
import init, { scope, obligations, entityTypes, memberStates, version } from "./nis2/nis2.js";
import { UI } from "./i18n.js";

const $ = (id) => document.getElementById(id);
const timing = { readyMs: null, lastRecalcMs: null, recalcs: 0 };
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

const t = (key) => UI[state.lang][key] ?? UI.en[key] ?? key;
const v = (value) => UI[state.lang].v[value] ?? value;
const tx = (text) => (text ? text[state.lang] : "");
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
function recalc() {
  const input = profile();
  const t0 = performance.now();
  let result = null;
  let facts = null;
  let error = null;
  try {
    result = scope(input);
    // What follows from the scope (fine ceilings, supervision, registration, reporting clocks):
    // the engine's `obligations`, for an entity the Directive (possibly) covers.
    if (result.in_scope !== "no") facts = obligations({ profile: input });
  } catch (e) {
    error = e;
  }
  render(result, facts, error);
  // The whole recalculation: the engine's calls and the page brought up to date.
  timing.lastRecalcMs = performance.now() - t0;
  timing.recalcs += 1;
}

// ---------- rendering ----------
function renderStatic() {
  document.documentElement.lang = state.lang;
  document.title = t("title");
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
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
  for (const c of countries) sel.append(el("option", { value: c.code, text: `${tx(c.name)} (${c.code})` }));
  sel.value = current;
}

const OTHER = "__other";
function fillSectors() {
  const sel = $("sector");
  const current = sel.value;
  sel.replaceChildren();
  for (const s of catalog.sectors.filter((s) => !s.parent)) sel.append(el("option", { value: s.id, text: `${s.annex === "I" ? "Annex I" : "Annex II"} ${s.citation.replace(/^Annex I+, /, "")} — ${tx(s.label)}` }));
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
    const label = e ? `${tx(e.label)} (${e.citation})` : a.id;
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
  const options = [{ value: undefined, label: t("dont_know") }];
  if (q.kind === "presumption" && q.presumed !== undefined) options.push({ value: q.presumed, label: typeof q.presumed === "string" ? t("presumed_none") : t("presumed_answer") });
  for (const e of q.effects) if (e.value !== undefined && !options.some((o) => o.value === e.value)) options.push({ value: e.value, label: tx(e.answer) });
  if (q.effects.every((e) => typeof e.value === "boolean") && !options.some((o) => o.value === false)) options.push({ value: false, label: t("no") });
  const name = `q-${q.id}`;
  const current = get();
  const group = el("div", { class: "question", role: "radiogroup", "aria-labelledby": `${name}-label` },
    el("p", { id: `${name}-label` }, tx(q.question), " ", el("span", { class: "cite", text: `(${q.citation})` })));
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
  const focused = document.activeElement?.id;
  box.replaceChildren();
  const list = [];
  const seen = new Set();
  for (const q of result?.open_questions ?? []) {
    if (q.id === "size_figures" || q.id === "related_enterprises") continue; // answered in the size section
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
  if (focused && $(focused)) $(focused).focus();
}

function render(result, obligationFacts, error) {
  $("error").textContent = error ? `${t("error_prefix")} ${error.message}` : "";
  const status = $("status");
  const facts = $("facts");
  const tbody = $("trace").querySelector("tbody");
  const att = $("attention");
  const obligationsBox = $("obligations");
  facts.replaceChildren();
  tbody.replaceChildren();
  att.replaceChildren();
  obligationsBox.replaceChildren();
  status.className = "";
  if (!result) { status.textContent = ""; renderQuestions(null); return; }
  status.textContent = tx(result.summary);
  status.classList.add(result.classification === "essential" ? "essential" : result.classification === "important" ? "important" : result.in_scope === "no" ? "out" : "open");
  status.dataset.inScope = result.in_scope;
  status.dataset.classification = result.classification;
  const fact = (k, val) => facts.append(el("dt", { text: k }), el("dd", { text: val }));
  fact(t("f_in_scope"), v(result.in_scope));
  fact(t("f_class"), v(result.classification));
  const sizeText = result.size.class === "undetermined" ? `${v("undetermined")}: ${result.size.possible_classes.map(v).join(" / ")}` : v(result.size.class);
  fact(t("f_size"), result.size.figures_given || result.size.class !== "undetermined" ? sizeText : "—");
  fact(t("f_supervision"), `${v(result.supervision.regime)} — ${tx(result.supervision.text)}`);
  if (obligationFacts) renderObligations(obligationsBox, obligationFacts);
  for (const s of result.trace) {
    tbody.append(el("tr", { "data-rule": s.rule }, el("td", { class: "result", text: v(s.outcome) }), el("td", { text: s.citation }), el("td", { text: s.entity_type ?? "" }), el("td", { text: tx(s.text) })));
  }
  for (const p of result.attention_points) {
    att.append(el("li", { "data-id": p.id }, tx(p.text), " ", el("span", { class: "small", text: `(${p.citation}; ${v(p.status)})` })));
  }
  renderQuestions(result);
}

/** The engine's obligation facts: reporting clocks, fine ceilings, registration data. */
function renderObligations(box, facts) {
  const cite = (c) => el("span", { class: "small", text: ` (${c})` });
  if (facts.reporting) {
    box.append(el("h3", { text: t("reporting") }), el("p", {}, UI[state.lang].reporting_text(facts.reporting), " ", tx(facts.reporting.final_report), cite(facts.reporting.citation)));
  }
  const fines = facts.fines.filter((f) => f.applies !== false);
  if (fines.length > 0) {
    box.append(el("h3", { text: t("fine") }));
    for (const f of fines) box.append(el("p", { "data-class": f.class }, UI[state.lang].fine_text(f), cite(f.citation)));
  }
  if (facts.registration.length > 0) {
    box.append(el("h3", { text: t("registration") }));
    for (const r of facts.registration) {
      box.append(el("p", {}, r.data.map(tx).join("; "), ". ", tx(r.changes), cite(r.citation)));
    }
  }
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
  countries = memberStates().countries;
  // Warm the engine up once (its reference data is read on first use, and the browser compiles
  // the WebAssembly functions it first runs): the visitor's first recalculation is then as fast
  // as the others.
  try {
    obligations({ profile: { member_state: "DK", activities: catalog.entity_types.slice(0, 2).map((e) => ({ entity_type: e.id })), size: { staff_headcount: 50 } } });
  } catch { /* only a warm-up */ }
  applyParams();
  renderStatic();
  const ms = $("member-state");
  if (ms.dataset.initial) ms.value = ms.dataset.initial;
  $("engine").textContent = UI[state.lang].engine(version());

  $("lang-en").addEventListener("click", () => { state.lang = "en"; renderStatic(); $("engine").textContent = UI.en.engine(version()); recalc(); });
  $("lang-da").addEventListener("click", () => { state.lang = "da"; renderStatic(); $("engine").textContent = UI.da.engine(version()); recalc(); });
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
}

start().catch((e) => { $("error").textContent = String(e); });
