// The API of the packages: the exports follow the op registry of each build, `ops()` is the
// CLI's `nis2 ops`, the named exports are `call` / `callJson`, `render` gives the CLI's bytes
// (`nis2 render`) in English and Danish for every operation that has a vector, the reference
// data, and the packed tarballs: installed into a fresh project, type-checked with `tsc
// --strict` against tests/types/*.ts, and run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, copyFileSync, rmSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  nis2, nis2Scope, wasmDir, repoDir, pkgDir, scopePkgDir, cli, runCli, readJson, vectors, vectorCapabilities,
} from './helpers.mjs';

const camel = (s) => s.replace(/[-_.]([a-z0-9])/g, (_, c) => c.toUpperCase());

/** What a build exports, derived from its registry. */
function expectedExports(registry) {
  const names = ['default', 'initSync', 'call', 'callJson', 'render', 'ops', 'version'];
  for (const cap of registry.capabilities) {
    names.push(camel(cap.name), `${camel(cap.name)}Json`);
    if (cap.name === 'reference') names.push(...cap.ops.map((o) => camel(o.name)));
    if (cap.name === 'screen') names.push('scopeMany');
  }
  return names.sort();
}

for (const [name, pkg] of [['nis2', nis2], ['nis2-scope', nis2Scope]]) {
  test(`${name}: the exports are those of its op registry`, () => {
    assert.deepEqual(Object.keys(pkg).sort(), expectedExports(pkg.ops()));
    for (const [k, v] of Object.entries(pkg)) assert.equal(typeof v, 'function', k);
  });
}

test('ops(): the registry of the full build is the CLI’s `nis2 ops`; the scoping build has a part of it', { skip: !cli }, () => {
  const r = runCli(['ops']);
  assert.equal(r.status, 0, r.stderr);
  const full = nis2.ops();
  assert.deepEqual(full, JSON.parse(r.stdout));
  const scoped = nis2Scope.ops();
  assert.deepEqual(scoped.capabilities.map((c) => c.name), ['scope', 'programme', 'reference']);
  for (const cap of scoped.capabilities) {
    const whole = full.capabilities.find((c) => c.name === cap.name);
    for (const op of cap.ops) assert.deepEqual(op, whole.ops.find((o) => o.id === op.id), op.id);
  }
  assert.deepEqual(scoped.capabilities.find((c) => c.name === 'programme').ops.map((o) => o.id), ['programme.obligations']);
});

test('version(): the engine version, as the CLI reports it', { skip: !cli }, () => {
  assert.match(nis2.version(), /^\d+\.\d+\.\d+/);
  assert.equal(nis2Scope.version(), nis2.version());
  assert.equal(runCli(['--version']).stdout.trim(), `nis2 ${nis2.version()}`);
});

test('the named exports are call / callJson of their capability (and reference ops of `reference`)', () => {
  const profile = readJson(join(repoDir, 'examples', 'manufacturer-40-staff.json'));
  const text = JSON.stringify(profile);
  assert.equal(nis2.scopeJson(text), nis2.callJson('scope', text));
  assert.equal(nis2.scopeJson(text, { detail: 'verdict' }), nis2.callJson('scope', text, 'verdict'));
  assert.deepEqual(nis2.scope(profile, { detail: 'verdict' }), nis2.call('scope', profile, { detail: 'verdict' }));
  for (const pkg of [nis2, nis2Scope]) {
    for (const [fn, op] of [[pkg.entityTypes, 'entity_types'], [pkg.memberStates, 'member_states'], [pkg.labels, 'labels']]) {
      const doc = fn();
      assert.equal(doc.op, `reference.${op}`);
      assert.deepEqual(doc, JSON.parse(nis2.referenceJson(JSON.stringify({ op }))));
      assert.deepEqual(fn({ detail: 'verdict' }), pkg.reference({ op }, { detail: 'verdict' }));
    }
  }
});

