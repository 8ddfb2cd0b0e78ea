// Type-checked (not run) with `tsc --strict` against the packed package `nis2-scope` (the
// scoping build): only the capabilities of its registry, and of the programme only `obligations`.
import init, {
  initSync,
  scope,
  scopeJson,
  programme,
  entityTypes,
  memberStates,
  labels,
  render,
  ops,
  version,
  type Capability,
  type ScopeResponse,
  type ScopeVerdict,
  type ProgrammeObligationsResponse,
} from 'nis2-scope';
// @ts-expect-error: no catalogs in the scoping build
import { catalog } from 'nis2-scope';

const result: ScopeResponse = scope({ activities: [{ entity_type: 'NIS2-I-06-01' }] });
const verdict: ScopeVerdict = scope({ activities: [] }, { detail: 'verdict' });
const text: string = scopeJson('{"activities":[]}');
const facts: ProgrammeObligationsResponse = programme({ op: 'obligations', profile: { activities: [] } });
// @ts-expect-error: the scoping build's programme has only `obligations`
programme({ op: 'deadlines', incident: { aware_at: '2026-01-29T08:00:00+01:00' } });
const caps: Capability[] = ['scope', 'programme', 'reference'];
// @ts-expect-error: not a capability of the scoping build
const risk: Capability = 'risk';
const html: string = render(result, { format: 'html', lang: 'da' });
const n: number = entityTypes().entity_types.length + memberStates().states.length + Object.keys(labels().labels).length;
initSync({ module: new Uint8Array() });
await init();
void [verdict, text, facts, caps, risk, html, n, ops(), version(), catalog];
export {};
