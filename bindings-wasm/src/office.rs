//! The committee office's other records (term targets, quality ratings, cell meetings, petitions,
//! dialogues, household follow-up, accountability, emulation): `invoke` for any operation, and
//! typed functions for the common ones. Each converts its arguments, runs the core's operation and
//! returns its answer or throws a `SoisuaError`; none holds a rule of its own.

use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;

use crate::api::answer;
use crate::value::{document, object, text};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** The areas of the committee office's other records, as `mergeOffice` names them. */
export type OfficeArea =
  | "target" | "rating" | "meeting" | "petition" | "dialogue" | "household" | "accountability" | "emulation";

/** A text in Vietnamese and English. */
export interface BilingualText { vi: string; en: string }

/** An area's report: a tally per unit and period, rolled up to a scope (merges exactly). */
export interface Rollup<T> {
  scope?: { unit: string; name: string; kind: UnitKind; org_type: string };
  /** Per unit, the periods counted (`2020-09`, `2020-Q3`, `2020`, `2015-2020`). */
  coverage: Record<string, string[]>;
  total: T;
  by_org_type?: Record<string, T>;
  rows?: Record<string, { label: { unit: string; name: string; kind: UnitKind; org_type: string }; tally: T }>;
}

/** Cell meetings counted over cell-months (`meeting.report`). */
export interface MeetingTally {
  cell_months: number;
  held: number;
  not_held: number;
  regular_meetings: number;
  thematic_meetings: number;
  group_meetings: number;
  model_meetings: number;
  /** Cell-months by the level of the regular meeting that counts. */
  by_level: Record<string, number>;
  unrated: number;
  members_present: number;
  members_expected: number;
  duration_minutes: number;
  duration_meetings: number;
  cells: string[];
  cells_not_held: string[];
}

/** The office areas' roll-ups a rendered report reads, one per area. */
export interface OfficeRollups {
  meeting?: Rollup<MeetingTally>;
  petition?: Rollup<PetitionTally>;
  dialogue?: Rollup<DialogueTally>;
  household?: Rollup<HouseholdTally>;
  accountability?: Rollup<AccountabilityTally>;
  emulation?: Rollup<EmulationTally>;
  target?: Rollup<TargetTally>;
  rating?: Rollup<RatingTally>;
}

/** `renderReport`'s options (merged with the declaration beside `renderReport`). */
export interface RenderOptions {
  /** The office areas' roll-ups, for the templates' sections of those areas. */
  rollups?: OfficeRollups | null;
}

/** One term target. */
export interface Target {
  code: string;
  label: BilingualText;
  measure: string;
  direction: "higher" | "lower";
  baseline?: number;
  target: number;
  actual?: number;
  source?: string;
}

/** The targets a unit's congress resolution set for a term (`2015-2020`). */
export interface TargetSheet {
  id: string;
  unit: string;
  term: string;
  title: BilingualText;
  source?: string;
  targets: Target[];
}

export type TargetStatus = "not_reported" | "not_achieved" | "achieved" | "exceeded";

export interface TargetTally {
  sheets: number;
  targets: number;
  reported: number;
  /** Achieved or exceeded. */
  achieved: number;
  exceeded: number;
  not_achieved: number;
  not_reported: number;
}

export interface TargetAssessment {
  sheet: string;
  unit: string;
  term: string;
  targets: (Target & { attainment?: number; progress?: number; status: TargetStatus; why: BilingualText })[];
  tally: TargetTally;
}

/** A rating scheme: the points frame, the levels (highest first) and the caps. */
export interface RatingScheme {
  id: string;
  version: string;
  title: BilingualText;
  issuer: string;
  document_number?: string;
  status: string;
  effective_from: string;
  effective_until?: string;
  frame: { code: string; label: BilingualText; max: number }[];
  levels: { code: string; label: BilingualText; min_points: number; requires?: { code: string; label: BilingualText }[] }[];
  caps?: { when: RatingCapWhen; level: string; source: string }[];
}

export type RatingCapWhen = "manifestation_concluded" | "prohibition_violated" | "case_escalated" | "disciplined";

/** What people give for one member and period (a quarter or a year). */
export interface RatingInput {
  member: string;
  period: string;
  points: Record<string, number>;
  conditions?: Record<string, boolean>;
}

/** What the monthly evaluation found about a member in the period. */
export interface RatingEvidence {
  manifestation_concluded?: { month: string; item: string }[];
  prohibition_violated?: { month: string; item: string }[];
  case_escalated?: { month: string; item: string }[];
  disciplined?: { month: string; item: string }[];
  verdicts?: Record<string, number>;
}

