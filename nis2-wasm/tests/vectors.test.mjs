// The conformance vectors (<repo>/tests/vectors/<capability>/*.json), one named test per file
// (`scope/001-annex1-large-water-essential.json`), through the npm package `nis2`:
// - the text API (`<capability>Json`, `callJson`) gives the exact bytes of `expected` (the
//   compacted text of the vector file) and of the CLI (`nis2 call <capability> -`);
// - the object API (`<capability>`, `call`) gives that document as an object;
// - an error vector gives the exact `expected_error` report from both, and the CLI fails alike;
// - the vector's own `assert` block holds;
// - the verdict (`{detail: "verdict"}`) agrees with the explained result and is the CLI's
//   (`--detail verdict`) byte for byte;
// - both render (Markdown, HTML, text) in English and Danish, from the object and from the text.
//
// This package is built without the core's `xlsx` feature (the CLI has it): a vector asking for
// an XLSX report, table or questionnaire is checked to fail here with a Nis2Error at `$.format`, and its `expected`
// against the CLI instead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nis2, cli, runCli, thrown, report, vectors, vectorCapabilities, checkVerdict, checkIcs } from './helpers.mjs';

/** Whether a vector's output needs the XLSX writer, which this package does not have. */
const needsXlsx = (capability, input) => capability === 'assessment' && input?.format === 'xlsx';

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

// The independent `assert` block of a vector (written from the legal text or the sources).
// Unknown keys fail, so that a kind added to the Rust runner is not ignored here.
const ASSERT_KEYS = new Set([
  'in_scope', 'classification', 'size_class', 'open_question_ids', 'pointers', 'json', 'values',
  'results_include', 'text_contains', 'error', 'errors',
  // Checked by the Rust suite (the request schema against the input); nothing to do here.
  'request_schema',
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

/** Every document renders in every text format and language, the same from its JSON text. */
function checkRender(doc, text) {
  for (const lang of ['en', 'da']) {
    for (const format of ['md', 'html', 'table']) {
      const out = nis2.render(doc, { format, lang });
      assert.ok(out.length > 0, `${format}/${lang} is empty`);
      assert.equal(nis2.render(text, { format, lang }), out, `${format}/${lang}: the same from the text`);
      if (format === 'html') assert.ok(out.includes(`lang="${lang}"`), 'the HTML names its language');
    }
  }
}

for (const capability of vectorCapabilities) {
  const api = { object: nis2[capability], json: nis2[`${capability}Json`] };
  assert.equal(typeof api.object, 'function', `the package exports ${capability}`);
  const all = vectors(capability);
  console.log(`${capability}: ${all.length} vectors; CLI ${cli ?? 'not built: byte checks against it skipped'}`);

  for (const { name, vector: v, input: text, expected } of all) {
    test(name, () => {
      const want = v.assert?.error;
      if (needsXlsx(capability, v.input)) {
        for (const e of [thrown(() => api.object(v.input)), thrown(() => api.json(text))]) {
          assert.equal(e.name, 'Nis2Error');
          assert.equal(e.kind, 'invalid_input');
          assert.equal(e.path, '$.format');
          assert.match(e.message, /no XLSX support/);
        }
        if (cli && v.expected_error) {
          // An error vector: the CLI (which has XLSX) fails with its report.
          const r = runCli(['call', capability, '-'], text);
          assert.notEqual(r.status, 0, 'the CLI fails');
          assert.ok(r.stderr.startsWith(`error (${v.expected_error.kind}): ${v.expected_error.message}`), r.stderr);
        } else if (cli) {
          const r = runCli(['call', capability, '-'], text);
          assert.equal(r.status, 0, r.stderr);
          assert.equal(r.stdout.replace(/\n$/, ''), expected, 'the CLI gives `expected`');
        }
        return;
      }
      if (want || v.expected_error) {
        const errors = [
          thrown(() => api.object(v.input)),
          thrown(() => api.json(text)),
          thrown(() => nis2.call(capability, v.input)),
          thrown(() => nis2.callJson(capability, text)),
          thrown(() => api.json(text, { detail: 'verdict' })),
        ];
        for (const e of errors) {
          assert.ok(e instanceof Error, 'an Error');
          assert.equal(e.name, 'Nis2Error');
          if (want) {
            assert.equal(e.kind, want.kind);
            if (want.path !== undefined) assert.equal(e.path, want.path);
            if (want.paths !== undefined) assert.deepEqual(problemPaths(e), want.paths, 'error paths');
            for (const w of v.assert.errors ?? []) {
              assert.ok(
                e.errors.some((x) => x.kind === w.kind && x.path === w.path),
                `problem ${w.kind} at ${w.path} listed; have ${e.errors.map((x) => x.path).join(', ')}`,
              );
            }
          }
          if (v.expected_error) assert.deepEqual(report(e), v.expected_error, 'the core report, exactly');
        }
        if (cli) {
          const r = runCli(['call', capability, '-'], text);
          assert.notEqual(r.status, 0, 'the CLI fails too');
          assert.ok(r.stderr.startsWith(`error (${errors[1].kind}): ${errors[1].message}`), r.stderr);
        }
        return;
      }
      // The text API: the exact bytes.
      const bytes = api.json(text);
      if (expected !== undefined) assert.equal(bytes, expected, 'the bytes of `expected`');
      assert.equal(nis2.callJson(capability, text), bytes, 'callJson');
      assert.equal(nis2.callJson(capability, text, 'explained'), bytes, 'callJson, explained by name');
      // The object API: that document.
      const out = api.object(v.input);
      assert.deepEqual(out, JSON.parse(bytes), 'the object API gives the document of the text API');
      assert.deepEqual(nis2.call(capability, v.input), out, 'call');
      if (v.assert) checkAsserts(v.assert, out);
      if (typeof out?.ics === 'string') checkIcs(out.ics, out.events);
      // The verdict.
      const verdictBytes = api.json(text, { detail: 'verdict' });
      assert.equal(nis2.callJson(capability, text, 'verdict'), verdictBytes);
      const verdict = api.object(v.input, { detail: 'verdict' });
      assert.deepEqual(verdict, JSON.parse(verdictBytes), 'the verdict: object and text agree');
      checkVerdict(out, verdict);
      if (cli) {
        const r = runCli(['call', capability, '-'], text);
        assert.equal(r.status, 0, r.stderr);
        assert.equal(r.stdout.replace(/\n$/, ''), bytes, `the CLI's bytes`);
        const rv = runCli(['call', capability, '-', '--detail', 'verdict'], text);
        assert.equal(rv.status, 0, rv.stderr);
        assert.equal(rv.stdout.replace(/\n$/, ''), verdictBytes, `the CLI's verdict bytes`);
      }
      checkRender(out, bytes);
      checkRender(verdict, verdictBytes);
    });
  }
}
