#!/usr/bin/env node
// The form benchmark (bench/form.mjs) in headless Chromium: the same module, the same reviews and
// the same calls, timed inside a page, as a secretary's browser runs them.
//
//   node bindings-wasm/bench/form-browser.mjs [--pkg DIR] [--runs N] [--samples N] [--warmup MS] [--json]
//   node bindings-wasm/bench/form-browser.mjs --smoke [--pkg DIR]
//
// Serves on 127.0.0.1 (a free port) only this folder, the module's folder and the demo
// organisation, with COOP/COEP headers so that the page is cross-origin isolated and
// `performance.now()` steps by 5 µs (100 µs otherwise); calls faster than 100 timer steps are
// timed in batches, each sample then the mean of a batch (the `batch` column).
// Chromium: $SOISUA_CHROMIUM or /usr/bin/chromium, driven by playwright-core (node_modules).
//
// Measured: (a) start-up in a fresh page (new browser context) each run: `await init()` (fetch,
// compile, instantiate) and `Catalogue.central2020()`, the organisation, `new Evaluator` and a
// first preview; the median over --runs pages; (c) per call after warm-up, as in form.mjs.
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { dirname, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { summary, table } from "./form-common.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "..", "..");
const CHROMIUM = process.env.SOISUA_CHROMIUM || "/usr/bin/chromium";
const ARGS = [
  "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
};

function parseArgs(argv) {
  const options = { pkg: join(repo, "bindings-wasm", "pkg"), runs: 7, samples: 1000, warmup: 500 };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const next = () => argv[++i];
    if (arg === "--pkg") options.pkg = resolve(next());
    else if (arg === "--runs") options.runs = Number(next());
    else if (arg === "--samples") options.samples = Number(next());
    else if (arg === "--warmup") options.warmup = Number(next());
    else if (arg === "--json") options.json = true;
    else if (arg === "--smoke") options.smoke = true;
    else throw new Error(`unknown argument ${arg}`);
  }
  return options;
}

/** The page: loads the module and runs `task` ("startup", "calls" or "smoke") on `window.bench`. */
const PAGE = `<!doctype html><meta charset="utf-8"><title>soisua form bench</title>
<script type="module">
  import init, * as soisua from "/pkg/soisua_wasm.js";
  import { measureCalls, smoke } from "/bench/form-common.mjs";
  window.bench = async (task, options) => {
    const orgText = await (await fetch("/demo-organisation.json")).text();
    const t0 = performance.now();
    await init({ module_or_path: "/pkg/soisua_wasm_bg.wasm" });
    const t1 = performance.now();
    const catalogue = soisua.Catalogue.central2020();
    const t2 = performance.now();
    const organisation = soisua.Organisation.fromJson(orgText);
    const t3 = performance.now();
    const evaluator = new soisua.Evaluator(catalogue, organisation);
    const t4 = performance.now();
    if (task === "startup") {
      const { reviews } = await import("/bench/form-common.mjs");
      const { complete } = reviews(evaluator, catalogue);
      const t5 = performance.now();
      evaluator.preview(complete);
      const t6 = performance.now();
      return { init: t1 - t0, central2020: t2 - t1, "init+central2020": t2 - t0, organisation: t3 - t2,
        evaluator: t4 - t3, firstPreview: t6 - t5, isolated: self.crossOriginIsolated };
    }
    if (task === "smoke") return smoke(soisua, catalogue, evaluator);
    return measureCalls(evaluator, catalogue, options);
  };
  window.ready = true;
</script>`;

function serve(pkg) {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://127.0.0.1").pathname);
    let file;
    if (path === "/" || path === "/index.html") file = null;
    else if (path === "/demo-organisation.json") file = join(repo, "examples", "web-form", "demo-organisation.json");
    else if (path.startsWith("/pkg/")) file = join(pkg, path.slice(5));
    else if (path.startsWith("/bench/")) file = join(here, path.slice(7));
    const headers = { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp",
      "Cache-Control": "no-store" };
    if (file === null) {
      response.writeHead(200, { ...headers, "Content-Type": TYPES[".html"] });
      response.end(PAGE);
      return;
    }
    const inside = file && (file.startsWith(pkg + "/") || file.startsWith(here + "/") || file.endsWith("demo-organisation.json"));
    if (!inside || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404, headers);
      response.end("not found");
      return;
    }
    response.writeHead(200, { ...headers, "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" });
    response.end(readFileSync(file));
  });
  return new Promise((done) => server.listen(0, "127.0.0.1", () => done(server)));
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (set SOISUA_CHROMIUM)`);
  const { chromium } = await import("playwright-core");
  const server = await serve(options.pkg);
  const url = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const run = async (task, args) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(url);
    await page.waitForFunction(() => window.ready === true);
    const result = await page.evaluate(([t, a]) => window.bench(t, a), [task, args]);
    await context.close();
    if (errors.length) throw new Error(errors.join("\n"));
    return result;
  };
  try {
    const version = browser.version();
    if (options.smoke) {
      const failures = await run("smoke", {});
      for (const f of failures) console.error(`smoke: FAILED ${f}`);
      console.log(`smoke (Chromium ${version}): ${failures.length === 0 ? "ok" : "failed"} (${options.pkg})`);
      process.exitCode = failures.length === 0 ? 0 : 1;
      return;
    }
    const startups = [];
    for (let r = 0; r < options.runs; r += 1) startups.push(await run("startup", {}));
    const startup = {};
    for (const key of Object.keys(startups[0]).filter((k) => k !== "isolated")) {
      startup[key] = summary(startups.map((s) => s[key]));
    }
    const calls = await run("calls", { samples: options.samples, warmupMs: options.warmup });
    const report = { chromium: version, isolated: startups[0].isolated, startup, calls };
    if (options.json) {
      console.log(JSON.stringify(report, null, 2));
      return;
    }
    console.log(`Chromium ${version}; module ${options.pkg}; cross-origin isolated: ${report.isolated}`);
    console.log(`\nstart-up, fresh page, median [p10, p90] of ${options.runs} (ms):`);
    for (const [key, s] of Object.entries(startup)) {
      console.log(`  ${key.padEnd(22)} ${s.median.toFixed(2).padStart(8)}  [${s.p10.toFixed(2)}, ${s.p90.toFixed(2)}]`);
    }
    console.log(`\nper call, steady state (${calls.applicable} applicable items; timer step ${calls.resolutionUs.toFixed(1)} µs):`);
    console.log(table(calls.rows));
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
