//! Hand-written TypeScript for the plain objects that cross the boundary, appended to the
//! generated `.d.ts`. The wire shapes mirror the core's serde types (`snake_case` keys); the
//! `Operation` union is checked against `operations()` by the Node tests.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** A step of a path into user input: an object key or an array index. */
export type PathSegment = string | number;

/** How much a finding matters. */
export type Level = "error" | "warning";

/** A finding about user data, returned as data (never thrown). */
export interface Finding {
  /** Stable snake_case code, the same in every language. */
  code: string;
  level: Level;
  /** Keys and indices into the input (JSON), or `[row, column]` (CSV). */
  path: PathSegment[];
  message_vi: string;
  message_en: string;
  /** The values the message speaks of, by name. */
  params?: Record<string, string>;
}

/** Where an error is: a path and, for text formats, a line and column. */
export interface ErrorLocation {
  path: PathSegment[];
  line?: number;
  column?: number;
}

/** The stable codes of thrown errors. */
export type ErrorCode =
  | "invalid_json"
  | "invalid_csv"
  | "invalid_value"
  | "unknown_name"
  | "invalid_argument"
  | "invalid_document"
  | "report_overlap"
  | "report_scope_mismatch"
  | "report_sealed";

/** What every function of this module throws: a real `Error` with a stable code. */
export interface SoisuaError extends Error {
  name: "SoisuaError";
  code: ErrorCode;
  /** Vietnamese message. */
  messageVi: string;
  /** English message (also `message`). */
  messageEn: string;
  location?: ErrorLocation;
  /** For `invalid_document`: the findings that make the document unusable. */
  issues?: Finding[];
}

/** A text in Vietnamese with its English counterpart. */
export interface Text {
  vi: string;
  en: string;
}

export interface CatalogueRef {
  id: string;
  version: string;
}

export type Origin = "central" | "local" | "synthetic";
export type ItemKind = "manifestation" | "exemplary" | "prohibition";
export type Severity = "minor" | "serious" | "grave";
export type Wording = "verbatim" | "partial" | "label";
export type RoleKind =
  | "committee_member"
  | "standing_committee_member"
  | "secretary"
  | "deputy_secretary"
  | "head_of_agency";

export interface ItemCounts {
  manifestation: number;
  exemplary: number;
  prohibition: number;
}

export interface WordingCounts {
  verbatim: number;
  partial: number;
  label: number;
}

/** One catalogue item as a flat row (for tables). */
export interface CatalogueItem {
  code: string;
  kind: ItemKind;
  /** The code of the item's group. */
  group: string;
  /** The code of the item's sub-group, if any. */
  subgroup: string | null;
  text_vi: string;
  text_en: string;
  severity: Severity;
  wording: Wording;
  source_document: string;
  source_point: string | null;
  applies_to: RoleKind[];
  /** The code of the central item this one refines, if any. */
  refines: string | null;
}

export interface FromCsvResult {
  catalogue: Catalogue;
  issues: Finding[];
}

export interface SourceObject {
  document: string;
  point?: string;
}

export interface ItemObject {
  code: string;
  text: Text;
  severity: Severity;
  source: SourceObject;
  wording: Wording;
  applies_to?: RoleKind[];
  refines?: string;
}

export interface SubgroupObject {
  code: string;
  title: Text;
  declared_count?: number;
  items: ItemObject[];
}

export interface GroupObject {
  code: string;
  kind: ItemKind;
  title: Text;
  source?: SourceObject;
  declared_count?: number;
  subgroups?: SubgroupObject[];
  items?: ItemObject[];
}

/** A catalogue in its wire shape (dates as `YYYY-MM-DD`). */
export interface CatalogueObject {
  id: string;
  version: string;
  title: Text;
  origin: Origin;
  issuer: string;
  document_number: string;
  document_date: string;
  effective_from: string;
  effective_until?: string;
  refines?: CatalogueRef;
  notes?: string;
  groups: GroupObject[];
}

