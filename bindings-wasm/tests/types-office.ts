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
