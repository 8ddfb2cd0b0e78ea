// Shared by the node:test suites: loads the built package (pkg/, the wasm-opt output) the way a
// Node user does, and finds the repository's vectors, examples, schemas and CLI binary.
import assert from 'node:assert/strict';
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

/**
 * iCalendar (RFC 5545) text in an output's `ics` (as the Rust runner checks it with the
 * `icalendar` crate): CRLF line ends, lines of at most 75 octets, balanced BEGIN/END, one VEVENT
 * per announced event, each with a unique UID, an all-day DTSTART, a SUMMARY and a DTSTAMP.
 */
export function checkIcs(ics, events) {
  assert.equal(typeof ics, 'string');
  assert.ok(ics.endsWith('\r\n'), 'ends with CRLF');
  assert.ok(!ics.replaceAll('\r\n', '').includes('\n') && !ics.replaceAll('\r\n', '').includes('\r'), 'every line ends with CRLF');
  for (const line of ics.split('\r\n')) {
    assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `line of ${Buffer.byteLength(line, 'utf8')} octets: ${line}`);
  }
  // Unfold (a line starting with a space or a tab continues the previous one), then read
  // `NAME;PARAMS:VALUE` content lines.
  const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n').slice(0, -1);
  const stack = [];
  const vevents = [];
  for (const line of lines) {
    const m = /^([A-Za-z0-9-]+)((?:;[^:]*)?):(.*)$/.exec(line);
    assert.ok(m, `a content line: ${JSON.stringify(line)}`);
    const [, name, params, value] = m;
    if (name === 'BEGIN') {
      stack.push(value);
      if (value === 'VEVENT') vevents.push({});
    } else if (name === 'END') {
      assert.equal(stack.pop(), value, `END:${value} closes its BEGIN`);
    } else if (stack.at(-1) === 'VEVENT') {
      vevents.at(-1)[name] = { params, value };
    }
  }
  assert.equal(stack.length, 0, 'every BEGIN is closed');
  assert.equal(lines[0], 'BEGIN:VCALENDAR');
  assert.ok(lines.includes('VERSION:2.0') && lines.some((l) => l.startsWith('PRODID:')), 'VERSION and PRODID');
  assert.equal(vevents.length, events, 'one VEVENT per announced event');
  const uids = new Set();
  for (const e of vevents) {
    assert.ok(e.UID?.value, 'a UID');
    assert.ok(!uids.has(e.UID.value), `UID ${e.UID.value} repeated`);
    uids.add(e.UID.value);
    assert.equal(e.DTSTART?.params, ';VALUE=DATE', 'an all-day DTSTART');
    assert.match(e.DTSTART.value, /^\d{8}$/);
    assert.ok(e.SUMMARY?.value, 'a SUMMARY');
    assert.match(e.DTSTAMP?.value ?? '', /^\d{8}T\d{6}Z$/, 'a DTSTAMP in UTC');
  }
  return vevents;
}