for (const [name, pkg] of [['nis2', nis2], ['nis2-scope', nis2Scope]]) {
  test(`${name}: a string is written as JSON writes it, with an escape at any position (the writer's 16-byte SIMD test)`, () => {
    const profile = { member_state: 'DK', activities: [{ entity_type: 'NIS2-II-05d-01' }] };
    for (let len = 1; len <= 80; len++) {
      for (let at = 0; at < len; at++) {
        for (const c of ['"', '\\', '\n', '\u0000', '\u001f', ' ', '\u007f', 'æ', '—']) {
          const s = 'x'.repeat(at) + c + 'x'.repeat(len - at - 1);
          const out = pkg.scopeJson(JSON.stringify({ ...profile, name: s }));
          assert.ok(out.includes(`"name":${JSON.stringify(s)},`), JSON.stringify(s));
        }
      }
    }
  });
}

test('nace: a code at any level and the entity types it suggests; the table; a bad code throws', () => {
  const c28 = nis2.nace('281100');
  assert.equal(c28.op, 'reference.nace');
  assert.equal(c28.code, 'C28.11');
  assert.deepEqual(c28.candidates.map((c) => [c.entity_type, c.status]), [['NIS2-II-05d-01', 'exact']]);
  assert.equal(nis2.nace('D35.11', { detail: 'verdict' }).candidates[0].status, 'indicative');
  assert.ok(nis2.naceTable().rows.length > 50);
  assert.throws(() => nis2.nace('Q28'), (e) => e.path === '$.code' && e.kind === 'invalid_input');
});

test('scopeMany: each profile as scope answers it, bad profiles in their rows, strict throws', () => {
  const profile = readJson(join(repoDir, 'examples', 'manufacturer-40-staff.json'));
  const bad = { activities: [{ entity_type: 'NIS2-I-0' }] };
  const many = nis2.scopeMany([profile, bad, profile]);
  assert.equal(many.op, 'screen.rows');
  assert.equal(many.detail, 'verdict');
  const { op, detail, ...single } = nis2.scope(profile, { detail: 'verdict' });
  assert.deepEqual(many.rows[0].verdict, single);
  assert.deepEqual(many.rows[2].verdict, single);
  assert.equal(many.rows[1].error.path, '$.profile.activities[0].entity_type');
  assert.equal(many.summary.errors, 1);
  const explained = nis2.scopeMany([profile], { detail: 'explained' });
  const { op: _, ...result } = nis2.scope(profile);
  assert.deepEqual(explained.rows[0].result, result);
  assert.throws(() => nis2.scopeMany([profile, bad], { strict: true }), (e) => e.path === '$.rows[1].profile.activities[0].entity_type');
});

test('screen op csv: a CSV table in one request; render csv is the bytes `nis2 screen` writes', { skip: !cli }, () => {
  const table = readFileSync(join(repoDir, 'examples', 'screening', 'dk-register-sample.csv'), 'utf8');
  const mapPath = join(repoDir, 'examples', 'screening', 'dk-register-map.json');
  const answer = nis2.screenJson(JSON.stringify({ op: 'csv', content: table, map: readJson(mapPath) }), { detail: 'verdict' });
  assert.equal(JSON.parse(answer).op, 'screen.csv');
  const streamed = spawnSync(cli, ['screen', '-', '--input-format', 'csv', '--columns', mapPath], { input: table, encoding: 'utf8' });
  assert.equal(streamed.status, 0, streamed.stderr);
  assert.equal(nis2.render(answer, { format: 'csv' }), streamed.stdout);
});

test('a screening view in Danish gives each row error in Danish; the document keeps the English', () => {
  const answer = nis2.screenJson(JSON.stringify({ op: 'rows', rows: [{ entity_types: ['NIS2-I-6-01'], member_state: 'DK' }] }), { detail: 'verdict' });
  const message = JSON.parse(answer).rows[0].error.message;
  assert.match(message, /^unknown entity type `NIS2-I-6-01` at `\$\.entity_types\[0\]`; did you mean: NIS2-I-06-01/);
  assert.ok(nis2.render(answer, { format: 'html', lang: 'en' }).includes(message));
  const da = nis2.render(answer, { format: 'html', lang: 'da' });
  assert.ok(da.includes('ukendt enhedstype `NIS2-I-6-01` ved `$.entity_types[0]`; mente du: NIS2-I-06-01'), da);
  assert.ok(!da.includes('unknown entity type'), da);
});

