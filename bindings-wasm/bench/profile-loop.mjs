#!/usr/bin/env node
// A hot loop of one call on one review, for `node --cpu-prof` (see bench/cpuprofile.mjs):
//   node --cpu-prof --cpu-prof-dir=DIR bindings-wasm/bench/profile-loop.mjs [--pkg DIR] [CALL] [REVIEW] [SECONDS]
// CALL: validateForm, preview (default) or validateForm+preview; REVIEW: complete (default),
// partial or empty. Best with a module that keeps its function names (bench/build.sh OUT --names).
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { CALLS, reviews } from "./form-common.mjs";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const args = process.argv.slice(2);
let pkg = join(repo, "bindings-wasm", "pkg");
if (args[0] === "--pkg") {
  pkg = resolve(args[1]);
  args.splice(0, 2);
}
const [call = "preview", which = "complete", seconds = "3"] = args;
const soisua = await import(pathToFileURL(join(pkg, "soisua_wasm.js")).href);
soisua.initSync({ module: readFileSync(join(pkg, "soisua_wasm_bg.wasm")) });
const catalogue = soisua.Catalogue.central2020();
const organisation = soisua.Organisation.fromJson(
  readFileSync(join(repo, "examples", "web-form", "demo-organisation.json"), "utf8"),
);
const evaluator = new soisua.Evaluator(catalogue, organisation);
const review = reviews(evaluator, catalogue)[which];
const run = CALLS[call];
const until = performance.now() + Number(seconds) * 1000;
let n = 0;
while (performance.now() < until) {
  run(evaluator, review);
  n += 1;
}
console.log(`${call}(${which}): ${n} calls, ${((Number(seconds) * 1e6) / n).toFixed(1)} µs each`);
