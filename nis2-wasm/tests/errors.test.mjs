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

// The object is read as the JSON text it stands for: what is not an object is reported as by
// the string API.
for (const [label, value, pattern] of [
  ['a string', 'hello', /expected a JSON object \(a scope profile\), got a string/],
  ['a number', 42, /expected a JSON object \(a scope profile\), got a number/],
  ['an array', [], /expected a JSON object \(a scope profile\), got an array/],
  ['null', null, /expected a JSON object \(a scope profile\), got null/],
  ['undefined', undefined, /expected a JSON object \(a scope profile\), got null/],
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

test('a cyclic object is an error naming where it comes back, not a hang or a crash', () => {
  const p = clone();
  p.size.related_enterprises = [p];
  const e = assertNis2Error(thrown(() => scope(p)), 'invalid_input', '$.size.related_enterprises[0]');
  assert.match(e.message, /contains itself/);
  // The module is still usable afterwards.
  assert.equal(scope(clone()).in_scope, 'yes');
});

test('a value met twice but not inside itself is fine (JSON.stringify writes it twice)', () => {
  const p = clone();
  const shared = { relationship: 'linked', staff_headcount: 1 };
  p.size.related_enterprises = [shared, shared];
  assert.deepEqual(scope(p), JSON.parse(scopeJson(JSON.stringify(p))));
});

test('nesting: what the core reads (127 arrays or objects) is passed on; one more is an error', () => {
  const nest = (n) => {
    let v = 'x';
    for (let i = 0; i < n; i++) v = [v];
    return v;
  };
  // A catalog request is read whole before its fields are: the request object and 126 arrays
  // are read (then `x` is an unknown field); 127 arrays are one level too many for the reader.
  const ok = { op: 'list', x: nest(126) };
  assert.match(thrown(() => nis2.catalogJson(JSON.stringify(ok))).message, /unknown field `x`/);
  assert.match(thrown(() => nis2.catalog(ok)).message, /unknown field `x`/);
  const deep = { op: 'list', x: nest(127) };
  assert.match(thrown(() => nis2.catalogJson(JSON.stringify(deep))).message, /recursion limit exceeded/);
  const e = assertNis2Error(thrown(() => nis2.catalog(deep)), 'invalid_input', `$.x${'[0]'.repeat(126)}`);
  assert.match(e.message, /nested more than 127 levels/);
});

test('toJSON is honoured, as by JSON.stringify (a Date is its ISO string)', () => {
  const register = readJson(join(repoDir, 'examples', 'water-utility-risk-register.json'));
  const withDate = { ...register, assessment_date: { toJSON: () => register.assessment_date } };
  assert.deepEqual(nis2.risk({ op: 'validate_register', register: withDate }), nis2.risk({ op: 'validate_register', register }));
  const throwing = { ...register, name: { toJSON: () => { throw new Error('no'); } } };
  const e = assertNis2Error(thrown(() => nis2.risk({ op: 'assess', register: throwing })), 'invalid_input', '$');
  assert.match(e.message, /cannot be written as JSON: no/);
});

test('an error from an object carries no text position; the same from text does', () => {
  const p = { ...clone(), activites: [] };
  const fromObject = thrown(() => scope(p));
  const fromText = thrown(() => scopeJson(JSON.stringify(p)));
  assert.match(fromText.message, / at line 1 column \d+$/);
  assert.equal(fromObject.message, fromText.message.replace(/ at line 1 column \d+$/, ''));
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

// --- catalog ---------------------------------------------------------------------------------
const { catalog, catalogJson, risk, riskJson } = nis2;

/** Both APIs throw the same error (the object one without text positions). */
function both(fn, fnJson, request, kind, path) {
  const e = assertNis2Error(thrown(() => fn(request)), kind, path);
  const j = assertNis2Error(thrown(() => fnJson(JSON.stringify(request))), kind, path);
  const strip = (m) => m.replace(/ at line \d+ column \d+/g, '');
  assert.equal(e.message, strip(j.message));
  assert.deepEqual(e.suggestions, j.suggestions);
  assert.deepEqual(
    e.errors.map((x) => [x.kind, x.path, x.message]),
    j.errors.map((x) => [x.kind, x.path, strip(x.message)]),
  );
  return e;
}

test('catalog: an unknown node id comes with the nearest ids', () => {
  const e = both(catalog, catalogJson, { op: 'map', from: 'ISO27001:A.5.99', to: 'nis2' }, 'unknown_id', '$.from');
  assert.ok(e.suggestions.includes('ISO27001:A.5.9'), e.suggestions.join());
  const c = both(catalog, catalogJson, { op: 'coverage', target: 'NIS2:21.2.d', controls: ['ISO27001:A.5.19', 'ISO27001:A.5.199'] }, 'unknown_id', '$.controls[1]');
  assert.ok(c.suggestions.length > 0);
});

test('catalog: an unknown framework and an unknown op come with suggestions', () => {
  const f = both(catalog, catalogJson, { op: 'evidence', requirement: 'NIS2:21.2.d', from: 'iso27001' }, 'unknown_id', '$.from');
  assert.equal(f.suggestions[0], 'iso27001-2022');
  const o = both(catalog, catalogJson, { op: 'evidense', requirement: 'NIS2:21.2.d', from: 'iso27001-2022' }, 'unknown_id', '$.op');
  assert.equal(o.suggestions[0], 'evidence');
});

test('catalog: unknown and misspelt fields of the JS object are rejected', () => {
  const e = both(catalog, catalogJson, { op: 'evidence', requirement: 'NIS2:21.2.d', from: 'iso27001-2022', strength: 'high' }, 'invalid_input', '$.strength');
  assert.match(e.message, /unknown field `strength`/);
  both(catalog, catalogJson, { op: 'map', form: 'ISO27001:A.5.19', to: 'nis2' }, 'invalid_input', '$.form');
  both(catalog, catalogJson, { from: 'ISO27001:A.5.19', to: 'nis2' }, 'invalid_input', '$.op');
});

test('catalog: values JSON cannot carry are reported on their field', () => {
  assert.match(assertNis2Error(thrown(() => catalog({ op: 'node', id: NaN })), 'invalid_input', '$.id').message, /finite/);
  assertNis2Error(thrown(() => catalog({ op: 'coverage', target: 'NIS2:21.2.d', controls: ['ISO27001:A.5.19', 1n] })), 'invalid_input', '$.controls[1]');
  assertNis2Error(thrown(() => catalog({ op: 'node', id: Symbol('x') })), 'invalid_input', '$.id');
  // `undefined` is absent, as JSON.stringify drops it.
  assert.equal(catalog({ op: 'map', from: 'ISO27001:A.5.19', to: 'nis2', via: undefined }).op, 'map');
});

test('catalog: which ISO/IEC 27001 controls evidence Art 21(2)(d)? (the README example)', () => {
  const r = catalog({ op: 'evidence', requirement: 'NIS2:21.2.d', from: 'iso27001-2022' });
  assert.equal(r.op, 'evidence');
  const ids = r.results.map((x) => x.node.id);
  assert.ok(ids.includes('ISO27001:A.5.19') && ids.includes('ISO27001:A.5.20'), ids.join());
  assert.equal(r.results.find((x) => x.node.id === 'ISO27001:A.5.19').relationship, 'intersects');
});

// --- risk ------------------------------------------------------------------------------------
const preset5 = () => structuredClone(risk({ op: 'presets' }).presets.find((m) => m.id === 'iso27005-style-5x5'));

test('risk: a matrix whose level falls is rejected at the cell, by both APIs', () => {
  const m = preset5();
  assert.ok(Array.isArray(m.grid), 'the 5×5 preset has a grid');
  m.id = 'custom-grid';
  m.grid[2][3] = m.grid[0][0];
  const e = both(risk, riskJson, { op: 'validate_matrix', matrix: m }, 'invalid_input', '$.matrix.grid[2][3]');
  assert.match(e.message, /must never fall/);
});

test('risk: every problem of a broken matrix is listed with its path', () => {
  const m = preset5();
  m.id = 'custom-grid';
  m.grid[0][4] = m.grid[0][0];
  m.grid[4][0] = m.grid[0][0];
  m.levels[1].colour = 'green';
  const e = both(risk, riskJson, { op: 'validate_matrix', matrix: m }, 'multiple', undefined);
  const paths = e.errors.map((x) => x.path);
  assert.ok(paths.includes('$.matrix.levels[1].colour'), paths.join());
  assert.ok(paths.some((p) => p.startsWith('$.matrix.grid[')), paths.join());
});

test('risk: an unknown preset comes with suggestions; an unknown op is named', () => {
  const e = both(risk, riskJson, { op: 'validate_matrix', matrix: 'iso27005-style-5x4' }, 'unknown_id', '$.matrix');
  assert.ok(e.suggestions.includes('iso27005-style-5x5') || e.suggestions.length > 0, e.suggestions.join());
  both(risk, riskJson, { op: 'asses' }, 'invalid_input', '$.op');
  both(risk, riskJson, { op: 'presets', stage: 'current' }, 'invalid_input', '$.stage');
  both(risk, riskJson, { op: 'heatmap', register: readJson(join(repoDir, 'examples', 'water-utility-risk-register.json')) }, 'invalid_input', '$.stage');
});

test('risk: unknown fields deep in the JS object are rejected', () => {
  const m = preset5();
  m.levels[0].tint = '#fff';
  both(risk, riskJson, { op: 'validate_matrix', matrix: m }, 'invalid_input', '$.matrix.levels[0].tint');
  const register = readJson(join(repoDir, 'examples', 'water-utility-risk-register.json'));
  register.scenarios[1].inherent.likelyhood = 3;
  const e = assertNis2Error(thrown(() => risk({ op: 'assess', register })), 'invalid_input', '$.register.scenarios[1].inherent.likelyhood');
  assert.match(e.message, /unknown field `likelyhood`/);
});

test('risk: NaN, Infinity and bigint are reported on their field', () => {
  const ratings = [{ likelihood: 1, impact: 1 }, { likelihood: NaN, impact: 2 }];
  const e = assertNis2Error(thrown(() => risk({ op: 'reproject', from: 'iso27005-style-5x5', to: 'iso27005-style-3x3', ratings })), 'invalid_input', '$.ratings[1].likelihood');
  assert.match(e.message, /finite/);
  assertNis2Error(thrown(() => risk({ op: 'reproject', from: 'iso27005-style-5x5', to: 'iso27005-style-3x3', ratings: [{ likelihood: 1, impact: -Infinity }] })), 'invalid_input', '$.ratings[0].impact');
  assertNis2Error(thrown(() => risk({ op: 'reproject', from: 'iso27005-style-5x5', to: 'iso27005-style-3x3', ratings: [{ likelihood: 1n, impact: 1 }] })), 'invalid_input', '$.ratings[0].likelihood');
});

test('risk: a register with several problems lists each, the same from both APIs', () => {
  const register = readJson(join(repoDir, 'examples', 'water-utility-risk-register.json'));
  register.scenarios[0].asset = 'A-NOWHERE';
  register.services[0].entity_type = 'NIS2-I-06-0';
  const e = both(risk, riskJson, { op: 'assess', register }, 'multiple', undefined);
  const byPath = Object.fromEntries(e.errors.map((x) => [x.path, x]));
  assert.equal(byPath['$.register.scenarios[0].asset']?.kind, 'unknown_id');
  assert.equal(byPath['$.register.services[0].entity_type']?.kind, 'unknown_id');
  assert.ok(byPath['$.register.services[0].entity_type'].suggestions.includes('NIS2-I-06-01'));
});