export type UnitKind = "committee" | "cell" | "group";
export type MemberStatus = "full" | "probationary";
export type Scale = "district" | "province" | "nation";

export interface OrgTypeObject {
  code: string;
  label: Text;
}

export interface MoveObject {
  on: string;
  parent: string;
}

export interface UnitObject {
  id: string;
  name: string;
  kind: UnitKind;
  org_type: string;
  parent?: string;
  moves?: MoveObject[];
  opened?: string;
  closed?: string;
}

export interface MembershipObject {
  unit: string;
  from: string;
  until?: string;
}

export interface RoleObject {
  kind: RoleKind;
  unit: string;
  from: string;
  until?: string;
}

export interface MemberObject {
  id: string;
  name?: string;
  status: MemberStatus;
  memberships: MembershipObject[];
  roles?: RoleObject[];
}

/** An organisation in its wire shape. */
export interface OrganisationObject {
  id: string;
  name: Text;
  org_types?: OrgTypeObject[];
  units: UnitObject[];
  members: MemberObject[];
}

export interface OrganisationSummary {
  id: string;
  units: { committee: number; cell: number; group: number };
  members: number;
}

export type ReviewStatus = "draft" | "final";
export type ReviewFinding =
  | "none"
  | "present"
  | "clear"
  | "violated"
  | "good"
  | "not_yet_good"
  | "not_applicable";

export interface AnswerObject {
  item: string;
  self?: ReviewFinding;
  cell?: ReviewFinding;
}

export interface MonthlyReviewObject {
  member: string;
  unit: string;
  /** `YYYY-MM`. */
  month: string;
  catalogue: CatalogueRef;
  status: ReviewStatus;
  answers: AnswerObject[];
  notes?: string;
}

/** A batch of monthly reviews in its wire shape. */
export interface ReviewBatchObject {
  reviews: MonthlyReviewObject[];
}

export type PeriodKind = "month" | "quarter" | "year" | "term";

export interface PeriodInfo {
  period: string;
  kind: PeriodKind;
  first_month: string;
  last_month: string;
  months: number;
  previous: string;
  year_before: string;
}

/** The operations `call` accepts. */
export type Operation =
  | "catalogue.central_2020"
  | "catalogue.validate"
  | "catalogue.summary"
  | "catalogue.from_csv"
  | "catalogue.check_versions"
  | "organisation.validate"
  | "organisation.summary"
  | "reviews.validate"
  | "period.parse"
  | "synthetic.organisation"
  | "synthetic.records"
  | "synthetic.catalogue"
  | "synthetic.reviews"
  | "synthetic.month"
  | "reviews.tally"
  | "reviews.from_long_csv"
  | "evaluation.review"
  | "evaluation.outlook"
  | "evaluation.preview"
  | "evaluation.verify"
  | "policy.default"
  | "policy.validate"
  | "policy.check_versions"
  | "scenario.run"
  | "discipline.allowed"
  | "discipline.limitation"
  | "report.build"
  | "report.merge"
  | "report.lift"
  | "report.seal"
  | "report.compare"
  | "report.render"
  | "report.templates"
  | "report.templates.validate"
  | "publication.notice_board"
  | "publication.radio_list"
  | "visibility.redact"
  | "synthetic.year_reports"
  | "meeting.scheme_default"
  | "meeting.scheme_validate"
  | "meeting.validate"
  | "meeting.rate"
  | "meeting.month"
  | "meeting.report"
  | "meeting.merge"
  | "petition.policy_default"
  | "petition.policy_validate"
  | "petition.validate"
  | "petition.status"
  | "petition.report"
  | "petition.pressing_issues"
  | "petition.merge"
  | "dialogue.validate"
  | "dialogue.month"
  | "dialogue.report"
  | "dialogue.merge"
  | "household.policy_default"
  | "household.validate"
  | "household.coverage"
  | "household.report"
  | "household.merge"
  | "accountability.policy_default"
  | "accountability.validate"
  | "accountability.status"
  | "accountability.report"
  | "accountability.merge"
  | "emulation.scheme_default"
  | "emulation.scheme_validate"
  | "emulation.score"
  | "emulation.validate"
  | "emulation.report"
  | "emulation.merge"
  | "target.fixture"
  | "target.validate"
  | "target.assess"
  | "target.report"
  | "target.merge"
  | "rating.scheme"
  | "rating.scheme_validate"
  | "rating.rate"
  | "rating.scenario"
  | "rating.merge";

