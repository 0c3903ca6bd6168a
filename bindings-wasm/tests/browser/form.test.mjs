// The web form's end-to-end test: serves the repository root on 127.0.0.1 (a free port; only
// /examples/web-form/ and /bindings-wasm/pkg/), opens examples/web-form/ in Debian's headless
// Chromium through playwright-core, and fills in a cell's month as a secretary would: picks the
// cell, the month and a member, answers items, finalises, breaks a prohibition, reloads (the draft
// is restored from localStorage), exports the month and checks the exported file with the same
// module in Node (batch validation, fingerprints) and with the CLI when it is built. Also checks
// the cell's meeting (rated as it is recorded, findings on their fields, kept after a reload),
// the English switch, a phone-sized viewport, that the console stayed clean and that no request
// left the page's origin. Saves screenshots to target/web-form.png and target/web-form-phone.png,
// and the exported file to target/danh-gia-CB-PH-2020-09.json.
//
// Without /usr/bin/chromium (or $SOISUA_CHROMIUM) the test is skipped with a message, unless
// SOISUA_REQUIRE_BROWSER is set, in which case it fails.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
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
const repo = fileURLToPath(new URL("../../../", import.meta.url));
const pkg = join(repo, "bindings-wasm", "pkg");
const formDir = join(repo, "examples", "web-form");
const demoOrgPath = join(formDir, "demo-organisation.json");
const cli = join(repo, "target", "debug", "soisua");
const screenshot = join(repo, "target", "web-form.png");
const phoneScreenshot = join(repo, "target", "web-form-phone.png");
/** The only folders the server serves, as URL path prefixes. */
const SERVED = ["/examples/web-form/", "/bindings-wasm/pkg/"];
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".md": "text/plain; charset=utf-8",
};

const required = Boolean(process.env.SOISUA_REQUIRE_BROWSER);
const present = existsSync(CHROMIUM);
const skip = !present && !required
  ? `${CHROMIUM} is missing: web form test skipped (install chromium, or set SOISUA_REQUIRE_BROWSER=1 to make this a failure)`
  : false;
if (skip) console.warn(`[form.test] ${skip}`);