test('labels(): every word the views show, in English and Danish (the rule and question words included)', () => {
  const { labels } = nis2.labels();
  const keys = Object.keys(labels);
  assert.ok(keys.some((k) => k.startsWith('rule.')) && keys.some((k) => k.startsWith('question.')), keys.slice(0, 5).join());
  for (const [k, t] of Object.entries(labels)) assert.ok(typeof t.en === 'string' && typeof t.da === 'string', k);
});

// render: for one vector of every operation (the first with an `expected`), the bytes of
// `nis2 render - --format F --lang L`, explained and verdict.
test('render: the CLI’s bytes for every operation with a vector, md/html/table (and svg where there is a figure), en and da', { skip: !cli }, () => {
  const seen = new Set();
  let checked = 0;
  for (const capability of vectorCapabilities) {
    for (const { vector, input } of vectors(capability)) {
      if (!('expected' in vector) || seen.has(vector.expected.op)) continue;
      if (capability === 'assessment' && vector.input.format === 'xlsx') continue;
      seen.add(vector.expected.op);
      for (const detail of ['explained', 'verdict']) {
        const doc = nis2.call(capability, vector.input, { detail });
        const text = JSON.stringify(doc);
        const formats = ['md', 'html', 'table'];
        try {
          nis2.render(doc, { format: 'svg' });
          formats.push('svg');
        } catch (e) {
          assert.equal(e.path, 'format');
        }
        for (const format of formats) {
          for (const lang of ['en', 'da']) {
            const r = runCli(['render', '-', '--format', format, '--lang', lang], text);
            assert.equal(r.status, 0, r.stderr);
            // The CLI ends its output with a newline (adding one where the text has none).
            const out = nis2.render(doc, { format, lang });
            assert.equal(out.endsWith('\n') ? out : `${out}\n`, r.stdout, `${vector.expected.op} ${detail} ${format}/${lang}`);
            checked++;
          }
        }
      }
    }
  }
  console.log(`render: ${seen.size} operations, ${checked} renderings identical to the CLI's`);
  assert.ok(seen.size >= 25, [...seen].join());
});

test('render: English and Danish differ; the HTML is a self-contained, accessible fragment', () => {
  const r = nis2.scope(readJson(join(repoDir, 'examples', 'manufacturer-40-staff.json')));
  const en = nis2.render(r, { format: 'html', lang: 'en' });
  const da = nis2.render(r, { format: 'html', lang: 'da' });
  assert.notEqual(en, da);
  assert.equal(nis2.render(r, { format: 'html' }), en, 'English by default');
  for (const [html, lang] of [[en, 'en'], [da, 'da']]) {
    assert.ok(html.startsWith(`<section class="nis2-view" lang="${lang}"><style>`), html.slice(0, 80));
    assert.match(html, /<caption>/);
    assert.match(html, /<th scope="col">/);
  }
  assert.ok(da.includes(r.summary.da) && en.includes(r.summary.en));
  assert.equal(nis2Scope.render(r, { format: 'html', lang: 'da' }), da, 'the scoping build renders alike');
});

// --- the packed packages ----------------------------------------------------------------------
const run = (cmd, args, cwd) => {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
};

