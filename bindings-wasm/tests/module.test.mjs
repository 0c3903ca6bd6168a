// The built packages themselves: their files, package.json, how they were built, and that the
// browser form's module (bindings-wasm/pkg) is a faithful subset of the full one (pkg-full).
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { describe, it } from "node:test";

import * as full from "./soisua.mjs";
import * as lean from "../pkg/soisua_wasm.js";

const form = new URL("../pkg/", import.meta.url);
lean.initSync({ module: readFileSync(new URL("soisua_wasm_bg.wasm", form)) });

for (const dir of ["pkg", "pkg-full"]) {
  const pkg = new URL(`../${dir}/`, import.meta.url);
  const read = (name) => readFileSync(new URL(name, pkg), "utf8");

  describe(`bindings-wasm/${dir}`, () => {
    it("has a package.json whose entry points exist", () => {
      const manifest = JSON.parse(read("package.json"));
      assert.equal(manifest.name, "soisua-wasm");
      assert.equal(manifest.type, "module");
      for (const file of [manifest.main, manifest.types, ...manifest.files]) {
        assert.ok(existsSync(new URL(file, pkg)), `${file} is missing`);
      }
      assert.equal(manifest.exports["."].default, `./${manifest.main}`);
    });

    it("passes JS values without externref (Node 20's V8 crashes on inlined externref returns)", () => {
      const glue = read("soisua_wasm.js");
      assert.ok(!/addToExternrefTable|externref_table|__wbindgen_externrefs/.test(glue), "built with reference types: see scripts/build-wasm.sh");
    });

    it("declares the hand-written types in the .d.ts", () => {
      const dts = read("soisua_wasm.d.ts");
      for (const name of ["Finding", "SoisuaError", "CatalogueItem", "CatalogueObject", "OrganisationObject",
        "ReviewBatchObject", "ApiAnswer", "PeriodInfo", "Operation", "Report", "ReportBlock", "ReportComparison",
        "RenderedReport", "RenderOptions", "ReportTemplates", "NoticeBoard", "RadioList", "Viewer", "Redacted",
        "YearReports", "Preview", "Outlook", "FormFinding", "ReviewResult", "MeetingObject", "MeetingSchemeObject",
        "MeetingRatingObject", "MeetingPreview"]) {
        assert.match(dts, new RegExp(`export (interface|type) ${name}\\b`), name);
      }
      assert.ok(!/\bany\b/.test(dts.replace(/\/\*[\s\S]*?\*\//g, "")), "no `any` in the public types");
    });
  });
}

describe("the browser form's module", () => {
  it("is within the size budget: 330 KB gzipped, the central catalogue and the meeting record included", () => {
    const gz = gzipSync(readFileSync(new URL("soisua_wasm_bg.wasm", form)), { level: 9 }).length;
    assert.ok(gz <= 330_000, `${gz} bytes gzipped`);
  });

  it("has the form's classes and leaves the rest to the full module", () => {
    for (const name of ["Catalogue", "Organisation", "ReviewBatch", "Evaluator", "initSync", "rateMeeting",
      "previewMeeting", "defaultMeetingScheme"]) {
      assert.equal(typeof lean[name], "function", name);
    }
    for (const name of ["call", "buildReport", "runScenario", "parsePeriod"]) {
      assert.equal(lean[name], undefined, name);
      assert.equal(typeof full[name], "function", name);
    }
    assert.equal(lean.Organisation.synthetic, undefined);
    assert.equal(typeof lean.Organisation.prototype.validate, "function");
  });

  it("gives the same answers as the full module and the shared vectors", () => {
    const cases = JSON.parse(readFileSync(new URL("../../tests/vectors/form.json", import.meta.url), "utf8")).cases;
    const org = cases[0].input.organisation;
    const make = (m) => new m.Evaluator(m.Catalogue.central2020(), m.Organisation.fromObject(org));
    const [a, b] = [make(lean), make(full)];
    for (const v of cases.filter((c) => c.op === "evaluation.preview" || c.op === "evaluation.outlook")) {
      if (v.input.policy) continue;
      const run = (e) => (v.op === "evaluation.preview" ? e.preview(v.input.review) : e.outlook(v.input.review));
      assert.deepEqual({ ok: run(a) }, v.expect, v.name);
      assert.deepEqual(run(a), run(b), v.name);
    }
    const batch = lean.ReviewBatch.fromObject({ reviews: [cases[4].input.review] });
    assert.deepEqual(batch.validate(lean.Catalogue.central2020(), lean.Organisation.fromObject(org)),
      full.ReviewBatch.fromObject({ reviews: [cases[4].input.review] }).validate(full.Catalogue.central2020(), full.Organisation.fromObject(org)));
    const error = (() => { try { a.preview(42); } catch (e) { return e; } })();
    assert.equal(error.name, "SoisuaError");
    assert.equal(error.code, "invalid_argument");
  });
});
