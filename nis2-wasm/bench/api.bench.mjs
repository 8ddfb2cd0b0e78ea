// Times calls from JavaScript through the WebAssembly packages (pkg/ and pkg-scope/): `scope`
// on two profiles (explained and verdict), `catalog` map and evidence queries, `risk` on the
// example register (assess; heat map as SVG), `programme` (one Art 23 incident clock; the årshjul
// of 200 recurring activities, as data and as iCalendar) and `assessment` (score with inference,
// and the inference report, of examples/msp-assessment.json and of a full assessment over every
// catalog; the plan), through the text API (`…Json`: the core's bytes) and the object API (an
// object in, `JSON.parse` of the core's bytes out), and `render`. Each figure is the time per
// call of a batch of calls; min and median over the batches. Not a test: it asserts nothing.
// Usage: node bench/api.bench.mjs [iterations] (default 20000; the heavier calls run fewer).
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const wasmDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = resolve(wasmDir, '..');
async function load(dir) {
  const mod = await import(pathToFileURL(join(dir, 'index.js')).href);
  mod.initSync({ module: readFileSync(join(dir, 'nis2_bg.wasm')) });
  return mod;
}
const nis2 = await load(resolve(process.env.NIS2_WASM_PKG ?? join(wasmDir, 'pkg')));
const slim = await load(resolve(process.env.NIS2_WASM_SCOPE_PKG ?? join(wasmDir, 'pkg-scope')));

const iterations = Number(process.argv[2] ?? 20000);
const example = (file) => JSON.parse(readFileSync(join(repoDir, 'examples', file), 'utf8'));

/** Per-call µs of batches of `fn(input)`: { min, median }. */
function time(fn, input, n) {
  const batch = Math.max(1, Math.min(200, Math.floor(n / 20)));
  for (let i = 0; i < Math.min(2000, Math.ceil(n / 10)); i++) fn(input);
  const per = [];
  for (let done = 0; done < n; done += batch) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) fn(input);
    per.push(Number(process.hrtime.bigint() - start) / 1000 / batch);
  }
  per.sort((a, b) => a - b);
  return { min: per[0], median: per[Math.floor(per.length / 2)] };
}
const fmt = ({ min, median }) => `${min.toFixed(2)} / ${median.toFixed(2)}`;
// One incident clock, as in nis2-core/benches/programme.rs: local time in Europe/Copenhagen,
// a submitted notification, `as_of`.
const incident = {
  aware_at: '2026-03-28T10:00:00',
  time_zone: 'Europe/Copenhagen',
  notification_submitted_at: '2026-03-30T16:45:00+02:00',
  as_of: '2026-04-02T09:00:00+02:00',
};

// The programme of nis2-core/benches/programme.rs: 20 people, 200 recurring activities of five
// cadences (monthly, quarterly, half-yearly, yearly, every two months).
function wheelProgramme(activities) {
  const kinds = ['risk_assessment_review', 'management_reporting', 'recovery_test', 'staff_training', 'vulnerability_review', 'access_review'];
  const cadence = (i) =>
    [
      { every: 'monthly', anchor_day: (i % 31) + 1 },
      { every: 'quarterly', anchor_month: (i % 3) + 1, anchor_day: 15 },
      { every: 'half_yearly', anchor_month: (i % 6) + 1 },
      { every: 'yearly', anchor_month: (i % 12) + 1, anchor_day: 31 },
      { every_months: 2, anchor_month: 2 },
    ][i % 5];
  return {
    schema_version: '1',
    organisation: 'Bench A/S',
    people: Array.from({ length: 20 }, (_, i) => ({ id: `p${i}`, name: `Person ${i}` })),
    wheel: Array.from({ length: activities }, (_, i) => ({
      id: `activity-${String(i).padStart(3, '0')}`,
      kind: kinds[i % kinds.length],
      ...(i % 2 === 0 ? { title: `Activity number ${i}` } : {}),
      cadence: cadence(i),
      owner: `p${i % 20}`,
      requirements: ['NIS2:21.2.a'],
    })),
  };
}
const wheel = { op: 'wheel', programme: wheelProgramme(200), year: 2026 };
const wheelTasks = nis2.programme(wheel).tasks.length;

// The full assessment of nis2-core/benches/assessment.rs: every framework scored; three leaf
// requirements in four have a direct result (statuses and maturities cycling), the rest are
// inferred through the mappings or stay not assessed.
function fullAssessment() {
  const statuses = ['fully_implemented', 'largely_implemented', 'partially_implemented', 'not_implemented'];
  const frameworks = nis2.catalog({ op: 'list' }).frameworks.map((f) => f.id);
  const results = [];
  let k = 0;
  for (const id of frameworks) {
    for (const n of nis2.catalog({ op: 'show', framework: id }).framework.nodes) {
      if (n.kind !== 'requirement') continue;
      k += 1;
      if (k % 4 === 0) continue;
      results.push({
        requirement: n.id,
        status: statuses[k % 4],
        implementation_maturity: k % 6,
        documentation_maturity: (k + 2) % 6,
        evidence: [`DOC-${k}`],
        owner: 'Owner',
      });
    }
  }
  return { schema_version: '1', name: 'Full assessment', assessment_date: '2026-03-02', target_date: '2027-06-30', frameworks, results };
}
const msp = example('msp-assessment.json');
const full = fullAssessment();

