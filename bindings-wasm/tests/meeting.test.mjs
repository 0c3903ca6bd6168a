// Cell meetings from JS: `rateMeeting` gives the core's `meeting.rate` answers (through `invoke`),
// in the full module and in the browser form's; `previewMeeting` returns the record's findings as
// data placed on form fields; bad arguments throw `SoisuaError`s with codes.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import * as full from "./soisua.mjs";
import * as lean from "../pkg/soisua_wasm.js";
import { throwsSoisua } from "./soisua.mjs";

lean.initSync({ module: readFileSync(new URL("../pkg/soisua_wasm_bg.wasm", import.meta.url)) });

const member = (id, from = "2010-01-01") => ({ id, status: "full", memberships: [{ unit: "CB-1", from }] });
const ORG = {
  id: "x",
  name: { vi: "Xã X", en: "X" },
  units: [
    { id: "DB", name: "Đảng bộ xã X", kind: "committee", org_type: "commune" },
    { id: "CB-1", name: "Chi bộ 1", kind: "cell", org_type: "commune", parent: "DB" },
  ],
  members: ["DV1", "DV2", "DV3", "DV4", "DV5", "DV6", "DV7"].map((id) => member(id)),
};
const SCORES = { preparation: 18, conduct: 9, principles: 10, follow_up: 8 };
const base = (over = {}) => ({
  id: "CB-1-2020-09", unit: "CB-1", date: "2020-09-05", kind: "regular", duration_minutes: 120,
  present: ["DV1", "DV2", "DV3", "DV4", "DV5", "DV6", "DV7"], speakers: ["DV1", "DV2", "DV3"],
  minutes_complete: true, scores: SCORES, ...over,
});
const excusedDV7 = (month) => base({
  id: `CB-1-2020-${month}`, date: `2020-${month}-05`, present: ["DV1", "DV2", "DV3", "DV4", "DV5", "DV6"],
  excused: [{ member: "DV7", reason: "đi công tác" }],
});

/** name → [meeting, earlier?]: the cases every module must rate as the core does. */
const CASES = {
  good: [base()],
  "too short: fair, held back by a key criterion": [base({ duration_minutes: 60 })],
  "an unexcused absence": [base({ present: ["DV1", "DV2", "DV3", "DV4", "DV5", "DV6"] })],
  "excused a fourth time in a row": [excusedDV7("09"), ["06", "07", "08"].map(excusedDV7)],
  "excused a third time in a row": [excusedDV7("09"), ["07", "08"].map(excusedDV7)],
  "a model meeting below the top level": [base({ duration_minutes: 60, model: true })],
  thematic: [base({ kind: "thematic", contents: ["Học tập chuyên đề"], conclusions: ["Thống nhất"] })],
};

const vectorFiles = ["meeting.json", "meeting-rate.json"].map((f) => new URL(`../../tests/vectors/${f}`, import.meta.url));

describe("rateMeeting", () => {
  it("gives the core's meeting.rate answer in both modules", () => {
    for (const [name, [meeting, earlier]] of Object.entries(CASES)) {
      const input = { organisation: ORG, meeting, ...(earlier ? { earlier } : {}) };
      const expected = full.invoke("meeting.rate", input);
      for (const m of [full, lean]) {
        const org = m.Organisation.fromObject(ORG);
        assert.deepEqual(m.rateMeeting(org, meeting, earlier), expected, name);
        assert.deepEqual(m.rateMeeting(org, meeting, earlier, m.defaultMeetingScheme()), expected, name);
      }
    }
  });

  it("rates as the scheme says", () => {
    const org = full.Organisation.fromObject(ORG);
    const good = full.rateMeeting(org, base());
    assert.deepEqual([good.points, good.level, good.held_back], [95, "good", undefined]);
    assert.equal(good.criteria[0].why.en, "7 of 7 members present (100%), above 85%; no unexcused absence; no member excused more than 3 times in a row");
    const short = full.rateMeeting(org, base({ duration_minutes: 60 }));
    assert.deepEqual([short.points, short.level, short.held_back.key_criteria_short], [85, "fair", ["duration"]]);
    const [meeting, earlier] = CASES["excused a fourth time in a row"];
    const repeated = full.rateMeeting(org, meeting, earlier).criteria[0];
    assert.deepEqual([repeated.points, repeated.measure.repeated_absences], [0, [{ member: "DV7", times: 4 }]]);
    assert.equal(repeated.measure.earlier_meetings, 3);
    assert.equal(full.rateMeeting(org, meeting, earlier.slice(1)).criteria[0].points, 20);
    const model = full.rateMeeting(org, base({ duration_minutes: 60, model: true }));
    assert.deepEqual(model.issues.map((f) => [f.code, f.level, f.path]), [["meeting_model_not_top", "warning", ["meeting", "model"]]]);
  });

  it("throws the record's errors as invalid_document, as meeting.rate answers them", () => {
    const org = lean.Organisation.fromObject(ORG);
    const meeting = base({ speakers: ["DV1", "DV9"], scores: { preparation: 30 } });
    const error = throwsSoisua(() => lean.rateMeeting(org, meeting), "invalid_document");
    const answer = full.call("meeting.rate", { organisation: ORG, meeting });
    assert.deepEqual(error.issues, answer.error.issues);
    assert.deepEqual(error.issues.map((f) => f.code).sort(),
      ["meeting_score_above_max", "meeting_score_missing", "meeting_score_missing", "meeting_score_missing",
        "meeting_speaker_not_present", "unknown_member"]);
  });

  it("gives the shared vectors' meeting.rate answers from the form's module", () => {
    const cases = vectorFiles
      .flatMap((file) => JSON.parse(readFileSync(file, "utf8")).cases)
      .filter((c) => c.op === "meeting.rate");
    assert.ok(cases.length >= 5, `${cases.length} meeting.rate vectors`);
    for (const v of cases) {
      if (!v.input?.organisation || !v.input?.meeting) continue;
      let got;
      try {
        got = { ok: lean.rateMeeting(lean.Organisation.fromObject(v.input.organisation), v.input.meeting, v.input.earlier, v.input.scheme) };
      } catch (error) {
        got = { error: full.call(v.op, v.input).error };
        assert.equal(error.code, got.error.code, v.name);
      }
      assert.deepEqual(got, v.expect, v.name);
    }
  });
});

