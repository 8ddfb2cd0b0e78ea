// Times `scope` called from JavaScript through the WebAssembly package (pkg/): object in/out,
// string in/out, and string in/out plus JSON.stringify/parse on the JS side. Not a test: it
// asserts nothing about time. Usage: node bench/scope.bench.mjs [iterations] (default 20000).
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const wasmDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = resolve(wasmDir, '..');
const pkgDir = resolve(process.env.NIS2_WASM_PKG ?? join(wasmDir, 'pkg'));
const nis2 = await import(pathToFileURL(join(pkgDir, 'nis2.js')).href);
nis2.initSync({ module: readFileSync(join(pkgDir, 'nis2_bg.wasm')) });

const iterations = Number(process.argv[2] ?? 20000);
const warmup = Math.min(2000, iterations);
const profiles = {
  'manufacturer (1 activity)': 'manufacturer-40-staff.json',
  'MSP (2 activities, linked enterprise)': 'nordic-msp.json',
};

function time(fn, input) {
  for (let i = 0; i < warmup; i++) fn(input);
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn(input);
  return Number(process.hrtime.bigint() - start) / 1000 / iterations;
}

console.log(`nis2 ${nis2.version()} WebAssembly, node ${process.version}, ${iterations} calls each after ${warmup} warm-up calls`);
const rows = [];
for (const [label, file] of Object.entries(profiles)) {
  const obj = JSON.parse(readFileSync(join(repoDir, 'examples', file), 'utf8'));
  const text = JSON.stringify(obj);
  const outBytes = nis2.scopeJson(text).length;
  rows.push({
    profile: label,
    'result bytes': outBytes,
    'scope(obj) µs': time(nis2.scope, obj).toFixed(1),
    'scopeJson(str) µs': time(nis2.scopeJson, text).toFixed(1),
    'parse(scopeJson(stringify(obj))) µs': time((o) => JSON.parse(nis2.scopeJson(JSON.stringify(o))), obj).toFixed(1),
  });
}
console.table(rows);
