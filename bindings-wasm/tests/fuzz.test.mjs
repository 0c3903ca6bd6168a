// Seeded mutations of valid documents pushed through every entry point: whatever comes back, it
// must be a result or a `SoisuaError` with a known code — never a WebAssembly trap
// (`RuntimeError: unreachable`), which is what a panic becomes under `panic = "abort"`.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import {
  Catalogue,
  Evaluator,
  Organisation,
  ReviewBatch,
  assertSoisuaError,
  buildReport,
  call,
  mergeReports,
  redact,
  renderReport,
  smallCatalogue,
  smallOrganisation,
  smallReviews,
} from "./soisua.mjs";

const CODES = ["invalid_json", "invalid_csv", "invalid_value", "unknown_name", "invalid_argument", "invalid_document",
  "report_overlap", "report_scope_mismatch", "report_sealed"];
const ROUNDS = Number(process.env.SOISUA_FUZZ_ROUNDS ?? 150);

/** mulberry32: a small seeded generator, so a failure replays. */
function generator(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (list) => list[Math.floor(next() * list.length)];
  return { next, pick };
}

const LEAVES = [null, true, false, 0, -1, 1.5, 2 ** 31, 2 ** 53, "", " ", "x", "2020-13", "2020-09", "2021-02-30",
  "TTCT-1", "M-1", "CB-1", "DV1", "Đảng", "o\u0302\u0323", "\u0000", "a".repeat(300), "final", "draft", "present",
  "violated", "cell", "committee", "secretary", [], {}, [1, "a"], { vi: "", en: "" }];

function clone(value) {
  return JSON.parse(JSON.stringify(value));
}

/** Replaces, deletes or duplicates one randomly chosen node of `doc` (in place). */
function mutate(doc, { next, pick }) {
  let node = doc;
  for (let depth = 0; depth < 12; depth += 1) {
    const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    if (keys.length === 0) break;
    const key = pick(keys);
    const child = node[key];
    const descend = child !== null && typeof child === "object" && next() < 0.7;
    if (descend) {
      node = child;
      continue;
    }
    const roll = next();
    if (roll < 0.6) node[key] = clone(pick(LEAVES) ?? null);
    else if (roll < 0.8 && !Array.isArray(node)) delete node[key];
    else if (Array.isArray(node)) node.push(clone(child));
    else node[`${key}_x`] = clone(child);
    return;
  }
}

function survives(fn) {
  try {
    return fn();
  } catch (error) {
    assert.ok(!(error instanceof WebAssembly.RuntimeError), `a trap: ${error.stack}`);
    assertSoisuaError(error, error.code);
    assert.ok(CODES.includes(error.code), error.code);
    return undefined;
  }
}

function answers(op, input) {
  const answer = call(op, input);
  assert.ok("ok" in answer !== "error" in answer, JSON.stringify(answer).slice(0, 200));
  if (answer.error) assert.ok(CODES.includes(answer.error.code), answer.error.code);
  return answer;
}