export interface OperationInfo {
  name: Operation;
  description: string;
}

/** An error as the JSON api answers it (snake_case, as on the wire). */
export interface ApiError {
  code: ErrorCode;
  message_en: string;
  message_vi: string;
  location?: ErrorLocation;
  issues?: Finding[];
}

export type Action = "help" | "inspect";
export type Verdict = "not_evaluated" | "commend" | "help" | "inspect";
export type RuleId =
  | "commend"
  | "not_evaluated.no_conclusion"
  | "not_evaluated.incomplete"
  | "not_evaluated.catalogue_mismatch"
  | "not_evaluated.duplicate_review"
  | "help.manifestation"
  | "help.exemplary"
  | "help.prohibition"
  | "help.open_case"
  | "help.pending"
  | "inspect.exemplary"
  | "inspect.prohibition"
  | "inspect.overdue"
  | "inspect.relapse"
  | "inspect.breadth"
  | "inspect.pending";
export type CaseState = "open" | "remedied" | "escalated" | "closed";
export type CaseSource = "cell" | "supervision";
export type Decision = "no_violation" | "reminder" | "discipline";
export type DisciplineForm = "reprimand" | "warning" | "removal_from_post" | "expulsion" | "dissolution";

/** An evaluation policy (wire shape; see the JSON schema `schemas/policy.schema.json`). */
export interface PolicyObject {
  id: string;
  version: string;
  title: Text;
  issuer: string;
  document_number?: string;
  effective_from: string;
  effective_until?: string;
  catalogues?: { id: string; version?: string }[];
  remedy_windows: { severity: Severity; months: number }[];
  prohibitions: { severity: Severity; action: Action }[];
  exemplary: { action: Action; window: Severity };
  recurrence: { cases: number; within_months: number };
  breadth: { manifestations: number };
  pending_inspection: Action;
  commend_requires_complete: boolean;
  limitation: {
    reprimand: number | null;
    warning: number | null;
    removal_from_post: number | null;
    dissolution: number | null;
    expulsion: number | null;
  };
  notes?: string;
}

/** A scenario (wire shape; see `schemas/scenario.schema.json`). */
export interface ScenarioObject {
  name: string;
  description?: string;
  catalogue: string | CatalogueObject;
  policy: "default" | PolicyObject;
  organisation: OrganisationObject;
  unit?: string;
  months?: { from: string; to: string };
  cases?: CaseObject[];
  reviews?: ScenarioReviewObject[];
  supervision?: { member: string; month: string; item: string; finding: ReviewFinding; by?: string }[];
  outcomes?: { member: string; item: string; opened: string; month: string; decision: Decision; form?: DisciplineForm; note?: string }[];
  amendments?: ScenarioReviewObject[];
  what_if?: "default" | PolicyObject;
  expect?: Record<string, unknown>;
}

/** A review in a scenario: in full (`answers`) or compact (`cell`, `self`, `rest`). */
export interface ScenarioReviewObject {
  member: string;
  unit: string;
  month: string;
  catalogue?: CatalogueRef;
  status?: ReviewStatus;
  answers?: AnswerObject[];
  cell?: Record<string, ReviewFinding>;
  self?: Record<string, ReviewFinding>;
  rest?: "clean";
  notes?: string;
}

