// Errors thrown by the packages: an `Error` named `Nis2Error` carrying the core's report, for
// bad objects (and what JSON could not even express: NaN, Infinity, bigint, cycles), bad text,
// bad arguments of the boundary (capability, detail, options, render format and language) and
// bad documents given to `render`. Nothing panics: the module stays usable after every error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { nis2, nis2Scope, repoDir, thrown, readJson, assertNis2Error } from './helpers.mjs';

const { scope, scopeJson } = nis2;
const valid = readJson(join(repoDir, 'examples', 'manufacturer-40-staff.json'));
const clone = () => structuredClone(valid);

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
  const e = assertNis2Error(thrown(() => scope({})), 'invalid_input', '$.activities');
  assert.match(e.message, /missing: this field is required/);
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

test('nesting: the limit max_depth (64 levels, the request object is level 1) is the same for an object and its text', () => {
  const nest = (n) => {
    let v = 'x';
    for (let i = 0; i < n; i++) v = [v];
    return v;
  };
  // A catalog request is read whole before its fields are: the request object and 63 arrays
  // are read (then `x` is an unknown field); 64 arrays are one level too many.
  const ok = { op: 'list', x: nest(63) };
  assert.match(thrown(() => nis2.catalogJson(JSON.stringify(ok))).message, /unknown field `x`/);
  assert.match(thrown(() => nis2.catalog(ok)).message, /unknown field `x`/);
  const deep = { op: 'list', x: nest(64) };
  const path = `$.x${'[0]'.repeat(63)}`;
  const t = assertNis2Error(thrown(() => nis2.catalogJson(JSON.stringify(deep))), 'limit_exceeded', path);
  assert.match(t.message, /limit max_depth = 64/);
  const e = assertNis2Error(thrown(() => nis2.catalog(deep)), 'limit_exceeded', path);
  assert.match(e.message, /limit max_depth = 64/);
  for (const x of [t, e]) assert.deepEqual(x.limit, { name: 'max_depth', value: 64 });
  // Beyond JSON's own nesting, the object is refused before it is written as JSON: the same error.
  const deeper = assertNis2Error(thrown(() => nis2.catalog({ op: 'list', x: nest(5000) })), 'limit_exceeded', path);
  assert.deepEqual(deeper.limit, { name: 'max_depth', value: 64 });
});

test('toJSON is honoured, as by JSON.stringify (a Date is its ISO string)', () => {
  const register = readJson(join(repoDir, 'examples', 'water-utility-risk-register.json'));
  const withDate = { ...register, assessment_date: { toJSON: () => register.assessment_date } };
  assert.deepEqual(nis2.risk({ op: 'validate_register', register: withDate }), nis2.risk({ op: 'validate_register', register }));
  const throwing = { ...register, name: { toJSON: () => { throw new Error('no'); } } };
  const e = assertNis2Error(thrown(() => nis2.risk({ op: 'assess', register: throwing })), 'invalid_input', '$');
  assert.match(e.message, /cannot be written as JSON: no/);
});

test('an error at a field path carries no text position, from an object or from text; a syntax error in text does', () => {
  const p = { ...clone(), activites: [] };
  const fromObject = thrown(() => scope(p));
  const fromText = thrown(() => scopeJson(JSON.stringify(p)));
  assert.doesNotMatch(fromText.message, / at line \d+ column \d+/);
  assert.equal(fromObject.message, fromText.message);
  // Text that is not JSON: where in the text (an object cannot be malformed).
  assert.match(thrown(() => scopeJson('{"activities": [] x}')).message, / at line 1 column 19$/);
});

test('scopeJson: malformed, empty and trailing text', () => {
  const eof = assertNis2Error(thrown(() => scopeJson('{"activities": [')), 'invalid_input', '$.activities[0]');
  assert.match(eof.message, /EOF while parsing a list at line 1 column 16/);
  // A repeated key is an error (JSON.parse would keep the last value silently).
  assertNis2Error(thrown(() => scopeJson('{"activities": [], "activities": []}')), 'invalid_input', '$.activities');
  const empty = assertNis2Error(thrown(() => scopeJson('  ')), 'invalid_input', '$');
  assert.match(empty.message, /empty/);
  assertNis2Error(thrown(() => scopeJson('{"activities": []} {}')), 'invalid_input', '$');
  assertNis2Error(thrown(() => scopeJson('"hello"')), 'invalid_input', '$');
});

test('programme obligations: a bad profile is reported at its path under `$.profile`, in both packages', () => {
  for (const pkg of [nis2, nis2Scope]) {
    const e = assertNis2Error(thrown(() => pkg.programme({ op: 'obligations', profile: { activities: [{ entity_type: 'NIS2-X' }] } })), 'unknown_id', '$.profile.activities[0].entity_type');
    assert.ok(e.suggestions.length > 0);
    assertNis2Error(thrown(() => pkg.programmeJson('{"op": "obligations", "profile": {"activities": []}, "turnover": 1}')), 'invalid_input', '$.turnover');
  }
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
  assert.equal(catalog({ op: 'map', from: 'ISO27001:A.5.19', to: 'nis2', via: undefined }).op, 'catalog.map');
});

