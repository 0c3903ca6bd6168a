#!/usr/bin/env node
// Benchmark of the browser form's module in Node: how long the form waits to start, and how long
// each check takes as a member's form is filled in. No dependency beyond Node.
//
//   node bindings-wasm/bench/form.mjs [--pkg DIR] [--runs N] [--samples N] [--warmup MS] [--json]
//   node bindings-wasm/bench/form.mjs --smoke [--pkg DIR]        one run of each call, checked (CI)
//   node bindings-wasm/bench/form.mjs --instantiate [--runs N]   only the start-up, N fresh processes
//   node bindings-wasm/bench/form.mjs --calls [...]              only the per-call numbers
//
// --pkg DIR      the module's folder (default bindings-wasm/pkg, the form's module); any folder with
//                soisua_wasm.js and soisua_wasm_bg.wasm (bindings-wasm/pkg-full works too)
// --runs N       fresh processes for the start-up numbers (default 15) and evaluators built (x20)
// --samples N    timed samples per call (default 2000), after --warmup MS of calls (default 500)
// --review CASE  only this review case (see below); repeatable
// --call NAME    only this call (validateForm, preview, validateForm+preview); repeatable
// --clock C      wall (default: performance.now) or cpu (this process's CPU time, all threads,
//                which a busy machine disturbs less; steps of a few µs, so calls are timed in
//                batches: the `batch` column)
// --json         the numbers as JSON on stdout instead of tables
//
// Measured:
// (a) start-up, in a fresh process each run: reading the .wasm, `initSync` (compile +
//     instantiate), `Catalogue.central2020()`, `Organisation.fromJson` (the demo organisation) and
//     `new Evaluator(...)`, and the first `preview` (cold code); the median over --runs processes;
// (b) `new Evaluator(catalogue, organisation)` in a warm process;
// (c) steady state per call, after warm-up: `validateForm`, `preview` and both in a row, on a
//     complete review (62 items answered, final), a half-filled draft and an empty draft of member
//     DV01 (see form-common.mjs); median, p10 and p90 in µs, each sample one call.
//     Review cases: `complete`, `partial`, `empty` give the same object every call; with `~` two
//     versions alternate (each call a review other than the last: what a form being typed into
//     costs, with nothing an evaluator remembers of its last review); `-text` gives JSON text.
import { spawnSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { CASES, measureCalls, smoke, summary, table } from "./form-common.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "..", "..");
const demoOrg = join(repo, "examples", "web-form", "demo-organisation.json");

function parseArgs(argv) {
  const options = {
    pkg: join(repo, "bindings-wasm", "pkg"), runs: 15, samples: 2000, warmup: 500, reviews: [], calls: [], clock: "wall",
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const next = () => {
      i += 1;
      if (i >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[i];
    };
    if (arg === "--pkg") options.pkg = resolve(next());
    else if (arg === "--runs") options.runs = Number(next());
    else if (arg === "--samples") options.samples = Number(next());
    else if (arg === "--warmup") options.warmup = Number(next());
    else if (arg === "--review") options.reviews.push(next());
    else if (arg === "--call") options.calls.push(next());
    else if (arg === "--clock") options.clock = next();
    else if (arg === "--json") options.json = true;
    else if (arg === "--smoke") options.smoke = true;
    else if (arg === "--instantiate") options.only = "instantiate";
    else if (arg === "--calls") options.only = "calls";
    else if (arg === "--child") options.child = true;
    else if (arg === "--help" || arg === "-h") options.help = true;
    else throw new Error(`unknown argument ${arg} (see --help)`);
  }
  if (options.reviews.length === 0) options.reviews = CASES;
  if (options.calls.length === 0) options.calls = undefined;
  if (!["wall", "cpu"].includes(options.clock)) throw new Error("--clock is wall or cpu");
  return options;
}

async function load(pkg) {
  return import(pathToFileURL(join(pkg, "soisua_wasm.js")).href);
}

/** One start-up, timed piece by piece, in this (fresh) process: printed as JSON for the parent. */
async function child(options) {
  const t0 = performance.now();
  const soisua = await load(options.pkg);
  const t1 = performance.now();
  const bytes = readFileSync(join(options.pkg, "soisua_wasm_bg.wasm"));
  const t2 = performance.now();
  soisua.initSync({ module: bytes });
  const t3 = performance.now();
  const catalogue = soisua.Catalogue.central2020();
  const t4 = performance.now();
  const organisation = soisua.Organisation.fromJson(readFileSync(demoOrg, "utf8"));
  const t5 = performance.now();
  const evaluator = new soisua.Evaluator(catalogue, organisation);
  const t6 = performance.now();
  const { reviews } = await import("./form-common.mjs");
  const { complete } = reviews(evaluator, catalogue);
  const t7 = performance.now();
  evaluator.preview(complete);
  const t8 = performance.now();
  process.stdout.write(
    JSON.stringify({
      importGlue: t1 - t0,
      readWasm: t2 - t1,
      initSync: t3 - t2,
      central2020: t4 - t3,
      "initSync+central2020": t4 - t2,
      organisation: t5 - t4,
      evaluator: t6 - t5,
      firstPreview: t8 - t7,
      total: t8 - t0 - (t7 - t6),
    }),
  );
}

function instantiate(options) {
  const runs = [];
  for (let r = 0; r < options.runs; r += 1) {
    const out = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--child", "--pkg", options.pkg], {
      encoding: "utf8",
    });
    if (out.status !== 0) throw new Error(`start-up run ${r} failed: ${out.stderr}`);
    runs.push(JSON.parse(out.stdout));
  }
  const result = {};
  for (const key of Object.keys(runs[0])) result[key] = summary(runs.map((run) => run[key]));
  return result;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.help) {
    const text = readFileSync(fileURLToPath(import.meta.url), "utf8");
    console.log(text.split("\n").filter((l) => l.startsWith("//")).map((l) => l.slice(3)).join("\n"));
    return;
  }
  if (options.child) return child(options);

  const wasm = join(options.pkg, "soisua_wasm_bg.wasm");
  const bytes = readFileSync(wasm);
  const module = { path: wasm, bytes: statSync(wasm).size, gzip9: gzipSync(bytes, { level: 9 }).length };
  const soisua = await load(options.pkg);
  soisua.initSync({ module: bytes });
  const catalogue = soisua.Catalogue.central2020();
  const organisation = soisua.Organisation.fromJson(readFileSync(demoOrg, "utf8"));
  const evaluator = new soisua.Evaluator(catalogue, organisation);

  if (options.smoke) {
    const failures = smoke(soisua, catalogue, evaluator);
    for (const f of failures) console.error(`smoke: FAILED ${f}`);
    console.log(`smoke: ${failures.length === 0 ? "ok" : "failed"} (${options.pkg})`);
    process.exitCode = failures.length === 0 ? 0 : 1;
    return;
  }

  const report = { node: process.version, module };
  if (options.only !== "calls") report.startup = instantiate(options);
  if (options.only !== "instantiate") {
    const times = [];
    for (let i = 0; i < 5; i += 1) new soisua.Evaluator(catalogue, organisation).free();
    for (let i = 0; i < options.runs * 20; i += 1) {
      const t0 = performance.now();
      const e = new soisua.Evaluator(catalogue, organisation);
      times.push((performance.now() - t0) * 1000);
      e.free();
    }
    report.newEvaluatorUs = summary(times);
    const cpu = () => {
      const used = process.cpuUsage();
      return (used.user + used.system) / 1000;
    };
    report.clock = options.clock;
    report.calls = measureCalls(evaluator, catalogue, {
      samples: options.samples,
      warmupMs: options.warmup,
      reviews: options.reviews,
      calls: options.calls,
      now: options.clock === "cpu" ? cpu : process.hrtime ? () => Number(process.hrtime.bigint()) / 1e6 : undefined,
    });
  }

  if (options.json) {
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  console.log(`node ${report.node}; module ${module.path}: ${module.bytes} bytes, ${module.gzip9} gzipped (-9)`);
  if (report.startup) {
    console.log(`\nstart-up, fresh process, median [p10, p90] of ${options.runs} (ms):`);
    for (const [key, s] of Object.entries(report.startup)) {
      console.log(`  ${key.padEnd(22)} ${s.median.toFixed(2).padStart(8)}  [${s.p10.toFixed(2)}, ${s.p90.toFixed(2)}]`);
    }
  }
  if (report.newEvaluatorUs) {
    const s = report.newEvaluatorUs;
    console.log(`\nnew Evaluator(central, demo organisation): median ${s.median.toFixed(1)} µs [p10 ${s.p10.toFixed(1)}, p90 ${s.p90.toFixed(1)}]`);
    console.log(`\nper call, steady state, ${options.clock} clock (${report.calls.applicable} applicable items; timer step ${report.calls.resolutionUs.toFixed(3)} µs):`);
    console.log(table(report.calls.rows));
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