export interface CaseObject {
  member: string;
  item: string;
  opened: string;
  source: CaseSource;
  unit?: string;
  deadline: string;
  state: CaseState;
  remedied?: string;
  escalated?: { month: string; rule: RuleId };
  outcome?: { month: string; decision: Decision; form?: DisciplineForm; note?: string };
}

/** One rule that fired for a member-month. */
export interface RuleFiring {
  rule: RuleId;
  items?: string[];
  kind?: ItemKind;
  months?: string[];
  threshold?: number;
  value?: number;
  deadline?: string;
  source?: CaseSource;
}

export interface MemberResult {
  member: string;
  month: string;
  unit?: string;
  verdict: Verdict;
  rules: RuleFiring[];
  /** The items with a shortcoming this month, in catalogue order. */
  found?: string[];
  disagreements?: { item: string; self: ReviewFinding; cell: ReviewFinding }[];
  provisional?: boolean;
  explanation: Text;
}

/** A member's result for one review evaluated on its own (its explanation is beside it). */
export type ReviewMemberResult = Omit<MemberResult, "explanation">;

/** One review evaluated on its own (`Evaluator.evaluate`, op `evaluation.review`). */
export interface ReviewResult {
  result: ReviewMemberResult;
  /** The verdict and its reasons as one sentence in each language. */
  explanation: Text;
  /** The remedy cases the review opens. */
  cases: CaseObject[];
  /** Findings about the review, located within it (`["answers", 2, "cell"]`). */
  issues: Finding[];
  /** `sha256:…` over the catalogue and policy versions, the normalised review and this result. */
  fingerprint: string;
}

/** Whether an incomplete review's verdict is decided, and what could still change it. */
export interface Outlook {
  decided: boolean;
  /** The verdict, when decided. */
  verdict?: Verdict;
  /** The lowest verdict still possible (every unanswered item answered clean). */
  least: Verdict;
  /** The highest verdict still possible (every unanswered item adverse). */
  most: Verdict;
  /** Items that apply to the member and lack the cell's conclusion, in catalogue order. */
  unanswered: string[];
  /** Of those, the ones whose answer could still change the verdict. */
  open_items: string[];
  explanation: Text;
}

/** A finding placed on a form field: `member`, `unit`, `month`, `catalogue`, `status`, `notes`,
 *  `answers.<item>`, `answers.<item>.cell`, `answers.<item>.self`, `answers`, or `""` (the form). */
export interface FormFinding extends Finding {
  field: string;
}

/** What a form shows as a review is filled in (`Evaluator.preview`, op `evaluation.preview`). */
export interface Preview {
  evaluation: ReviewResult;
  outlook: Outlook;
  /** The findings of `evaluation.issues`, in the same order, each placed on a field. */
  fields: FormFinding[];
}

/** A member as a cell's form lists them for a month. */
export interface FormMember {
  id: string;
  name?: string | null;
  status: MemberStatus;
  /** The roles held that month. */
  roles: RoleKind[];
}

/** A server's check of a fingerprint (`Evaluator.verifyDetail`, op `evaluation.verify`). */
export interface Verification {
  matches: boolean;
  /** The fingerprint this evaluation gives. */
  fingerprint: string;
}

export interface VerdictChange {
  member: string;
  month: string;
  before: Verdict | null;
  after: Verdict | null;
  rules_before: RuleId[];
  rules_after: RuleId[];
}

/** What `runScenario` returns. */
export interface ScenarioReport {
  name: string;
  catalogue: CatalogueRef;
  policy: string;
  range: { from: string; to: string };
  months: {
    month: string;
    counts: { not_evaluated: number; commend: number; help: number; inspect: number };
    results: MemberResult[];
  }[];
  cases: CaseObject[];
  issues: Finding[];
  changes?: VerdictChange[];
  what_if?: { policy: string; differences: VerdictChange[] };
  expect?: { passed: boolean; failures: string[] };
}

