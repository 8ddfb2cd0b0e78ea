// Shared by the node:test suites: loads the built package (pkg/, the wasm-opt output) the way a
// Node user does, and finds the repository's vectors, examples, schemas and CLI binary.
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const wasmDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const repoDir = resolve(wasmDir, '..');
export const pkgDir = resolve(process.env.NIS2_WASM_PKG ?? join(wasmDir, 'pkg'));

if (!existsSync(join(pkgDir, 'nis2.js'))) {
  throw new Error(`no package in ${pkgDir}: build it with scripts/test-wasm.sh`);
}
export const nis2 = await import(pathToFileURL(join(pkgDir, 'nis2.js')).href);
nis2.initSync({ module: readFileSync(join(pkgDir, 'nis2_bg.wasm')) });

/** The CLI binary for byte comparisons, or null when it is not built. */
export const cli = (() => {
  const path = resolve(process.env.NIS2_CLI ?? join(repoDir, 'target', 'debug', 'nis2'));
  return existsSync(path) ? path : null;
})();

/** Run the CLI with `stdin` as input; returns { status, stdout, stderr }. */
export function runCli(args, stdin) {
  const r = spawnSync(cli, args, { input: stdin, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  return r;
}

/** Call `fn` and return what it throws (fails when it does not throw). */
export function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a Nis2Error, nothing was thrown');
}

/** A thrown Nis2Error as the core's serialised ErrorReport (empty lists omitted). */
export function report(e) {
  const out = { kind: e.kind, message: e.message };
  if (e.path !== undefined) out.path = e.path;
  if (e.suggestions.length) out.suggestions = [...e.suggestions];
  if (e.errors.length) out.errors = e.errors.map(report);
  return out;
}

export const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