test('catalog: which ISO/IEC 27001 controls evidence Art 21(2)(d)? (the README example)', () => {
  const r = catalog({ op: 'evidence', requirement: 'NIS2:21.2.d', from: 'iso27001-2022' });
  assert.equal(r.op, 'catalog.evidence');
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

test('risk: an unknown preset and an unknown op come with suggestions', () => {
  const e = both(risk, riskJson, { op: 'validate_matrix', matrix: 'iso27005-style-5x4' }, 'unknown_id', '$.matrix');
  assert.ok(e.suggestions.includes('iso27005-style-5x5') || e.suggestions.length > 0, e.suggestions.join());
  assert.equal(both(risk, riskJson, { op: 'asses' }, 'unknown_id', '$.op').suggestions[0], 'assess');
  both(risk, riskJson, { op: 7 }, 'invalid_input', '$.op');
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

// --- programme -------------------------------------------------------------------------------
const { programme, programmeJson, assessment, assessmentJson } = nis2;
const danishProgramme = () => readJson(join(repoDir, 'examples', 'danish-programme.json'));
const incident = () => readJson(join(repoDir, 'examples', 'incident.json'));

test('programme: an unknown op comes with the nearest ops; a missing or wrong op is named', () => {
  const e = both(programme, programmeJson, { op: 'deadline', incident: incident() }, 'unknown_id', '$.op');
  assert.equal(e.suggestions[0], 'deadlines');
  assert.match(both(programme, programmeJson, { incident: incident() }, 'invalid_input', '$.op').message, /missing: name the operation/);
  both(programme, programmeJson, { op: 3 }, 'invalid_input', '$.op');
  for (const value of ['x', [], null]) assertNis2Error(thrown(() => programme(value)), 'invalid_input', '$');
});

test('programme: unknown fields and wrong types are reported on their field', () => {
  both(programme, programmeJson, { op: 'deadlines', incident: incident(), extra: 1 }, 'invalid_input', '$.extra');
  both(programme, programmeJson, { op: 'deadlines', incident: { ...incident(), aware_at: 1 } }, 'invalid_input', '$.incident.aware_at');
  const tz = both(programme, programmeJson, { op: 'deadlines', incident: { ...incident(), time_zone: 'Europe/Kopenhagen' } }, 'unknown_id', '$.incident.time_zone');
  assert.equal(tz.suggestions[0], 'Europe/Copenhagen');
  const p = danishProgramme();
  p.wheel[0].cadnce = {};
  both(programme, programmeJson, { op: 'validate', programme: p }, 'invalid_input', '$.programme.wheel[0].cadnce');
});

test('programme: NaN, Infinity and bigint are reported on their field', () => {
  const profile = readJson(join(repoDir, 'examples', 'nordic-msp.json'));
  const e = assertNis2Error(thrown(() => programme({ op: 'obligations', profile, worldwide_turnover_eur: NaN })), 'invalid_input', '$.worldwide_turnover_eur');
  assert.match(e.message, /finite/);
  assertNis2Error(thrown(() => programme({ op: 'wheel', programme: danishProgramme(), year: Infinity })), 'invalid_input', '$.year');
  assertNis2Error(thrown(() => programme({ op: 'wheel', programme: danishProgramme(), year: 2026n })), 'invalid_input', '$.year');
});

test('programme: a programme with several problems lists each with its path, from both APIs', () => {
  const p = danishProgramme();
  p.plan[0].owner = 'nobody';
  p.wheel[1].owner = 'nobody-either';
  const e = both(programme, programmeJson, { op: 'plan', programme: p, reference_date: '2026-03-01' }, 'multiple', undefined);
  const paths = e.errors.map((x) => x.path);
  assert.ok(paths.includes('$.programme.plan[0].owner'), paths.join());
  assert.ok(paths.includes('$.programme.wheel[1].owner'), paths.join());
});

test('programme: an incident time without a zone and a notification before awareness are errors, not guesses', () => {
  const e = both(programme, programmeJson, { op: 'deadlines', incident: { aware_at: '2026-01-29T08:00:00' } }, 'invalid_input', '$.incident.aware_at');
  assert.ok(e.message.length > 0);
  const early = { ...incident(), notification_submitted_at: '2026-01-28T08:00:00+01:00' };
  assert.ok(thrown(() => programme({ op: 'deadlines', incident: early })).name === 'Nis2Error');
});

test('programme wheel_ics: the errors of the wheel', () => {
  const wheel = (extra) => ({ op: 'wheel_ics', programme: danishProgramme(), ...extra });
  assertNis2Error(thrown(() => programme(wheel({ year: 1 }))), 'invalid_input', '$.year');
  assertNis2Error(thrown(() => programme(wheel({ year: 2026, extra: 1 }))), 'invalid_input', '$.extra');
  assertNis2Error(thrown(() => programme(wheel({ year: NaN }))), 'invalid_input', '$.year');
});

// --- assessment ------------------------------------------------------------------------------
const mspAssessment = () => readJson(join(repoDir, 'examples', 'msp-assessment.json'));

test('assessment: an unknown op (with suggestions), a field the op does not use and a missing one are named', () => {
  assert.equal(both(assessment, assessmentJson, { op: 'scroe', assessment: mspAssessment() }, 'unknown_id', '$.op').suggestions[0], 'score');
  assert.match(both(assessment, assessmentJson, { op: 'scales', assessment: mspAssessment() }, 'invalid_input', '$.assessment').message, /unknown field `assessment`; this request takes no other field/);
  assert.match(both(assessment, assessmentJson, { op: 'report', assessment: mspAssessment() }, 'invalid_input', '$.format').message, /missing: this field is required/);
  both(assessment, assessmentJson, { op: 'report', assessment: mspAssessment(), format: 'pdf' }, 'invalid_input', '$.format');
});

test('assessment: every problem of an assessment is listed with its path, nothing is scored', () => {
  const doc = mspAssessment();
  doc.results[0].implementation_maturity = 9;
  doc.results[1].requirement = 'NIS2:21.2.x';
  const e = both(assessment, assessmentJson, { op: 'score', assessment: doc }, 'multiple', undefined);
  const byPath = Object.fromEntries(e.errors.map((x) => [x.path, x]));
  assert.equal(byPath['$.assessment.results[0].implementation_maturity']?.kind, 'invalid_input');
  assert.equal(byPath['$.assessment.results[1].requirement']?.kind, 'unknown_id');
  assert.ok(byPath['$.assessment.results[1].requirement'].suggestions.includes('NIS2:21.2.a'));
});

test('assessment: NaN and unknown fields deep in the JS object are reported on their field', () => {
  const doc = mspAssessment();
  doc.results[2].implementation_maturity = NaN;
  assert.match(assertNis2Error(thrown(() => assessment({ op: 'infer', assessment: doc })), 'invalid_input', '$.assessment.results[2].implementation_maturity').message, /finite/);
  const typo = mspAssessment();
  typo.results[0].staus = 'fully_implemented';
  both(assessment, assessmentJson, { op: 'plan', assessment: typo }, 'invalid_input', '$.assessment.results[0].staus');
});

test('assessment: an XLSX report is an invalid_input error at $.format (this package has no XLSX writer)', () => {
  const e = both(assessment, assessmentJson, { op: 'report', assessment: mspAssessment(), format: 'xlsx', lang: 'da' }, 'invalid_input', '$.format');
  assert.match(e.message, /no XLSX support/);
  // An invalid document is still reported first, with its problems.
  const doc = mspAssessment();
  doc.results[0].implementation_maturity = 9;
  assertNis2Error(thrown(() => assessment({ op: 'report', assessment: doc, format: 'xlsx' })), 'invalid_input', '$.assessment.results[0].implementation_maturity');
});

// --- the boundary: capability, detail, options ---------------------------------------------------
test('an unknown capability: unknown_id at `capability`, with the nearest and every accepted one', () => {
  for (const fn of [() => nis2.call('scopes', {}), () => nis2.callJson('scopes', '{}')]) {
    const e = assertNis2Error(thrown(fn), 'unknown_id', 'capability');
    assert.equal(e.suggestions[0], 'scope');
    assert.deepEqual(e.accepted, nis2.ops().capabilities.map((c) => c.name));
  }
  // The scoping build knows only its own capabilities.
  const s = assertNis2Error(thrown(() => nis2Scope.call('catalog', { op: 'list' })), 'unknown_id', 'capability');
  assert.deepEqual(s.accepted, ['scope', 'programme', 'reference']);
  const op = assertNis2Error(thrown(() => nis2Scope.programme({ op: 'deadlines', incident: {} })), 'unknown_id', '$.op');
  assert.deepEqual(op.accepted, ['obligations']);
});

test('detail: an unknown level is unknown_id at `detail` listing the levels, from every entry point', () => {
  for (const fn of [
    () => scope(clone(), { detail: 'verdicts' }),
    () => scopeJson(JSON.stringify(clone()), { detail: 'verdicts' }),
    () => nis2.callJson('scope', JSON.stringify(clone()), 'verdicts'),
    () => nis2.entityTypes({ detail: 'verdicts' }),
  ]) {
    const e = assertNis2Error(thrown(fn), 'unknown_id', 'detail');
    assert.equal(e.suggestions[0], 'verdict');
    assert.deepEqual(e.accepted, ['verdict', 'explained']);
  }
});

test('options: an unknown option or a value that is not a string is an error, not ignored', () => {
  const e = assertNis2Error(thrown(() => scope(clone(), { detial: 'verdict' })), 'unknown_id', 'options');
  assert.deepEqual(e.suggestions, ['detail']);
  assertNis2Error(thrown(() => scopeJson(JSON.stringify(clone()), { verbose: true })), 'unknown_id', 'options');
  assertNis2Error(thrown(() => scope(clone(), { detail: 1 })), 'invalid_input', 'detail');
  assertNis2Error(thrown(() => scope(clone(), 'verdict')), 'invalid_input', 'options');
  // Absent options and an undefined level are the default.
  const explained = scopeJson(JSON.stringify(clone()));
  assert.equal(scopeJson(JSON.stringify(clone()), {}), explained);
  assert.equal(scopeJson(JSON.stringify(clone()), { detail: undefined }), explained);
  assert.equal(scopeJson(JSON.stringify(clone()), null), explained);
  // A level is a name, not a property of some object; options are checked before the other
  // arguments, the level's name after them.
  assertNis2Error(thrown(() => scopeJson(JSON.stringify(clone()), 'toString')), 'unknown_id', 'detail');
  assertNis2Error(thrown(() => scope(clone(), { detail: 'constructor' })), 'unknown_id', 'detail');
  assertNis2Error(thrown(() => nis2.call(42, clone(), { detial: 'verdict' })), 'unknown_id', 'options');
  assertNis2Error(thrown(() => nis2.callJson('scopes', '{}', 'verdicts')), 'unknown_id', 'detail');
  assertNis2Error(thrown(() => nis2.callJson(42, '{}', 'verdicts')), 'invalid_input', 'capability');
});

test('the text API takes text: anything else given to a …Json function is an error (not a memory fault)', () => {
  for (const value of [clone(), 42, undefined, null]) assertNis2Error(thrown(() => scopeJson(value)), 'invalid_input', '$');
  assertNis2Error(thrown(() => nis2.call(42, clone())), 'invalid_input', 'capability');
  assertNis2Error(thrown(() => nis2.callJson(undefined, '{}')), 'invalid_input', 'capability');
});

// --- render -----------------------------------------------------------------------------------
test('render: format is required and must be one of md, html, svg, table, csv; lang one of en, da', () => {
  const r = scope(clone());
  assert.match(assertNis2Error(thrown(() => nis2.render(r, {})), 'invalid_input', 'format').message, /md, html, svg, table, csv/);
  // CSV is the table of a screening's verdicts; a scope result has none.
  assert.match(assertNis2Error(thrown(() => nis2.render(r, { format: 'csv' })), 'invalid_input', 'format').message, /screening/);
  assertNis2Error(thrown(() => nis2.render(r)), 'invalid_input', 'format');
  const f = assertNis2Error(thrown(() => nis2.render(r, { format: 'pdf' })), 'unknown_id', 'format');
  assert.deepEqual(f.accepted, ['md', 'html', 'svg', 'table', 'csv']);
  const l = assertNis2Error(thrown(() => nis2.render(r, { format: 'md', lang: 'de' })), 'unknown_id', 'lang');
  assert.deepEqual(l.accepted, ['en', 'da']);
  assertNis2Error(thrown(() => nis2.render(r, { format: 'md', language: 'da' })), 'unknown_id', 'options');
});

test('render: a document without a figure has no SVG; a document that is not a response is named', () => {
  const r = scope(clone());
  assert.match(assertNis2Error(thrown(() => nis2.render(r, { format: 'svg' })), 'invalid_input', 'format').message, /no figure/);
  assertNis2Error(thrown(() => nis2.render({ in_scope: 'yes' }, { format: 'md' })), 'invalid_input', '$.op');
  const op = assertNis2Error(thrown(() => nis2.render({ op: 'scoop' }, { format: 'md' })), 'unknown_id', '$.op');
  assert.equal(op.suggestions[0], 'scope');
  assertNis2Error(thrown(() => nis2.render('{"op": "scope"', { format: 'md' })), 'invalid_input', '$');
  assertNis2Error(thrown(() => nis2.render({ op: 'scope', in_scope: NaN }, { format: 'md' })), 'invalid_input', '$.in_scope');
  // A scoping build renders only its own operations.
  const catalogDoc = nis2.catalog({ op: 'list' });
  assertNis2Error(thrown(() => nis2Scope.render(catalogDoc, { format: 'md' })), 'unknown_id', '$.op');
});

test('after every kind of error the module still answers', () => {
  assert.equal(scope(clone()).in_scope, 'yes');
  assert.equal(nis2Scope.scope(clone()).in_scope, 'yes');
});