export interface Rating {
  member: string;
  period: string;
  points: number;
  points_level: string;
  level: string;
  label: BilingualText;
  verdicts?: Record<string, number>;
  steps: { kind: "points" | "condition" | "cap"; level: string; why: BilingualText }[];
}

export interface RatingTally { rated: number; levels?: Record<string, number>; capped: number; conditioned: number }

export interface RatingAnswer { scheme: string; ratings: Rating[]; issues: Finding[] }

export interface RatingScenarioAnswer extends RatingAnswer {
  months_evaluated: string[];
  evidence: Record<string, RatingEvidence>;
  report: Rollup<RatingTally>;
  left_out: string[];
}

// Petitions, dialogues, household follow-up, accountability and emulation: the records `invoke`
// takes and the answers it gives, generated from the core's JSON Schemas (`schemas/`).

export type OfficeTopic = "finances" | "assets" | "land" | "construction" | "policies" | "rewards" | "discipline";

export type DialogueKind = "dialogue" | "household_visit";

export interface DialogueRow {
  /** Days between the planned and the held day (negative: held early). */
  days_from_plan?: number | null;
  /** The day held, if held by the day of the status. */
  held_on?: string | null;
  /** The dialogue. */
  id: string;
  /** Issues raised. */
  issues: number;
  /** Dialogue or household visit. */
  kind: DialogueKind;
  /** People or households met. */
  met_count: number;
  /** Petitions opened. */
  petitions: number;
  /** The day planned. */
  planned_on: string;
  /** Where it stands. */
  state: DialogueState;
  /** Its unit. */
  unit: string;
}

export type DialogueState = "planned" | "held" | "not_held";

export interface UnitMonth {
  /** Of those, held. */
  held: number;
  /** Its name. */
  name: string;
  /** Of those, not held though their day has passed. */
  not_held: number;
  /** Dialogues and visits planned for the month. */
  planned: number;
  /** The unit. */
  unit: string;
  /** Of those, planned for a later day. */
  upcoming: number;
}

export interface CriterionPoints {
  /** The criterion's code. */
  criterion: string;
  /** The points. */
  points: number;
}

export type OfficeDecision = {
  status: "pending";
} | {
  /** The day of the decision, if known. */
  decided_on?: string | null;
  /** The commendation level's code. */
  level: string;
  status: "commended";
} | {
  /** The day of the decision, if known. */
  decided_on?: string | null;
  status: "not_commended";
};

export interface Nomination {
  /** The decision. */
  decision: OfficeDecision;
  /** The deed. */
  deed: string;
  /** Identifier, unique among nominations. */
  id: string;
  /** Who nominated (a unit, a body, a person). */
  nominated_by: string;
  /** The day of the nomination. */
  nominated_on: string;
  /** Who is nominated. */
  nominee: Nominee;
}

export type Nominee = {
  member: string;
} | {
  person: OfficePerson;
};

export type Period = string;

export interface OfficePerson {
  /** Full name. */
  name: string;
  /** The unit of the organisation they are known to (their hamlet's cell, say). */
  unit: string;
}

export interface ScoreSheet {
  /** The period scored (a year, usually). */
  period: Period;
  /** Points per criterion. */
  points: CriterionPoints[];
  /** Who. */
  subject: OfficeSubject;
}

export type OfficeSubject = {
  unit: string;
} | {
  member: string;
};

export interface CriterionLine {
  /** The criterion. */
  criterion: string;
  /** Its maximum. */
  max_points: number;
  /** Points given (0 when the sheet leaves it out). */
  points: number;
}

export interface PassedOver {
  /** The required criteria short of full marks. */
  short_of: string[];
  /** The title. */
  title: string;
}

export type OfficeAcceptance = boolean | Pending;

export type OfficeHead = {
  member: string;
} | {
  name: string;
};

export type Pending = "pending";

/** Counts of household follow-up for units and months. Household and member counts are summed */
export interface HouseholdTally {
  /** Households followed by at least one member. */
  covered: number;
  /** Households, summed over months (counted at the household's unit). */
  households: number;
  /** Followed households that a member following them reported on. */
  households_reported: number;
  /** Members following at least one household, summed over months (member-months). */
  member_months: number;
  /** Distinct members following at least one household. */
  members_assigned: string[];
  /** Member-months over the policy's load. */
  over_load: number;
  /** Distinct members over the load in some month. */
  over_load_members: string[];
  /** Reports expected: one per member following households, per month. */
  reports_expected: number;
  /** Reports received from those members. */
  reports_received: number;
  /** Households nobody follows. */
  uncovered: number;
  /** Visits reported. */
  visits: number;
}

