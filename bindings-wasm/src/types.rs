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
  | "invalid_document";

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
  | "synthetic.catalogue"
  | "synthetic.reviews"
  | "synthetic.month"
  | "reviews.tally"
  | "policy.default"
  | "policy.validate"
  | "policy.check_versions"
  | "scenario.run"
  | "discipline.allowed"
  | "discipline.limitation";

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
  disagreements?: { item: string; self: ReviewFinding; cell: ReviewFinding }[];
  provisional?: boolean;
  explanation: Text;
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

/** The JSON api's answer: exactly one of `ok` and `error`. */
export type ApiAnswer = { ok: unknown; error?: never } | { error: ApiError; ok?: never };
"#;
