// Browser tests of the calculator: Debian's Chromium driven by playwright-core. Each scenario is
// filled in through the UI, and the displayed outcome and citations are asserted in English and
// Danish; the Danish page is checked for English left in it (every word about the result is the
// engine's: its rendering and the texts of its result); screenshots are saved as artefacts. The
// page weight ≤ 300 KB gzipped is asserted; the timings (navigation → interactive ≤ 300 ms and
// recalculation ≤ 5 ms, medians) are printed, and asserted only in the benchmark run
// (NIS2_TIMING_BUDGETS=enforce, set by `bash scripts/test-browser.sh bench`).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";

// The engine the page loads, in Node: the words it has for a label key (the page must show the
// engine's words, whatever they are).
const scopePkg = new URL("../../nis2-wasm/pkg-scope/", import.meta.url);
const engine = await import(new URL("index.js", scopePkg).href);
engine.initSync({ module: readFileSync(new URL("nis2_bg.wasm", scopePkg)) });
const LABELS = engine.labels().labels;
// The full build, which the list mode loads on demand (screening is not in nis2-scope).
const fullPkg = new URL("../../nis2-wasm/pkg/", import.meta.url);
const full = await import(new URL("index.js", fullPkg).href);
full.initSync({ module: readFileSync(new URL("nis2_bg.wasm", fullPkg)) });
/** The engine's word for a label key (the key itself where the catalog has none yet). */
const word = (key, lang) => LABELS[key]?.[lang] ?? key;
/** The engine's word for a code of a field (`value.<field>.<code>`, else `value.<code>`). */
const valueWord = (field, code, lang) => LABELS[`value.${field}.${code}`]?.[lang] ?? word(`value.${code}`, lang);
/** A citation as the page must show it: as written in English, in Danish as Danish law cites. */
const cites = (lang, en, da) => new RegExp((lang === "en" ? en : da).replace(/[.()$]/g, "\\$&"));

const BASE = process.env.CALCULATOR_URL ?? "http://127.0.0.1:8765/";
const ART = process.env.ARTIFACTS ?? new URL("../../artifacts/calculator/", import.meta.url).pathname;
mkdirSync(ART, { recursive: true });
const timings = [];
let browser;

before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});
after(async () => {
  await browser?.close();
  writeFileSync(`${ART}/timings.json`, JSON.stringify(timings, null, 2));
  const ready = timings.map((t) => t.readyMs);
  const recalc = timings.flatMap((t) => t.recalcMs);
  console.log(`calculator timings: navigation→interactive median ${median(ready).toFixed(1)} ms (max ${Math.max(...ready).toFixed(1)}), recalculation median ${median(recalc).toFixed(2)} ms (max ${Math.max(...recalc).toFixed(2)}, ${recalc.length} measured)`);
  if (missingLabels.size) console.log(`labels the engine's catalog does not have yet (shown as keys): ${[...missingLabels].sort().join(", ")}`);
});
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)] ?? NaN; };

async function open(query = "") {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1400 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(BASE + query);
  await page.waitForSelector("body[data-ready=true]", { timeout: 10000 });
  const readyMs = await page.evaluate(() => window.__nis2.readyMs);
  const record = { query, readyMs, recalcMs: [] };
  timings.push(record);
  return { page, context, errors, requests, record };
}

/** Every recalculation the page made (each input, answer and language switch). */
async function recalcTime(ctx) {
  ctx.record.recalcMs.push(...(await ctx.page.evaluate(() => window.__nis2.recalcMs)));
}

async function addActivity(page, sectorText, subsectorText, typeText) {
  await page.selectOption("#sector", { label: await optionLabel(page, "#sector", sectorText) });
  if (subsectorText) await page.selectOption("#subsector", { label: await optionLabel(page, "#subsector", subsectorText) });
  await page.selectOption("#entity-type", { label: await optionLabel(page, "#entity-type", typeText) });
  await page.click("#add-activity");
}

async function optionLabel(page, select, contains) {
  const labels = await page.$$eval(`${select} option`, (os) => os.map((o) => o.textContent));
  const hit = labels.find((l) => l.includes(contains));
  assert.ok(hit, `no option containing "${contains}" in ${select}: ${labels.join(" | ")}`);
  return hit;
}