export interface Load {
  /** Households followed in the month. */
  households: number;
  /** The policy's maximum. */
  max: number;
  /** The member. */
  member: string;
}

export interface Assignment {
  /** First day. */
  from: string;
  /** The household. */
  household: string;
  /** The member. */
  member: string;
  /** Last day, if it has ended. */
  until?: string | null;
}

export interface Household {
  /** Identifier, unique among households (a code, not a name: records reveal less). */
  id: string;
  /** An optional label (a hamlet, a group of houses). */
  label?: string | null;
  /** The unit of the organisation the household is in (a hamlet's cell). */
  unit: string;
}

export interface HouseholdReport {
  /** The households reported on. */
  households: string[];
  /** The member reporting. */
  member: string;
  /** The month reported on. */
  month: string;
  /** Free notes (what the households raised). */
  notes?: string | null;
  /** Visits made in the month. */
  visits?: number;
}

export type Petitioner = "citizen" | "member" | "mass_org_member";

export type OfficeState = "received" | "forwarded" | "resolved" | "replied" | "overdue" | "escalated";

export type OfficeStep = "forward" | "resolve" | "reply";

export type Quarter = string;

export interface PressingRow {
  /** Day resolved. */
  done_on?: string | null;
  /** Due day. */
  due_on: string;
  /** Who is in charge. */
  owner: string;
  /** The petitions it answers. */
  petitions: number;
  /** Of those, not yet replied to on the quarter's last day (only when petitions are given). */
  petitions_open?: number | null;
  /** The plan. */
  plan: string;
  /** Where it stands on the quarter's last day. */
  state: PressingState;
  /** The issue. */
  title: string;
  /** The unit. */
  unit: string;
  /** Its name (empty for an unknown unit). */
  unit_name: string;
}

export type PressingState = "open" | "done" | "done_late" | "overdue";

/** Counts of accountability for units and months. */
export interface AccountabilityTally {
  /** Explanations accepted. */
  accepted: number;
  /** Explanations by topic. */
  by_topic: Record<string, number>;
  /** Explanations given. */
  explanations: number;
  /** Explanations not accepted. */
  not_accepted: number;
  /** Explanations awaiting a decision. */
  pending: number;
  /** Topics due and not explained, summed over units and months. */
  topics_missing: number;
  /** Topics due, summed over units and months. */
  topics_required: number;
  /** Distinct units that owed something. */
  units_due: string[];
  /** Distinct units that explained something. */
  units_explaining: string[];
  /** Distinct units that missed a topic in some month. */
  units_missing_topics: string[];
}

/** A unit's accountability in one month. */
export interface AccountabilityUnitStatus {
  /** Topics explained this month (and, for a quarterly topic, earlier in its quarter). */
  explained: OfficeTopic[];
  /** Topics due and not explained. */
  missing: OfficeTopic[];
  /** The month. */
  month: string;
  /** Topics explained this month whose explanation was not accepted. */
  not_accepted: OfficeTopic[];
  /** Topics explained this month whose acceptance is pending. */
  pending: OfficeTopic[];
  /** Topics due this month under the policy. */
  required: OfficeTopic[];
  /** The unit. */
  unit: string;
}

/** A dialogue or household visit: planned for a month, held on a day or not. */
export interface Dialogue {
  /** The day held (absent: not held). */
  held_on?: string | null;
  /** Identifier, unique among dialogues. */
  id: string;
  /** The issues raised. */
  issues?: string[];
  /** Dialogue or household visit. */
  kind: DialogueKind;
  /** The members taking part (member ids). */
  members?: string[];
  /** Whom they met (citizens of a hamlet, members of an association, households of a street). */
  met?: string;
  /** How many people (a dialogue) or households (a visit) they met. */
  met_count?: number;
  /** The month of the plan. */
  month: string;
  /** The petitions opened from it (petition ids). */
  petitions?: string[];
  /** The day planned. */
  planned_on: string;
  /** The unit that plans and holds it. */
  unit: string;
}

