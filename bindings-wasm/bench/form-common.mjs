// What bench/form.mjs (Node) and bench/form-browser.mjs (headless Chromium) both measure: the
// form's `Evaluator` on one member's form of the central catalogue, with the organisation of the
// web form's demo (examples/web-form/demo-organisation.json), member DV01 of cell CB-PH.
//
// Runs wherever `performance.now()` exists; no Node-only import, so a page can load it as is.

/** The member whose form is measured, the month and the unit. */
export const MEMBER = "DV01";
export const UNIT = "CB-PH";
export const MONTH = "2020-09";

const CLEAN = { manifestation: "none", exemplary: "good", prohibition: "clear" };
const ADVERSE = { manifestation: "present", exemplary: "not_yet_good", prohibition: "violated" };

/**
 * The reviews measured, all of member DV01 in 2020-09:
 * - `complete`: every applicable item answered by the member and concluded by the cell, clean,
 *   final (the form as it is submitted: no finding);
 * - `partial`: the first half answered, two manifestations present (a draft being filled in:
 *   warnings for the missing conclusions, an open outlook);
 * - `empty`: a draft with no answer (the form as it opens: one warning per applicable item).
 */
export function reviews(evaluator, catalogue) {
  const kinds = new Map(catalogue.items().map((i) => [i.code, i.kind]));
  const codes = evaluator.applicableItems(MEMBER, MONTH);
  const base = {
    member: MEMBER,
    unit: UNIT,
    month: MONTH,
    catalogue: evaluator.catalogue,
  };
  const clean = (code) => ({ item: code, self: CLEAN[kinds.get(code)], cell: CLEAN[kinds.get(code)] });
  const complete = { ...base, status: "final", answers: codes.map(clean) };
  let adverse = 0;
  const partial = {
    ...base,
    status: "draft",
    answers: codes.slice(0, Math.ceil(codes.length / 2)).map((code) => {
      const kind = kinds.get(code);
      if (kind === "manifestation" && adverse < 2) {
        adverse += 1;
        return { item: code, self: CLEAN[kind], cell: ADVERSE[kind] };
      }
      return clean(code);
    }),
  };
  const empty = { ...base, status: "draft", answers: [] };
  return { complete, partial, empty, applicable: codes.length };
}

/** The calls measured per review, in report order. */
export const CALLS = {
  validateForm: (evaluator, review) => evaluator.validateForm(review),
  preview: (evaluator, review) => evaluator.preview(review),
  "validateForm+preview": (evaluator, review) => {
    evaluator.validateForm(review);
    return evaluator.preview(review);
  },
};

/** p-th quantile (0..1) of sorted numbers, by linear interpolation. */
export function quantile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const at = (sorted.length - 1) * p;
  const low = Math.floor(at);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}

/** `{median, p10, p90, n}` of a list of numbers. */
export function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: quantile(sorted, 0.5), p10: quantile(sorted, 0.1), p90: quantile(sorted, 0.9), n: sorted.length };
}

/** The smallest step `performance.now()` shows, in ms (Node: well under 1 µs; a browser: 5 µs or more). */
export function timerResolution(now = () => performance.now()) {
  let smallest = Infinity;
  for (let i = 0; i < 50; i += 1) {
    const a = now();
    let b = now();
    while (b === a) b = now();
    smallest = Math.min(smallest, b - a);
  }
  return smallest;
}

/**
 * Per-call times of `fn` in µs after `warmupMs` of calls: `samples` samples, each one call when the
 * timer `now` (ms; default `performance.now`) is fine enough (1 µs or better), otherwise the mean of a batch of calls lasting at least 100
 * timer steps (so a coarse browser timer still gives per-call numbers; p10/p90 are then those of
 * batch means).
 */
export function perCall(fn, { warmupMs = 500, samples = 2000, now = () => performance.now(), resolution } = {}) {
  resolution ??= timerResolution(now);
  const until = performance.now() + warmupMs;
  let warm = 0;
  while (performance.now() < until || warm < 50) {
    fn();
    warm += 1;
  }
  let batch = 1;
  if (resolution > 0.0011) {
    const t0 = now();
    for (let i = 0; i < 20; i += 1) fn();
    const each = (now() - t0) / 20;
    batch = Math.max(1, Math.ceil((resolution * 100) / Math.max(each, 1e-6)));
  }
  const times = new Array(samples);
  for (let s = 0; s < samples; s += 1) {
    const t0 = now();
    for (let i = 0; i < batch; i += 1) fn();
    times[s] = ((now() - t0) * 1000) / batch;
  }
  return { ...summary(times), batch, warmupCalls: warm };
}

/** The review cases measured by default (see `reviewCase`). */
export const CASES = ["complete", "complete~", "complete-text~", "partial", "partial~", "empty", "empty~"];