/** What a report counts about members, as member-months and as distinct members. */
export type Measure =
  | "evaluated"
  | "not_evaluated"
  | "commend"
  | "help"
  | "inspect"
  | "manifestation"
  | "exemplary"
  | "prohibition"
  | "disagreement";

/** A count per measure. */
export type MeasureCounts = Record<Measure, number>;

/** A unit as a report names it (also the `parent` of `liftReport`). */
export interface UnitLabel {
  unit: string;
  name: string;
  kind: UnitKind;
  org_type: string;
}

/** What a report covers: unit id → months (`YYYY-MM`), and the catalogue and policy versions. */
export interface ReportCoverage {
  units: Record<string, string[]>;
  /** `id@version`. */
  catalogues: string[];
  /** `id@version`. */
  policies: string[];
}

export interface ReportCaseCounts {
  opened: number;
  remedied: number;
  escalated: number;
  closed: number;
  open_at_end: number;
  pending_at_end: number;
}

/** Member-level detail that makes reports merge exactly (absent once sealed). */
export interface ReportDetail {
  members: Partial<Record<Measure, string[]>>;
  standing?: Record<string, { month: string; open: number; pending: number }>;
  supervised?: Record<string, string[]>;
}

/** The figures of a scope, a row or a type of organisation. */
export interface ReportBlock {
  last_month?: string;
  member_months: MeasureCounts;
  /** Distinct members over the months covered (never a sum of monthly counts). */
  distinct: MeasureCounts;
  items?: Record<string, number>;
  disagreement_items?: Record<string, number>;
  cases: ReportCaseCounts;
  outcomes?: Partial<Record<Decision, number>>;
  forms?: Partial<Record<DisciplineForm, number>>;
  supervision?: Record<string, { members: number; findings: number }>;
  detail?: ReportDetail;
}

/** A unit directly under a report's scope. */
export interface ReportRow {
  label: UnitLabel;
  block: ReportBlock;
}

/** A report (what `buildReport`, `mergeReports`, `liftReport` and `sealReport` return). */
export interface Report {
  /** The unit reported on; absent: the whole organisation. */
  scope?: UnitLabel;
  coverage: ReportCoverage;
  total: ReportBlock;
  by_org_type?: Record<string, ReportBlock>;
  rows?: Record<string, ReportRow>;
  /** Whether the member-level detail was dropped (a sealed report cannot merge). */
  sealed?: boolean;
}

/** A figure of two reports' totals. */
export interface ReportDelta {
  figure: string;
  current: number;
  previous: number;
  change: number;
}

/** What `compareReports` returns: the months of each report and every figure. */
export interface ReportComparison {
  current: [string, string] | null;
  previous: [string, string] | null;
  figures: ReportDelta[];
}

export type ReportFormat = "document" | "csv" | "markdown" | "html";

/** The options of `renderReport`; `null` or absent: the default. */
export interface RenderOptions {
  /** `document` (default, a `RenderedReport`) or text: `csv`, `markdown`, `html`. */
  format?: ReportFormat | null;
  templates?: ReportTemplates | string | null;
  /** For the labels of items: a `Catalogue`, a catalogue object or an embedded id. */
  catalogue?: Catalogue | CatalogueObject | string | null;
  /** The period to name (`2020-Q3`); the months covered without it. */
  period?: string | null;
  /** Earlier reports to compare with, each with its label. */
  comparisons?: { label: Text; report: Report }[] | null;
}

/** A row of a rendered table: one cell per column (`null`: empty). */
export interface RenderedRow {
  key: string;
  label: Text;
  cells: (number | null)[];
}

export interface RenderedTable {
  id: string;
  title: Text;
  /** Where the figures come from (absent: the monthly evaluation). */
  source?: ReportSource;
  /** The periods an office area's roll-up covers (`2020-Q3`), when it is in the templates. */
  period?: string;
  columns: Text[];
  rows: RenderedRow[];
}