/** A month of dialogues: one row per dialogue, one per unit, and the units with no plan. */
export interface DialogueMonth {
  /** The month. */
  month: string;
  /** The day the status is for. */
  on: string;
  /** The month's dialogues, unit by unit in the organisation's order, then by planned day. */
  rows: DialogueRow[];
  /** Per unit with a plan. */
  units: UnitMonth[];
  /** Units expected to plan — those directly under a top unit on the month's last day, as */
  units_without_plan: string[];
}

/** What a unit's dialogues add up to over a period, each counted in the month it was planned */
export interface DialogueTally {
  /** Of those, held. */
  held: number;
  /** Held, by kind. */
  held_by_kind?: Record<string, number>;
  /** Households visited at visits held. */
  households_visited: number;
  /** Issues raised at dialogues and visits held. */
  issues_raised: number;
  /** Members taking part, counted once per dialogue (member-dialogues). */
  member_participations: number;
  /** The distinct members who took part (ids), so distinct counts merge. */
  members?: string[];
  /** Of those, not held. */
  not_held: number;
  /** People met at dialogues held. */
  people_met: number;
  /** Petitions opened from them. */
  petitions_opened: number;
  /** Dialogues and visits planned. */
  planned: number;
  /** Planned, by kind. */
  planned_by_kind?: Record<string, number>;
}

/** Score sheets and nominations together. */
export interface EmulationRecords {
  /** Nominations. */
  nominations?: Nomination[];
  /** Score sheets. */
  scores?: ScoreSheet[];
}

/** A sheet scored: the total, the title and why. */
export interface EmulationScoreResult {
  /** The points, criterion by criterion, in the scheme's order. */
  criteria: CriterionLine[];
  /** The reasoning in one sentence. */
  explanation: BilingualText;
  /** Higher titles whose band holds the total but whose required criteria are not at full marks. */
  passed_over?: PassedOver[];
  /** The period. */
  period: Period;
  /** The scheme, as `id@version`. */
  scheme: string;
  /** Who. */
  subject: OfficeSubject;
  /** The title's code (none when no band's requirements are met). */
  title?: string | null;
  /** The total. */
  total: number;
  /** The scheme's total. */
  total_points: number;
}

/** Counts of emulation for units and periods. */
export interface EmulationTally {
  /** Commendations by level. */
  commendations: Record<string, number>;
  /** Nominations by decision: `pending`, `commended`, `not_commended`. */
  nominations: Record<string, number>;
  /** Their points, added up (the mean is `points / scored`). */
  points: number;
  /** Sheets scored. */
  scored: number;
  /** Titles awarded, by title code. */
  titles: Record<string, number>;
  /** Sheets that earned no title. */
  untitled: number;
}

/** A head's explanation of one topic for one month. */
export interface Explanation {
  /** Whether it was accepted. */
  accepted: OfficeAcceptance;
  /** The day the explanation was given. */
  given_on: string;
  /** The head. */
  head: OfficeHead;
  /** The month explained. */
  month: string;
  /** The body that asked (a code: `ubkt`, `btv`, …). */
  requested_by: string;
  /** What was explained, in short. */
  summary: string;
  /** The topic. */
  topic: OfficeTopic;
  /** The unit whose head explains. */
  unit: string;
}

/** The coverage of one month: the gaps, by id, and the counts. */
export interface HouseholdCoverage {
  /** Followed households that none of their members reported on. */
  households_not_reported: string[];
  /** Members following households who sent no report for the month. */
  members_not_reporting: string[];
  /** The month. */
  month: string;
  /** Members over the load. */
  over_load: Load[];
  /** The policy applied, as `id@version`. */
  policy: string;
  /** The counts. */
  tally: HouseholdTally;
  /** Households nobody follows in the month. */
  uncovered: string[];
}

/** The records of household follow-up: households, assignments and monthly reports. */
export interface HouseholdRecords {
  /** Which member follows which household, when. */
  assignments?: Assignment[];
  /** The households followed. */
  households?: Household[];
  /** The members' monthly reports to their cell. */
  reports?: HouseholdReport[];
}


/** A petition or piece of feedback, from intake to the reply to the petitioner: one flat row. */
export interface Petition {
  /** How it came in: a code from the policy's channels (`fatherland_front`, `committee_office`, */
  channel: string;
  /** The deadline for its resolution, when set for this petition (absent: from the policy). */
  deadline?: string | null;
  /** The dialogue or household visit it was raised at, if any (a dialogue id). */
  dialogue?: string | null;
  /** The day it was forwarded. */
  forwarded_on?: string | null;
  /** The competent body it was forwarded to (a name, or a unit id). */
  forwarded_to?: string | null;
  /** Identifier, unique among petitions. */
  id: string;
  /** Who brought it. */
  petitioner: Petitioner;
  /** The day it was received. */
  received_on: string;
  /** The day the petitioner was replied to. */
  replied_on?: string | null;
  /** The day it was resolved. */
  resolved_on?: string | null;
  /** The result of the resolution. */
  result?: string | null;
  /** What it says, in the petitioner's words or a summary. */
  subject: string;
  /** Its topic: a code from the policy's topics (`land`, `policies`, …). */
  topic: string;
  /** The unit that received it (a unit of the organisation). */
  unit: string;
}

