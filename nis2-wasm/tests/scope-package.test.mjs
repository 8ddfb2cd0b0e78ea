// The scoping package (`nis2-scope`, nis2-wasm/pkg-scope: the crate built without its feature
// `full`), which the calculator loads: its exports, the same bytes as the full package (and so
// as the CLI) on every scope vector and every obligations vector, its TypeScript declarations,
// and its size budget (300 KB gzipped for the whole npm tarball).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { nis2, wasmDir, repoDir, readJson, thrown } from './helpers.mjs';

const scopePkgDir = resolve(process.env.NIS2_WASM_SCOPE_PKG ?? join(wasmDir, 'pkg-scope'));
if (!existsSync(join(scopePkgDir, 'nis2.js'))) {
  throw new Error(`no scoping package in ${scopePkgDir}: build it with scripts/test-wasm.sh`);
}
const slim = await import(pathToFileURL(join(scopePkgDir, 'nis2.js')).href);
slim.initSync({ module: readFileSync(join(scopePkgDir, 'nis2_bg.wasm')) });

const BUDGET = 300 * 1024;

const vectors = (capability) => {
  const dir = join(repoDir, 'tests', 'vectors', capability);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ name: f, ...readJson(join(dir, f)) }));
};

/** The error a call throws, as comparable fields (or null when it returns). */
function outcome(fn) {
  try {
    return { ok: fn() };
  } catch (e) {
    assert.equal(e.name, 'Nis2Error', String(e));
    return { error: { kind: e.kind, path: e.path, message: e.message, suggestions: e.suggestions } };
  }
}

test('nis2-scope exports the scoping API only', () => {
  const names = Object.keys(slim).filter((k) => k !== 'default').sort();
  assert.deepEqual(names, ['entityTypes', 'initSync', 'memberStates', 'obligations', 'obligationsJson', 'scope', 'scopeJson', 'version']);
  assert.equal(slim.version(), nis2.version());
});

test('nis2-scope: every scope vector gives the bytes of the full package (results and errors)', () => {
  const all = vectors('scope');
  assert.ok(all.length >= 150, `${all.length} scope vectors`);
  for (const v of all) {
    const text = JSON.stringify(v.input);
    assert.deepEqual(outcome(() => slim.scopeJson(text)), outcome(() => nis2.scopeJson(text)), v.name);
    assert.deepEqual(outcome(() => slim.scope(v.input)), outcome(() => nis2.scope(v.input)), v.name);
  }
});

test('obligations / obligationsJson: the bytes of programme({ op: "obligations" }) in both packages', () => {
  const all = vectors('programme').filter((v) => v.input?.op === 'obligations');
  assert.ok(all.length >= 3, `${all.length} obligations vectors`);
  for (const v of all) {
    const { op, ...request } = v.input;
    const text = JSON.stringify(request);
    const reference = outcome(() => nis2.programmeJson(JSON.stringify(v.input)));
    assert.deepEqual(outcome(() => slim.obligationsJson(text)), reference, v.name);
    assert.deepEqual(outcome(() => nis2.obligationsJson(text)), reference, v.name);
    assert.deepEqual(outcome(() => slim.obligations(request)), outcome(() => nis2.programme(v.input)), v.name);
    if (v.expected !== undefined) assert.deepEqual(slim.obligations(request), v.expected, v.name);
  }
});

test('obligations: Art 34 ceilings follow the class and the worldwide turnover', () => {
  const profile = {
    member_state: 'DK',
    activities: [{ entity_type: 'NIS2-II-05d-01' }],
    size: { staff_headcount: 40, annual_turnover_eur: 12e6, balance_sheet_total_eur: 12e6 },
  };
  const facts = slim.obligations({ profile, worldwide_turnover_eur: 1e9 });
  assert.equal(facts.classification, 'important');
  const [fine] = facts.fines;
  assert.equal(fine.citation, 'Art. 34(5)');
  // 1.4 % of EUR 1 000 000 000 = EUR 14 000 000, above the fixed EUR 7 000 000.
  assert.equal(fine.maximum_at_least_eur, 14e6);
  assert.equal(facts.reporting.early_warning_hours, 24);
  assert.equal(facts.reporting.notification_hours, 72);
  const e = thrown(() => slim.obligations({ profile, worldwide_turnover_eur: -1 }));
  assert.equal(e.kind, 'invalid_input');
  assert.equal(e.path, '$.worldwide_turnover_eur');
});

test('entityTypes() and memberStates() equal the full package\'s', () => {
  assert.deepEqual(slim.entityTypes(), nis2.entityTypes());
  assert.deepEqual(slim.memberStates(), nis2.memberStates());
});

test('nis2-scope nis2.d.ts: the scoping exports and their document types, nothing else', () => {
  const dts = readFileSync(join(scopePkgDir, 'nis2.d.ts'), 'utf8');
  for (const line of [
    'export function scope(profile: ScopeProfile): ScopeResult;',
    'export function scopeJson(input: string): string;',
    'export function obligations(request: ObligationsRequest): ObligationsResult;',
    'export function obligationsJson(request: string): string;',
    'export function entityTypes(): EntityTypeCatalog;',
    'export function memberStates(): MemberStateCatalog;',
    'export interface Nis2Error extends Error {',
  ]) {
    assert.ok(dts.includes(line), `missing: ${line}`);
  }
  for (const absent of ['export function catalog', 'export function risk', 'export function programme', 'export function assessment', 'CatalogRequest', 'Register']) {
    assert.ok(!dts.includes(absent), `unexpected: ${absent}`);
  }
  const pkg = readJson(join(scopePkgDir, 'package.json'));
  assert.equal(pkg.name, 'nis2-scope');
  assert.equal(pkg.version, readJson(join(wasmDir, 'pkg', 'package.json')).version);
});

test(`nis2-scope: the npm tarball is within its budget of ${BUDGET / 1024} KB gzipped`, () => {
  const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: scopePkgDir, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const [packed] = JSON.parse(r.stdout);
  console.log(`nis2-scope tarball: ${packed.size} bytes gzipped (${packed.entryCount} files, ${packed.unpackedSize} unpacked)`);
  assert.ok(packed.size <= BUDGET, `${packed.size} bytes > ${BUDGET}`);
});
