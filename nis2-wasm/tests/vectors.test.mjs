// Conformance vectors (<repo>/tests/vectors/<capability>/*.json) through the WebAssembly
// package: the object API must deep-equal `expected`, the string API must give the core's exact
// bytes, and (when the CLI is built) the CLI the same bytes (`nis2 scope - --format json`,
// `nis2 catalog request -`, `nis2 risk request -`, `nis2 programme -`, `nis2 assessment -`).
// Error vectors: the same `kind` and `path` (and `paths`) from both APIs and the CLI, and the
// core's exact report (`expected_error`) from the string API. Every assertion kind of the Rust
// runners (nis2-core/tests/*_vectors.rs, common/request_vectors.rs) is checked here too,
// iCalendar output included.
//
// This package is built without the core's `xlsx` feature (the CLI has it): a vector asking for
// an XLSX report is checked to fail here with a Nis2Error at `$.format`, and its `expected` is
// checked against the CLI instead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { nis2, repoDir, cli, runCli, thrown, report, readJson, checkIcs } from './helpers.mjs';

// One entry per capability: how to call it. Add a capability here.
const CAPABILITIES = {
  scope: { object: nis2.scope, json: nis2.scopeJson, cliArgs: ['scope', '-', '--format', 'json'] },
  catalog: { object: nis2.catalog, json: nis2.catalogJson, cliArgs: ['catalog', 'request', '-'] },
  risk: { object: nis2.risk, json: nis2.riskJson, cliArgs: ['risk', 'request', '-'] },
  programme: { object: nis2.programme, json: nis2.programmeJson, cliArgs: ['programme', '-'] },
  assessment: { object: nis2.assessment, json: nis2.assessmentJson, cliArgs: ['assessment', '-'] },
};

/** Whether a vector's output needs the XLSX writer, which this package does not have. */
const needsXlsx = (capability, input) => capability === 'assessment' && input?.op === 'report' && input?.format === 'xlsx';

/** RFC 6901 JSON Pointer (`/a/0/b`) into a value (undefined when absent). */
function pointer(value, ptr) {
  if (ptr === '') return value;
  let v = value;
  for (const raw of ptr.slice(1).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, key)) return undefined;
    v = v[key];
  }
  return v;
}

// The independent `assert` block of a vector (written from the legal text or the sources):
// scope's `in_scope`/`classification`/`size_class`/`open_question_ids`; catalog's `pointers`
// and `results_include`; risk's and assessment's `json` and `text_contains`; programme's
// `values`. Unknown keys fail, so that a kind added to the Rust runners is not ignored here.
const ASSERT_KEYS = new Set([
  'in_scope', 'classification', 'size_class', 'open_question_ids', 'pointers', 'json', 'values',
  'results_include', 'text_contains', 'error', 'errors',
]);
function checkAsserts(asserts, out) {
  for (const key of Object.keys(asserts)) assert.ok(ASSERT_KEYS.has(key), `assertion kind \`${key}\` not known to this runner`);
  const pairs = { in_scope: out.in_scope, classification: out.classification, size_class: out.size?.class };
  for (const [key, got] of Object.entries(pairs)) {
    if (key in asserts) assert.deepEqual(got, asserts[key], `assert ${key}`);
  }
  for (const id of asserts.open_question_ids ?? []) {
    assert.ok(out.open_questions.some((q) => q.id === id), `open question ${id} expected`);
  }
  for (const [ptr, want] of Object.entries({ ...asserts.pointers, ...asserts.json, ...asserts.values })) {
    assert.deepEqual(pointer(out, ptr), want, `assert ${ptr}`);
  }
  for (const want of asserts.results_include ?? []) {
    const hit = out.results.find((r) => r.node.id === want.id);
    assert.ok(hit, `${want.id} among the results`);
    for (const key of ['relationship', 'confidence']) {
      if (key in want) assert.equal(hit[key], want[key], `${want.id}: ${key}`);
    }
  }
  for (const [ptr, wants] of Object.entries(asserts.text_contains ?? {})) {
    const text = pointer(out, ptr);
    assert.equal(typeof text, 'string', `${ptr} is text`);
    for (const w of wants) assert.ok(text.includes(w), `${ptr} contains ${JSON.stringify(w)}`);
  }
}

/** A thrown error's problem paths, as the Rust runner lists them for `error.paths`. */
const problemPaths = (e) => (e.kind === 'multiple' ? e.errors.map((x) => x.path ?? null) : [e.path ?? null]);

// serde_json names the position in JSON text; reading a JS object has none.
const withoutPosition = (r) => ({
  ...r,
  message: r.message.replace(/ at line \d+ column \d+/g, ''),
  ...(r.errors ? { errors: r.errors.map(withoutPosition) } : {}),
});