/** A petition's status on a day: one flat row, ready for a data frame. */
export interface PetitionStatus {
  /** Days past its deadline (0 when none is late). */
  days_overdue: number;
  /** The level it has escalated to, if any. */
  escalated_to?: string | null;
  /** Why, in Vietnamese and English. */
  explanation: BilingualText;
  /** The forwarding deadline. */
  forward_due: string;
  /** The petition. */
  id: string;
  /** The step that is late, if any. */
  late_step?: OfficeStep | null;
  /** Its deadline. */
  next_due?: string | null;
  /** The step waiting to be done (absent once replied). */
  next_step?: OfficeStep | null;
  /** The day the status is for. */
  on: string;
  /** The reply deadline, once resolved. */
  reply_due?: string | null;
  /** The resolution deadline (the petition's own, else from the forwarding day — or, while not */
  resolve_due: string;
  /** The last step done by that day: `received`, `forwarded`, `resolved` or `replied`. */
  stage: OfficeState;
  /** The status. */
  state: OfficeState;
  /** Its topic. */
  topic: string;
  /** The unit that received it. */
  unit: string;
}

/** What a unit's petitions add up to over a period. Flows (`received` … `replied`) count what */
export interface PetitionTally {
  /** Received, by channel. */
  by_channel?: Record<string, number>;
  /** Escalated at the end, by level. */
  by_escalation?: Record<string, number>;
  /** Overdue at the end, by the step that is late. */
  by_late_step?: Record<string, number>;
  /** Received, by petitioner kind. */
  by_petitioner?: Record<string, number>;
  /** Received, by topic. */
  by_topic?: Record<string, number>;
  /** Of the overdue, escalated. */
  escalated_at_end: number;
  /** Petitions forwarded in the period. */
  forwarded: number;
  /** Petitions open on the period's last day: carried over to the next period. */
  open_at_end: number;
  /** Petitions open (received, not replied to) on the period's first day: carried in. */
  open_at_start: number;
  /** Of those, with a step past its deadline (escalated ones included). */
  overdue_at_end: number;
  /** Petitions received in the period. */
  received: number;
  /** Petitioners replied to in the period. */
  replied: number;
  /** Petitions resolved in the period. */
  resolved: number;
  /** Of those, resolved after their deadline. */
  resolved_late: number;
}

/** A pressing issue a unit has identified for a quarter, and its plan to resolve it. */
export interface PressingIssue {
  /** The day it was resolved, if it has been. */
  done_on?: string | null;
  /** The day it is to be resolved by (inside the quarter or after it). */
  due_on: string;
  /** Who is in charge (a name, a post or a body). */
  owner: string;
  /** The petitions it answers (ids of petitions received by the unit or under it). */
  petitions?: string[];
  /** The plan to resolve it. */
  plan: string;
  /** The quarter of the list. */
  quarter: Quarter;
  /** What the issue is. */
  title: string;
  /** The unit whose issue it is. */
  unit: string;
}

/** A quarter's lists of pressing issues across units. */
export interface PressingList {
  /** Issues by state. */
  by_state: Record<string, number>;
  /** The findings about all the issues given (every quarter), as [`validate_pressing_issues`]. */
  issues: Finding[];
  /** The quarter. */
  quarter: Quarter;
  /** Its issues, unit by unit in the organisation's order, then as given. */
  rows: PressingRow[];
  /** Units with at least one issue this quarter. */
  units_with_list: number;
  /** Units expected to keep a list — those directly under a top unit on the quarter's last day */
  units_without_list: string[];
}

/** What `petitionStatus` (op `petition.status`) returns: each petition's status on a day. */
export interface PetitionStatusAnswer { on: string; policy: string; rows: PetitionStatus[] }
"#;

/// A request built field by field; absent optional arguments are left out.
struct Request(Map<String, Value>);

impl Request {
    fn new() -> Self {
        Request(Map::new())
    }

