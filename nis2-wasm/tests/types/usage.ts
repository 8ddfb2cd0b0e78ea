// Type-checked (not run) with `tsc --strict` against the packed package, by the package test in
// api.test.mjs: the declarations are valid and type the API as intended. `@ts-expect-error`
// lines must fail to type-check.
import init, {
  initSync,
  scope,
  scopeJson,
  entityTypes,
  memberStates,
  schema,
  version,
  type ScopeProfile,
  type ScopeResult,
  type Nis2Error,
  type Nis2Documents,
  type SchemaKind,
} from 'nis2';

const profile: ScopeProfile = {
  member_state: 'DK',
  activities: [{ entity_type: 'NIS2-II-05d-01' }],
  size: { staff_headcount: 40, annual_turnover_eur: 12e6, balance_sheet_total_eur: 12e6 },
};
const result: ScopeResult = scope(profile);
const inScope: 'yes' | 'no' | 'depends_on_member_state' | 'undetermined' = result.in_scope;
const text: string = scopeJson(JSON.stringify(profile));
const types: Nis2Documents['entity-types'] = entityTypes();
const states: Nis2Documents['member-states'] = memberStates();
const kind: SchemaKind = 'scope-result';
const s: { [key: string]: unknown } = schema(kind);
const v: string = version();

// @ts-expect-error: activities is required
scope({});
// @ts-expect-error: unknown field
scope({ activities: [], activites: [] });
// @ts-expect-error: not a schema kind
schema('scope');
// @ts-expect-error: a string is not a profile
scope('{}');

try {
  scope(profile);
} catch (e) {
  const err = e as Nis2Error;
  const k: 'invalid_input' | 'unknown_id' | 'multiple' | 'data' = err.kind;
  const p: string | undefined = err.path;
  const first: string | undefined = err.suggestions[0];
  const nested = err.errors.map((x) => [x.kind, x.path, x.message]);
  void [k, p, first, nested];
}

initSync({ module: new Uint8Array() });
await init();
void [inScope, text, types, states, s, v];
export {};
