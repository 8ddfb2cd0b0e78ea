// The rest of the API and the package itself: catalogs, schemas, version, object semantics,
// the assembled npm package and its TypeScript declarations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync, mkdtempSync, mkdirSync, writeFileSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { nis2, repoDir, wasmDir, pkgDir, cli, runCli, readJson } from './helpers.mjs';

const example = () => readJson(join(repoDir, 'examples', 'nordic-msp.json'));

test('version() is the workspace version and the package version', () => {
  const cargo = readFileSync(join(repoDir, 'Cargo.toml'), 'utf8');
  const workspaceVersion = /\[workspace\.package\][^[]*?\nversion\s*=\s*"([^"]+)"/.exec(cargo)?.[1];
  assert.equal(nis2.version(), workspaceVersion);
  assert.equal(readJson(join(pkgDir, 'package.json')).version, workspaceVersion);
});

test('the exports: every capability as an object and a string function', () => {
  for (const name of ['scope', 'scopeJson', 'catalog', 'catalogJson', 'risk', 'riskJson', 'entityTypes', 'memberStates', 'schema', 'version']) {
    assert.equal(typeof nis2[name], 'function', name);
  }
});

test('catalog() and risk() return fresh plain objects, deep-equal to the string API', () => {
  for (const [fn, fnJson, request] of [
    [nis2.catalog, nis2.catalogJson, { op: 'node', id: 'NIS2:21.2.d' }],
    [nis2.risk, nis2.riskJson, { op: 'validate_matrix', matrix: 'iso27005-style-3x3' }],
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

test('schema(kind) is the committed schemas/<kind>.schema.json for every kind', () => {
  const files = readdirSync(join(repoDir, 'schemas')).filter((f) => f.endsWith('.schema.json'));
  assert.ok(files.length >= 5);
  for (const file of files) {
    const kind = file.slice(0, -'.schema.json'.length);
    assert.deepEqual(nis2.schema(kind), readJson(join(repoDir, 'schemas', file)), kind);
  }
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
    'export function schema(kind: SchemaKind): JsonSchema;',
    'export function catalog(request: CatalogRequestOf<"evidence">): CatalogResponseOf<"evidence">;',
    'export function catalog(request: CatalogRequest): CatalogResponse;',
    'export function catalogJson(request: string): string;',
    'export function risk(request: RiskRequestOf<"assess">): Assessment;',
    'export function risk(request: RiskRequest): RiskResponse;',
    'export function riskJson(request: string): string;',
    'export function version(): string;',
    'export function initSync(',
    'export interface ScopeProfile {',
    'export interface ScopeResult {',
    'export type CatalogRequest =',
    'export type CatalogResponse =',
    'export type RiskRequest =',
    'export interface Assessment {',
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
import { initSync, scope, catalog, risk, type ScopeResult } from "nis2";
initSync({ module: readFileSync(new URL(import.meta.resolve("nis2/nis2_bg.wasm"))) });
const r: ScopeResult = scope({ activities: [] });
const e = catalog({ op: "evidence", requirement: "NIS2:21.2.d", from: "iso27001-2022" });
const m = risk({ op: "validate_matrix", matrix: "iso27005-style-5x5" });
console.log(r.in_scope, e.results.length > 0, m.valid);
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
    assert.equal(run(process.execPath, [join(dir, 'out', 'main.js')]).trim(), 'no true true');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