    fn with(mut self, name: &str, value: Value) -> Self {
        self.0.insert(name.to_owned(), value);
        self
    }

    fn maybe(self, name: &'static str, value: Option<JsValue>) -> Result<Self, JsValue> {
        match value.filter(|v| !v.is_undefined() && !v.is_null()) {
            None => Ok(self),
            Some(v) => Ok(self.with(name, document(name, &v).map_err(|e| crate::error::to_js(&e))?)),
        }
    }

    fn run(self, op: &str) -> Result<JsValue, JsValue> {
        answer(op, Value::Object(self.0))
    }
}

fn doc(name: &'static str, value: &JsValue) -> Result<Value, JsValue> {
    document(name, value).map_err(|e| crate::error::to_js(&e))
}

/// Runs any operation `call` accepts on a plain-object input and returns its `ok` part, throwing
/// a `SoisuaError` where `call` would answer `{error}`.
///
/// ```js
/// invoke("target.assess", { sheet }).tally.achieved;   // 31 for the article's sheet
/// ```
#[wasm_bindgen(unchecked_return_type = "unknown")]
pub fn invoke(
    #[wasm_bindgen(unchecked_param_type = "Operation")] op: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>")] input: &JsValue,
) -> Result<JsValue, JsValue> {
    let op = text("op", op).map_err(|e| crate::error::to_js(&e))?;
    answer(&op, object("input", input)?)
}

/// The article's term 2015–2020 targets (34, 31 achieved, 22 exceeded; 29 rows a labelled fixture).
#[wasm_bindgen(js_name = targetFixture, unchecked_return_type = "TargetSheet")]
pub fn target_fixture() -> Result<JsValue, JsValue> {
    Request::new().run("target.fixture")
}

/// Each target's attainment, progress and status, and the counts.
///
/// ```js
/// assessTargets(targetFixture()).tally;   // { targets: 34, achieved: 31, exceeded: 22, … }
/// ```
#[wasm_bindgen(js_name = assessTargets, unchecked_return_type = "TargetAssessment")]
pub fn assess_targets(
    #[wasm_bindgen(unchecked_param_type = "TargetSheet")] sheet: &JsValue,
) -> Result<JsValue, JsValue> {
    Request::new().with("sheet", object("sheet", sheet)?).run("target.assess")
}

/// Term targets rolled up over the units of `scope` (absent: the whole organisation).
#[wasm_bindgen(js_name = targetReport, unchecked_return_type = "Rollup<TargetTally>")]
pub fn target_report(
    #[wasm_bindgen(unchecked_param_type = "OrganisationObject")] organisation: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "TargetSheet[]")] sheets: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] scope: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    Request::new()
        .with("organisation", object("organisation", organisation)?)
        .with("sheets", doc("sheets", sheets)?)
        .maybe("scope", scope)?
        .run("target.report")
}

/// The embedded rating scheme in force on a day (`YYYY-MM-DD`; absent: QĐ 366-QĐ/TW).
#[wasm_bindgen(js_name = ratingScheme, unchecked_return_type = "RatingScheme")]
pub fn rating_scheme(
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] on: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    Request::new().maybe("on", on)?.run("rating.scheme")
}

/// Members rated from points, attested conditions and evidence (per member).
#[wasm_bindgen(js_name = rateMembers, unchecked_return_type = "RatingAnswer")]
pub fn rate_members(
    #[wasm_bindgen(unchecked_param_type = "RatingInput[]")] inputs: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Record<string, RatingEvidence> | null")] evidence: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "RatingScheme | null")] scheme: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    Request::new()
        .with("inputs", doc("inputs", inputs)?)
        .maybe("evidence", evidence)?
        .maybe("scheme", scheme)?
        .run("rating.rate")
}

/// Members rated with the evidence of a scenario's months in `period`, and the roll-up.
#[wasm_bindgen(js_name = rateScenario, unchecked_return_type = "RatingScenarioAnswer")]
pub fn rate_scenario(
    #[wasm_bindgen(unchecked_param_type = "ScenarioObject")] scenario: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] period: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "RatingInput[]")] inputs: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] scope: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "RatingScheme | null")] scheme: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    Request::new()
        .with("scenario", object("scenario", scenario)?)
        .with("period", doc("period", period)?)
        .with("inputs", doc("inputs", inputs)?)
        .maybe("scope", scope)?
        .maybe("scheme", scheme)?
        .run("rating.scenario")
}

