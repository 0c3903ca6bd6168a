// Evaluation from JS: the shared scenarios, policies, and the errors they throw.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";

import { defaultPolicy, runScenario, throwsSoisua, validatePolicy } from "./soisua.mjs";

const folder = new URL("../../tests/scenarios/", import.meta.url);
const files = readdirSync(folder).filter((name) => name.endsWith(".json")).sort();
const read = (name) => readFileSync(new URL(name, folder), "utf8");

describe("shared scenarios", () => {
  it("finds them", () => assert.ok(files.length >= 12));
  for (const name of files) {
    it(`${name} meets its expectations`, () => {
      const report = runScenario(read(name));
      assert.deepEqual(report.expect, { passed: true, failures: [] });
    });
  }

  it("gives the same report for an object and its JSON text", () => {
    const text = read("02-minor-window.json");
    assert.deepEqual(runScenario(JSON.parse(text)), runScenario(text));
  });

  it("explains each verdict in Vietnamese and English", () => {
    const report = runScenario(read("02-minor-window.json"));
    const october = report.months.find((m) => m.month === "2020-10");
    const result = october.results.find((r) => r.member === "DV1");
    assert.equal(result.verdict, "inspect");
    assert.equal(
      result.explanation.vi,
      "Đồng chí Nguyễn Văn An: kiểm tra vì biểu hiện TTCT-3 chưa được khắc phục sau 3 tháng (hạn 2020-10)",
    );
    assert.deepEqual(october.counts, { not_evaluated: 0, commend: 1, help: 0, inspect: 1 });
  });
});

describe("policies", () => {
  it("the default validates clean", () => {
    const policy = defaultPolicy();
    assert.equal(policy.recurrence.cases, 3);
    assert.deepEqual(validatePolicy(policy), []);
  });

  it("a hole in the ladder is a located finding", () => {
    const policy = defaultPolicy();
    policy.prohibitions.splice(1, 1);
    const issues = validatePolicy(policy);
    assert.deepEqual(issues.map((i) => [i.code, i.path]), [["policy_severity_missing", ["prohibitions"]]]);
  });

  it("a scenario under a broken policy throws invalid_document with the findings", () => {
    const scenario = JSON.parse(read("02-minor-window.json"));
    scenario.policy = defaultPolicy();
    scenario.policy.recurrence.cases = 0;
    const error = throwsSoisua(() => runScenario(scenario), "invalid_document");
    assert.deepEqual(error.issues.map((i) => i.path), [["recurrence", "cases"]]);
  });

  it("bad scenarios throw typed errors", () => {
    throwsSoisua(() => runScenario(42), "invalid_argument");
    throwsSoisua(() => runScenario("{not json"), "invalid_json");
    throwsSoisua(() => runScenario({ name: "x" }), "invalid_json");
  });
});
