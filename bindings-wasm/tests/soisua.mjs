// The full module (bindings-wasm/pkg-full, from scripts/build-wasm.sh), initialised synchronously
// from its bytes: Node loads a `--target web` ES module as the browser does. (The browser form's
// module, bindings-wasm/pkg, is a subset: see module.test.mjs.)
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import * as soisua from "../pkg-full/soisua_wasm.js";

soisua.initSync({ module: readFileSync(new URL("../pkg-full/soisua_wasm_bg.wasm", import.meta.url)) });

export * from "../pkg-full/soisua_wasm.js";

/** The error `fn` throws, checked to be a `SoisuaError` of `code` with every field in place. */
export function throwsSoisua(fn, code) {
  let caught;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught !== undefined, `expected a ${code} error, nothing was thrown`);
  assertSoisuaError(caught, code);
  return caught;
}

/** Checks the shape every thrown error has. */
export function assertSoisuaError(error, code) {
  assert.ok(error instanceof Error, `expected an Error, got ${typeof error}: ${String(error)}`);
  assert.equal(error.name, "SoisuaError", `${error.name}: ${error.message}`);
  assert.equal(error.code, code, `${error.code}: ${error.message}`);
  assert.equal(typeof error.messageVi, "string");
  assert.ok(error.messageVi.length > 0);
  assert.equal(error.messageEn, error.message);
  assert.ok(error.message.length > 0);
  assert.equal(typeof error.stack, "string");
  if ("location" in error) {
    assert.ok(Array.isArray(error.location.path), "location.path is an array");
  }
}

/** A small valid catalogue object of the wire shape, with one item per kind. */
export function smallCatalogue() {
  const item = (code, text) => ({
    code,
    text: { vi: text, en: text },
    severity: "minor",
    source: { document: "Synthetic" },
    wording: "label",
  });
  return {
    id: "small",
    version: "1",
    title: { vi: "Danh mục nhỏ", en: "Small catalogue" },
    origin: "synthetic",
    issuer: "Test",
    document_number: "T-1",
    document_date: "2020-01-01",
    effective_from: "2020-01-01",
    groups: [
      { code: "M", kind: "manifestation", title: { vi: "Biểu hiện", en: "Manifestations" }, items: [item("M-1", "Biểu hiện 1")] },
      { code: "E", kind: "exemplary", title: { vi: "Nêu gương", en: "Exemplary" }, items: [item("E-1", "Nêu gương 1")] },
      { code: "P", kind: "prohibition", title: { vi: "Không được làm", en: "Prohibited" }, items: [item("P-1", "Điều cấm 1")] },
    ],
  };
}

/** A small valid organisation: a committee, a cell under it, two members of the cell. */
export function smallOrganisation() {
  return {
    id: "mau",
    name: { vi: "Đảng bộ xã Mẫu (thử)", en: "Sample commune committee (test)" },
    units: [
      { id: "DB", name: "Đảng bộ xã Mẫu", kind: "committee", org_type: "commune" },
      { id: "CB-1", name: "Chi bộ ấp 1", kind: "cell", org_type: "commune", parent: "DB" },
    ],
    members: [
      {
        id: "DV1",
        name: "Nguyễn Văn An",
        status: "full",
        memberships: [{ unit: "CB-1", from: "2010-05-19" }],
        roles: [{ kind: "secretary", unit: "CB-1", from: "2018-01-01" }],
      },
      { id: "DV2", status: "probationary", memberships: [{ unit: "CB-1", from: "2020-02-03" }] },
    ],
  };
}

/** Final reviews of both members of `smallOrganisation` against `smallCatalogue` in 2020-09. */
export function smallReviews() {
  const review = (member) => ({
    member,
    unit: "CB-1",
    month: "2020-09",
    catalogue: { id: "small", version: "1" },
    status: "final",
    answers: [
      { item: "M-1", self: "none", cell: "none" },
      { item: "E-1", self: "good", cell: "good" },
      { item: "P-1", self: "clear", cell: "clear" },
    ],
  });
  return { reviews: [review("DV1"), review("DV2")] };
}