async function outcome(page) {
  return page.evaluate(() => {
    const s = document.getElementById("status");
    const result = document.getElementById("result");
    return {
      inScope: s.dataset.inScope,
      classification: s.dataset.classification,
      summary: s.textContent,
      lang: result.querySelector("section")?.getAttribute("lang"),
      // Every cell of the engine's tables (the decision trace among them).
      trace: [...result.querySelectorAll("td")].map((td) => td.textContent).join(" | "),
      facts: [...result.querySelectorAll("dl")].map((dl) => dl.textContent).join(" | "),
      result: result.textContent,
      obligations: document.getElementById("obligations").textContent,
    };
  });
}

async function both(ctx, name, check) {
  const { page } = ctx;
  await page.click("#lang-en");
  const en = await outcome(page);
  assert.equal(en.lang, "en", "the engine's view is in English");
  check(en, "en");
  await page.screenshot({ path: `${ART}/${name}-en.png`, fullPage: true });
  await page.click("#lang-da");
  const da = await outcome(page);
  assert.equal(da.lang, "da", "the engine's view is in Danish");
  check(da, "da");
  await danishOnly(page, name);
  await page.screenshot({ path: `${ART}/${name}-da.png`, fullPage: true });
  await recalcTime(ctx);
  assert.deepEqual(ctx.errors, []);
  assert.ok(ctx.requests.every((u) => u.startsWith(BASE)), `no request leaves the page's origin: ${ctx.requests.join(", ")}`);
  await ctx.context.close();
}

// ---------- the Danish page is Danish ----------
// Words and fragments of English that the Danish page must not show: the English citation
// grammar (`Art. 3(1)`: a Danish sentence may begin "Art. 21 og 23 …"), the words of outcomes and classes, the page's own English chrome, common English
// words. (Names such as "NIS 2-loven", "DNS", "EUR" and the "English" language button, marked
// lang="en", are not English leaks.)
const ENGLISH = [
  /\bAnnex\b/, /\bpoint \d/, /\bindent\b/, /\bArt\. \d+\(/, /\bRec\. \d/, /\b[Rr]ecital\b/, /\bsubparagraph\b/,
  /\bRegulation\b/, /\bDirective\b/, /\bbill\b/, /\bessential\b/i, /\bimportant\b/i, /\bapplies\b/, /\bnot apply\b/,
  /\bin scope\b/i, /\bMember States?\b/, /\bhours\b/, /\bthe\b/i, /\band\b/, /\bof\b/, /\bor\b/, /\bwith\b/, /\byes\b/i,
  /\bNot answered\b/, /\bRemove\b/, /\bAdd\b/, /\bOutcome\b/, /\bSector\b/, /\bActivit(y|ies)\b/, /\bStaff\b/, /\bturnover\b/i,
  /\bsupervision\b/i, /\bundetermined\b/i, /\bpresumed\b/i, /\bquestion\b/i,
];
/** A label key the engine's catalog does not have yet (the view shows the key). */
const KEY = /\b(?:op|field|value|heading|word|unit|rule|question)\.[A-Za-z0-9_.]+[A-Za-z0-9_]/g;
const missingLabels = new Set();

/** Everything the page shows or announces in Danish: visible text, options, title, ARIA names. */
async function danishOnly(page, name) {
  const shown = await page.evaluate(() => {
    const texts = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (el.closest('[lang="en"], script, style, [hidden]')) continue;
      if (el.closest("details:not([open])") && !el.closest("summary")) continue;
      if (n.textContent.trim()) texts.push(n.textContent.trim());
    }
    for (const el of document.querySelectorAll("[aria-label], [title], [placeholder]")) {
      if (el.closest('[lang="en"]')) continue;
      for (const a of ["aria-label", "title", "placeholder"]) if (el.getAttribute(a)) texts.push(el.getAttribute(a));
    }
    return { lang: document.documentElement.lang, texts };
  });
  assert.equal(shown.lang, "da", `${name}: <html lang="da">`);
  const leaks = [];
  for (const t of shown.texts) {
    for (const key of t.match(KEY) ?? []) missingLabels.add(key);
    const text = t.replace(KEY, " ");
    for (const re of ENGLISH) if (re.test(text)) leaks.push(`${re} in ${JSON.stringify(t.slice(0, 160))}`);
  }
  assert.deepEqual(leaks, [], `${name}: English on the Danish page`);
}