for (const [capability, api] of Object.entries(CAPABILITIES)) {
  const dir = join(repoDir, 'tests', 'vectors', capability);
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];
  const vectors = files.map((f) => ({ file: f, ...readJson(join(dir, f)) }));
  const withExpected = vectors.filter((v) => 'expected' in v).length;
  const errors = vectors.filter((v) => v.assert?.error).length;
  const xlsx = vectors.filter((v) => needsXlsx(capability, v.input)).length;
  console.log(
    `${capability}: ${vectors.length} vectors (${withExpected} with expected, ${errors} error vectors, ` +
      `${vectors.length - withExpected - errors} with neither; ${xlsx} needing XLSX, checked as errors here); ` +
      `CLI ${cli ? cli : 'not built: byte check skipped'}`,
  );

  for (const v of vectors) {
    test(`${capability}/${v.file}`, () => {
      const text = JSON.stringify(v.input);
      const want = v.assert?.error;
      if (!want && needsXlsx(capability, v.input)) {
        // No XLSX writer in this package: the same typed error from both APIs; the vector's
        // output is the CLI's (built with the `xlsx` feature).
        for (const e of [thrown(() => api.object(v.input)), thrown(() => api.json(text))]) {
          assert.equal(e.name, 'Nis2Error');
          assert.equal(e.kind, 'invalid_input');
          assert.equal(e.path, '$.format');
          assert.match(e.message, /no XLSX support/);
        }
        if (cli) {
          const r = runCli(api.cliArgs, text);
          assert.equal(r.status, 0, r.stderr);
          const out = JSON.parse(r.stdout);
          if (v.assert) checkAsserts(v.assert, out);
          if ('expected' in v) assert.deepEqual(out, v.expected, 'the CLI output equals `expected`');
        }
        return;
      }
      if (want) {
        const fromObject = thrown(() => api.object(v.input));
        const fromJson = thrown(() => api.json(text));
        for (const e of [fromObject, fromJson]) {
          assert.ok(e instanceof Error, 'an Error');
          assert.equal(e.name, 'Nis2Error');
          assert.equal(e.kind, want.kind);
          if (want.path !== undefined) assert.equal(e.path, want.path);
          // `paths`: the paths of every problem, in order (one for a single error).
          if (want.paths !== undefined) assert.deepEqual(problemPaths(e), want.paths, 'error paths');
          // `errors`: problems that a `multiple` error must list (by kind and path).
          for (const w of v.assert.errors ?? []) {
            assert.ok(
              e.errors.some((x) => x.kind === w.kind && x.path === w.path),
              `problem ${w.kind} at ${w.path} listed; have ${e.errors.map((x) => x.path).join(', ')}`,
            );
          }
        }
        if (v.expected_error) {
          assert.deepEqual(report(fromJson), v.expected_error, 'string API: the core report');
          assert.deepEqual(report(fromObject), withoutPosition(v.expected_error), 'object API (no text, no position)');
        }
        if (cli) {
          const r = runCli(api.cliArgs, text);
          assert.notEqual(r.status, 0, 'the CLI fails too');
          assert.match(r.stderr, new RegExp(`error \\(${want.kind}\\)`));
        }
        return;
      }
      const out = api.object(v.input);
      const bytes = api.json(text);
      assert.deepEqual(JSON.parse(bytes), out, 'string and object APIs agree');
      if (v.assert) checkAsserts(v.assert, out);
      if (typeof out?.ics === 'string') checkIcs(out.ics, out.events);
      if ('expected' in v) {
        assert.deepEqual(out, v.expected, 'object API equals `expected`');
      }
      if (cli) {
        const r = runCli(api.cliArgs, text);
        assert.equal(r.status, 0, r.stderr);
        assert.equal(r.stdout.replace(/\n$/, ''), bytes, `CLI bytes equal ${capability}Json bytes`);
      }
    });
  }
}

// The scope profiles among the repository's examples (their keys fit schemas/scope-profile):
// the same checks, without an expected output.
const examplesDir = join(repoDir, 'examples');
const profileSchema = readJson(join(repoDir, 'schemas', 'scope-profile.schema.json'));
const isProfile = (doc) =>
  Object.keys(doc).every((k) => k in profileSchema.properties) && profileSchema.required.every((k) => k in doc);
const examples = (existsSync(examplesDir) ? readdirSync(examplesDir) : [])
  .filter((f) => f.endsWith('.json'))
  .sort()
  .filter((f) => isProfile(readJson(join(examplesDir, f))));
console.log(`examples: ${examples.length} scope profiles`);
for (const file of examples) {
  test(`examples/${file}`, () => {
    const input = readJson(join(examplesDir, file));
    const text = JSON.stringify(input);
    const bytes = nis2.scopeJson(text);
    assert.deepEqual(nis2.scope(input), JSON.parse(bytes));
    if (cli) {
      const r = runCli(['scope', join(examplesDir, file), '--format', 'json']);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout.replace(/\n$/, ''), bytes);
    }
  });
}

// The example risk register: assessed through both APIs and the CLI (`nis2 risk assess FILE
// --format json`), heat maps and CSV too.
const registerFile = join(examplesDir, 'water-utility-risk-register.json');
if (existsSync(registerFile)) {
  test('examples/water-utility-risk-register.json: assess, heatmap, csv', () => {
    const register = readJson(registerFile);
    const requests = [
      { op: 'validate_register', register },
      { op: 'assess', register },
      { op: 'heatmap', register, stage: 'residual' },
      { op: 'heatmap', register, stage: 'inherent', format: 'svg', lang: 'da' },
      { op: 'csv', register },
    ];
    for (const request of requests) {
      const bytes = nis2.riskJson(JSON.stringify(request));
      assert.deepEqual(nis2.risk(request), JSON.parse(bytes), request.op);
    }
    if (cli) {
      const r = runCli(['risk', 'assess', registerFile, '--format', 'json']);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout.replace(/\n$/, ''), nis2.riskJson(JSON.stringify({ op: 'assess', register })));
    }
  });
}
