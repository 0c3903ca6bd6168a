// Bad input from JavaScript: every entry point throws a `SoisuaError` with a code (never a string,
// never a WebAssembly trap), and the module stays usable afterwards.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  Catalogue,
  Organisation,
  ReviewBatch,
  call,
  parsePeriod,
  smallCatalogue,
  throwsSoisua,
} from "./soisua.mjs";

const notStrings = [undefined, null, 0, 42, NaN, Infinity, true, 10n, Symbol("s"), {}, [], () => "x", new Date(0)];

const nested = (depth) => {
  let value = "leaf";
  for (let i = 0; i < depth; i += 1) value = [value];
  return value;
};

function stillWorks() {
  assert.equal(Catalogue.fromObject(smallCatalogue()).counts().manifestation, 1);
  assert.equal(parsePeriod("2020-09").kind, "month");
}

describe("text arguments", () => {
  const textEntryPoints = {
    "Catalogue.fromJson": (v) => Catalogue.fromJson(v),
    "Organisation.fromJson": (v) => Organisation.fromJson(v),
    "ReviewBatch.fromJson": (v) => ReviewBatch.fromJson(v),
    "Catalogue.fromCsv header": (v) => Catalogue.fromCsv(v, ""),
    "Catalogue.fromCsv csv": (v) => Catalogue.fromCsv("{}", v),
    "Catalogue.item": (v) => Catalogue.fromObject(smallCatalogue()).item(v),
    "Organisation.synthetic scale": (v) => Organisation.synthetic(v, 1),
  };
  for (const [name, entry] of Object.entries(textEntryPoints)) {
    it(`${name} refuses every value that is not a string`, () => {
      for (const value of notStrings) {
        const error = throwsSoisua(() => entry(value), "invalid_argument");
        assert.match(error.message, /^invalid argument `\w+`: (is required|must be a string)$/);
      }
      stillWorks();
    });
  }

  it("never coerces a number to a string", () => {
    throwsSoisua(() => parsePeriod(2020), "invalid_argument");
    throwsSoisua(() => Catalogue.fromJson(12), "invalid_argument");
  });

  it("reads an empty or garbage text as invalid_json", () => {
    for (const text of ["", " ", "null", "[]", "{", "\u0000", "{\"id\": 1}"]) {
      throwsSoisua(() => Catalogue.fromJson(text), "invalid_json");
    }
  });

  it("survives huge strings", () => {
    const huge = "x".repeat(32 * 1024 * 1024);
    throwsSoisua(() => Catalogue.fromJson(huge), "invalid_json");
    throwsSoisua(() => Organisation.fromJson(`{"id": "${huge}"}`), "invalid_json");
    throwsSoisua(() => Catalogue.fromObject({ ...smallCatalogue(), notes: huge, extra: 1 }), "invalid_json");
    throwsSoisua(() => parsePeriod(huge), "invalid_value");
    assert.equal(call("nope".repeat(1_000_000), {}).error.code, "unknown_name");
    stillWorks();
  });

  it("refuses text with a lone surrogate rather than corrupting it", () => {
    throwsSoisua(() => Catalogue.fromJson("{\"id\": \"\ud800\"}"), "invalid_argument");
    const object = smallCatalogue();
    object.title.vi = "bad \udc00 text";
    const error = throwsSoisua(() => Catalogue.fromObject(object), "invalid_argument");
    assert.match(error.message, /at `title\.vi`/);
  });
});