/// Each petition's status on a day (`YYYY-MM-DD`): stage, next step and its due date, the late
/// step and by how many days, where it was escalated, and why. The library reads no clock: the
/// day is an argument.
///
/// ```js
/// petitionStatus(petitions, "2020-12-31").rows[0].state;   // "replied", "overdue", "escalated", …
/// ```
#[wasm_bindgen(js_name = petitionStatus, unchecked_return_type = "PetitionStatusAnswer")]
pub fn petition_status(
    #[wasm_bindgen(unchecked_param_type = "Petition[]")] petitions: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] on: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Record<string, unknown> | null")] policy: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    Request::new()
        .with("petitions", doc("petitions", petitions)?)
        .with("on", doc("on", on)?)
        .maybe("policy", policy)?
        .run("petition.status")
}

/// Spreads a records object's fields (`{households, assignments, reports}`,
/// `{scores, nominations}`) into the request, as the JSON api takes them.
fn spread(mut request: Request, name: &'static str, records: &JsValue) -> Result<Request, JsValue> {
    let Value::Object(fields) = object(name, records)? else {
        return Err(crate::error::to_js(&crate::error::argument(name, "must be an object", "phải là một đối tượng")));
    };
    for (key, value) in fields {
        request.0.insert(key, value);
    }
    Ok(request)
}

/// The month's cell meetings rated and rolled up over `period` (`2020-09`, `2020-Q3`, `2020`):
/// cell-months held and not held, levels, model meetings, and the findings.
///
/// ```js
/// meetingReport(org, meetings, "2020-09").report.total.held;
/// ```
#[wasm_bindgen(js_name = meetingReport, unchecked_return_type = "{ report: Rollup<MeetingTally>; issues?: Finding[] }")]
pub fn meeting_report(
    #[wasm_bindgen(unchecked_param_type = "OrganisationObject")] organisation: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "MeetingObject[]")] meetings: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] period: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] scope: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "MeetingSchemeObject | null")] scheme: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    Request::new()
        .with("organisation", object("organisation", organisation)?)
        .with("meetings", doc("meetings", meetings)?)
        .with("period", doc("period", period)?)
        .maybe("scope", scope)?
        .maybe("scheme", scheme)?
        .run("meeting.report")
}

/// The report on petitions to the standing committee over `period`: received by petitioner,
/// channel and topic; forwarded, resolved (late), replied; open, overdue and escalated at the end.
#[wasm_bindgen(js_name = petitionReport, unchecked_return_type = "Rollup<PetitionTally>")]
pub fn petition_report(
    #[wasm_bindgen(unchecked_param_type = "OrganisationObject")] organisation: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "Petition[]")] petitions: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] period: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] scope: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "Record<string, unknown> | null")] policy: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    Request::new()
        .with("organisation", object("organisation", organisation)?)
        .with("petitions", doc("petitions", petitions)?)
        .with("period", doc("period", period)?)
        .maybe("scope", scope)?
        .maybe("policy", policy)?
        .run("petition.report")
}

/// A month's dialogues and household visits: each plan and what came of it, per unit. `on`
/// (`YYYY-MM-DD`) is the day the status is for (a plan whose day has not come is not "not held").
#[wasm_bindgen(js_name = dialogueMonth, unchecked_return_type = "DialogueMonth")]
pub fn dialogue_month(
    #[wasm_bindgen(unchecked_param_type = "OrganisationObject")] organisation: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "Dialogue[]")] dialogues: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] month: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] on: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] scope: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    Request::new()
        .with("organisation", object("organisation", organisation)?)
        .with("dialogues", doc("dialogues", dialogues)?)
        .with("month", doc("month", month)?)
        .maybe("on", on)?
        .maybe("scope", scope)?
        .run("dialogue.month")
}

/// Dialogues and household visits rolled up over `period`.
#[wasm_bindgen(js_name = dialogueReport, unchecked_return_type = "Rollup<DialogueTally>")]
pub fn dialogue_report(
    #[wasm_bindgen(unchecked_param_type = "OrganisationObject")] organisation: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "Dialogue[]")] dialogues: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] period: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] scope: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    Request::new()
        .with("organisation", object("organisation", organisation)?)
        .with("dialogues", doc("dialogues", dialogues)?)
        .with("period", doc("period", period)?)
        .maybe("scope", scope)?
        .run("dialogue.report")
}