describe("mutated documents never trap", () => {
  const central = Catalogue.central2020();
  const centralObject = central.toObject();
  const catalogue = Catalogue.fromObject(smallCatalogue());
  const org = Organisation.fromObject(smallOrganisation());

  it("catalogues", () => {
    const random = generator(1);
    for (let round = 0; round < ROUNDS; round += 1) {
      const doc = clone(round % 2 ? centralObject : smallCatalogue());
      for (let n = 1 + Math.floor(random.next() * 3); n > 0; n -= 1) mutate(doc, random);
      const loaded = survives(() => Catalogue.fromObject(doc));
      if (loaded) {
        survives(() => loaded.validate());
        survives(() => loaded.validate(central));
        survives(() => [loaded.items(), loaded.counts(), loaded.wordingCounts(), loaded.toJson()]);
        survives(() => Catalogue.fromJson(loaded.toJson()));
        loaded.free();
      }
      answers("catalogue.validate", { catalogue: doc, refined: "central-2020" });
      answers("catalogue.check_versions", { catalogues: [doc, centralObject] });
    }
  });

  it("organisations", () => {
    const random = generator(2);
    for (let round = 0; round < ROUNDS; round += 1) {
      const doc = smallOrganisation();
      for (let n = 1 + Math.floor(random.next() * 3); n > 0; n -= 1) mutate(doc, random);
      const loaded = survives(() => Organisation.fromObject(doc));
      if (loaded) {
        survives(() => [loaded.validate(), loaded.summary(), loaded.toJson()]);
        const batch = survives(() => ReviewBatch.fromObject(smallReviews()));
        survives(() => batch.validate(catalogue, loaded));
        loaded.free();
      }
      answers("organisation.validate", { organisation: doc });
    }
  });

  it("review batches", () => {
    const random = generator(3);
    for (let round = 0; round < ROUNDS; round += 1) {
      const doc = smallReviews();
      for (let n = 1 + Math.floor(random.next() * 3); n > 0; n -= 1) mutate(doc, random);
      const loaded = survives(() => ReviewBatch.fromObject(doc));
      if (loaded) {
        survives(() => loaded.validate(catalogue, org));
        survives(() => loaded.validate(central, org));
        loaded.free();
      }
      answers("reviews.validate", { catalogue: smallCatalogue(), organisation: smallOrganisation(), reviews: doc });
      answers("reviews.tally", { catalogue: smallCatalogue(), reviews: doc });
    }
  });

  it("form reviews through every Evaluator method", () => {
    const random = generator(4);
    const forms = new Evaluator(catalogue, org);
    const base = smallReviews().reviews[0];
    for (let round = 0; round < ROUNDS; round += 1) {
      const review = clone(base);
      for (let n = 1 + Math.floor(random.next() * 3); n > 0; n -= 1) mutate(review, random);
      const answer = clone(review.answers?.[0] ?? { item: "TTCT-1", cell: "present" });
      const preview = survives(() => forms.preview(review));
      if (preview) {
        assert.equal(preview.fields.length, preview.evaluation.issues.length);
        assert.equal(typeof preview.outlook.decided, "boolean");
        assert.equal(forms.verify(review, preview.evaluation.fingerprint), true);
      }
      survives(() => forms.outlook(review));
      survives(() => forms.validateForm(JSON.stringify(review)));
      survives(() => forms.validateAnswer(review, answer));
      survives(() => forms.validateAnswer(base, review));
      survives(() => forms.verify(review, random.pick(LEAVES)));
      survives(() => forms.members(random.pick(LEAVES), random.pick(LEAVES)));
      survives(() => forms.applicableItems(random.pick(LEAVES), "2020-09"));
      answers("evaluation.preview", { catalogue: smallCatalogue(), organisation: smallOrganisation(), review });
    }
    // Still usable after every refusal.
    assert.equal(typeof forms.preview(base).outlook.decided, "boolean");
  });

  it("JSON text cut and spliced", () => {
    const random = generator(4);
    const text = JSON.stringify(smallCatalogue());
    for (let round = 0; round < ROUNDS * 2; round += 1) {
      const at = Math.floor(random.next() * text.length);
      const cut = Math.floor(random.next() * 8);
      const spliced = text.slice(0, at) + random.pick(["", "{", "]", "\"", ",", "\\u00", "é", "\ud83d\ude00", "null"]) + text.slice(at + cut);
      survives(() => Catalogue.fromJson(spliced)?.validate());
    }
  });

  it("every operation with mutated inputs", () => {
    const random = generator(5);
    const base = { catalogue: "central-2020", organisation: smallOrganisation(), reviews: smallReviews(),
      period: "2020-09", scale: "district", seed: 1, month: "2020-09", header: "{}", csv: "", catalogues: [] };
    const ops = [
      "catalogue.summary", "catalogue.validate", "catalogue.from_csv", "catalogue.check_versions",
      "organisation.validate", "organisation.summary", "reviews.validate", "reviews.tally", "period.parse",
    ];
    for (let round = 0; round < ROUNDS; round += 1) {
      const input = clone(base);
      mutate(input, random);
      answers(random.pick(ops), input);
    }
  });

  it("mutated reports through every report operation", () => {
    const random = generator(6);
    const scenario = JSON.parse(readFileSync(new URL("../../tests/scenarios/07-supervision.json", import.meta.url), "utf8"));
    const august = buildReport(scenario, "2020-08");
    const september = buildReport(scenario, "2020-09");
    const ops = ["report.merge", "report.seal", "report.compare", "report.render", "report.lift", "visibility.redact"];
    for (let round = 0; round < ROUNDS; round += 1) {
      const report = clone(round % 2 ? august : september);
      for (let n = 1 + Math.floor(random.next() * 3); n > 0; n -= 1) mutate(report, random);
      const input = {
        report, reports: [report, round % 3 ? september : august], current: report, previous: august,
        parent: { unit: "DB", name: "Đảng bộ", kind: "committee", org_type: "commune" },
        format: random.pick(["document", "csv", "markdown", "html"]), organisation: scenario.organisation,
        viewer: random.pick([{ role: "public" }, { role: "secretary", unit: "CB-1" }, { role: "member", member: "DV1" }]),
        kind: "report", value: report,
      };
      answers(random.pick(ops), input);
      survives(() => mergeReports([august, report]));
      survives(() => renderReport(report, { format: "csv" }));
      survives(() => redact(scenario.organisation, { role: "secretary", unit: "CB-1" }, "report", report));
    }
  });
});