describe("object arguments", () => {
  const objectEntryPoints = {
    "Catalogue.fromObject": (v) => Catalogue.fromObject(v),
    "Organisation.fromObject": (v) => Organisation.fromObject(v),
    "ReviewBatch.fromObject": (v) => ReviewBatch.fromObject(v),
  };
  for (const [name, entry] of Object.entries(objectEntryPoints)) {
    it(`${name} refuses values of the wrong shape with invalid_json`, () => {
      for (const value of [0, "text", true, [], {}, [1, 2]]) {
        throwsSoisua(() => entry(value), "invalid_json");
      }
      for (const value of [undefined, null]) {
        const error = throwsSoisua(() => entry(value), "invalid_argument");
        assert.equal(error.message, "invalid argument `object`: is required");
      }
    });

    it(`${name} refuses values that are not JSON with invalid_argument`, () => {
      const refused = [NaN, Infinity, -Infinity, Symbol("s"), () => 1, new Map(), new Set(), new Date(0),
        new Uint8Array(2), 2n ** 70n, Catalogue.fromObject(smallCatalogue()), nested(200)];
      for (const value of refused) {
        throwsSoisua(() => entry(value), "invalid_argument");
        throwsSoisua(() => entry({ id: value }), "invalid_argument");
        throwsSoisua(() => entry({ list: [1, value] }), "invalid_argument");
      }
      stillWorks();
    });
  }

  it("says where the refused value is and what it is", () => {
    const object = smallCatalogue();
    object.groups[0].declared_count = NaN;
    let error = throwsSoisua(() => Catalogue.fromObject(object), "invalid_argument");
    assert.equal(error.message, "invalid argument `object`: `NaN` at `groups[0].declared_count` is not a JSON number");
    assert.equal(error.messageVi, "tham số `object` không hợp lệ: `NaN` tại `groups[0].declared_count` không phải là số JSON");
    error = throwsSoisua(() => Catalogue.fromObject({ a: { b: new Map() } }), "invalid_argument");
    assert.equal(error.message, "invalid argument `object`: a `Map` object at `a.b` is not plain JSON data (use plain objects and arrays)");
    error = throwsSoisua(() => Catalogue.fromObject(nested(500)), "invalid_argument");
    assert.match(error.message, /is nested deeper than 128 levels$/);
  });

  it("nests as deep as JSON text may, and no deeper", () => {
    // serde_json reads JSON text nested 127 deep and refuses 128; objects follow the same limit.
    const text = (depth) => "[".repeat(depth) + "]".repeat(depth);
    assert.equal(call("period.parse", JSON.parse(`{"period": "2020-09", "x": ${text(126)}}`)).ok.kind, "month");
    assert.equal(call("period.parse", { period: "2020-09", x: nested(127) }).error.code, "invalid_argument");
    throwsSoisua(() => Catalogue.fromJson(text(200)), "invalid_json");
  });

  it("survives cycles, throwing getters and proxies", () => {
    const cycle = { a: 1 };
    cycle.self = cycle;
    throwsSoisua(() => Catalogue.fromObject(cycle), "invalid_argument");
    const getter = { get id() { throw new Error("boom"); } };
    const error = throwsSoisua(() => Catalogue.fromObject(getter), "invalid_argument");
    assert.match(error.message, /cannot be read: boom/);
    const trap = new Proxy({}, { ownKeys() { throw new TypeError("no keys"); } });
    throwsSoisua(() => Catalogue.fromObject(trap), "invalid_argument");
    const revocable = Proxy.revocable({}, {});
    revocable.revoke();
    throwsSoisua(() => Catalogue.fromObject(revocable.proxy), "invalid_argument");
    throwsSoisua(() => Catalogue.fromObject({ x: revocable.proxy }), "invalid_argument");
    stillWorks();
  });

  it("accepts objects without a prototype and plain objects from JSON.parse", () => {
    const bare = Object.assign(Object.create(null), smallCatalogue());
    assert.equal(Catalogue.fromObject(bare).id, "small");
    assert.equal(Catalogue.fromObject(JSON.parse(JSON.stringify(smallCatalogue()))).id, "small");
  });

  it("reads whole numbers as integers and BigInts within 64 bits", () => {
    const object = smallCatalogue();
    object.groups[0].declared_count = 1n;
    assert.deepEqual(Catalogue.fromObject(object).validate(), []);
    object.groups[0].declared_count = 1.5;
    throwsSoisua(() => Catalogue.fromObject(object), "invalid_json");
  });
});

describe("class arguments", () => {
  it("validate(refined) refuses what is not a catalogue", () => {
    const small = Catalogue.fromObject(smallCatalogue());
    for (const value of [1, "central-2020", NaN, new Map(), { id: "x" }]) {
      const error = (() => { try { small.validate(value); } catch (e) { return e; } })();
      assert.ok(error instanceof Error);
      assert.ok(["invalid_argument", "invalid_json"].includes(error.code), `${error.code}: ${error.message}`);
    }
    throwsSoisua(() => small.validate(Organisation.fromObject({ id: "o", name: { vi: "", en: "" }, units: [], members: [] })), "invalid_json");
  });

  it("wasm-bindgen's own checks of class arguments throw Errors, not traps", () => {
    const small = Catalogue.fromObject(smallCatalogue());
    const org = Organisation.fromObject({ id: "o", name: { vi: "a", en: "a" }, units: [], members: [] });
    const batch = ReviewBatch.fromObject({ reviews: [] });
    for (const bad of [undefined, null, {}, smallCatalogue(), org]) {
      assert.throws(() => batch.validate(bad, org), Error);
    }
    assert.throws(() => batch.validate(small, small), Error);
    const freed = Catalogue.fromObject(smallCatalogue());
    freed.free();
    assert.throws(() => freed.counts(), Error);
    assert.throws(() => batch.validate(freed, org), Error);
    stillWorks();
  });
});