/// A month's household follow-up: households nobody follows, members over the load, reports
/// missing, and the findings about the records.
///
/// ```js
/// householdCoverage(org, { households, assignments, reports }, "2020-09").uncovered;
/// ```
#[wasm_bindgen(js_name = householdCoverage, unchecked_return_type = "HouseholdCoverage & { issues: Finding[] }")]
pub fn household_coverage(
    #[wasm_bindgen(unchecked_param_type = "OrganisationObject")] organisation: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "HouseholdRecords")] records: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] month: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Record<string, unknown> | null")] policy: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let request = Request::new().with("organisation", object("organisation", organisation)?);
    spread(request, "records", records)?
        .with("month", doc("month", month)?)
        .maybe("policy", policy)?
        .run("household.coverage")
}

/// Household follow-up rolled up over `period`.
#[wasm_bindgen(js_name = householdReport, unchecked_return_type = "Rollup<HouseholdTally>")]
pub fn household_report(
    #[wasm_bindgen(unchecked_param_type = "OrganisationObject")] organisation: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "HouseholdRecords")] records: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] period: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] scope: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "Record<string, unknown> | null")] policy: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let request = Request::new().with("organisation", object("organisation", organisation)?);
    spread(request, "records", records)?
        .with("period", doc("period", period)?)
        .maybe("scope", scope)?
        .maybe("policy", policy)?
        .run("household.report")
}

/// Per unit, the accountability topics due, explained and missing in a month.
#[wasm_bindgen(js_name = accountabilityStatus, unchecked_return_type = "AccountabilityUnitStatus[]")]
pub fn accountability_status(
    #[wasm_bindgen(unchecked_param_type = "OrganisationObject")] organisation: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "Explanation[]")] explanations: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] month: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Record<string, unknown> | null")] policy: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    Request::new()
        .with("organisation", object("organisation", organisation)?)
        .with("explanations", doc("explanations", explanations)?)
        .with("month", doc("month", month)?)
        .maybe("policy", policy)?
        .run("accountability.status")
}

/// Unit heads' explanations rolled up over `period`.
#[wasm_bindgen(js_name = accountabilityReport, unchecked_return_type = "Rollup<AccountabilityTally>")]
pub fn accountability_report(
    #[wasm_bindgen(unchecked_param_type = "OrganisationObject")] organisation: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "Explanation[]")] explanations: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] period: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] scope: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "Record<string, unknown> | null")] policy: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    Request::new()
        .with("organisation", object("organisation", organisation)?)
        .with("explanations", doc("explanations", explanations)?)
        .with("period", doc("period", period)?)
        .maybe("scope", scope)?
        .maybe("policy", policy)?
        .run("accountability.report")
}

/// Emulation score sheets scored under the scheme (the embedded default without one), each with
/// its points, its title and why, and the titles it passed over.
#[wasm_bindgen(js_name = scoreEmulation, unchecked_return_type = "EmulationScoreResult[]")]
pub fn score_emulation(
    #[wasm_bindgen(unchecked_param_type = "ScoreSheet[]")] scores: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Record<string, unknown> | null")] scheme: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "OrganisationObject | null")] organisation: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    Request::new()
        .with("scores", doc("scores", scores)?)
        .maybe("scheme", scheme)?
        .maybe("organisation", organisation)?
        .run("emulation.score")
}

/// Emulation rolled up over `period`: sheets scored, titles, "good people, good deeds"
/// nominations and commendations.
#[wasm_bindgen(js_name = emulationReport, unchecked_return_type = "Rollup<EmulationTally>")]
pub fn emulation_report(
    #[wasm_bindgen(unchecked_param_type = "OrganisationObject")] organisation: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "EmulationRecords")] records: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] period: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] scope: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "Record<string, unknown> | null")] scheme: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let request = Request::new().with("organisation", object("organisation", organisation)?);
    spread(request, "records", records)?
        .with("period", doc("period", period)?)
        .maybe("scope", scope)?
        .maybe("scheme", scheme)?
        .run("emulation.report")
}

/// Reports of one area (`target`, `rating`, `meeting`, `petition`, `dialogue`, `household`,
/// `accountability`, `emulation`) with disjoint coverage merged.
#[wasm_bindgen(js_name = mergeOffice, unchecked_return_type = "Rollup<unknown>")]
pub fn merge_office(
    #[wasm_bindgen(unchecked_param_type = "OfficeArea")] area: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "Rollup<unknown>[]")] reports: &JsValue,
) -> Result<JsValue, JsValue> {
    let area = text("area", area).map_err(|e| crate::error::to_js(&e))?;
    Request::new().with("reports", doc("reports", reports)?).run(&format!("{area}.merge"))
}
