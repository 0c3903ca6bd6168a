// The JSON api (`call`), `parsePeriod` and `operations`, and the TypeScript list of operations.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import { call, operations, parsePeriod, throwsSoisua } from "./soisua.mjs";

describe("parsePeriod", () => {
  it("reads the four kinds of period", () => {
    assert.deepEqual(parsePeriod("2020-Q3"), {
      period: "2020-Q3",
      kind: "quarter",
      first_month: "2020-07",
      last_month: "2020-09",
      months: 3,
      previous: "2020-Q2",
      year_before: "2019-Q3",
    });
    assert.equal(parsePeriod("2020-09").kind, "month");
    assert.equal(parsePeriod("2020").months, 12);
    assert.equal(parsePeriod("2020-2025").last_month, "2024-12");
  });

  it("throws the api's error for a bad period, and for what is not a string", () => {
    throwsSoisua(() => parsePeriod("2020-13"), "invalid_value");
    for (const value of [undefined, null, 2020, NaN, {}, ["2020"], true]) {
      throwsSoisua(() => parsePeriod(value), "invalid_argument");
    }
  });

  it("matches call('period.parse')", () => {
    assert.deepEqual(call("period.parse", { period: "2021-Q1" }), { ok: parsePeriod("2021-Q1") });
  });
});

describe("call", () => {
  it("answers ok or error, never throws", () => {
    assert.equal(call("period.parse", { period: "2020-09" }).ok.first_month, "2020-09");
    const answer = call("period.parse", { period: "2020-Q5" });
    assert.deepEqual(Object.keys(answer), ["error"]);
    assert.equal(answer.error.code, "invalid_value");
    assert.deepEqual(Object.keys(answer.error), ["code", "message_en", "message_vi"]);
  });

  it("answers an unknown operation with unknown_name", () => {
    assert.equal(call("nope", {}).error.code, "unknown_name");
    assert.equal(call("nope").error.code, "unknown_name");
  });

  it("answers values that are not JSON with invalid_argument instead of throwing", () => {
    const cases = [
      [undefined, {}],
      [42, {}],
      ["period.parse", { period: NaN }],
      ["period.parse", { period: "2020-09", extra: new Map() }],
      ["period.parse", { period: "2020-09", extra: () => 1 }],
      ["period.parse", [Infinity]],
    ];
    for (const [op, input] of cases) {
      const answer = call(op, input);
      assert.equal(answer.error?.code, "invalid_argument", JSON.stringify(answer));
      assert.ok(answer.error.message_en.startsWith("invalid argument"));
    }
  });

  it("reads `undefined` properties as absent, as JSON.stringify does", () => {
    assert.equal(call("period.parse", { period: undefined }).error.message_en, "invalid argument `period`: is required");
    assert.equal(call("period.parse", undefined).error.code, "invalid_argument");
    assert.equal(call("period.parse", null).error.code, "invalid_argument");
  });

  it("returns plain objects, not Maps", () => {
    const answer = call("catalogue.summary", { catalogue: "central-2020" });
    assert.equal(Object.getPrototypeOf(answer), Object.prototype);
    assert.equal(Object.getPrototypeOf(answer.ok), Object.prototype);
    assert.deepEqual(answer.ok.items, { manifestation: 27, exemplary: 16, prohibition: 19 });
  });
});

describe("operations", () => {
  it("lists every operation with a description, and each is dispatched", () => {
    const list = operations();
    assert.ok(list.length >= 10);
    for (const { name, description } of list) {
      assert.equal(typeof description, "string");
      assert.notEqual(call(name, {}).error?.code, "unknown_name", name);
    }
  });

  it("matches the TypeScript `Operation` union", () => {
    const dts = readFileSync(new URL("../pkg-full/soisua_wasm.d.ts", import.meta.url), "utf8");
    const union = /export type Operation =([^;]*);/.exec(dts);
    assert.ok(union, "the .d.ts declares Operation");
    const declared = [...union[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]).sort();
    assert.deepEqual(declared, operations().map((op) => op.name).sort(),
      "update the Operation union in bindings-wasm/src/types.rs");
  });
});
