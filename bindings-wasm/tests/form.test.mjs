// The form's handle: an Evaluator loaded once, reviews validated, previewed, fingerprinted and
// verified as a secretary fills them in; the answers equal the shared vectors' (tests/vectors/form.json).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import { call, Catalogue, Evaluator, Organisation, throwsSoisua } from "./soisua.mjs";

const vectors = JSON.parse(readFileSync(new URL("../../tests/vectors/form.json", import.meta.url), "utf8")).cases;
const orgObject = vectors[0].input.organisation;
const central = Catalogue.central2020();
const org = Organisation.fromObject(orgObject);
const evaluator = new Evaluator(central, org);

function review(answers, extra = {}) {
  return {
    member: "DV1", unit: "CB1", month: "2020-09", catalogue: { id: "central-2020", version: "2020.1" },
    status: "draft", answers, ...extra,
  };
}

/** Every item answered clean, in catalogue order. */
function complete(status = "final") {
  const clean = { manifestation: "none", exemplary: "good", prohibition: "clear" };
  return review(central.items().map((i) => ({ item: i.code, cell: clean[i.kind] })), { status });
}

describe("Evaluator", () => {
  it("answers as the vectors do, through the handle", () => {
    const byOp = {
      "evaluation.outlook": (r) => evaluator.outlook(r),
      "evaluation.preview": (r) => evaluator.preview(r),
      "evaluation.review": (r) => evaluator.evaluate(r),
    };
    let checked = 0;
    for (const v of vectors) {
      const run = byOp[v.op];
      if (!run || v.input.policy) continue;
      assert.deepEqual({ ok: run(v.input.review) }, v.expect, v.name);
      checked += 1;
    }
    assert.ok(checked >= 5, `${checked} vectors checked`);
  });

  it("takes a policy object or its JSON text, and refuses a broken one with its findings", () => {
    const withPolicy = vectors.find((v) => v.input.policy);
    const strict = new Evaluator(central, org, withPolicy.input.policy);
    assert.deepEqual({ ok: strict.outlook(withPolicy.input.review) }, withPolicy.expect);
    const text = new Evaluator(central, org, JSON.stringify(withPolicy.input.policy));
    assert.equal(text.policy.breadth.manifestations, 2);
    const broken = { ...withPolicy.input.policy, recurrence: { cases: 0, within_months: 6 } };
    const error = throwsSoisua(() => new Evaluator(central, org, broken), "invalid_document");
    assert.deepEqual(error.issues.map((i) => i.path), [["recurrence", "cases"]]);
    assert.equal(evaluator.policy.id, "soisua-default");
    assert.deepEqual(evaluator.catalogue, { id: "central-2020", version: "2020.1" });
  });

  it("lists a cell's members for a month and the items that apply to each", () => {
    const members = evaluator.members("CB1", "2020-09");
    assert.deepEqual(members.map((m) => [m.id, m.name, m.status]), [
      ["DV1", "Nguyễn Văn An", "full"],
      ["DV2", "Trần Thị Bình", "probationary"],
    ]);
    assert.deepEqual(evaluator.members("CB1", "2020-02").map((m) => m.id), ["DV1"]);
    const items = evaluator.applicableItems("DV1", "2020-09");
    assert.equal(items.length, 62);
    assert.deepEqual(items, central.items().map((i) => i.code));
    throwsSoisua(() => evaluator.members("CB9", "2020-09"), "unknown_name");
    throwsSoisua(() => evaluator.members("CB1", "2020-13"), "invalid_value");
    throwsSoisua(() => evaluator.applicableItems("DV9", "2020-09"), "unknown_name");
  });

  it("validates one answer as it is entered, only for its own field", () => {
    const form = review([]);
    assert.deepEqual(evaluator.validateAnswer(form, { item: "TTCT-3", cell: "present" }), []);
    const wrong = evaluator.validateAnswer(form, { item: "TTCT-3", self: "good", cell: "violated" });
    assert.deepEqual(wrong.map((f) => [f.field, f.code]), [
      ["answers.TTCT-3.self", "finding_wrong_kind"],
      ["answers.TTCT-3.cell", "finding_wrong_kind"],
    ]);
    assert.match(wrong[1].message_vi, /không dùng cho nội dung `TTCT-3`/);
    const unknown = evaluator.validateAnswer(form, { item: "XX-1", cell: "present" });
    assert.deepEqual(unknown.map((f) => [f.field, f.code]), [["answers.XX-1", "unknown_item"]]);
    throwsSoisua(() => evaluator.validateAnswer(form, { item: "TTCT-3", cell: "maybe" }), "invalid_json");
    throwsSoisua(() => evaluator.validateAnswer(form, "TTCT-3"), "invalid_argument");
  });

  it("places a whole form's findings on its fields; a final form lacking a conclusion is an error there", () => {
    const answers = complete().answers.filter((a) => a.item !== "DDLS-4");
    const fields = evaluator.validateForm(review(answers, { status: "final" }));
    assert.deepEqual(fields.map((f) => [f.field, f.code, f.level]), [
      ["answers.DDLS-4.cell", "missing_cell_conclusion", "error"],
    ]);
    const draft = evaluator.validateForm(review(answers));
    assert.deepEqual(draft.map((f) => f.level), ["warning"]);
    assert.deepEqual(evaluator.validateForm(complete()), []);
  });

  it("previews the verdict as it is decided, and a complete form as decided on its own verdict", () => {
    const blank = evaluator.preview(review([]));
    assert.equal(blank.outlook.decided, false);
    assert.equal(blank.outlook.open_items.length, 62);
    const grave = evaluator.preview(review([{ item: "QD47-1", cell: "violated" }]));
    assert.equal(grave.outlook.verdict, "inspect");
    assert.equal(grave.evaluation.result.verdict, "inspect");
    const done = evaluator.preview(complete());
    assert.equal(done.evaluation.result.verdict, "commend");
    assert.deepEqual([done.outlook.decided, done.outlook.verdict, done.outlook.unanswered], [true, "commend", []]);
    assert.equal(done.outlook.explanation.vi, "Kết quả: “biểu dương”.");
  });

  it("fingerprints: the same from the handle and from call, insensitive to answer order and NFD, and verified", () => {
    const r = complete();
    const fingerprint = evaluator.fingerprint(r);
    assert.match(fingerprint, /^sha256:[0-9a-f]{64}$/);
    const viaCall = call("evaluation.review", { catalogue: "central-2020", organisation: orgObject, review: r });
    assert.equal(viaCall.ok.fingerprint, fingerprint);
    const shuffled = { ...r, answers: [...r.answers].reverse(), notes: "Đo\u0302\u0300ng chí" };
    const nfc = { ...r, notes: "Đồng chí" };
    assert.equal(evaluator.fingerprint(shuffled), evaluator.fingerprint(nfc));
    assert.notEqual(evaluator.fingerprint(nfc), fingerprint, "the notes are part of the input");
    assert.equal(evaluator.verify(r, fingerprint), true);
    assert.equal(evaluator.verify({ ...r, status: "draft" }, fingerprint), false);
    assert.deepEqual(evaluator.verifyDetail(r, "sha256:0"), { matches: false, fingerprint });
    const strict = new Evaluator(central, org, vectors.find((v) => v.input.policy).input.policy);
    assert.notEqual(strict.fingerprint(r), fingerprint, "the policy's version is part of the fingerprint");
    // The shared vectors' fingerprints, computed in Rust and Python too.
    for (const v of vectors.filter((v) => v.op === "evaluation.verify" && v.expect.ok)) {
      assert.equal(evaluator.verify(v.input.review, v.input.fingerprint), v.expect.ok.matches, v.name);
    }
  });

  it("refuses bad reviews with typed errors, never a trap", () => {
    for (const bad of [undefined, null, 42, NaN, [], "{", "[]", { member: "DV1" }]) {
      assert.throws(() => evaluator.preview(bad), (e) => e.name === "SoisuaError" && typeof e.code === "string");
    }
    throwsSoisua(() => evaluator.preview({ ...review([]), member: "DV9" }), "unknown_name");
    throwsSoisua(() => evaluator.preview({ ...review([]), month: "2020-13" }), "invalid_json");
    throwsSoisua(() => evaluator.preview({ ...review([]), answers: [{ item: "TTCT-1", cell: NaN }] }), "invalid_argument");
    throwsSoisua(() => evaluator.verify(review([]), 42), "invalid_argument");
    let deep = [];
    for (let i = 0; i < 5000; i += 1) deep = [deep];
    throwsSoisua(() => evaluator.preview({ ...review([]), notes: deep }), "invalid_argument");
    const huge = "x".repeat(1 << 20);
    const preview = evaluator.preview({ ...review([]), notes: huge });
    assert.equal(preview.outlook.decided, false);
    // The evaluator still works after every refusal.
    assert.equal(evaluator.preview(complete()).evaluation.result.verdict, "commend");
  });
});
