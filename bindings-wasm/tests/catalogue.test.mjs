// The Catalogue class: the embedded central catalogue, reading JSON/objects/CSV, findings.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { Catalogue, smallCatalogue, throwsSoisua } from "./soisua.mjs";

describe("Catalogue.central2020", () => {
  const central = Catalogue.central2020();

  it("has the 27 / 16 / 19 items of the central documents", () => {
    assert.deepEqual(central.counts(), { manifestation: 27, exemplary: 16, prohibition: 19 });
    const wording = central.wordingCounts();
    assert.deepEqual(Object.keys(wording), ["verbatim", "partial", "label"]);
    assert.equal(wording.verbatim + wording.partial + wording.label, 62);
  });

  it("exposes its metadata as getters", () => {
    assert.equal(central.id, "central-2020");
    assert.equal(central.origin, "central");
    assert.deepEqual(central.reference, { id: "central-2020", version: central.version });
    assert.deepEqual(Object.keys(central.title), ["vi", "en"]);
    assert.ok(central.title.vi.includes("04-NQ/TW"));
  });

  it("lists items as flat rows with the wire keys", () => {
    const items = central.items();
    assert.equal(items.length, 62);
    assert.deepEqual(Object.keys(items[0]), [
      "code", "kind", "group", "subgroup", "text_vi", "text_en", "severity", "wording",
      "source_document", "source_point", "applies_to", "refines",
    ]);
    assert.deepEqual(items[0], central.item(items[0].code));
    const first = central.item("TTCT-1");
    assert.equal(first.kind, "manifestation");
    assert.equal(first.group, "NQ04");
    assert.equal(first.subgroup, "TTCT");
    assert.equal(first.source_document, "04-NQ/TW");
    assert.equal(first.refines, null);
    assert.deepEqual(first.applies_to, []);
    const kinds = new Set(items.map((item) => item.kind));
    assert.deepEqual([...kinds], ["manifestation", "exemplary", "prohibition"]);
    assert.equal(central.item("NOPE"), undefined);
  });

  it("validates clean", () => {
    assert.deepEqual(central.validate(), []);
    assert.deepEqual(central.validate(null), []);
  });

  it("round-trips through JSON text and plain objects", () => {
    const object = central.toObject();
    assert.equal(Object.getPrototypeOf(object), Object.prototype, "a plain object, not a Map");
    assert.deepEqual(Catalogue.fromJson(central.toJson()).toObject(), object);
    assert.deepEqual(Catalogue.fromObject(object).toObject(), object);
    assert.deepEqual(JSON.parse(central.toJson()), object);
  });

  it("gives independent handles: freeing one leaves the others usable", () => {
    const again = Catalogue.central2020();
    again.free();
    assert.equal(central.counts().manifestation, 27);
  });
});

describe("Catalogue.syntheticLocal", () => {
  it("is shaped like the article's 82 / 23 / 22 lists and refines the central one", () => {
    const local = Catalogue.syntheticLocal();
    assert.deepEqual(local.counts(), { manifestation: 82, exemplary: 23, prohibition: 22 });
    assert.equal(local.origin, "synthetic");
    assert.deepEqual(local.validate(Catalogue.central2020()), []);
    assert.deepEqual(local.validate(Catalogue.central2020().toObject()), []);
    const warnings = local.validate();
    assert.ok(warnings.length > 0, "without the central catalogue the refines targets cannot be checked");
    assert.ok(warnings.every((finding) => finding.level === "warning"));
  });
});

describe("findings", () => {
  it("a small valid catalogue has none", () => {
    assert.deepEqual(Catalogue.fromObject(smallCatalogue()).validate(), []);
  });

  it("a duplicate code is a located finding, a plain object in the wire shape", () => {
    const object = smallCatalogue();
    object.groups[1].items[0].code = "M-1";
    const findings = Catalogue.fromObject(object).validate();
    const duplicate = findings.find((finding) => finding.code === "duplicate_code");
    assert.ok(duplicate, JSON.stringify(findings));
    assert.equal(Object.getPrototypeOf(duplicate), Object.prototype);
    assert.equal(duplicate.level, "error");
    assert.deepEqual(duplicate.path, ["groups", 1, "items", 0, "code"]);
    assert.deepEqual(duplicate.params, { code: "M-1" });
    assert.equal(Object.getPrototypeOf(duplicate.params), Object.prototype, "params is not a Map");
    assert.equal(typeof duplicate.message_vi, "string");
    assert.equal(typeof duplicate.message_en, "string");
  });
});

describe("structure errors", () => {
  it("JSON that does not parse is invalid_json with a line and column", () => {
    const error = throwsSoisua(() => Catalogue.fromJson("{"), "invalid_json");
    assert.equal(error.location.line, 1);
    assert.equal(typeof error.location.column, "number");
  });

  it("a bad value is located by its path", () => {
    const object = smallCatalogue();
    object.groups[0].items[0].severity = "huge";
    const error = throwsSoisua(() => Catalogue.fromObject(object), "invalid_json");
    assert.deepEqual(error.location.path, ["groups", 0, "items", 0, "severity"]);
    const text = throwsSoisua(() => Catalogue.fromJson(JSON.stringify(object, null, 2)), "invalid_json");
    assert.deepEqual(text.location.path, ["groups", 0, "items", 0, "severity"]);
    assert.ok(text.location.line > 1);
  });

  it("an unknown field is refused", () => {
    const object = { ...smallCatalogue(), colour: "red" };
    throwsSoisua(() => Catalogue.fromObject(object), "invalid_json");
  });

  it("Vietnamese typed decomposed is read as NFC", () => {
    const object = smallCatalogue();
    object.groups[0].items[0].text.vi = "Đ\u006f\u0302\u0323ng";
    const row = Catalogue.fromObject(object).item("M-1");
    assert.equal(row.text_vi, "Động");
  });
});

describe("Catalogue.fromCsv", () => {
  it("returns the catalogue and the findings about rows", () => {
    const { groups, ...rest } = smallCatalogue();
    const header = JSON.stringify({
      ...rest,
      groups: groups.map(({ items, ...group }) => group),
    });
    const csv = [
      "group,subgroup,code,text_vi,text_en,severity,wording,source_document,source_point,applies_to,refines",
      "M,,M-1,Biểu hiện 1,Manifestation 1,minor,label,Synthetic,,,",
      "E,,E-1,Nêu gương 1,Exemplary 1,huge,label,Synthetic,,,",
      "P,,P-1,Điều cấm 1,Prohibited 1,serious,label,Synthetic,,,",
    ].join("\n");
    const result = Catalogue.fromCsv(header, csv);
    assert.deepEqual(Object.keys(result), ["catalogue", "issues"]);
    assert.ok(result.catalogue instanceof Catalogue);
    assert.ok(Array.isArray(result.issues));
    const bad = result.issues.find((issue) => issue.path[0] === 3 && issue.path[1] === "severity");
    assert.ok(bad, `the bad cell is row 3 (the header is row 1): ${JSON.stringify(result.issues)}`);
    assert.equal(bad.level, "error");
    assert.deepEqual(result.catalogue.items().map((item) => item.code), ["M-1", "P-1"], "the bad row is left out");
  });

  it("refuses a header that is not JSON", () => {
    throwsSoisua(() => Catalogue.fromCsv("not json", "code\n"), "invalid_json");
  });
});
