// The rest of the API and the package itself: catalogs, the programme and the assessment on
// the repository's examples (against the CLI), schemas, version, object semantics, the
// assembled npm package and its TypeScript declarations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync, mkdtempSync, mkdirSync, writeFileSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { nis2, repoDir, wasmDir, pkgDir, cli, runCli, readJson, thrown, checkIcs } from './helpers.mjs';

const example = () => readJson(join(repoDir, 'examples', 'nordic-msp.json'));

test('version() is the workspace version and the package version', () => {
  const cargo = readFileSync(join(repoDir, 'Cargo.toml'), 'utf8');
  const workspaceVersion = /\[workspace\.package\][^[]*?\nversion\s*=\s*"([^"]+)"/.exec(cargo)?.[1];
  assert.equal(nis2.version(), workspaceVersion);
  assert.equal(readJson(join(pkgDir, 'package.json')).version, workspaceVersion);
});

test('the exports: every capability as an object and a string function', () => {
  for (const name of [
    'scope', 'scopeJson', 'catalog', 'catalogJson', 'risk', 'riskJson', 'programme', 'programmeJson', 'programmeIcs',
    'assessment', 'assessmentJson', 'obligations', 'obligationsJson', 'entityTypes', 'memberStates', 'version',
  ]) {
    assert.equal(typeof nis2[name], 'function', name);
  }
});

test('catalog(), risk(), programme() and assessment() return fresh plain objects, deep-equal to the string API', () => {
  for (const [fn, fnJson, request] of [
    [nis2.catalog, nis2.catalogJson, { op: 'node', id: 'NIS2:21.2.d' }],
    [nis2.risk, nis2.riskJson, { op: 'validate_matrix', matrix: 'iso27005-style-3x3' }],
    [nis2.programme, nis2.programmeJson, { op: 'deadlines', incident: readJson(join(repoDir, 'examples', 'incident.json')) }],
    [nis2.assessment, nis2.assessmentJson, { op: 'scales' }],
  ]) {
    const input = Object.freeze(structuredClone(request));
    const a = fn(input);
    const b = fn(input);
    assert.notEqual(a, b);
    assert.deepEqual(a, b);
    assert.equal(Object.getPrototypeOf(a), Object.prototype);
    assert.deepEqual(a, JSON.parse(fnJson(JSON.stringify(request))));
  }
});

test('catalog(): every framework can be shown and exported as the list says', () => {
  const list = nis2.catalog({ op: 'list' });
  assert.ok(list.frameworks.length >= 5, 'NIS2, CIR 2024/2690, ISO/IEC 27001, D-mærket, the Danish programme');
  for (const fw of list.frameworks) {
    assert.equal(nis2.catalog({ op: 'show', framework: fw.id }).framework.id, fw.id);
    for (const format of fw.exports) {
      const out = nis2.catalog({ op: 'export', framework: fw.id, format });
      assert.equal(typeof out.content, 'string');
      assert.ok(out.content.length > 100, `${fw.id} ${format}`);
    }
  }
  for (const m of list.mappings) {
    for (const format of m.exports) {
      assert.equal(typeof nis2.catalog({ op: 'export', mapping: m.id, format }).content, 'string');
    }
  }
});

// --- programme --------------------------------------------------------------------------------
const examplePath = (file) => join(repoDir, 'examples', file);
const danish = () => readJson(examplePath('danish-programme.json'));