// The size budget: everything the page loads (HTML, CSS, JavaScript, the nis2-scope package's
// WebAssembly module), each response gzipped (-9) as a server would send it, ≤ 300 KB in total.
test("everything the calculator loads is within 300 KB gzipped", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const bodies = [];
  page.on("response", (r) => bodies.push(r.body().then((b) => ({ url: r.url(), raw: b.length, gzip: gzipSync(b, { level: 9 }).length }))));
  await page.goto(BASE);
  await page.waitForSelector("body[data-ready=true]", { timeout: 10000 });
  const loaded = await Promise.all(bodies);
  const total = loaded.reduce((n, x) => n + x.gzip, 0);
  writeFileSync(`${ART}/page-weight.json`, JSON.stringify({ total_gzip_bytes: total, resources: loaded }, null, 2));
  console.log(`calculator page weight: ${total} bytes gzipped in ${loaded.length} responses (${loaded.map((x) => `${x.url.replace(BASE, "")} ${x.gzip}`).join(", ")})`);
  assert.ok(loaded.some((x) => x.url.endsWith(".wasm")), "the module was loaded");
  assert.ok(total <= 300 * 1024, `${total} bytes gzipped > 300 KB`);
  await context.close();
});

test("a large Danish electricity supplier is essential", async () => {
  const ctx = await open();
  const { page } = ctx;
  await page.selectOption("#member-state", "DK");
  await addActivity(page, "Energy", "Electricity", "supply");
  await page.fill("#staff", "420");
  await page.fill("#turnover", "310000000");
  await page.fill("#balance", "250000000");
  await both(ctx, "electricity-supplier", (o, lang) => {
    assert.equal(o.inScope, "yes");
    assert.equal(o.classification, "essential");
    assert.match(o.trace, cites(lang, "Art. 3(1)(a)", "art. 3, stk. 1, litra a"));
    assert.match(o.summary, lang === "en" ? /essential entity/ : /væsentlig enhed/);
    // The engine's obligations: the Art 34(4) ceiling of an essential entity.
    assert.match(o.obligations, cites(lang, "Art. 34(4)", "art. 34, stk. 4"));
    assert.match(o.obligations, /10000000/);
    assert.ok(o.facts.includes(valueWord("classification", "essential", lang)), o.facts);
  });
});

test("a 40-staff manufacturer with EUR 12M turnover and balance sheet is medium and important", async () => {
  const ctx = await open();
  const { page } = ctx;
  await page.selectOption("#member-state", "DK");
  await addActivity(page, "Manufacturing", "electrical equipment", "NACE C27");
  await page.fill("#staff", "40");
  await page.fill("#turnover", "12000000");
  await page.fill("#balance", "12000000");
  await both(ctx, "manufacturer-40", (o, lang) => {
    assert.equal(o.inScope, "yes");
    assert.equal(o.classification, "important");
    assert.match(o.trace, cites(lang, "Rec. 2003/361/EC, Annex, Art. 2", "henstilling 2003/361/EF, bilaget, art. 2"));
    assert.match(o.trace, cites(lang, "Art. 2(1)", "art. 2, stk. 1"));
    assert.match(o.trace, cites(lang, "Art. 3(2)", "art. 3, stk. 2"));
    assert.ok(o.facts.includes(valueWord("size_class", "medium", lang)), o.facts);
    assert.match(o.summary, lang === "en" ? /important entity/ : /vigtig enhed/);
  });
});

