// The shared vectors (tests/vectors/*.json), the same cases the Rust and Python runners check:
// a case passes when `call(op, input)` deep-equals its `expect`. Whole answers, error codes
// included; a case that needs special-casing here is a binding bug.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";

import { call } from "./soisua.mjs";

const folder = new URL("../../tests/vectors/", import.meta.url);
const files = readdirSync(folder).filter((name) => name.endsWith(".json")).sort();

it("finds the shared vectors", () => {
  assert.ok(files.length > 0, `no vector files in ${folder.pathname}`);
});

for (const file of files) {
  const suite = JSON.parse(readFileSync(new URL(file, folder), "utf8"));
  describe(`${file}: ${suite.description}`, () => {
    const names = new Set();
    for (const testCase of suite.cases) {
      it(testCase.name, () => {
        assert.ok(!names.has(testCase.name), `duplicate case name ${testCase.name}`);
        names.add(testCase.name);
        assert.ok(testCase.expect !== null && typeof testCase.expect === "object",
          "the case has no expected answer (expect is null): bless the vectors");
        assert.deepStrictEqual(call(testCase.op, testCase.input), testCase.expect);
      });
    }
  });
}
