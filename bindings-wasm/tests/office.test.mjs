// The committee office's other records from JS: `invoke` and the typed functions give the shared
// vectors' answers, and failures throw `SoisuaError`s.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import {
  assessTargets,
  invoke,
  mergeOffice,
  petitionStatus,
  rateMembers,
  rateScenario,
  ratingScheme,
  targetFixture,
  targetReport,
  throwsSoisua,
} from "./soisua.mjs";

const vectors = (file) =>
  JSON.parse(readFileSync(new URL(`../../tests/vectors/${file}`, import.meta.url), "utf8")).cases;
const vector = (file, name) => vectors(file).find((c) => c.name === name);

describe("term targets", () => {
  it("assesses the article's sheet as the vectors say", () => {
    const sheet = targetFixture();
    const assessment = assessTargets(sheet);
    const expected = vector("target.json", "assess the article's sheet: 34, 31 achieved, 22 exceeded").expect.ok;
    assert.deepEqual(assessment, expected);
    assert.deepEqual(
      [assessment.tally.targets, assessment.tally.achieved, assessment.tally.exceeded],
      [34, 31, 22],
    );
    assert.equal(assessment.targets.find((t) => t.code === "ket-nap-dang-vien").attainment, 116);
  });

  it("rolls up and refuses double counting", () => {
    const scoped = vector("target.json", "report scoped to the commune");
    const { organisation, sheets } = scoped.input;
    assert.deepEqual(targetReport(organisation, sheets, "DB-1"), scoped.expect.ok);
    const twice = vector("target.json", "two sheets for one unit and term refused").input;
    throwsSoisua(() => targetReport(twice.organisation, twice.sheets), "report_overlap");
    const report = targetReport(organisation, sheets, "DB-1");
    throwsSoisua(() => mergeOffice("target", [report, report]), "report_overlap");
    throwsSoisua(() => assessTargets([]), "invalid_argument");
  });
});

describe("quality ratings", () => {
  it("gives the vectors' answers through the typed functions and invoke", () => {
    assert.equal(ratingScheme().id, "qd366-2025");
    assert.equal(ratingScheme("2020-12-31").id, "soisua-rating-2018");
    const given = vector("rating.json", "points, conditions and a cap from given evidence");
    assert.deepEqual(rateMembers(given.input.inputs, given.input.evidence), given.expect.ok);
    assert.deepEqual(invoke("rating.rate", given.input), given.expect.ok);
    const scenario = vector("rating.json", "the same over Q3: the violation month is in it");
    const { input } = scenario;
    const answer = rateScenario(input.scenario, input.period, input.inputs);
    assert.deepEqual(answer, scenario.expect.ok);
    assert.deepEqual(answer.ratings.map((r) => r.level), ["KHTNV", "KHTNV"]);
  });

  it("throws located errors", () => {
    throwsSoisua(() => ratingScheme("31/12/2020"), "invalid_value");
    throwsSoisua(() => invoke("rating.rate", []), "invalid_argument");
    throwsSoisua(() => invoke("nothing.here", {}), "unknown_name");
  });
});

describe("petitions", () => {
  it("gives every petition.status vector's answer through petitionStatus", () => {
    const cases = vectors("petition.json").filter((c) => c.op === "petition.status");
    assert.ok(cases.length >= 2, `${cases.length} petition.status vectors`);
    for (const c of cases) {
      const { petitions, on, policy } = c.input;
      let got;
      try {
        got = { ok: petitionStatus(petitions, on, policy) };
      } catch (error) {
        got = { error: { code: error.code } };
        assert.equal(error.code, c.expect.error?.code, c.name);
        continue;
      }
      assert.deepEqual(got, c.expect, c.name);
    }
  });
});