test("a small trust service provider: the calculator asks whether it is qualified", async () => {
  const ctx = await open();
  const { page } = ctx;
  await page.selectOption("#member-state", "DK");
  await addActivity(page, "Digital infrastructure", null, "Trust service");
  await page.fill("#staff", "8");
  await page.fill("#turnover", "1500000");
  await page.fill("#balance", "900000");
  let o = await outcome(page);
  assert.equal(o.inScope, "yes");
  assert.equal(o.classification, "undetermined");
  // Answer the question the engine asked.
  await page.check("#q-qualified_trust_service_provider-1");
  await both(ctx, "qualified-tsp", (r, lang) => {
    assert.equal(r.classification, "essential");
    assert.match(r.trace, cites(lang, "Art. 3(1)(b)", "art. 3, stk. 1, litra b"));
    assert.match(r.trace, cites(lang, "Art. 2(2)(a)(ii)", "art. 2, stk. 2, litra a, nr. ii"));
    // The engine's reporting clock of a trust service provider (24 hours for its notification).
    assert.ok(r.obligations.includes(`${word("field.trust_service_notification_hours", lang)}24`), r.obligations);
  });
});

test("a Danish municipality is in scope; its class follows national law", async () => {
  const ctx = await open("?lang=da");
  const { page } = ctx;
  await page.selectOption("#member-state", "DK");
  await addActivity(page, "Øvrige roller", null, "lokalt niveau");
  await both(ctx, "municipality", (o, lang) => {
    assert.equal(o.inScope, "yes");
    assert.equal(o.classification, "depends_on_member_state");
    assert.match(o.trace, cites(lang, "Art. 2(5)(a)", "art. 2, stk. 5, litra a"));
    assert.match(o.summary, lang === "en" ? /depends on national law/ : /afhænger af national lovgivning/);
  });
});

test("a domain name registrar is in scope for registration only", async () => {
  const ctx = await open();
  const { page } = ctx;
  await page.selectOption("#member-state", "DK");
  await addActivity(page, "Other roles", null, "omain name registration");
  await page.fill("#staff", "12");
  await both(ctx, "domain-registrar", (o, lang) => {
    assert.equal(o.inScope, "yes");
    assert.equal(o.classification, "registration_only");
    assert.match(o.trace, cites(lang, "Art. 2(4)", "art. 2, stk. 4"));
    assert.match(o.summary, lang === "en" ? /domain name registration/ : /domænenavnsregistrering/);
  });
});

test("a retailer with none of the activities is not in scope", async () => {
  const ctx = await open();
  const { page } = ctx;
  await page.selectOption("#member-state", "DK");
  await page.fill("#staff", "120");
  await page.fill("#turnover", "40000000");
  await page.fill("#balance", "15000000");
  await both(ctx, "retailer", (o, lang) => {
    assert.equal(o.inScope, "no");
    assert.equal(o.classification, "none");
    assert.match(o.summary, lang === "en" ? /Not in scope/ : /Ikke omfattet/);
  });
});

test("prefill from URL parameters and the share link round-trip", async () => {
  const ctx = await open("?lang=da&ms=DK&a=NIS2-II-05c-01&staff=40&turnover=12000000&balance=12000000&related=none");
  const { page } = ctx;
  const o = await outcome(page);
  assert.equal(o.classification, "important");
  assert.equal(await page.getAttribute("html", "lang"), "da");
  const link = await page.evaluate(() => { const u = new URL(location.href); return u; });
  assert.ok(link);
  await recalcTime(ctx);
  await ctx.context.close();
});

test("keyboard only: choose an activity and read the announced outcome", async () => {
  const ctx = await open();
  const { page } = ctx;
  await page.focus("#member-state");
  await page.keyboard.press("Tab"); // sector
  await page.keyboard.press("Tab"); // subsector (disabled ones are skipped)
  const focused = await page.evaluate(() => document.activeElement.id);
  assert.ok(["subsector", "entity-type"].includes(focused), focused);
  await page.focus("#add-activity");
  await page.keyboard.press("Enter");
  await page.fill("#staff", "300");
  const live = await page.getAttribute("#status", "aria-live");
  assert.equal(live, "polite");
  const o = await outcome(page);
  assert.equal(o.inScope, "yes");
  // every form control has a label
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll("input, select")].filter((e) => !e.labels?.length && !e.getAttribute("aria-label")).map((e) => e.id || e.name));
  assert.deepEqual(unlabelled, []);
  await recalcTime(ctx);
  await ctx.context.close();
});

