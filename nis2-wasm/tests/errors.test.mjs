// Errors thrown by the package: a JS Error named Nis2Error carrying the core's report, for bad
// objects (which JSON could not even express: NaN, Infinity, bigint, cycles) and bad text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { nis2, repoDir, thrown, readJson } from './helpers.mjs';

const { scope, scopeJson } = nis2;
const valid = readJson(join(repoDir, 'examples', 'manufacturer-40-staff.json'));
const clone = () => structuredClone(valid);

function assertNis2Error(e, kind, path) {
  assert.ok(e instanceof Error, 'an instance of Error');
  assert.equal(e.name, 'Nis2Error');
  assert.equal(e.kind, kind, e.message);
  assert.equal(e.path, path, e.message);
  assert.ok(Array.isArray(e.suggestions));
  assert.ok(Array.isArray(e.errors));
  assert.equal(typeof e.message, 'string');
  assert.equal(typeof e.stack, 'string');
  return e;
}

test('the example profile is valid (baseline of the error cases)', () => {
  assert.equal(scope(clone()).in_scope, 'yes');
});

for (const [label, value] of [
  ['NaN', NaN],
  ['Infinity', Infinity],
  ['-Infinity', -Infinity],
]) {
  test(`${label} reaches the core's validation, which names the field`, () => {
    const p = clone();
    p.size.staff_headcount = value;
    const e = assertNis2Error(thrown(() => scope(p)), 'invalid_input', '$.size.staff_headcount');
    assert.match(e.message, /finite/);
  });
}

test('NaN deep inside a list names its index', () => {
  const p = clone();
  p.size.related_enterprises = [{ relationship: 'linked', staff_headcount: 1 }, { relationship: 'linked', annual_turnover_eur: NaN }];
  assertNis2Error(thrown(() => scope(p)), 'invalid_input', '$.size.related_enterprises[1].annual_turnover_eur');
});

test('an unknown top-level field is rejected (as in the JSON API)', () => {
  const p = { ...clone(), activites: [] };
  const e = assertNis2Error(thrown(() => scope(p)), 'invalid_input', '$.activites');
  assert.match(e.message, /unknown field `activites`/);
  assertNis2Error(thrown(() => scopeJson(JSON.stringify(p))), 'invalid_input', '$.activites');
});

test('an unknown nested field is rejected', () => {
  const p = clone();
  p.size.staff = 3;
  assertNis2Error(thrown(() => scope(p)), 'invalid_input', '$.size.staff');
  const q = clone();
  q.activities[0].entitytype = 'x';
  assertNis2Error(thrown(() => scope(q)), 'invalid_input', '$.activities[0].entitytype');
});

test('an unknown entity type comes with suggestions', () => {
  const p = clone();
  p.activities[0].entity_type = 'NIS2-II-05d-0';
  const e = assertNis2Error(thrown(() => scope(p)), 'unknown_id', '$.activities[0].entity_type');
  assert.ok(e.suggestions.length > 0);
  assert.ok(e.suggestions.includes('NIS2-II-05d-01'), e.suggestions.join());
  assert.deepEqual(thrown(() => scopeJson(JSON.stringify(p))).suggestions, e.suggestions);
});

test('several problems at once: kind multiple, each listed', () => {
  const p = clone();
  p.activities[0].entity_type = 'NIS2-I-77-01';
  p.size.annual_turnover_eur = -1;
  const e = assertNis2Error(thrown(() => scope(p)), 'multiple', undefined);
  assert.equal(e.errors.length, 2);
  assert.deepEqual(e.errors.map((x) => [x.kind, x.path]), [
    ['unknown_id', '$.activities[0].entity_type'],
    ['invalid_input', '$.size.annual_turnover_eur'],
  ]);
  for (const x of e.errors) {
    assert.equal(Object.getPrototypeOf(x), Object.prototype, 'a plain object');
    assert.equal(typeof x.message, 'string');
    assert.ok(Array.isArray(x.suggestions) && Array.isArray(x.errors));
  }
  assert.ok(e.errors[0].suggestions.length > 0);
});

test('an empty object: activities is required', () => {
  const e = assertNis2Error(thrown(() => scope({})), 'invalid_input', '$');
  assert.match(e.message, /missing field `activities`/);
});

for (const [label, value, pattern] of [
  ['a string', 'hello', /invalid type: string "hello", expected struct Profile/],
  ['a number', 42, /invalid type: integer `42`/],
  ['an array', [], /expected struct Profile/],
  ['null', null, /invalid type: null/],
  ['undefined', undefined, /invalid type: null/],
  ['a function', () => 1, /invalid type: function/],
]) {
  test(`${label} instead of an object`, () => {
    const e = assertNis2Error(thrown(() => scope(value)), 'invalid_input', '$');
    assert.match(e.message, pattern);
  });
}

test('wrong value types name the field', () => {
  const cases = [
    [{ activities: 'x' }, '$.activities'],
    [{ activities: [{ entity_type: 12 }] }, '$.activities[0].entity_type'],
    [{ activities: [{ entity_type: 12n }] }, '$.activities[0].entity_type'],
    [{ activities: [{ entity_type: Symbol('x') }] }, '$.activities[0].entity_type'],
    [{ activities: [], size: { staff_headcount: '40' } }, '$.size.staff_headcount'],
    [{ activities: [], provides_services_in_union: 1 }, '$.provides_services_in_union'],
    [{ activities: [], designations: { security_exemption: 'ful' } }, '$.designations.security_exemption'],
  ];
  for (const [input, path] of cases) assertNis2Error(thrown(() => scope(input)), 'invalid_input', path);
});

test('a cyclic object is an error, not a hang or a crash', () => {
  const p = clone();
  p.size.related_enterprises = [p];
  // The profile's own keys are read as a related enterprise's: `name` fits, `member_state` not.
  assertNis2Error(thrown(() => scope(p)), 'invalid_input', '$.size.related_enterprises[0].member_state');
  // The module is still usable afterwards.
  assert.equal(scope(clone()).in_scope, 'yes');
});

test('scopeJson: malformed, empty and trailing text', () => {
  assertNis2Error(thrown(() => scopeJson('{"activities": [')), 'invalid_input', '$.activities');
  const empty = assertNis2Error(thrown(() => scopeJson('  ')), 'invalid_input', '$');
  assert.match(empty.message, /empty/);
  assertNis2Error(thrown(() => scopeJson('{"activities": []} {}')), 'invalid_input', '$');
  assertNis2Error(thrown(() => scopeJson('"hello"')), 'invalid_input', '$');
});

test('schema: an unknown kind is unknown_id with suggestions', () => {
  const e = assertNis2Error(thrown(() => nis2.schema('scope-profil')), 'unknown_id', '$');
  assert.equal(e.suggestions[0], 'scope-profile');
});