/** Pack a package and install it into `dir`/node_modules as npm would; returns the file list. */
function install(dir, from, name) {
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], from));
  const installed = join(dir, 'node_modules', name);
  mkdirSync(installed, { recursive: true });
  run('tar', ['-xzf', join(dir, packed.filename), '-C', installed, '--strip-components=1']);
  return packed.files.map((f) => f.path.replace(/^snippets\/nis2-wasm-[0-9a-f]+\//, 'snippets/*/')).sort();
}

test('the tarballs install into a fresh project, type-check with tsc --strict, and run (Node ESM, NodeNext)', () => {
  for (const [dir, name] of [[pkgDir, 'nis2'], [scopePkgDir, 'nis2-scope']]) {
    const pkg = readJson(join(dir, 'package.json'));
    assert.equal(pkg.name, name);
    assert.equal(pkg.type, 'module');
    assert.equal(pkg.sideEffects, false);
    assert.deepEqual(pkg.exports['.'], { types: './index.d.ts', import: './index.js' });
  }
  const dir = mkdtempSync(join(tmpdir(), 'nis2-consumer-'));
  try {
    const files = ['README.md', 'index.d.ts', 'index.js', 'nis2.js', 'nis2_bg.wasm', 'package.json', 'snippets/*/js/to-json.js'];
    assert.deepEqual(install(dir, pkgDir, 'nis2'), files);
    assert.deepEqual(install(dir, scopePkgDir, 'nis2-scope'), files);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    for (const f of ['usage.ts', 'usage-scope.ts']) copyFileSync(join(wasmDir, 'tests', 'types', f), join(dir, f));
    writeFileSync(
      join(dir, 'main.ts'),
      `import { readFileSync } from "node:fs";
import { initSync, scope, catalog, risk, programme, assessment, render, type ScopeResponse, type CatalogEvidenceVerdict } from "nis2";
import * as slim from "nis2-scope";
initSync({ module: readFileSync(new URL(import.meta.resolve("nis2/nis2_bg.wasm"))) });
slim.initSync({ module: readFileSync(new URL(import.meta.resolve("nis2-scope/nis2_bg.wasm"))) });
const r: ScopeResponse = scope({ activities: [] });
const e: CatalogEvidenceVerdict = catalog({ op: "evidence", requirement: "NIS2:21.2.d", from: "iso27001-2022" }, { detail: "verdict" });
const m = risk({ op: "validate_matrix", matrix: "iso27005-style-5x5" });
const c = programme({ op: "deadlines", incident: { aware_at: "2026-03-28T10:00:00", time_zone: "Europe/Copenhagen" } });
const s = assessment({ op: "scales" });
const o = slim.programme({ op: "obligations", profile: { activities: [{ entity_type: "NIS2-I-06-01" }], size: { staff_headcount: 420 } } });
console.log(r.in_scope, e.detail, m.valid, c.deadlines[0]?.due, s.default, o.op, slim.scope({ activities: [] }).in_scope, render(r, { format: "md", lang: "da" }).length > 0);
`,
    );
    // Node's own types are not installed: declare what main.ts uses.
    writeFileSync(join(dir, 'node.d.ts'), 'declare module "node:fs" { export function readFileSync(path: URL): Uint8Array; }\ninterface ImportMeta { resolve(s: string): string }\n');
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
        files: ['usage.ts', 'usage-scope.ts', 'main.ts', 'node.d.ts'],
      }),
    );
    run(process.execPath, [join(wasmDir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], dir);
    assert.equal(run(process.execPath, [join(dir, 'out', 'main.js')], dir).trim(), 'no verdict true 2026-03-29T11:00:00+02:00 cmmi-0-5 programme.obligations no true');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the declarations overload every capability per operation, explained and verdict, from the registry', () => {
  for (const [dts, pkg] of [['nis2.d.ts', nis2], ['nis2-scope.d.ts', nis2Scope]]) {
    const text = readFileSync(join(wasmDir, 'types', dts), 'utf8');
    assert.equal(readFileSync(join(pkg === nis2 ? pkgDir : scopePkgDir, 'index.d.ts'), 'utf8'), text, `the package ships types/${dts}`);
    for (const cap of pkg.ops().capabilities) {
      const fn = camel(cap.name);
      for (const op of cap.ops) {
        const base = op.id.replace(/(^|[-_.])([a-z0-9])/g, (_, __, c) => c.toUpperCase());
        assert.ok(text.includes(`export function ${fn}(request: ${op.request_type}, options?: { detail?: "explained" }): ${base}Response;`), `${dts}: ${op.id} explained`);
        assert.ok(text.includes(`export function ${fn}(request: ${op.request_type}, options: { detail: "verdict" }): ${base}Verdict;`), `${dts}: ${op.id} verdict`);
      }
      assert.ok(text.includes(`export function ${fn}Json(request: string, options?: CallOptions): string;`), `${dts}: ${fn}Json`);
    }
  }
});