/** The CLI's stdout (one final newline dropped), after checking it succeeded. */
function cliOut(args, stdin) {
  const r = runCli(args, stdin);
  assert.equal(r.status, 0, `nis2 ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.replace(/\n$/, '');
}

test('programme(): the Art 23 clocks of examples/incident.json (the README figures), as `nis2 deadlines`', () => {
  const incident = readJson(examplePath('incident.json'));
  const clock = nis2.programme({ op: 'deadlines', incident });
  const due = Object.fromEntries(clock.deadlines.map((d) => [d.stage, d.due]));
  // Aware 29 January 2026 08:00 Copenhagen, notified 31 January 16:00.
  assert.equal(due.early_warning, '2026-01-30T08:00:00+01:00', '24 hours');
  assert.equal(due.incident_notification, '2026-02-01T08:00:00+01:00', '72 hours');
  assert.equal(due.final_report, '2026-02-28T16:00:00+01:00', 'one month after the notification');
  assert.equal(clock.deadlines.find((d) => d.stage === 'incident_notification').status, 'submitted_on_time');
  const bytes = nis2.programmeJson(JSON.stringify({ op: 'deadlines', incident }));
  assert.deepEqual(JSON.parse(bytes), clock);
  if (cli) assert.equal(cliOut(['deadlines', examplePath('incident.json'), '--format', 'json']), bytes);
});

test('programme(): the årshjul, plan, registers and validation of examples/danish-programme.json, as the CLI', () => {
  const programme = danish();
  const wheel = nis2.programme({ op: 'wheel', programme, year: 2026 });
  assert.equal(wheel.year, 2026);
  assert.ok(wheel.tasks.length > 20, `${wheel.tasks.length} tasks`);
  assert.ok(wheel.tasks.every((t, i) => i === 0 || wheel.tasks[i - 1].date <= t.date), 'tasks in date order');
  const counts = nis2.programme({ op: 'validate', programme }).counts;
  assert.equal(counts.activities, programme.wheel.length);
  assert.equal(counts.people, programme.people.length);
  const plan = nis2.programme({ op: 'plan', programme, reference_date: '2026-03-01' });
  assert.equal(typeof plan, 'object');
  if (!cli) return;
  const file = examplePath('danish-programme.json');
  const wheelBytes = nis2.programmeJson(JSON.stringify({ op: 'wheel', programme, year: 2026, format: 'data', language: 'en' }));
  assert.deepEqual(JSON.parse(wheelBytes), wheel);
  assert.equal(cliOut(['wheel', file, '--year', '2026', '--format', 'json']), wheelBytes);
  // The register commands print indented JSON: the same document.
  for (const op of ['plan', 'suppliers', 'governance']) {
    const request = { op, programme, reference_date: '2026-03-01' };
    assert.deepEqual(JSON.parse(cliOut([op, file, '--date', '2026-03-01'])), nis2.programme(request), op);
  }
});

test('programmeIcs(): RFC 5545 text with CRLF lines, the `ics` of format "ics", byte for byte `nis2 wheel --ics`', () => {
  const request = { op: 'wheel', programme: danish(), year: 2026 };
  const ics = nis2.programmeIcs(request);
  const wheel = nis2.programme(request);
  const events = checkIcs(ics, wheel.tasks.length);
  assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'), ics.slice(0, 60));
  assert.ok(ics.endsWith('END:VCALENDAR\r\n'));
  assert.deepEqual(
    events.map((e) => e.UID.value),
    wheel.tasks.map((t) => t.uid),
    'one event per task, in order, with the task uid',
  );
  assert.deepEqual(events.map((e) => e.DTSTART.value), wheel.tasks.map((t) => t.date.replaceAll('-', '')));
  // The same text as format "ics" gives in a document, whatever `format` says.
  const doc = nis2.programme({ ...request, format: 'ics' });
  assert.equal(doc.ics, ics);
  assert.equal(doc.events, wheel.tasks.length);
  assert.equal(doc.media_type, 'text/calendar');
  assert.equal(nis2.programmeIcs({ ...request, format: 'data' }), ics);
  assert.equal(JSON.parse(nis2.programmeJson(JSON.stringify({ ...request, format: 'ics' }))).ics, ics);
  // Danish titles; the reference date sets DTSTAMP.
  const da = nis2.programmeIcs({ ...request, language: 'da', reference_date: '2025-12-01' });
  assert.notEqual(da, ics);
  checkIcs(da, wheel.tasks.length).forEach((e) => assert.equal(e.DTSTAMP.value, '20251201T000000Z'));
  if (cli) {
    // The CLI prints the text without its last CRLF, then a newline.
    assert.equal(cliOut(['wheel', examplePath('danish-programme.json'), '--year', '2026', '--ics']) + '\r\n', ics);
  }
});

// --- assessment ------------------------------------------------------------------------------
const msp = () => readJson(examplePath('msp-assessment.json'));

test('assessment(): score, infer, plan and reports of examples/msp-assessment.json, byte for byte the CLI', () => {
  const doc = msp();
  const evaluation = nis2.assessment({ op: 'score', assessment: doc });
  // docs/scoring.md §7.1: the overall status score of the example, exactly.
  assert.equal(evaluation.overall.status.exact_low, '665851/1580040');
  assert.equal(evaluation.overall.status.exact_high, '718519/1580040');
  const inference = nis2.assessment({ op: 'infer', assessment: doc });
  assert.equal(typeof inference, 'object');
  const plan = nis2.assessment({ op: 'plan', assessment: doc });
  assert.equal(plan.items.length, 168, 'docs/scoring.md §7: 168 plan items');
  const requests = [
    { op: 'scales' },
    { op: 'prerequisites' },
    { op: 'requirements', profile: doc.scope.profile },
    { op: 'score', assessment: doc },
    { op: 'infer', assessment: doc },
    { op: 'plan', assessment: doc },
    { op: 'report', assessment: doc, format: 'md' },
    { op: 'report', assessment: doc, format: 'html', lang: 'da' },
    { op: 'report', assessment: doc, format: 'json' },
  ];
  for (const request of requests) {
    const label = `${request.op} ${request.format ?? ''}`;
    const bytes = nis2.assessmentJson(JSON.stringify(request));
    assert.deepEqual(nis2.assessment(request), JSON.parse(bytes), label);
    if (cli) assert.equal(cliOut(['assessment', '-'], JSON.stringify(request)), bytes, label);
  }
  const md = nis2.assessment({ op: 'report', assessment: doc, format: 'md' });
  assert.equal(md.encoding, 'utf8');
  assert.match(md.content, /^# /);
  const full = nis2.assessment({ op: 'report', assessment: doc, format: 'json' });
  assert.deepEqual(JSON.parse(full.content).evaluation, evaluation, 'the json report holds the evaluation');
  if (cli) assert.deepEqual(JSON.parse(cliOut(['assess', examplePath('msp-assessment.json')])), evaluation, '`nis2 assess FILE`');
});

test('assessment(): an XLSX report is a Nis2Error here (no `xlsx` feature in this package), never a crash', () => {
  const request = { op: 'report', assessment: msp(), format: 'xlsx' };
  for (const e of [thrown(() => nis2.assessment(request)), thrown(() => nis2.assessmentJson(JSON.stringify(request)))]) {
    assert.ok(e instanceof Error);
    assert.equal(e.name, 'Nis2Error');
    assert.equal(e.kind, 'invalid_input');
    assert.equal(e.path, '$.format');
    assert.match(e.message, /no XLSX support \(cargo feature `xlsx`\); use md, html or json/);
    assert.deepEqual([e.suggestions, e.errors], [[], []]);
  }
  // The module is still usable, and the other formats work on the same document.
  assert.equal(nis2.assessment({ ...request, format: 'md' }).format, 'md');
  if (cli) {
    // The CLI is built with the feature: the same request gives the workbook, base64.
    const out = JSON.parse(cliOut(['assessment', '-'], JSON.stringify(request)));
    assert.equal(out.encoding, 'base64');
    assert.ok(Buffer.from(out.content, 'base64').subarray(0, 2).equals(Buffer.from('PK')), 'a ZIP (XLSX) file');
  }
});

// The JSON Schemas are not in this package (the core's feature `schemas` is off in the wasm
// build, for its size): the TypeScript types are generated from them, and `schema` is no export.
test('no schema export: the schemas are the repository\'s schemas/ and `nis2 schema KIND`', () => {
  assert.equal(nis2.schema, undefined);
});

test('entityTypes() and memberStates() are plain JSON objects (same as the CLI)', () => {
  const types = nis2.entityTypes();
  const states = nis2.memberStates();
  assert.ok(Array.isArray(types.entity_types) && types.entity_types.length > 50);
  assert.equal(typeof states, 'object');
  assert.deepEqual(JSON.parse(JSON.stringify(types)), types);
  if (cli) {
    for (const [args, value] of [[['entity-types', '--format', 'json'], types], [['member-states', '--format', 'json'], states]]) {
      const r = runCli(args);
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout), value, args[0]);
    }
  }
});

test('scope() reads the object without changing it, and returns fresh plain objects', () => {
  const input = Object.freeze(example());
  const before = JSON.stringify(input);
  const a = nis2.scope(input);
  const b = nis2.scope(input);
  assert.equal(JSON.stringify(input), before);
  assert.notEqual(a, b);
  assert.deepEqual(a, b);
  assert.equal(Object.getPrototypeOf(a), Object.prototype);
});

test('scope(): undefined entries count as absent (as JSON.stringify drops them)', () => {
  const input = example();
  const withUndefined = { ...input, public_security_activities: undefined, designations: undefined };
  withUndefined.size = { ...input.size, previous_periods: undefined };
  assert.deepEqual(nis2.scope(withUndefined), nis2.scope(input));
  assert.deepEqual(nis2.scope(withUndefined), JSON.parse(nis2.scopeJson(JSON.stringify(withUndefined))));
});

test('scope(): null is absent, as in JSON', () => {
  const input = { ...example(), designations: null, public_security_activities: null };
  assert.deepEqual(nis2.scope(input), JSON.parse(nis2.scopeJson(JSON.stringify(input))));
});

test('scope(): class instances and null-prototype objects are read by their own fields', () => {
  class Activity {
    constructor(id) {
      this.entity_type = id;
    }
  }
  const input = example();
  const bare = Object.assign(Object.create(null), input, { activities: input.activities.map((a) => new Activity(a.entity_type)) });
  const plain = { ...input, activities: input.activities.map((a) => ({ entity_type: a.entity_type })) };
  assert.deepEqual(nis2.scope(bare), nis2.scope(plain));
});

test('nis2.d.ts: typed exports and the generated document types', () => {
  const dts = readFileSync(join(pkgDir, 'nis2.d.ts'), 'utf8');
  for (const line of [
    'export function scope(profile: ScopeProfile): ScopeResult;',
    'export function scopeJson(input: string): string;',
    'export function entityTypes(): EntityTypeCatalog;',
    'export function memberStates(): MemberStateCatalog;',
    'export function obligations(request: ObligationsRequest): ObligationsResult;',
    'export function obligationsJson(request: string): string;',
    'export function catalog(request: CatalogRequestOf<"evidence">): CatalogResponseOf<"evidence">;',
    'export function catalog(request: CatalogRequest): CatalogResponse;',
    'export function catalogJson(request: string): string;',
    'export function risk(request: RiskRequestOf<"assess">): Assessment;',
    'export function risk(request: RiskRequest): RiskResponse;',
    'export function riskJson(request: string): string;',
    'export function programme(request: ProgrammeRequestOf<"deadlines">): IncidentClock;',
    'export function programme(request: ProgrammeRequestOf<"wheel"> & { format: "ics" }): WheelIcs;',
    'export function programme(request: ProgrammeRequest): ProgrammeResponse;',
    'export function programmeJson(request: string): string;',
    'export function programmeIcs(request: ProgrammeRequestOf<"wheel">): string;',
    'export function assessment(request: AssessmentRequestOf<"score">): Evaluation;',
    'export function assessment(request: AssessmentRequest): AssessmentResponse;',
    'export function assessmentJson(request: string): string;',
    'export function version(): string;',
    'export function initSync(',
    'export interface ScopeProfile {',
    'export interface ScopeResult {',
    'export type CatalogRequest =',
    'export type CatalogResponse =',
    'export type RiskRequest =',
    'export interface Assessment {',
    'export type ProgrammeRequest =',
    'export type AssessmentRequest =',
    'export interface Evaluation {',
    'export interface Nis2Error extends Error {',
  ]) {
    assert.ok(dts.includes(line), line);
  }
  const generated = readFileSync(join(wasmDir, 'types', 'nis2.d.ts'), 'utf8');
  const declarations = generated.match(/^export (interface|type) \w+/gm);
  assert.ok(declarations.length > 20);
  for (const d of declarations) assert.ok(dts.includes(d), `${d} (from types/nis2.d.ts)`);
});

test('the package: packs, installs and imports by name (Node ESM; TypeScript --strict, NodeNext)', () => {
  const pkg = readJson(join(pkgDir, 'package.json'));
  assert.equal(pkg.name, 'nis2');
  assert.equal(pkg.type, 'module');
  assert.equal(pkg.sideEffects, false);
  assert.deepEqual(pkg.exports['.'], { types: './nis2.d.ts', import: './nis2.js' });
  const dir = mkdtempSync(join(tmpdir(), 'nis2-consumer-'));
  try {
    const run = (cmd, args, cwd = dir) => {
      const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
      assert.equal(r.status, 0, `${cmd} ${args.join(' ')}\n${r.stdout}\n${r.stderr}`);
      return r.stdout;
    };
    const [packed] = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], pkgDir));
    // wasm-bindgen puts the JS the Rust code imports (js/to-json.js) under snippets/.
    assert.deepEqual(
      packed.files.map((f) => f.path.replace(/^snippets\/nis2-wasm-[0-9a-f]+\//, 'snippets/*/')).sort(),
      ['README.md', 'nis2.d.ts', 'nis2.js', 'nis2_bg.wasm', 'package.json', 'snippets/*/js/to-json.js'],
    );
    // Installed as npm would (the tarball's `package/` is the package directory).
    const installed = join(dir, 'node_modules', 'nis2');
    mkdirSync(installed, { recursive: true });
    run('tar', ['-xzf', join(dir, packed.filename), '-C', installed, '--strip-components=1']);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    copyFileSync(join(wasmDir, 'tests', 'types', 'usage.ts'), join(dir, 'usage.ts'));
    writeFileSync(
      join(dir, 'main.ts'),
      `import { readFileSync } from "node:fs";
import { initSync, scope, catalog, risk, programme, programmeIcs, assessment, type ScopeResult } from "nis2";
initSync({ module: readFileSync(new URL(import.meta.resolve("nis2/nis2_bg.wasm"))) });
const r: ScopeResult = scope({ activities: [] });
const e = catalog({ op: "evidence", requirement: "NIS2:21.2.d", from: "iso27001-2022" });
const m = risk({ op: "validate_matrix", matrix: "iso27005-style-5x5" });
const c = programme({ op: "deadlines", incident: { aware_at: "2026-03-28T10:00:00", time_zone: "Europe/Copenhagen" } });
const ics = programmeIcs({ op: "wheel", programme: { people: [] }, year: 2026 });
const s = assessment({ op: "scales" });
console.log(r.in_scope, e.results.length > 0, m.valid, c.deadlines[0]?.due, ics.startsWith("BEGIN:VCALENDAR\\r\\n"), s.default);
`,
    );
    // Node's own types are not installed: declare what main.ts uses.
    writeFileSync(
      join(dir, 'node.d.ts'),
      'declare module "node:fs" { export function readFileSync(path: URL): Uint8Array; }\ninterface ImportMeta { resolve(s: string): string }\n',
    );
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          lib: ['ES2022', 'DOM'],
          types: [],
          outDir: 'out',
        },
        files: ['usage.ts', 'main.ts', 'node.d.ts'],
      }),
    );
    run(process.execPath, [join(wasmDir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir]);
    assert.equal(run(process.execPath, [join(dir, 'out', 'main.js')]).trim(), 'no true true 2026-03-29T11:00:00+02:00 true cmmi-0-5');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
