// The scoping package (`nis2-scope`, pkg-scope: the crate built without its feature `full`),
// which the calculator loads: for every scope vector and every programme `obligations` vector,
// the same bytes as the full package (and so as the CLI), explained and verdict, results and
// errors; the same reference data and renderings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nis2, nis2Scope, vectors } from './helpers.mjs';

/** What a call gives: its text, or the error it throws (as comparable fields). */
function outcome(fn) {
  try {
    return { ok: fn() };
  } catch (e) {
    assert.equal(e.name, 'Nis2Error', String(e));
    return { error: { kind: e.kind, path: e.path, message: e.message, suggestions: e.suggestions, accepted: e.accepted, errors: e.errors } };
  }
}

// NACE codes need the NACE table, which the scoping build leaves out (tested below).
const usesNace = (v) => v.input.includes('"nace_codes"');
const cases = [
  ...vectors('scope').filter((v) => !usesNace(v)).map((v) => ({ ...v, capability: 'scope' })),
  ...vectors('programme').filter((v) => v.vector.input?.op === 'obligations').map((v) => ({ ...v, capability: 'programme' })),
];

test('nis2-scope: every scope and programme obligations vector gives the bytes of the full package', () => {
  assert.ok(cases.filter((c) => c.capability === 'scope').length >= 150, 'the scope vectors');
  assert.ok(cases.filter((c) => c.capability === 'programme').length >= 3, 'the obligations vectors');
  for (const { name, capability, vector, input } of cases) {
    for (const detail of ['explained', 'verdict']) {
      const full = outcome(() => nis2.callJson(capability, input, detail));
      assert.deepEqual(outcome(() => nis2Scope.callJson(capability, input, detail)), full, `${name} ${detail}`);
      assert.deepEqual(outcome(() => nis2Scope[`${capability}Json`](input, { detail })), full, `${name} ${detail}`);
      assert.deepEqual(outcome(() => nis2Scope[capability](vector.input, { detail })), outcome(() => nis2[capability](vector.input, { detail })), `${name} ${detail} (object)`);
      if (full.ok) {
        for (const lang of ['en', 'da']) {
          assert.equal(nis2Scope.render(full.ok, { format: 'html', lang }), nis2.render(full.ok, { format: 'html', lang }), `${name} ${detail} html/${lang}`);
        }
      }
    }
  }
});

test('nis2-scope: a profile with NACE codes is an error naming the full package', () => {
  const nace = vectors('scope').filter(usesNace);
  assert.ok(nace.length >= 3, 'the NACE vectors');
  for (const { name, vector } of nace) {
    assert.throws(() => nis2Scope.scope(vector.input), (e) => e.kind === 'invalid_input' && e.path === '$.nace_codes' && /full engine/.test(e.message), name);
  }
});

test('nis2-scope: the reference data of the full package', () => {
  for (const op of ['entity_types', 'member_states', 'labels']) {
    const request = JSON.stringify({ op });
    assert.equal(nis2Scope.referenceJson(request), nis2.referenceJson(request), op);
    assert.equal(nis2Scope.referenceJson(request, { detail: 'verdict' }), nis2.referenceJson(request, { detail: 'verdict' }), op);
  }
});
