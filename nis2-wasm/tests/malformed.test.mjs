// The malformed-request vectors (<repo>/tests/vectors/malformed/*.json, format
// `malformed-vector`), one named test per file (`malformed/scope-utf8-bom.json`), through the npm
// package `nis2`: the raw `input_text` sent with `callJson(capability, input_text, {detail})`
// throws a Nis2Error of the expected kind and path (and, for `multiple`, the problems' paths);
// its message says and leaves out what the vector says and speaks JSON, not Rust. A vector with
// `known_issue` (the engine's answer is known to be wrong) is skipped with its note. The Rust and
// Python suites run the same files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { nis2, repoDir, readJson, thrown, report } from './helpers.mjs';

const dir = join(repoDir, 'tests', 'vectors', 'malformed');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

// Words of Rust and serde, not of the request (as nis2-core/tests/malformed.rs checks them).
const RUST_WORDS = new RegExp(
  String.raw`expected (enum|struct|unit|tuple|map|sequence|newtype)\b|variant identifier|field identifier` +
    String.raw`|\b(u8|u16|u32|u64|u128|usize|i8|i16|i32|i64|i128|isize|f32|f64)\b|\b(Option|Vec|String)<` +
    String.raw`|unit value|(invalid (type|value): |expected a )(map|sequence)\b`,
);

test('malformed vectors: at least 150, every capability among them', () => {
  assert.ok(files.length >= 150, `${files.length} files`);
  const caps = new Set(files.map((f) => readJson(join(dir, f)).capability));
  for (const c of ['scope', 'catalog', 'risk', 'programme', 'assessment', 'reference']) assert.ok(caps.has(c), c);
});

const call = (v, detail) => thrown(() => nis2.callJson(v.capability, v.input_text, { detail }));

for (const file of files) {
  const v = readJson(join(dir, file));
  const skip = v.known_issue ? `known issue: ${v.known_issue}` : false;
  test(`malformed/${file}`, { skip }, () => {
    const want = v.expected_error;
    const detail = v.detail ?? 'explained';
    const e = call(v, detail);
    assert.equal(e.name, 'Nis2Error', String(e));
    assert.equal(e.kind, want.kind, e.message);
    assert.equal(e.path ?? null, want.path, e.message);
    assert.deepEqual(e.limit, want.limit, e.message);
    if (want.paths) assert.deepEqual(e.errors.map((x) => x.path ?? null), want.paths, e.message);
    for (const w of want.message_contains ?? []) assert.ok(e.message.includes(w), `says ${JSON.stringify(w)}: ${e.message}`);
    for (const w of want.message_excludes ?? []) assert.ok(!e.message.includes(w), `does not say ${JSON.stringify(w)}: ${e.message}`);
    assert.doesNotMatch(e.message, RUST_WORDS);
    assert.deepEqual(report(call(v, detail)), report(e), 'the same error twice');
    if (v.detail === undefined) assert.deepEqual(report(call(v, 'verdict')), report(e), 'the same error at the verdict level');
  });
}
