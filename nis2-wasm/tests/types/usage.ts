// Type-checked (not run) with `tsc --strict` against the packed package `nis2`, by the package
// test in api.test.mjs: the declarations are valid and type the API as intended (one overload
// per operation; the verdict with `{ detail: "verdict" }`). `@ts-expect-error` lines must fail
// to type-check.
import init, {
  initSync,
  call,
  callJson,
  render,
  ops,
  version,
  scope,
  scopeJson,
  catalog,
  catalogJson,
  risk,
  riskJson,
  programme,
  programmeJson,
  assessment,
  assessmentJson,
  entityTypes,
  memberStates,
  labels,
  type Profile,
  type ScopeResponse,
  type ScopeResult,
  type ScopeVerdict,
  type CatalogRequest,
  type CatalogResponse,
  type CatalogVerdict,
  type CatalogEvidenceResponse,
  type CatalogEvidenceVerdict,
  type CatalogMapResponse,
  type RiskAssessResponse,
  type RiskHeatmapResponse,
  type RiskHeatmapSvgResponse,
  type RiskValidateMatrixResponse,
  type RiskRequest,
  type RiskResponse,
  type RiskVerdict,
  type Register,
  type Programme,
  type ProgrammeDeadlinesResponse,
  type ProgrammeWheelResponse,
  type ProgrammeWheelIcsResponse,
  type ProgrammeObligationsResponse,
  type ProgrammeObligationsVerdict,
  type AssessmentDocument,
  type AssessmentScoreResponse,
  type AssessmentReportResponse,
  type AssessmentScalesResponse,
  type ReferenceEntityTypesResponse,
  type ReferenceLabelsResponse,
  type Registry,
  type Nis2Error,
  type Nis2Response,
  type Nis2Verdict,
  type Nis2Documents,
} from 'nis2';

const profile: Profile = {
  member_state: 'DK',
  activities: [{ entity_type: 'NIS2-II-05d-01' }],
  size: { staff_headcount: 40, annual_turnover_eur: 12e6, balance_sheet_total_eur: 12e6 },
};

// scope: the explained result by default, its own verdict with `{ detail: "verdict" }`.
const result: ScopeResponse = scope(profile);
const sameType: ScopeResult = result;
const op: 'scope' = result.op;
const inScope: 'yes' | 'no' | 'depends_on_member_state' | 'undetermined' = result.in_scope;
const explained: ScopeResponse = scope(profile, { detail: 'explained' });
const verdict: ScopeVerdict = scope(profile, { detail: 'verdict' });
const verdictDetail: 'verdict' = verdict.detail;
const reasons: number = verdict.reasons.length;
const text: string = scopeJson(JSON.stringify(profile));
const verdictText: string = scopeJson(JSON.stringify(profile), { detail: 'verdict' });
// @ts-expect-error: a verdict is not the explained result
const notExplained: ScopeResponse = scope(profile, { detail: 'verdict' });
// @ts-expect-error: not a detail level
scope(profile, { detail: 'full' });
// @ts-expect-error: activities is required
scope({});
// @ts-expect-error: unknown field
scope({ activities: [], activites: [] });
// @ts-expect-error: a string is not a profile
scope('{}');

// catalog: the response type follows the op.
const ev: CatalogEvidenceResponse = catalog({ op: 'evidence', requirement: 'NIS2:21.2.d', from: 'iso27001-2022' });
const evOp: 'catalog.evidence' = ev.op;
const firstId: string | undefined = ev.results[0]?.node.id;
const evVerdict: CatalogEvidenceVerdict = catalog({ op: 'evidence', requirement: 'NIS2:21.2.d', from: 'iso27001-2022' }, { detail: 'verdict' });
const mapped: CatalogMapResponse = catalog({ op: 'map', from: 'ISO27001:A.5.19', to: 'nis2', via: 'cir-2024-2690' });
const routes: number = mapped.routes.length;
declare const anyRequest: CatalogRequest;
const anyResponse: CatalogResponse | CatalogVerdict = catalog(anyRequest, { detail: 'verdict' });
if (anyResponse.op === 'catalog.coverage') {
  const controls: number = anyResponse.controls.length;
  void controls;
}
const catalogText: string = catalogJson('{"op":"list"}');
// @ts-expect-error: `map` needs `to`
catalog({ op: 'map', from: 'ISO27001:A.5.19' });
// @ts-expect-error: unknown field
catalog({ op: 'node', id: 'NIS2:21', strength: 1 });
// @ts-expect-error: not an op
catalog({ op: 'mapping' });
// @ts-expect-error: a list response has no results
catalog({ op: 'list' }).results;