/** A static file server for the repository root that serves only `SERVED`. */
function serve() {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    let path = decodeURIComponent(url.pathname);
    if (path.endsWith("/")) path += "index.html";
    const file = normalize(join(repo, path));
    const allowed = SERVED.some((prefix) => file.startsWith(join(repo, prefix)));
    if (!allowed || !existsSync(file) || !statSync(file).isFile()) {
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

/** The radio of an item's cell conclusion (or self-assessment). */
const radio = (item, finding, role = "cell") => `#item-${item} input[name="${role}-${item}"][value="${finding}"]`;

describe("web form end to end", { skip, timeout: 120_000 }, () => {
  let server;
  let context;
  let profile;

  before(async () => {
    assert.ok(present, `${CHROMIUM} is missing and SOISUA_REQUIRE_BROWSER is set`);
    assert.ok(existsSync(join(pkg, "soisua_wasm.js")), "bindings-wasm/pkg is missing: run scripts/build-wasm.sh");
    server = await serve();
    const { chromium } = await import("playwright-core");
    profile = mkdtempSync(join(tmpdir(), "soisua-chromium-"));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
  });

  after(async () => {
    await context?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it("fills, finalises, restores, exports and verifies a cell's month", async () => {
    const started = Date.now();
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
    const opened = async () => {
      await page.waitForFunction(() => document.body.dataset.status !== "loading", null, { timeout: 30_000 });
      assert.equal(await page.evaluate(() => document.body.dataset.status), "ready", await page.textContent("#banner"));
    };

    /** Reads several things at once (one round trip): name → [selector, what], where what is
     *  "text", "value", "checked", "@attribute" or "described" (the texts aria-describedby names). */
    const read = (spec) => page.evaluate((spec) => Object.fromEntries(Object.entries(spec).map(([name, [selector, what = "text"]]) => {
      const node = document.querySelector(selector);
      if (!node) return [name, undefined];
      if (what === "text") return [name, node.textContent.trim()];
      if (what === "value") return [name, node.value];
      if (what === "checked") return [name, node.checked];
      if (what === "described") {
        return [name, (node.getAttribute("aria-describedby") ?? "").split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? "").join(" ")];
      }
      return [name, node.getAttribute(what.slice(1))];
    })), spec);

    await page.goto(`${origin}/examples/web-form/`, { waitUntil: "load" });
    await opened();
    let seen = await read({ lang: ["html", "@lang"], org: ["#org-name"], banner: ["#banner", "@hidden"] });
    assert.equal(seen.lang, "vi");
    assert.equal(seen.banner, "", "no load error");
    assert.match(seen.org, /Tân Phú/);

    // The cell, then a month that does not exist: a located error, not a crash.
    await page.selectOption("#unit", "CB-PH");
    await page.fill("#month", "2020-13");
    await page.press("#month", "Enter");
    seen = await read({ invalid: ["#month", "@aria-invalid"], msg: ["#month-msg"], described: ["#month", "described"] });
    assert.equal(seen.invalid, "true");
    assert.match(seen.msg, /không đọc được `2020-13` là một tháng/);
    assert.match(seen.described, /2020-13/, "the month field is described by its error");
    await page.fill("#month", "2020-09");
    await page.press("#month", "Enter");
    seen = await read({ invalid: ["#month", "@aria-invalid"], msg: ["#month-msg"] });
    assert.equal(seen.invalid, null);
    assert.equal(seen.msg, "");

    // The member, and a few answers (one with the member's self-assessment).
    const members = await page.$$eval("#member option", (options) => options.map((o) => [o.value, o.textContent]).filter(([v]) => v));
    assert.deepEqual(members.map(([id]) => id), ["DV01", "DV02", "DV03", "DV04", "DV05", "DV10"]);
    assert.match(members[0][1], /bí thư/);
    await page.selectOption("#member", "DV02");
    assert.equal(await page.locator("#items .item").count(), 62);
    seen = await read({
      label: ["#item-QD47-19 .wording"], source: ["#item-QD47-19 .source"], verbatim: ["#item-TTCT-1 .wording"],
      legend: ["#item-QD47-19 > legend"], radioLabel: ['#item-QD47-19 label:has(input[value="clear"])'],
    });
    assert.match(seen.label, /nhãn tóm tắt, không phải văn bản chính thức/, "a label item is marked as such");
    assert.match(seen.source, /47-QĐ\/TW, Điều 19/);
    assert.match(seen.verbatim, /nguyên văn/);
    assert.match(seen.legend, /^QD47-19 Điều không được làm thứ 19/);
    assert.equal(seen.radioLabel, "Không vi phạm");
    await page.check(radio("TTCT-1", "none"));
    await page.check(radio("TTCT-2", "none"));
    await page.check(radio("QD08-GM-1", "good"));
    await page.check("#show-self");
    await page.check(radio("TTCT-2", "present", "self"));
    seen = await read({ differ: ["#disagreements"], verdict: ["#verdict"], decided: ["#outlook", "@data-decided"], chip: ["#outlook-chip"] });
    assert.match(seen.differ, /TTCT-2/);
    assert.equal(seen.verdict, "chưa đánh giá");
    assert.equal(seen.decided, "false");
    assert.equal(seen.chip, "chưa xác định");

    // Final while QD47-19 is unanswered: a located error on its field.
    await page.check("#final");
    const cellRadio = '#item-QD47-19 input[name="cell-QD47-19"]';
    seen = await read({
      invalid: [cellRadio, "@aria-invalid"], state: ["#item-QD47-19", "@data-state"], msg: ["#msg-QD47-19-cell"],
      described: [cellRadio, "described"], live: ["#live"], summary: ["#summary"],
    });
    assert.equal(seen.invalid, "true");
    assert.equal(seen.state, "error");
    assert.match(seen.msg, /chưa có kết luận của chi bộ về nội dung `QD47-19`/);
    assert.match(seen.described, /chưa có kết luận của chi bộ về nội dung `QD47-19`/, "the radios are described by their error");
    assert.match(seen.live, /59 lỗi/);
    assert.match(seen.summary, /^59 lỗi/);

    await page.check(radio("QD47-19", "clear"));
    seen = await read({ invalid: [cellRadio, "@aria-invalid"], state: ["#item-QD47-19", "@data-state"], msg: ["#msg-QD47-19-cell"] });
    assert.deepEqual(seen, { invalid: null, state: null, msg: "" }, "the error is gone once answered");

    // A violated prohibition decides the verdict, whatever the rest says.
    await page.check(radio("QD47-3", "violated"));
    seen = await read({ verdict: ["#verdict"], decided: ["#outlook", "@data-decided"], chip: ["#outlook-chip"], why: ["#explanation"] });
    assert.equal(seen.verdict, "kiểm tra, xử lý");
    assert.equal(seen.decided, "true");
    assert.equal(seen.chip, "đã quyết định");
    assert.match(seen.why, /Trần Thị Mai.*QD47-3/);

    // The rest, with the per-part buttons: a complete final review without errors.
    for (const kind of ["manifestation", "exemplary", "prohibition"]) await page.click(`#kind-${kind} button.fill`);
    seen = await read({ summary: ["#summary"], progress: ["#progress"], verdict: ["#verdict"], fingerprint: ["#fingerprint"] });
    assert.equal(await page.locator('#items [aria-invalid="true"]').count(), 0);
    assert.match(seen.summary, /Không có lỗi/);
    assert.match(seen.progress, /62\/62/);
    assert.equal(seen.verdict, "kiểm tra, xử lý");
    const fingerprintDV02 = seen.fingerprint;
    assert.match(fingerprintDV02, /^sha256:[0-9a-f]{64}$/);

    // A second member, left as a draft.
    await page.click('#roster tr[data-member="DV03"] button');
    assert.equal(await page.inputValue("#member"), "DV03");
    await page.check(radio("TTCT-5", "present"));
    await page.fill("#notes", "Đồng chí đã nhận khuyết điểm, hứa khắc phục trong tháng 10.");
    await page.locator("#notes").blur();
    await page.waitForFunction(() => document.getElementById("verdict").textContent === "giúp đỡ, khắc phục");
    seen = await read({ fingerprint: ["#fingerprint"], dv02: ['#roster tr[data-member="DV02"]'] });
    const fingerprintDV03 = seen.fingerprint;
    assert.match(seen.dv02, /đã chốt/);

    // A reload restores the selection and both drafts.
    await page.reload({ waitUntil: "load" });
    await opened();
    seen = await read({
      unit: ["#unit", "value"], month: ["#month", "value"], member: ["#member", "value"],
      answer: [radio("TTCT-5", "present"), "checked"], notes: ["#notes", "value"], fingerprint: ["#fingerprint"],
    });
    assert.deepEqual(
      { ...seen, notes: undefined },
      { unit: "CB-PH", month: "2020-09", member: "DV03", answer: true, notes: undefined, fingerprint: fingerprintDV03 },
    );
    assert.match(seen.notes, /khắc phục trong tháng 10/);
    await page.selectOption("#member", "DV02");
    seen = await read({
      ttct1: [radio("TTCT-1", "none"), "checked"], gm1: [radio("QD08-GM-1", "good"), "checked"],
      qd19: [radio("QD47-19", "clear"), "checked"], qd3: [radio("QD47-3", "violated"), "checked"],
      ddls4: [radio("DDLS-4", "none"), "checked"], self: [radio("TTCT-2", "present", "self"), "checked"],
      final: ["#final", "checked"], fingerprint: ["#fingerprint"], verdict: ["#verdict"],
    });
    assert.deepEqual(seen, {
      ttct1: true, gm1: true, qd19: true, qd3: true, ddls4: true, self: true, final: true,
      fingerprint: fingerprintDV02, verdict: "kiểm tra, xử lý",
    }, "DV02's answers are restored");

    // Export the cell's month.
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export")]);
    assert.equal(download.suggestedFilename(), "danh-gia-CB-PH-2020-09.json");
    const exportedFile = join(repo, "target", "danh-gia-CB-PH-2020-09.json");
    mkdirSync(join(repo, "target"), { recursive: true });
    await download.saveAs(exportedFile);
    const exported = readFileSync(exportedFile, "utf8");
    assert.match(await page.textContent("#export-status"), /Đã xuất 2 phiếu/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: screenshot, fullPage: false });

    // The same module in Node: the batch validates, the fingerprints shown on the page verify.
    const soisua = await import(new URL("../../pkg/soisua_wasm.js", import.meta.url).href);
    soisua.initSync({ module: readFileSync(join(pkg, "soisua_wasm_bg.wasm")) });
    const demoOrg = readFileSync(demoOrgPath, "utf8");
    const central = soisua.Catalogue.central2020();
    const organisation = soisua.Organisation.fromJson(demoOrg);
    assert.deepEqual(organisation.validate(), []);
    const batchObject = JSON.parse(exported);
    assert.deepEqual(Object.keys(batchObject), ["reviews"]);
    assert.deepEqual(batchObject.reviews.map((r) => [r.member, r.status]), [["DV02", "final"], ["DV03", "draft"]]);
    const findings = soisua.ReviewBatch.fromJson(exported).validate(central, organisation);
    assert.deepEqual(findings.filter((f) => f.level === "error"), [], JSON.stringify(findings));
    const evaluator = new soisua.Evaluator(central, organisation);
    const [dv02, dv03] = batchObject.reviews;
    assert.equal(dv02.answers.length, 62);
    assert.equal(evaluator.verify(dv02, fingerprintDV02), true, "DV02's fingerprint verifies");
    assert.equal(evaluator.verify(dv03, fingerprintDV03), true, "DV03's fingerprint verifies");
    assert.equal(evaluator.evaluate(dv02).result.verdict, "inspect");

    // And with the CLI, when it is built.
    if (existsSync(cli)) {
      const run = spawnSync(cli, ["validate", exportedFile, "--organisation", demoOrgPath], { encoding: "utf8", timeout: 20_000 });
      assert.equal(run.status, 0, `soisua validate: ${run.stdout}\n${run.stderr}`);
    } else {
      console.warn(`[form.test] ${cli} is missing: the CLI check is skipped`);
    }

    // The cell's meeting this month: the criteria come from the module's scheme, the rating and
    // the findings follow every change, and the record is kept with the drafts.
    const meetingMembers = await page.$$eval("#mt-attendance .mt-member", (rows) => rows.map((r) => r.dataset.member));
    assert.deepEqual(meetingMembers, ["DV01", "DV02", "DV03", "DV04", "DV05", "DV10"]);
    const criteria = await page.$$eval("#mt-body input[data-criterion]", (inputs) => inputs.map((i) => [i.dataset.criterion, i.max]));
    assert.deepEqual(criteria, [["preparation", "20"], ["conduct", "10"], ["principles", "10"], ["follow_up", "10"]]);
    seen = await read({ title: ["#h-meeting"], msg: ["#mt-date-msg"], invalid: ["#mt-date", "@aria-invalid"], level: ["#mt-level"] });
    assert.deepEqual(seen, { title: "5. Sinh hoạt chi bộ", msg: "Lỗi: Hãy nhập ngày sinh hoạt.", invalid: "true", level: "—" });
    await page.fill("#mt-date", "2020-09-05");
    await page.fill("#mt-duration", "120");
    seen = await read({ code: ["#mt-score-conduct-msg .msg", "@data-code"], invalid: ["#mt-score-conduct", "@aria-invalid"], points: ["#mt-points"] });
    assert.deepEqual(seen, { code: "meeting_score_missing", invalid: "true", points: "Chưa xếp loại: biên bản còn lỗi." });
    for (const [code, points] of [["preparation", "18"], ["conduct", "9"], ["principles", "10"], ["follow_up", "8"]]) {
      await page.fill(`#mt-score-${code}`, points);
    }
    await page.check('#mt-member-DV01 input[data-role="spoke"]');
    await page.check('#mt-member-DV02 input[data-role="spoke"]');
    await page.check("#mt-minutes");
    await page.fill("#mt-contents", "Quán triệt nghị quyết tháng 9\nKiểm điểm việc thăm hộ gia đình");
    await page.fill("#mt-conclusions", "Giao đồng chí Tài theo dõi 5 hộ ở ấp Phú Hòa");
    seen = await read({ level: ["#mt-level"], points: ["#mt-points"], held: ["#mt-held"], summary: ["#mt-summary"] });
    assert.deepEqual(seen, { level: "Tốt", points: "95/100 điểm", held: "", summary: "Biên bản không có lỗi." });

    // An excused member without a reason: an error on that member's row, and no rating.
    await page.check('input[name="mt-att-DV04"][value="excused"]');
    seen = await read({
      code: ["#mt-member-DV04-msg .msg", "@data-code"], invalid: ["#mt-reason-DV04", "@aria-invalid"],
      state: ["#mt-member-DV04", "@data-state"], described: ["#mt-reason-DV04", "described"], level: ["#mt-level"],
    });
    assert.deepEqual({ ...seen, described: undefined }, { code: "empty_text", invalid: "true", state: "error", described: undefined, level: "—" });
    assert.match(seen.described, /không được để trống/);
    // With the reason, 5 of 6 present is not above 85%: attendance, a key criterion, holds it back.
    await page.fill("#mt-reason-DV04", "Đi công tác");
    seen = await read({
      level: ["#mt-level"], points: ["#mt-points"], held: ["#mt-held"],
      attendance: ['#mt-criteria tr[data-criterion="attendance"]'], invalid: ["#mt-reason-DV04", "@aria-invalid"],
    });
    assert.deepEqual({ ...seen, attendance: undefined }, {
      level: "Khá", points: "75/100 điểm", attendance: undefined, invalid: null,
      held: "chưa đạt mức Tốt: thiếu 15 điểm (cần từ 90 điểm); tiêu chí chủ chốt chưa đạt điểm tối đa: Tỷ lệ đảng viên dự sinh hoạt",
    });
    assert.match(seen.attendance, /0\/20.*có mặt 5\/6 đảng viên \(83,3%\), không trên 85%/);
    // A score above the criterion's maximum: an error on that score.
    await page.fill("#mt-score-preparation", "25");
    seen = await read({ code: ["#mt-score-preparation-msg .msg", "@data-code"], invalid: ["#mt-score-preparation", "@aria-invalid"], level: ["#mt-level"] });
    assert.deepEqual(seen, { code: "meeting_score_above_max", invalid: "true", level: "—" });
    await page.fill("#mt-score-preparation", "18");
    await page.check('input[name="mt-att-DV04"][value="present"]');
    assert.equal(await page.textContent("#mt-level"), "Tốt");
    // Kept on this device: a reload brings the record and its rating back.
    await page.reload({ waitUntil: "load" });
    await opened();
    seen = await read({
      date: ["#mt-date", "value"], duration: ["#mt-duration", "value"], spoke: ['#mt-member-DV02 input[data-role="spoke"]', "checked"],
      reason: ["#mt-reason-DV04", "value"], level: ["#mt-level"], points: ["#mt-points"],
    });
    assert.deepEqual(seen, { date: "2020-09-05", duration: "120", spoke: true, reason: "Đi công tác", level: "Tốt", points: "95/100 điểm" });

    // English.
    await page.click("#lang");
    seen = await read({
      lang: ["html", "@lang"], unit: ['label[for="unit"]'], verdict: ["#verdict"],
      label: ["#item-QD47-19 .wording"], why: ["#explanation"], radioLabel: ['#item-QD47-19 label:has(input[value="clear"])'],
    });
    assert.deepEqual({ ...seen, why: undefined }, {
      lang: "en", unit: "Party cell", verdict: "inspect and handle",
      label: "summary label, not official wording", why: undefined, radioLabel: "Not violated",
    });
    assert.match(seen.why, /^Comrade Trần Thị Mai: inspect/);
    seen = await read({ title: ["#h-meeting"], level: ["#mt-level"], points: ["#mt-points"], kind: ['#mt-kind-field label:has(input[value="thematic"])'] });
    assert.deepEqual(seen, { title: "5. Cell meeting", level: "Good", points: "95 of 100 points", kind: "Thematic" });
    await page.click("#lang");
    assert.equal(await page.getAttribute("html", "lang"), "vi");

    // A phone: no horizontal scroll.
    await page.setViewportSize({ width: 390, height: 844 });
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
      body: document.body.scrollWidth,
    }));
    assert.ok(widths.scroll <= widths.client && widths.body <= widths.client, JSON.stringify(widths));
    await page.locator("#item-QD47-3").scrollIntoViewIfNeeded();
    await page.screenshot({ path: phoneScreenshot, fullPage: false });

    assert.deepEqual(consoleProblems, [], "the console stayed clean");
    assert.deepEqual(failed, [], "every request succeeded");
    const away = requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith("data:") && !url.startsWith("blob:"));
    assert.deepEqual(away, [], "every request stayed on the page's origin");
    assert.ok(requests.some((url) => url.endsWith("/bindings-wasm/pkg/soisua_wasm_bg.wasm")), requests.join("\n"));
    assert.ok(requests.some((url) => url.endsWith("/examples/web-form/demo-organisation.json")), requests.join("\n"));
    console.log(`[form.test] browser part took ${Date.now() - started} ms`);
  });

  it("shows a bilingual banner when the organisation cannot be loaded", async () => {
    const origin = `http://127.0.0.1:${server.address().port}`;
    const page = await context.newPage();
    const pageErrors = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(`${origin}/examples/web-form/?org=missing.json`, { waitUntil: "load" });
    await page.waitForFunction(() => document.body.dataset.status !== "loading", null, { timeout: 30_000 });
    assert.equal(await page.evaluate(() => document.body.dataset.status), "error");
    assert.equal(await page.isVisible("#banner"), true);
    assert.match(await page.textContent('#banner p[lang="vi"]'), /Không tải được danh sách tổ chức/);
    assert.match(await page.textContent('#banner p[lang="en"]'), /could not be loaded/);
    assert.match(await page.textContent("#banner"), /missing\.json: HTTP 404/);
    assert.equal(await page.isVisible("#app"), false);
    // An organisation elsewhere is refused without a request.
    const requests = [];
    page.on("request", (request) => requests.push(request.url()));
    await page.goto(`${origin}/examples/web-form/?org=${encodeURIComponent("https://example.org/org.json")}`, { waitUntil: "load" });
    await page.waitForFunction(() => document.body.dataset.status !== "loading", null, { timeout: 30_000 });
    assert.match(await page.textContent("#banner"), /outside this origin/);
    assert.deepEqual(requests.filter((url) => !url.startsWith(`${origin}/`)), []);
    assert.deepEqual(pageErrors, []);
    await page.close();
  });
});

// Keep the platform separator in use explicit for the path checks above.
assert.equal(sep, "/", "the static server expects POSIX paths");
