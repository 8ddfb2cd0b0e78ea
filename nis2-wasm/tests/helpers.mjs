// Shared by the node:test suites: loads the built packages (pkg/ and pkg-scope/, the wasm-opt
// output) the way a Node user does, and finds the repository's vectors, examples and CLI.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const wasmDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const repoDir = resolve(wasmDir, '..');
export const pkgDir = resolve(process.env.NIS2_WASM_PKG ?? join(wasmDir, 'pkg'));
export const scopePkgDir = resolve(process.env.NIS2_WASM_SCOPE_PKG ?? join(wasmDir, 'pkg-scope'));

async function load(dir) {
  if (!existsSync(join(dir, 'index.js'))) throw new Error(`no package in ${dir}: build it with scripts/test-wasm.sh`);
  const mod = await import(pathToFileURL(join(dir, 'index.js')).href);
  mod.initSync({ module: readFileSync(join(dir, 'nis2_bg.wasm')) });
  return mod;
}

/** The npm package `nis2` (the whole engine). */
export const nis2 = await load(pkgDir);
/** The npm package `nis2-scope` (the scoping build). */
export const nis2Scope = await load(scopePkgDir);

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
  if (e.accepted.length) out.accepted = [...e.accepted];
  if (e.errors.length) out.errors = e.errors.map(report);
  return out;
}

/** A `Nis2Error` with a kind and path (and the fields every one has). */
export function assertNis2Error(e, kind, path) {
  assert.ok(e instanceof Error, `an Error: ${e}`);
  assert.equal(e.name, 'Nis2Error', String(e));
  assert.equal(e.kind, kind, e.message);
  assert.equal(e.path, path, e.message);
  for (const list of ['suggestions', 'accepted', 'errors']) assert.ok(Array.isArray(e[list]), list);
  assert.equal(typeof e.stack, 'string');
  return e;
}

export const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

/**
 * The text of one member of a JSON object document, compacted: the vector files are written by
 * serde_json's pretty printer, whose numbers and strings are written as in compact output, so
 * the compacted text of `expected` is the exact bytes the engine gives (`100.0` stays `100.0`,
 * which `JSON.stringify(JSON.parse(…))` would write `100`).
 */
export function rawMember(text, key) {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
  };
  const skipString = () => {
    i++;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
  };
  const skipValue = () => {
    ws();
    const c = text[i];
    if (c === '"') return skipString();
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) return void i++;
      for (;;) {
        ws();
        if (c === '{') {
          skipString();
          ws();
          i++; // ':'
        }
        skipValue();
        ws();
        if (text[i++] === close) return;
      }
    }
    while (i < text.length && !',}] \t\r\n'.includes(text[i])) i++;
  };
  ws();
  assert.equal(text[i++], '{');
  for (;;) {
    ws();
    if (text[i] === '}') return undefined;
    const start = i;
    skipString();
    const name = JSON.parse(text.slice(start, i));
    ws();
    i++; // ':'
    ws();
    const from = i;
    skipValue();
    if (name === key) return compact(text.slice(from, i));
    ws();
    if (text[i++] === '}') return undefined;
  }
}

/** JSON text without the whitespace outside strings. */
export function compact(text) {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const start = i++;
      while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      out += text.slice(start, i + 1);
    } else if (!' \t\r\n'.includes(c)) {
      out += c;
    }
  }
  return out;
}

/** The conformance vectors of a capability: { file, name, vector, text, expected (exact bytes) }. */
export function vectors(capability) {
  const dir = join(repoDir, 'tests', 'vectors', capability);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      const vector = JSON.parse(text);
      return { file, name: `${capability}/${file}`, vector, input: vector.input_text ?? JSON.stringify(vector.input), expected: rawMember(text, 'expected') };
    });
}

/** The capabilities that have vectors (every folder of tests/vectors but `malformed`, the
 * malformed-request vectors of another format: malformed.test.mjs). */
export const vectorCapabilities = readdirSync(join(repoDir, 'tests', 'vectors'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'malformed')
  .map((d) => d.name)
  .sort();

/** Whether a value is a bilingual text (`{en, da}`, the engine's `Text`). */
export const isText = (v) =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 2 && typeof v.en === 'string' && typeof v.da === 'string';

/** A document without its prose: every member that is a bilingual text removed, at any depth. */
export function stripTexts(v) {
  if (Array.isArray(v)) return v.map(stripTexts);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v).filter(([, x]) => !isText(x)).map(([k, x]) => [k, stripTexts(x)]));
}

/**
 * The verdict agrees with the explained result: for `scope` (a verdict type of its own) field
 * by field, as the Rust conformance runner checks it; otherwise the verdict is the explained
 * document without its prose, with `"detail": "verdict"`.
 */
export function checkVerdict(explained, verdict) {
  assert.equal(verdict.op, explained.op);
  assert.equal(verdict.detail, 'verdict');
  if (explained.op === 'screen.rows' || explained.op === 'screen.csv') {
    // Each row's verdict agrees with its explained result as a single scope call's does.
    assert.deepEqual(verdict.summary, explained.summary);
    assert.equal(verdict.rows.length, explained.rows.length);
    explained.rows.forEach((e, i) => {
      const v = verdict.rows[i];
      assert.deepEqual([v.index, v.id, v.error], [e.index, e.id, e.error]);
      if (e.result) checkVerdict({ op: 'scope', ...e.result }, { op: 'scope', detail: 'verdict', ...v.verdict });
    });
    return;
  }
  if (explained.op !== 'scope') {
    const { detail, ...rest } = verdict;
    const want = stripTexts(explained);
    // The questionnaire import's verdict is its accounting without the document.
    if (explained.op === 'assessment.questionnaire_import') delete want.assessment;
    assert.deepEqual(rest, want, 'the verdict is the explained result without its prose');
    return;
  }
  const e = explained;
  assert.equal(verdict.in_scope, e.in_scope);
  assert.equal(verdict.classification, e.classification);
  assert.equal(verdict.size_class, e.size.class);
  assert.deepEqual(verdict.possible_size_classes, e.size.possible_classes);
  assert.equal(verdict.supervision, e.supervision.regime);
  assert.deepEqual(
    verdict.activities,
    e.activities.map((a) => ({ entity_type: a.entity_type, in_scope: a.in_scope, classification: a.classification })),
  );
  assert.deepEqual(
    verdict.reasons,
    e.trace
      .filter((s) => s.outcome !== 'does_not_apply' && s.outcome !== 'note')
      .map((s) => ({ rule: s.rule, citation: s.citation, ...(s.entity_type === undefined ? {} : { entity_type: s.entity_type }), outcome: s.outcome })),
  );
  assert.deepEqual(
    verdict.open_questions,
    e.open_questions.map((q) => ({ id: q.id, kind: q.kind, field: q.field })),
  );
}

/**
 * iCalendar (RFC 5545) text in an output's `ics`: CRLF line ends, lines of at most 75 octets,
 * balanced BEGIN/END, one VEVENT per announced event, each with a unique UID, an all-day
 * DTSTART, a SUMMARY and a DTSTAMP (as the Rust runner checks it with the `icalendar` crate).
 */
export function checkIcs(ics, events) {
  assert.equal(typeof ics, 'string');
  assert.ok(ics.endsWith('\r\n'), 'ends with CRLF');
  assert.ok(!ics.replaceAll('\r\n', '').includes('\n') && !ics.replaceAll('\r\n', '').includes('\r'), 'every line ends with CRLF');
  for (const line of ics.split('\r\n')) {
    assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `line of ${Buffer.byteLength(line, 'utf8')} octets: ${line}`);
  }
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
