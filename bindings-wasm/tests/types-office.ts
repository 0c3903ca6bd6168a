// Compiled (never run) by `tsc -p bindings-wasm/tsconfig.json`: the office records' functions and
// types from the full module; the `@ts-expect-error` lines prove the types are precise.
import {
  assessTargets,
  invoke,
  petitionStatus,
  rateMembers,
  targetFixture,
  type Dialogue,
  type Explanation,
  type HouseholdRecords,
  type Petition,
  type PetitionStatusAnswer,
  type RatingAnswer,
  type TargetAssessment,
} from "../pkg-full/soisua_wasm.js";

export function officeTypes(petitions: Petition[], dialogue: Dialogue, records: HouseholdRecords, explanation: Explanation): string[] {
  const assessment: TargetAssessment = assessTargets(targetFixture());
  const status: PetitionStatusAnswer = petitionStatus(petitions, "2020-12-31");
  const first = status.rows[0];
  const state: string = first === undefined ? "" : first.state;
  const rated: RatingAnswer = rateMembers([{ member: "DV1", period: "2025-Q4", points: { common: 28, tasks: 65 } }]);
  // @ts-expect-error a dialogue is a dialogue or a household visit
  const wrongKind: Dialogue["kind"] = "meeting";
  // @ts-expect-error a topic of accountability is one of seven
  const wrongTopic: Explanation["topic"] = "weather";
  const answer: unknown = invoke("household.coverage", { ...records, month: "2020-09" });
  return [String(assessment.tally.exceeded), state, String(rated.ratings.length), dialogue.unit, explanation.unit,
    String(records.households?.length ?? 0), String(wrongKind), String(wrongTopic), JSON.stringify(answer)];
}

import {
  accountabilityStatus,
  dialogueReport,
  emulationReport,
  householdCoverage,
  meetingReport,
  renderReport,
  type OfficeRollups,
  type OrganisationObject,
  type RenderedReport,
  type ReportSource,
  type Rollup,
  type DialogueTally,
  type EmulationTally,
} from "../pkg-full/soisua_wasm.js";

export function officeReports(org: OrganisationObject, dialogues: Dialogue[], records: HouseholdRecords, explanations: Explanation[]): number[] {
  const meetings = meetingReport(org, [], "2020-09");
  const held: number = meetings.report.total.held;
  const visits: Rollup<DialogueTally> = dialogueReport(org, dialogues, "2020-09", "DB-1");
  const coverage = householdCoverage(org, records, "2020-09");
  const due = accountabilityStatus(org, explanations, "2020-09");
  const emulation: Rollup<EmulationTally> = emulationReport(org, { scores: [], nominations: [] }, "2020");
  const rollups: OfficeRollups = { meeting: meetings.report, dialogue: visits, emulation };
  const document = renderReport(null, { rollups }) as RenderedReport;
  const source: ReportSource | undefined = document.tables[0]?.source;
  // @ts-expect-error a roll-up of meetings is not one of dialogues
  const wrong: OfficeRollups = { dialogue: meetings.report };
  // @ts-expect-error an office area, not any name
  const area: ReportSource = "meetings";
  return [held, coverage.issues.length, due.length, String(source).length, String(wrong).length, area.length];
}
