// The Organisation and ReviewBatch classes.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  Catalogue,
  Organisation,
  ReviewBatch,
  smallCatalogue,
  smallOrganisation,
  smallReviews,
  throwsSoisua,
} from "./soisua.mjs";

describe("Organisation", () => {
  it("reads objects and JSON text, and round-trips", () => {
    const org = Organisation.fromObject(smallOrganisation());
    assert.equal(org.id, "mau");
    assert.deepEqual(org.validate(), []);
    assert.deepEqual(org.toObject(), smallOrganisation());
    assert.deepEqual(Organisation.fromJson(org.toJson()).toObject(), org.toObject());
  });

  it("summarises units by kind and members", () => {
    const summary = Organisation.fromObject(smallOrganisation()).summary();
    assert.deepEqual(summary, { id: "mau", units: { committee: 1, cell: 1, group: 0 }, members: 2 });
  });

  it("reports a dangling parent as a located finding", () => {
    const object = smallOrganisation();
    object.units[1].parent = "NOWHERE";
    const findings = Organisation.fromObject(object).validate();
    const finding = findings.find((f) => f.code === "unknown_parent");
    assert.ok(finding, JSON.stringify(findings));
    assert.deepEqual(finding.path, ["units", 1, "parent"]);
  });

  it("refuses a bad date with a located structure error", () => {
    const object = smallOrganisation();
    object.members[0].memberships[0].from = "2010-13-01";
    const error = throwsSoisua(() => Organisation.fromObject(object), "invalid_json");
    assert.deepEqual(error.location.path, ["members", 0, "memberships", 0, "from"]);
  });

  it("makes the same synthetic district for the same seed", () => {
    const a = Organisation.synthetic("district", 7);
    const b = Organisation.synthetic("district", 7n);
    assert.equal(a.toJson(), b.toJson());
    const summary = a.summary();
    assert.ok(summary.members > 5000 && summary.members < 8000, `about 6,300 members: ${summary.members}`);
    assert.deepEqual(a.validate(), []);
    assert.notEqual(Organisation.synthetic("district", 8).toJson(), a.toJson());
  });

  it("refuses an unknown scale and a bad seed", () => {
    throwsSoisua(() => Organisation.synthetic("planet", 1), "unknown_name");
    for (const seed of [-1, 1.5, NaN, Infinity, 2 ** 53, "7", undefined, null, -1n, 2n ** 64n]) {
      throwsSoisua(() => Organisation.synthetic("district", seed), "invalid_argument");
    }
    assert.ok(Organisation.synthetic("district", 2n ** 64n - 1n).summary().members > 0);
  });
});

describe("ReviewBatch", () => {
  const catalogue = Catalogue.fromObject(smallCatalogue());
  const org = Organisation.fromObject(smallOrganisation());

  it("reads, validates and round-trips a batch", () => {
    const batch = ReviewBatch.fromObject(smallReviews());
    assert.equal(batch.length, 2);
    assert.deepEqual(batch.validate(catalogue, org), []);
    assert.deepEqual(batch.toObject(), smallReviews());
    assert.deepEqual(ReviewBatch.fromJson(batch.toJson()).toObject(), smallReviews());
  });

  it("locates findings as reviews[i].answers[j]", () => {
    const object = smallReviews();
    object.reviews[1].answers[2].cell = "present";
    object.reviews[0].answers.push({ item: "X-9", cell: "none" });
    const findings = ReviewBatch.fromObject(object).validate(catalogue, org);
    const codes = findings.map((f) => f.code).sort();
    assert.deepEqual(codes, ["finding_wrong_kind", "unknown_item"], JSON.stringify(findings));
    const wrong = findings.find((f) => f.code === "finding_wrong_kind");
    assert.deepEqual(wrong.path.slice(0, 4), ["reviews", 1, "answers", 2]);
  });

  it("refuses an unknown finding with a located structure error", () => {
    const object = smallReviews();
    object.reviews[0].answers[0].cell = "maybe";
    const error = throwsSoisua(() => ReviewBatch.fromObject(object), "invalid_json");
    assert.deepEqual(error.location.path, ["reviews", 0, "answers", 0, "cell"]);
  });

  it("makes a synthetic month that validates clean", () => {
    const district = Organisation.synthetic("district", 2020);
    const local = Catalogue.syntheticLocal();
    const batch = ReviewBatch.synthetic(district, local, "2020-09", 2020);
    assert.ok(batch.length > 5000, `one review per member: ${batch.length}`);
    assert.ok(batch.length <= district.summary().members);
    assert.deepEqual(batch.validate(local, district), []);
  });

  it("refuses a bad month", () => {
    throwsSoisua(() => ReviewBatch.synthetic(org, catalogue, "2020-13", 1), "invalid_value");
    throwsSoisua(() => ReviewBatch.synthetic(org, catalogue, 202009, 1), "invalid_argument");
  });
});