describe("previewMeeting", () => {
  const org = lean.Organisation.fromObject(ORG);

  it("places the record's errors on form fields, without a rating", () => {
    const meeting = base({
      present: ["DV1", "DV2", "DV3", "DV4", "DV5", "DV6"], excused: [{ member: "DV7", reason: " " }],
      speakers: ["DV1", "DV9"], duration_minutes: 0, scores: { preparation: 30, conduct: 9, principles: 10 },
    });
    const { rating, fields } = lean.previewMeeting(org, meeting);
    assert.equal(rating, null);
    assert.deepEqual(fields.map((f) => [f.field, f.code, f.level]), [
      ["duration_minutes", "meeting_duration_out_of_range", "error"],
      ["speakers.DV9", "unknown_member", "error"],
      ["speakers.DV9", "meeting_speaker_not_present", "error"],
      ["excused.DV7.reason", "empty_text", "error"],
      ["scores.preparation", "meeting_score_above_max", "error"],
      ["scores.follow_up", "meeting_score_missing", "error"],
    ]);
    assert.ok(fields.every((f) => f.message_vi && f.message_en && Array.isArray(f.path)));
  });

  it("gives the rating and its warnings on their fields", () => {
    const meeting = base({ duration_minutes: 60, model: true });
    const { rating, fields } = lean.previewMeeting(org, meeting, [], null);
    const { issues, ...rated } = lean.rateMeeting(org, meeting);
    assert.deepEqual(rating, rated);
    assert.deepEqual(fields.map((f) => [f.field, f.code]), [["model", "meeting_model_not_top"]]);
    assert.deepEqual(fields.map(({ field, ...issue }) => issue), issues);
    assert.deepEqual(lean.previewMeeting(org, base()).fields, []);
  });
});

describe("the meeting functions' arguments", () => {
  const org = lean.Organisation.fromObject(ORG);

  it("gives the default scheme the core embeds", () => {
    const scheme = lean.defaultMeetingScheme();
    assert.deepEqual(scheme, full.invoke("meeting.scheme_default", {}));
    assert.deepEqual(scheme.criteria.filter((c) => c.rule.kind === "judged").map((c) => c.code),
      ["preparation", "conduct", "principles", "follow_up"]);
  });

  it("throws SoisuaErrors with codes for what a record cannot fix", () => {
    for (const fn of [lean.rateMeeting, lean.previewMeeting]) {
      throwsSoisua(() => fn(org, 42), "invalid_argument");
      throwsSoisua(() => fn(org, null), "invalid_argument");
      throwsSoisua(() => fn(org, base(), {}), "invalid_argument");
      throwsSoisua(() => fn(org, base({ duration_minutes: NaN })), "invalid_argument");
      const unreadable = throwsSoisua(() => fn(org, base({ duration_minutes: 1.5 })), "invalid_json");
      assert.deepEqual(unreadable.location.path, ["duration_minutes"]);
      throwsSoisua(() => fn(org, base({ extra: 1 })), "invalid_json");
      throwsSoisua(() => fn(org, base(), [{ id: "x" }]), "invalid_json");
      const broken = { ...lean.defaultMeetingScheme(), total_points: 99 };
      const error = throwsSoisua(() => fn(org, base(), null, broken), "invalid_document");
      assert.equal(error.issues[0].code, "meeting_scheme_total_mismatch");
      throwsSoisua(() => fn(org, base(), null, "{"), "invalid_json");
    }
  });
});
