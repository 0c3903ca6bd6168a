// Compiled (never run) by `tsc -p bindings-wasm/tsconfig.json`: the cell meeting's functions and
// types, as the browser form uses them; the `@ts-expect-error` lines prove the types are precise.
import {
  Organisation,
  defaultMeetingScheme,
  previewMeeting,
  rateMeeting,
  type FormFinding,
  type MeetingObject,
  type MeetingPreview,
  type MeetingRatingObject,
  type MeetingSchemeObject,
} from "../pkg/soisua_wasm.js";

export function typedMeeting(org: Organisation): string[] {
  const scheme: MeetingSchemeObject = defaultMeetingScheme();
  const judged: string[] = scheme.criteria.filter((c) => c.rule.kind === "judged").map((c) => c.code);
  const threshold: number | undefined = scheme.criteria
    .map((c) => c.rule)
    .find((r) => r.kind === "attendance")?.above_percent;
  const meeting: MeetingObject = {
    id: "CB-1-2020-09", unit: "CB-1", date: "2020-09-05", kind: "regular", duration_minutes: 120,
    present: ["DV1"], excused: [{ member: "DV2", reason: "ốm" }], speakers: ["DV1"], minutes_complete: true,
    scores: Object.fromEntries(judged.map((code) => [code, 0])),
  };
  const rating: MeetingRatingObject = rateMeeting(org, meeting, [meeting], scheme);
  const level: string = rating.level_title.vi;
  const short: string[] = rating.held_back?.key_criteria_short ?? [];
  const measured = rating.criteria[0]?.measure;
  const expected: number = measured?.kind === "attendance" ? measured.expected : 0;
  const preview: MeetingPreview = previewMeeting(org, meeting);
  const fields: FormFinding[] = preview.fields;
  const points: number = preview.rating?.points ?? 0;
  // @ts-expect-error: the kind is regular or thematic
  const wrong: MeetingObject = { ...meeting, kind: "monthly" };
  // @ts-expect-error: the organisation is the module's handle
  rateMeeting({}, meeting);
  return [level, ...short, String(expected + points + (threshold ?? 0)), ...fields.map((f) => f.field), wrong.id];
}