// risk: one overload per op.
declare const register: Register;
const riskAssessment: RiskAssessResponse = risk({ op: 'assess', register });
const matrixReport: RiskValidateMatrixResponse = risk({ op: 'validate_matrix', matrix: 'iso27005-style-5x5' });
const heat: RiskHeatmapResponse = risk({ op: 'heatmap', register, stage: 'residual' });
const svg: RiskHeatmapSvgResponse = risk({ op: 'heatmap_svg', register, stage: 'inherent', lang: 'da' });
const svgText: string = svg.svg;
declare const anyRisk: RiskRequest;
const riskOut: RiskResponse = risk(anyRisk, {});
const riskAny: RiskResponse | RiskVerdict = risk(anyRisk, { detail: Math.random() > 0.5 ? 'verdict' : 'explained' });
const riskText: string = riskJson('{"op":"presets"}');
// @ts-expect-error: `heatmap` needs `stage`
risk({ op: 'heatmap', register });
// @ts-expect-error: `presets` takes no other field
risk({ op: 'presets', stage: 'current' });
// @ts-expect-error: an SVG heat map is not heat map data
const wrongHeat: RiskHeatmapResponse = risk({ op: 'heatmap_svg', register, stage: 'inherent' });

// programme: one overload per op.
const clock: ProgrammeDeadlinesResponse = programme({
  op: 'deadlines',
  incident: { aware_at: '2026-01-29T08:00:00', time_zone: 'Europe/Copenhagen', notification_submitted_at: '2026-01-31T16:00:00+01:00' },
});
const firstDue: string | null | undefined = clock.deadlines[0]?.due;
declare const prog: Programme;
const wheel: ProgrammeWheelResponse = programme({ op: 'wheel', programme: prog, year: 2026 });
const ics: string = (programme({ op: 'wheel_ics', programme: prog, year: 2026, lang: 'da' }) satisfies ProgrammeWheelIcsResponse).ics;
const obligations: ProgrammeObligationsResponse = programme({ op: 'obligations', profile, worldwide_turnover_eur: 12e6 });
const obligationsVerdict: ProgrammeObligationsVerdict = programme({ op: 'obligations', profile }, { detail: 'verdict' });
const programmeText: string = programmeJson('{"op":"validate","programme":{}}', { detail: 'verdict' });
// @ts-expect-error: `deadlines` needs `incident`
programme({ op: 'deadlines' });
// @ts-expect-error: unknown field
programme({ op: 'validate', programme: prog, year: 2026 });

// assessment: one overload per op.
declare const doc: AssessmentDocument;
const scales: AssessmentScalesResponse = assessment({ op: 'scales' });
const evaluation: AssessmentScoreResponse = assessment({ op: 'score', assessment: doc });
const boardReport: AssessmentReportResponse = assessment({ op: 'report', assessment: doc, format: 'html', lang: 'da' });
const boardText: string = boardReport.content;
const assessmentText: string = assessmentJson('{"op":"scales"}');
// @ts-expect-error: `report` needs `format`
assessment({ op: 'report', assessment: doc });
// @ts-expect-error: a score is not a report
const wrongReport: AssessmentReportResponse = assessment({ op: 'score', assessment: doc });

// reference data, the registry, render, the generic functions.
const types: ReferenceEntityTypesResponse = entityTypes();
const sectors: number = types.sectors.length;
const states: string[] = memberStates().states.map((c) => c.code);
const words: ReferenceLabelsResponse = labels();
const registry: Registry = ops();
const html: string = render(result, { format: 'html', lang: 'da' });
const md: string = render(text, { format: 'md' });
// @ts-expect-error: not a format
render(result, { format: 'pdf' });
// @ts-expect-error: the format is required
render(result, { lang: 'da' });
const any: Nis2Response | Nis2Verdict = call('catalog', { op: 'list' }, { detail: 'verdict' });
// @ts-expect-error: not a request of `scope`
call('scope', { op: 'list' });
// @ts-expect-error: not a capability
call('scopes', {});
const anyText: string = callJson('risk', '{"op":"presets"}', 'verdict');
const byKind: Nis2Documents['scope-result'] = result;
const v: string = version();

try {
  scope(profile);
} catch (e) {
  const err = e as Nis2Error;
  const k: 'invalid_input' | 'unknown_id' | 'limit_exceeded' | 'multiple' | 'data' = err.kind;
  const p: string | undefined = err.path;
  const first: string | undefined = err.suggestions[0];
  const accepted: string[] = err.accepted;
  const limit: [string, number] | undefined = err.limit && [err.limit.name, err.limit.value];
  const nested = err.errors.map((x) => [x.kind, x.path, x.message, x.accepted.length]);
  void [k, p, first, accepted, limit, nested];
}

initSync({ module: new Uint8Array() });
await init();
void [sameType, op, inScope, explained, verdictDetail, reasons, text, verdictText, notExplained];
void [evOp, firstId, evVerdict, routes, catalogText, riskAssessment, matrixReport, heat, svgText, riskOut, riskAny, riskText, wrongHeat];
void [firstDue, wheel, ics, obligations, obligationsVerdict, programmeText, scales, evaluation, boardText, assessmentText, wrongReport];
void [sectors, states, words, registry, html, md, any, anyText, byKind, v];
export {};