test("an input the engine rejects: the Danish page names the field in Danish", async () => {
  const ctx = await open("?lang=da");
  const { page } = ctx;
  await page.selectOption("#member-state", "DK");
  await addActivity(page, "Energi", "Elektricitet", "forsyning");
  await page.fill("#staff", "-5");
  const error = await page.textContent("#error");
  assert.match(error, /Oplysningerne kunne ikke vurderes: Antal beskæftigede/);
  await danishOnly(page, "error");
  await page.screenshot({ path: `${ART}/error-da.png`, fullPage: true });
  assert.deepEqual(ctx.errors, []);
  await ctx.context.close();
});

// ---------- list mode ----------
/** A table of `n` organisations in the flat layout, seeded: water, electricity, manufacturing,
 *  a few rows the engine refuses (an unknown entity type, a turnover that is not a number). */
function listTable(n) {
  let seed = 2555;
  const next = (m) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % m; };
  const types = ["NIS2-I-06-01", "NIS2-I-01a-04", "NIS2-II-05d-01", "NIS2-II-01-01", "NIS2-I-08-01"];
  const lines = ["id,name,entity_types,staff_headcount,annual_turnover_eur,balance_sheet_total_eur,member_state"];
  for (let i = 0; i < n; i += 1) {
    const bad = i % 997 === 13;
    const type = bad && i % 2 ? "NIS2-XX" : types[next(types.length)];
    const turnover = bad && !(i % 2) ? "many" : String(next(120_000_000));
    lines.push(`R${i},"Virksomhed ${i}, ApS",${type},${next(900)},${turnover},${next(90_000_000)},DK`);
  }
  return lines.join("\r\n") + "\r\n";
}

