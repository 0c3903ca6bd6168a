// The built package itself: its files, its package.json, and how it was built.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";

const pkg = new URL("../pkg/", import.meta.url);
const read = (name) => readFileSync(new URL(name, pkg), "utf8");

describe("bindings-wasm/pkg", () => {
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
      "RenderedReport", "RenderOptions", "ReportTemplates", "NoticeBoard", "RadioList", "Viewer", "Redacted", "YearReports"]) {
      assert.match(dts, new RegExp(`export (interface|type) ${name}\\b`), name);
    }
    assert.ok(!/\bany\b/.test(dts.replace(/\/\*[\s\S]*?\*\//g, "")), "no `any` in the public types");
  });
});
