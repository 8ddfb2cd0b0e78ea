// Times calls from JavaScript through the WebAssembly package (pkg/): `scope` on two profiles,
// a `catalog` map query and evidence query, and `risk` on the example register (assess; heat map
// as SVG), each object in/out, string in/out, and string in/out plus JSON.stringify/parse on the
// JS side. Not a test: it asserts nothing about time.
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
];

console.log(`nis2 ${nis2.version()} WebAssembly, node ${process.version}, ${iterations} calls each (the risk ones a tenth) after a warm-up`);
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
