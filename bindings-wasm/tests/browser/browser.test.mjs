// The browser smoke test: serves bindings-wasm/ on 127.0.0.1 (a free port), opens
// tests/browser/index.html in Debian's headless Chromium through playwright-core, and checks the
// page's results, that the console stayed clean, and that no request left the page's origin.
// Saves a screenshot to target/browser-smoke.png.
//
// Without /usr/bin/chromium (or $SOISUA_CHROMIUM) the test is skipped with a message, unless
// SOISUA_REQUIRE_BROWSER is set, in which case it fails.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";

const CHROMIUM = process.env.SOISUA_CHROMIUM || "/usr/bin/chromium";
const ARGS = [
  "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
  "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
const root = fileURLToPath(new URL("../../", import.meta.url)); // bindings-wasm/
const repo = fileURLToPath(new URL("../../../", import.meta.url));
const screenshot = join(repo, "target", "browser-smoke.png");
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".ts": "text/plain; charset=utf-8",
};

const required = Boolean(process.env.SOISUA_REQUIRE_BROWSER);
const present = existsSync(CHROMIUM);
const skip = !present && !required
  ? `${CHROMIUM} is missing: browser test skipped (install chromium, or set SOISUA_REQUIRE_BROWSER=1 to make this a failure)`
  : false;
if (skip) console.warn(`[browser.test] ${skip}`);

/** A static file server for bindings-wasm/, refusing paths outside it. */
function serve() {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const file = normalize(join(root, decodeURIComponent(url.pathname)));
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    response.writeHead(200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "cache-control": "no-store",
    });
    response.end(readFileSync(file));
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}

describe("browser smoke test", { skip, timeout: 180_000 }, () => {
  let server;
  let context;
  let profile;

  before(async () => {
    assert.ok(present, `${CHROMIUM} is missing and SOISUA_REQUIRE_BROWSER is set`);
    assert.ok(existsSync(join(root, "pkg", "soisua_wasm.js")), "bindings-wasm/pkg is missing: run scripts/build-wasm.sh");
    server = await serve();
    const { chromium } = await import("playwright-core");
    profile = mkdtempSync(join(tmpdir(), "soisua-chromium-"));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 900, height: 700 },
    });
  });

  after(async () => {
    await context?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it("loads the module, validates the central catalogue and shows a finding", async () => {
    const origin = `http://127.0.0.1:${server.address().port}`;
    const page = await context.newPage();
    const consoleProblems = [];
    const requests = [];
    const failed = [];
    page.on("console", (message) => {
      if (["error", "warning"].includes(message.type())) consoleProblems.push(`${message.type()}: ${message.text()}`);
    });
    page.on("pageerror", (error) => consoleProblems.push(`pageerror: ${error.message}`));
    page.on("request", (request) => requests.push(request.url()));
    page.on("requestfailed", (request) => failed.push(`${request.url()}: ${request.failure()?.errorText}`));
    page.on("response", (response) => {
      if (response.status() >= 400) failed.push(`${response.url()}: HTTP ${response.status()}`);
    });

    await page.goto(`${origin}/tests/browser/index.html`, { waitUntil: "load" });
    await page.waitForFunction(() => document.body.dataset.status !== "loading", null, { timeout: 60_000 });
    const result = await page.evaluate(() => window.soisuaResult);
    mkdirSync(join(repo, "target"), { recursive: true });
    await page.screenshot({ path: screenshot, fullPage: true });

    assert.equal(await page.evaluate(() => document.body.dataset.status), "ok", result?.error);
    assert.deepEqual(result.counts, { manifestation: 27, exemplary: 16, prohibition: 19 });
    assert.deepEqual(result.centralFindings, []);
    assert.deepEqual(result.reference, { id: "central-2020", version: "2020.1" });
    const duplicate = result.findings.find((finding) => finding.code === "duplicate_code");
    assert.ok(duplicate, JSON.stringify(result.findings));
    assert.deepEqual(duplicate.path.slice(0, 4), ["groups", 0, "subgroups", 0]);
    assert.deepEqual(result.thrown, { isError: true, name: "SoisuaError", code: "invalid_json", line: 1 });
    const shown = await page.textContent("#finding");
    assert.ok(shown.includes(duplicate.message_vi), shown);
    assert.match(await page.textContent("#counts"), /Biểu hiện suy thoái\s*27/);

    assert.deepEqual(consoleProblems, [], "the console stayed clean");
    assert.deepEqual(failed, [], "every request succeeded");
    const away = requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith("data:"));
    assert.deepEqual(away, [], "every request stayed on the page's origin");
    assert.ok(requests.some((url) => url.endsWith("/pkg/soisua_wasm_bg.wasm")), requests.join("\n"));
  });
});

// Keep the platform separator in use explicit for the path check above.
assert.equal(sep, "/", "the static server expects POSIX paths");
