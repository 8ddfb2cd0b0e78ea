// Type-checked (not run) with `tsc --strict` against the packed package, by the package test in
// api.test.mjs: the declarations are valid and type the API as intended. `@ts-expect-error`
// lines must fail to type-check.
import init, {
  initSync,
  scope,
  scopeJson,
  entityTypes,
  memberStates,
  obligations as obligationsOf,
  version,
  catalog,
  catalogJson,
  risk,
  riskJson,
  programme,
  programmeJson,
  programmeIcs,
  assessment,
  assessmentJson,
  type ProgrammeRequest,
  type ProgrammeResponse,
  type IncidentClock,
  type SignificanceResult,
  type WheelResult,
  type WheelIcs,
  type PlanReport,
  type SupplierReport,
  type GovernanceReport,
  type ObligationsResult,
  type ValidateResult,
  type Programme,
  type AssessmentRequest,
  type AssessmentResponse,
  type AssessmentDocument,
  type Evaluation,
  type InferenceReport,
  type Plan,
  type Report,
  type ScaleCatalog,
  type RequirementSet,
  type CatalogRequest,
  type CatalogResponse,
  type EvidenceResponse,
  type RiskRequest,
  type RiskResponse,
  type Assessment,
  type HeatMap,
  type HeatMapSvg,
  type MatrixReport,
  type Register,
  type ScopeProfile,
  type ScopeResult,
  type Nis2Error,
  type Nis2Documents,
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
const facts: ObligationsResult = obligationsOf({ profile, worldwide_turnover_eur: 2e9 });
const ceiling: number | undefined = facts.fines[0]?.maximum_at_least_eur;
const v: string = version();

// @ts-expect-error: activities is required
scope({});
// @ts-expect-error: unknown field
scope({ activities: [], activites: [] });
// @ts-expect-error: the profile goes under `profile`
obligationsOf(profile);
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

// catalog: the response type follows the op.
const ev = catalog({ op: 'evidence', requirement: 'NIS2:21.2.d', from: 'iso27001-2022' });
const evOp: 'evidence' = ev.op;
const evidence: EvidenceResponse = ev;
const firstId: string | undefined = ev.results[0]?.node.id;
const mapped = catalog({ op: 'map', from: 'ISO27001:A.5.19', to: 'nis2', via: 'cir-2024-2690' });
const routes: number = mapped.routes.length;
declare const anyRequest: CatalogRequest;
const anyResponse: CatalogResponse = catalog(anyRequest);
if (anyResponse.op === 'coverage') {
  const reached: number = anyResponse.summary.reached;
  void reached;
}
const csv: string = catalog({ op: 'export', mapping: 'dmaerket--nis2', format: 'csv' }).content;
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
const riskAssessment: Assessment = risk({ op: 'assess', register });
const report: MatrixReport = risk({ op: 'validate_matrix', matrix: 'iso27005-style-5x5' });
const heat: HeatMap = risk({ op: 'heatmap', register, stage: 'residual' });
const svg: HeatMapSvg = risk({ op: 'heatmap', register, stage: 'inherent', format: 'svg', lang: 'da' });
const svgText: string = svg.svg;
const presetIds: string[] = risk({ op: 'presets' }).presets.map((p) => p.id);
const rows: number = risk({ op: 'csv', register }).rows;
declare const anyRisk: RiskRequest;
const riskOut: RiskResponse = risk(anyRisk);
const riskText: string = riskJson('{"op":"presets"}');
// @ts-expect-error: `heatmap` needs `stage`
risk({ op: 'heatmap', register });
// @ts-expect-error: `presets` takes no other field
risk({ op: 'presets', stage: 'current' });
// @ts-expect-error: an SVG heat map is not heat map data
const wrong: HeatMap = risk({ op: 'heatmap', register, stage: 'inherent', format: 'svg' });

// programme: one overload per op.
const clock: IncidentClock = programme({
  op: 'deadlines',
  incident: { aware_at: '2026-01-29T08:00:00', time_zone: 'Europe/Copenhagen', notification_submitted_at: '2026-01-31T16:00:00+01:00' },
});
const firstDue: string | null | undefined = clock.deadlines[0]?.due;
const significance: SignificanceResult = programme({ op: 'significant_incident', entity_types: ['NIS2-I-08-04'] });
declare const prog: Programme;
const wheelData: WheelResult = programme({ op: 'wheel', programme: prog, year: 2026 });
const wheelDoc: WheelIcs = programme({ op: 'wheel', programme: prog, year: 2026, format: 'ics' });
const wheelText: string = wheelDoc.ics;
const icsText: string = programmeIcs({ op: 'wheel', programme: prog, year: 2026, language: 'da' });
const planReport: PlanReport = programme({ op: 'plan', programme: prog, reference_date: '2026-03-01' });
const supplierReport: SupplierReport = programme({ op: 'suppliers', programme: prog, reference_date: '2026-03-01' });
const governanceReport: GovernanceReport = programme({ op: 'governance', programme: prog, reference_date: '2026-03-01' });
const obligations: ObligationsResult = programme({ op: 'obligations', profile, worldwide_turnover_eur: 12e6 });
const valid: ValidateResult = programme({ op: 'validate', programme: prog });
declare const anyProgrammeRequest: ProgrammeRequest;
const programmeOut: ProgrammeResponse = programme(anyProgrammeRequest);
const programmeText: string = programmeJson('{"op":"validate","programme":{}}');
// @ts-expect-error: an iCalendar wheel is not wheel data
const wrongWheel: WheelResult = programme({ op: 'wheel', programme: prog, year: 2026, format: 'ics' });
// @ts-expect-error: `deadlines` needs `incident`
programme({ op: 'deadlines' });
// @ts-expect-error: not an op
programme({ op: 'deadline', incident: { aware_at: '2026-01-29T08:00:00+01:00' } });
// @ts-expect-error: unknown field
programme({ op: 'validate', programme: prog, year: 2026 });
// @ts-expect-error: programmeIcs takes a wheel request only
programmeIcs({ op: 'plan', programme: prog, reference_date: '2026-03-01' });

// assessment: one overload per op.
declare const doc: AssessmentDocument;
const scales: ScaleCatalog = assessment({ op: 'scales' });
const set: RequirementSet = assessment({ op: 'requirements', profile });
const evaluation: Evaluation = assessment({ op: 'score', assessment: doc });
const overallLow: string | null | undefined = evaluation.overall?.status?.exact_low;
const inference: InferenceReport = assessment({ op: 'infer', assessment: doc });
const gapPlan: Plan = assessment({ op: 'plan', assessment: doc });
const boardReport: Report = assessment({ op: 'report', assessment: doc, format: 'html', lang: 'da' });
const boardText: string = boardReport.content;
declare const anyAssessmentRequest: AssessmentRequest;
const assessmentOut: AssessmentResponse = assessment(anyAssessmentRequest);
const assessmentText: string = assessmentJson('{"op":"scales"}');
// @ts-expect-error: `report` needs `format`
assessment({ op: 'report', assessment: doc });
// @ts-expect-error: not a report format
assessment({ op: 'report', assessment: doc, format: 'pdf' });
// @ts-expect-error: `scales` takes no other field
assessment({ op: 'scales', assessment: doc });
// @ts-expect-error: a score is not a plan
const wrongPlan: Plan = assessment({ op: 'score', assessment: doc });

initSync({ module: new Uint8Array() });
await init();
void [inScope, text, types, states, facts, ceiling, v];
void [evOp, evidence, firstId, routes, csv, catalogText, riskAssessment, report, heat, svgText, presetIds, rows, riskOut, riskText, wrong];
void [clock, firstDue, significance, wheelData, wheelText, icsText, planReport, supplierReport, governanceReport, obligations, valid];
void [programmeOut, programmeText, wrongWheel, scales, set, overallLow, inference, gapPlan, boardText, assessmentOut, assessmentText, wrongPlan];
export {};