/** A report rendered through templates (`renderReport` with `format: "document"`). */
export interface RenderedReport {
  title: Text;
  scope: Text;
  period: string;
  coverage: Text;
  /** The templates used (`id@version`) and the type of organisation applied. */
  template: string;
  tables: RenderedTable[];
}

export type ReportSectionKind = "figures" | "top_items" | "units" | "org_types" | "keys";

/** Where a report section's figures come from: the monthly evaluation or an office area's roll-up. */
export type ReportSource =
  | "evaluation" | "meeting" | "petition" | "dialogue" | "household" | "accountability" | "emulation" | "target"
  | "rating";

export interface ReportSection {
  id: string;
  title: Text;
  kind: ReportSectionKind;
  /** Absent: `evaluation`. A section whose roll-up is not given is left out. */
  source?: ReportSource;
  columns: { id: string; label: Text }[];
  rows?: { id: string; label: Text; figures: (string | null)[] }[];
  limit?: number;
  /** A `keys` section's breakdown (`by_topic`), one row per code. */
  breakdown?: string;
  /** Labels of a `keys` section's codes. */
  labels?: Record<string, Text>;
}

/** Report templates (wire shape). */
export interface ReportTemplates {
  id: string;
  version: string;
  title: Text;
  effective_from: string;
  effective_until?: string;
  sections: ReportSection[];
  overrides?: { org_types: string[]; omit_sections?: string[]; omit_rows?: string[] }[];
}

export type GroupStatus = "clear" | "found" | "not_evaluated";
export type PublicationDetail = "verdicts" | "items";

/** A published line: a member, the month's verdict and the status per group of content. */
export interface PublicationEntry {
  member: string;
  name?: string;
  /** Radio lists: why the member is listed. */
  role?: RoleKind;
  /** Radio lists: the unit of the role. */
  unit?: string;
  verdict: Verdict;
  groups: { manifestation: GroupStatus; exemplary: GroupStatus; prohibition: GroupStatus };
  /** The codes of the items found, only when the policy publishes items. */
  items?: string[];
}

export interface NoticeBoard {
  unit: UnitLabel;
  month: string;
  detail: PublicationDetail;
  entries: PublicationEntry[];
}

export interface RadioList {
  top: UnitLabel;
  month: string;
  detail: PublicationDetail;
  entries: PublicationEntry[];
}

/** Who is looking, for `redact`. */
export type Viewer =
  | { role: "member"; member: string }
  | { role: "secretary"; unit: string }
  | { role: "inspection_commission"; committee: string }
  | { role: "public" };

/** What the value given to `redact` is. */
export type RedactKind = "member_result" | "month_result" | "cases" | "report" | "notice_board" | "radio_list";

/** A member's result for a month, as the core has it (a `MemberResult` without its explanation). */
export interface MemberResultObject {
  member: string;
  month: string;
  unit?: string;
  verdict: Verdict;
  rules: RuleFiring[];
  found?: string[];
  disagreements?: { item: string; self: ReviewFinding; cell: ReviewFinding }[];
  provisional?: boolean;
}

/** The evaluation of a month, as the core has it. */
export interface MonthResultObject {
  month: string;
  results: MemberResultObject[];
  issues?: Finding[];
}

/** What `redact` returns: the value of its kind, cut down (or `null`: nothing to see). */
export type Redacted = MemberResultObject | MonthResultObject | CaseObject[] | Report | NoticeBoard | RadioList;

/** What `syntheticYearReports` returns: sealed totals by period (`2020-01`, `2020-Q1`, `2020`). */
export interface YearReports {
  members: number;
  units: number;
  reports: Record<string, Record<string, number>>;
}

/** The JSON api's answer: exactly one of `ok` and `error`. */
export type ApiAnswer = { ok: unknown; error?: never } | { error: ApiError; ok?: never };
"#;