test("list mode: a 10,000-row CSV file is screened in the page, shown with its counts in English and Danish, and downloaded as the engine's CSV", async () => {
  const ctx = await open();
  const { page } = ctx;
  const table = listTable(10_000);
  await page.setInputFiles("#list-file", { name: "portfolio.csv", mimeType: "text/csv", buffer: Buffer.from(table) });
  await page.waitForFunction(() => !document.getElementById("list-download").hidden, null, { timeout: 20000 });
  const shown = await page.evaluate(() => ({
    ms: window.__nis2.listMs,
    status: document.getElementById("list-status").textContent,
    rows: document.querySelectorAll("#list-result tbody tr").length,
    text: document.getElementById("list-result").textContent,
    lang: document.querySelector("#list-result section")?.getAttribute("lang"),
  }));
  // The engine's own answer for the same file, in Node (the same module the list mode loads).
  const expected = JSON.parse(full.screenJson(JSON.stringify({ op: "csv", content: table, delimiter: "," }), { detail: "verdict" }));
  assert.equal(expected.summary.rows, 10_000);
  assert.ok(expected.summary.errors > 0 && expected.summary.screened > 9_000, JSON.stringify(expected.summary));
  assert.match(shown.status, /10000 rows screened/);
  assert.equal(shown.lang, "en");
  // The counts' tables and one line per row.
  assert.ok(shown.rows >= 10_000, `${shown.rows} table rows shown`);
  assert.ok(shown.text.includes(String(expected.summary.errors)), "the count of rows with errors is shown");
  console.log(`calculator list mode: 10,000 rows screened and shown in ${shown.ms.toFixed(0)} ms`);
  ctx.record.listMs = shown.ms;
  if (process.env.NIS2_TIMING_BUDGETS === "enforce") assert.ok(shown.ms <= 1000, `list mode ${shown.ms.toFixed(0)} ms (budget 1 s)`);
  else if (shown.ms > 1000) console.log(`# over budget (reported, not asserted outside the benchmark run): list mode ${shown.ms.toFixed(0)} ms (budget 1 s)`);

  // The download: the engine's CSV of the verdicts, byte for byte.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#list-download")]);
  assert.equal(download.suggestedFilename(), "portfolio-nis2.csv");
  const got = readFileSync(await download.path(), "utf8");
  assert.equal(got, full.render(JSON.stringify(expected), { format: "csv" }));
  assert.equal(got.split("\n").length, 10_002, "a header, 10,000 rows and the final line break");
  await page.screenshot({ path: `${ART}/list-mode-en.png` });

  // Danish: the page's chrome and the engine's view of the list.
  await page.click("#lang-da");
  const da = await page.evaluate(() => ({
    status: document.getElementById("list-status").textContent,
    lang: document.querySelector("#list-result section")?.getAttribute("lang"),
    heading: document.getElementById("list-heading").textContent,
    text: document.getElementById("list-result").textContent,
  }));
  assert.equal(da.lang, "da");
  // The rows' errors in Danish too (the engine's message patterns), none left in English.
  assert.ok(da.text.includes("ukendt enhedstype `NIS2-XX` ved `$.entity_types[0]`"), "an unknown type's error in Danish");
  assert.ok(da.text.includes("forventede et tal skrevet med cifre (fx 49.5 eller 12000000), fik `many`"), "a figure's error in Danish");
  assert.ok(!/invalid input|unknown entity type|expected a number/.test(da.text), "no row error left in English");
  assert.match(da.status, /10000 rækker screenet/);
  assert.equal(da.heading, "Screening af en liste");
  await page.screenshot({ path: `${ART}/list-mode-da.png` });

  // A column map for a register's own columns, ';'-separated, and a table that does not read.
  await page.click("#lang-en");
  await page.setInputFiles("#list-map", { name: "map.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify({
    delimiter: ";", columns: { Nr: { to: "id" }, Sektor: { to: "entity_types" }, Ansatte: { to: "staff_headcount", read: "interval" } }, fixed: { member_state: "DK" },
  })) });
  await page.setInputFiles("#list-file", { name: "register.csv", mimeType: "text/csv", buffer: Buffer.from("Nr;Sektor;Ansatte\nA1;NIS2-I-06-01;250-499\nA2;NIS2-I-06-01;20-49\n") });
  await page.waitForFunction(() => /2 rows/.test(document.getElementById("list-status").textContent), null, { timeout: 10000 });
  await page.setInputFiles("#list-map", []);
  await page.setInputFiles("#list-file", { name: "broken.csv", mimeType: "text/csv", buffer: Buffer.from("id,Sektor\nA,B\n") });
  await page.waitForFunction(() => document.getElementById("list-error").textContent.includes("$.columns[1]"), null, { timeout: 10000 });
  assert.equal(await page.isHidden("#list-download"), true, "no download without a result");
  assert.deepEqual(ctx.errors, []);
  assert.ok(ctx.requests.every((u) => u.startsWith(BASE)), "nothing leaves the page's origin");
  await ctx.context.close();
});

// The budgets, over every page opened above (medians: single runs on a shared machine vary).
// Speed is a benchmark, not a test: the figures are always measured and printed; they are
// asserted only in the benchmark run (`bash scripts/test-browser.sh bench`, which sets
// NIS2_TIMING_BUDGETS=enforce), so a loaded CI machine cannot turn a test red.
test("budgets: navigation → interactive ≤ 300 ms and recalculation ≤ 5 ms (medians)", () => {
  const ready = timings.map((t) => t.readyMs);
  const recalc = timings.flatMap((t) => t.recalcMs);
  assert.ok(ready.length >= 8 && recalc.length >= 8, `${ready.length} pages, ${recalc.length} recalculations measured`);
  const verdicts = [
    [median(ready) <= 300, `navigation → interactive median ${median(ready).toFixed(1)} ms (budget 300 ms)`],
    [median(recalc) <= 5, `recalculation median ${median(recalc).toFixed(2)} ms (budget 5 ms)`],
  ];
  for (const [ok, line] of verdicts) {
    if (process.env.NIS2_TIMING_BUDGETS === "enforce") assert.ok(ok, line);
    else if (!ok) console.log(`# over budget (reported, not asserted outside the benchmark run): ${line}`);
  }
});
