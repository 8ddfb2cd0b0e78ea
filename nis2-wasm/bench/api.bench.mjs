// Times calls from JavaScript through the WebAssembly package (pkg/): `scope` on two profiles,
// a `catalog` map query and evidence query, `risk` on the example register (assess; heat map
// as SVG), `programme` (one Art 23 incident clock; the årshjul of 200 recurring activities, as
// data and as iCalendar) and `assessment` (score with inference, and the inference report, of
// examples/msp-assessment.json and of a full assessment over every catalog; the plan), each
// object in/out, string in/out, and string in/out plus JSON.stringify/parse on the JS side.
// Not a test: it asserts nothing about time.
// Usage: node bench/api.bench.mjs [iterations] (default 20000; the heavier calls run fewer).
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const wasmDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = resolve(wasmDir, '..');
const pkgDir = resolve(process.env.NIS2_WASM_PKG ?? join(wasmDir, 'pkg'));
const nis2 = await import(pathToFileURL(join(pkgDir, 'nis2.js')).href);
nis2.initSync({ module: readFileSync(join(pkgDir, 'nis2_bg.wasm')) });

const iterations = Number(process.argv[2] ?? 20000);
const example = (file) => JSON.parse(readFileSync(join(repoDir, 'examples', file), 'utf8'));

function time(fn, input, n) {
  const warmup = Math.min(2000, Math.ceil(n / 10));
  for (let i = 0; i < warmup; i++) fn(input);
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn(input);
  return Number(process.hrtime.bigint() - start) / 1000 / n;
}

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

// [label, object function, string function, input, share of `iterations`]
const register = example('water-utility-risk-register.json');
const cases = [
  ['scope: manufacturer (1 activity)', nis2.scope, nis2.scopeJson, example('manufacturer-40-staff.json'), 1],
  ['scope: MSP (2 activities, linked enterprise)', nis2.scope, nis2.scopeJson, example('nordic-msp.json'), 1],
  ['catalog map ISO A.5.19 → NIS2', nis2.catalog, nis2.catalogJson, { op: 'map', from: 'ISO27001:A.5.19', to: 'nis2' }, 1],
  ['catalog map ISO A.5.19 → NIS2 via CIR', nis2.catalog, nis2.catalogJson, { op: 'map', from: 'ISO27001:A.5.19', to: 'nis2', via: 'cir-2024-2690' }, 1],
  ['catalog evidence 21(2)(d) from ISO', nis2.catalog, nis2.catalogJson, { op: 'evidence', requirement: 'NIS2:21.2.d', from: 'iso27001-2022' }, 1],
  ['risk assess (example register, 22 scenarios)', nis2.risk, nis2.riskJson, { op: 'assess', register }, 0.1],
  ['risk heatmap SVG (example register)', nis2.risk, nis2.riskJson, { op: 'heatmap', register, stage: 'residual', format: 'svg' }, 0.1],
  ['programme deadlines (one Art 23 incident clock)', nis2.programme, nis2.programmeJson, { op: 'deadlines', incident }, 1],
  [`programme wheel (200 activities, ${wheelTasks} tasks)`, nis2.programme, nis2.programmeJson, wheel, 0.01],
  [`programme wheel as iCalendar (${wheelTasks} events)`, nis2.programme, nis2.programmeJson, { ...wheel, format: 'ics' }, 0.01],
  [`assessment score + infer (msp example, ${msp.results.length} results)`, nis2.assessment, nis2.assessmentJson, { op: 'score', assessment: msp }, 0.01],
  ['assessment infer report (msp example)', nis2.assessment, nis2.assessmentJson, { op: 'infer', assessment: msp }, 0.01],
  ['assessment plan (msp example)', nis2.assessment, nis2.assessmentJson, { op: 'plan', assessment: msp }, 0.01],
  [`assessment score + infer (every catalog, ${full.results.length} results)`, nis2.assessment, nis2.assessmentJson, { op: 'score', assessment: full }, 0.01],
];

console.log(
  `nis2 ${nis2.version()} WebAssembly, node ${process.version}, ${iterations} calls each ` +
    `(the risk ones a tenth, the wheel and assessment ones a hundredth, at least 100) after a warm-up`,
);
// The first call of each capability loads and indexes its embedded data: timed on its own.
const rows = [];
for (const [label, object, json, input, share] of cases) {
  const n = Math.max(100, Math.round(iterations * share));
  const text = JSON.stringify(input);
  rows.push({
    call: label,
    'out bytes': json(text).length,
    'object µs': time(object, input, n).toFixed(1),
    'string µs': time(json, text, n).toFixed(1),
    'parse(string(stringify)) µs': time((o) => JSON.parse(json(JSON.stringify(o))), input, n).toFixed(1),
  });
}
console.table(rows);