const register = example('water-utility-risk-register.json');
const manufacturer = example('manufacturer-40-staff.json');
const verdict = { detail: 'verdict' };
const bind = (fn, options) => (x) => fn(x, options);
// [label, object function, text function, input, share of `iterations`]
const cases = [
  ['scope: manufacturer (1 activity), explained', nis2.scope, nis2.scopeJson, manufacturer, 1],
  ['scope: manufacturer, verdict', bind(nis2.scope, verdict), bind(nis2.scopeJson, verdict), manufacturer, 1],
  ['scope: MSP (2 activities, linked enterprise), explained', nis2.scope, nis2.scopeJson, example('nordic-msp.json'), 1],
  ['scope: MSP, verdict', bind(nis2.scope, verdict), bind(nis2.scopeJson, verdict), example('nordic-msp.json'), 1],
  ['nis2-scope: manufacturer, explained', slim.scope, slim.scopeJson, manufacturer, 1],
  ['nis2-scope: manufacturer, verdict', bind(slim.scope, verdict), bind(slim.scopeJson, verdict), manufacturer, 1],
  ['nis2-scope: programme obligations (manufacturer)', slim.programme, slim.programmeJson, { op: 'obligations', profile: manufacturer }, 1],
  ['catalog map ISO A.5.19 → NIS2', nis2.catalog, nis2.catalogJson, { op: 'map', from: 'ISO27001:A.5.19', to: 'nis2' }, 1],
  ['catalog map ISO A.5.19 → NIS2 via CIR', nis2.catalog, nis2.catalogJson, { op: 'map', from: 'ISO27001:A.5.19', to: 'nis2', via: 'cir-2024-2690' }, 1],
  ['catalog evidence 21(2)(d) from ISO', nis2.catalog, nis2.catalogJson, { op: 'evidence', requirement: 'NIS2:21.2.d', from: 'iso27001-2022' }, 1],
  ['catalog evidence 21(2)(d), verdict', bind(nis2.catalog, verdict), bind(nis2.catalogJson, verdict), { op: 'evidence', requirement: 'NIS2:21.2.d', from: 'iso27001-2022' }, 1],
  ['risk assess (example register, 22 scenarios)', nis2.risk, nis2.riskJson, { op: 'assess', register }, 0.1],
  ['risk heatmap SVG (example register)', nis2.risk, nis2.riskJson, { op: 'heatmap_svg', register, stage: 'residual' }, 0.1],
  ['programme deadlines (one Art 23 incident clock)', nis2.programme, nis2.programmeJson, { op: 'deadlines', incident }, 1],
  [`programme wheel (200 activities, ${wheelTasks} tasks)`, nis2.programme, nis2.programmeJson, wheel, 0.01],
  [`programme wheel as iCalendar (${wheelTasks} events)`, nis2.programme, nis2.programmeJson, { ...wheel, op: 'wheel_ics' }, 0.01],
  [`assessment score + infer (msp example, ${msp.results.length} results)`, nis2.assessment, nis2.assessmentJson, { op: 'score', assessment: msp }, 0.01],
  ['assessment infer report (msp example)', nis2.assessment, nis2.assessmentJson, { op: 'infer', assessment: msp }, 0.01],
  ['assessment plan (msp example)', nis2.assessment, nis2.assessmentJson, { op: 'plan', assessment: msp }, 0.01],
  [`assessment score + infer (every catalog, ${full.results.length} results)`, nis2.assessment, nis2.assessmentJson, { op: 'score', assessment: full }, 0.01],
];

console.log(
  `nis2 ${nis2.version()} WebAssembly, node ${process.version}, ${iterations} calls each ` +
    `(the risk ones a tenth, the wheel and assessment ones a hundredth, at least 100) after a warm-up; ` +
    'µs per call, min / median over batches',
);
const rows = [];
for (const [label, object, json, input, share] of cases) {
  const n = Math.max(100, Math.round(iterations * share));
  const text = JSON.stringify(input);
  rows.push({
    call: label,
    'out bytes': json(text).length,
    'text µs': fmt(time(json, text, n)),
    'object µs': fmt(time(object, input, n)),
  });
}
console.table(rows);

const result = nis2.scope(manufacturer);
const renders = [];
for (const format of ['html', 'md', 'table']) {
  for (const lang of ['en', 'da']) {
    renders.push({ render: `scope result as ${format}/${lang}`, 'out bytes': nis2.render(result, { format, lang }).length, 'µs': fmt(time((r) => nis2.render(r, { format, lang }), result, iterations / 10)) });
  }
}
console.table(renders);