/**
 * What each call is given, by case name: `complete`, `partial` or `empty` is that review, the same
 * object every call (an evaluator may remember its last review); a name ending in `~` alternates
 * between two versions of the review (notes "a" and "b"), so that each call gets a review other
 * than the last one, as when a form is being typed into; `-text` gives the review as JSON text,
 * stringified beforehand.
 * Returns a function giving the review for the next call.
 */
export function reviewCase(cases, name) {
  const alternate = name.endsWith("~");
  const text = name.replace(/~$/, "").endsWith("-text");
  const base = cases[name.replace(/~$/, "").replace(/-text$/, "")];
  if (!base) throw new Error(`unknown review case ${name}`);
  const wrap = (review) => (text ? JSON.stringify(review) : review);
  if (!alternate) {
    const review = wrap(base);
    return () => review;
  }
  const pair = [wrap({ ...base, notes: "a" }), wrap({ ...base, notes: "b" })];
  let turn = 0;
  return () => pair[(turn ^= 1)];
}

/**
 * Steady-state per-call numbers for every call on every review case: `[{review, call, median,
 * p10, p90, n, batch}]` in µs.
 */
export function measureCalls(evaluator, catalogue, options = {}) {
  const cases = reviews(evaluator, catalogue);
  const resolution = timerResolution(options.now);
  const rows = [];
  for (const name of options.reviews ?? CASES) {
    for (const [call, run] of Object.entries(CALLS)) {
      if (options.calls && !options.calls.includes(call)) continue;
      const next = reviewCase(cases, name);
      rows.push({ review: name, call, ...perCall(() => run(evaluator, next()), { ...options, resolution }) });
    }
  }
  return { rows, resolutionUs: resolution * 1000, applicable: cases.applicable };
}

/**
 * One run of each call, checked: what `--smoke` asserts. Returns a list of failures (empty when
 * sane).
 */
export function smoke(soisua, catalogue, evaluator) {
  const failures = [];
  const check = (ok, what) => {
    if (!ok) failures.push(what);
  };
  const items = catalogue.items();
  check(items.length >= 60, `the central catalogue has ${items.length} items`);
  const { complete, partial, empty, applicable } = reviews(evaluator, catalogue);
  check(applicable > 0 && applicable <= items.length, `${applicable} items apply to ${MEMBER}`);
  check(complete.answers.length === applicable, "the complete review answers every applicable item");

  const full = evaluator.validateForm(complete);
  check(Array.isArray(full) && full.length === 0, `validateForm(complete) gives ${JSON.stringify(full).slice(0, 200)}`);
  const done = evaluator.preview(complete);
  check(done.evaluation.result.verdict === "commend", `complete: verdict ${done.evaluation.result.verdict}`);
  check(done.outlook.decided === true && done.outlook.unanswered.length === 0, "complete: outlook decided");
  check(/^sha256:[0-9a-f]{64}$/.test(done.evaluation.fingerprint), `fingerprint ${done.evaluation.fingerprint}`);
  check(evaluator.verify(complete, done.evaluation.fingerprint), "verify(complete, its fingerprint)");
  check(done.fields.length === 0, "complete: no field finding");

  const blank = evaluator.validateForm(empty);
  const missing = blank.filter((f) => f.code === "missing_cell_conclusion");
  check(missing.length === applicable, `empty: ${missing.length} missing conclusions, ${applicable} expected`);
  check(missing.every((f) => f.level === "warning" && f.field.startsWith("answers.")), "empty: draft warnings on cells");
  const opened = evaluator.preview(empty);
  check(opened.outlook.decided === false && opened.outlook.unanswered.length === applicable, "empty: outlook open");
  check(opened.fields.length === opened.evaluation.issues.length, "empty: one field per finding");
  check(evaluator.verify(empty, opened.evaluation.fingerprint), "verify(empty, its fingerprint)");
  check(!evaluator.verify(empty, done.evaluation.fingerprint), "verify(empty, another review's fingerprint) is false");

  const half = evaluator.preview(partial);
  check(half.evaluation.result.verdict === "help", `partial: verdict ${half.evaluation.result.verdict}`);
  check(half.outlook.decided === false && half.outlook.open_items.length > 0, "partial: outlook open");
  check(half.evaluation.fingerprint !== opened.evaluation.fingerprint, "partial and empty fingerprints differ");
  // The same review as JSON text gives the same answer.
  const again = evaluator.preview(JSON.stringify(partial));
  check(again.evaluation.fingerprint === half.evaluation.fingerprint, "partial as JSON text: same fingerprint");
  check(JSON.stringify(again) === JSON.stringify(half), "partial as JSON text: same preview");
  check(typeof soisua.Evaluator === "function", "Evaluator exported");
  return failures;
}

/** A fixed-width table of rows `[{review, call, median, p10, p90}]`. */
export function table(rows) {
  const head = ["review", "call", "median µs", "p10 µs", "p90 µs", "batch"];
  const body = rows.map((r) => [
    r.review,
    r.call,
    r.median.toFixed(1),
    r.p10.toFixed(1),
    r.p90.toFixed(1),
    String(r.batch ?? 1),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}
