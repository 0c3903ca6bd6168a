// Reports, publication lists and visibility from JS: thin wrappers over the JSON api's
// `report.*`, `publication.*`, `visibility.redact` and `synthetic.year_reports`.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import {
  Catalogue,
  Organisation,
  buildReport,
  call,
  compareReports,
  defaultReportTemplates,
  liftReport,
  mergeReports,
  noticeBoard,
  radioList,
  redact,
  renderReport,
  runScenario,
  sealReport,
  syntheticYearReports,
  throwsSoisua,
  validateReportTemplates,
} from "./soisua.mjs";

const text = readFileSync(new URL("../../tests/scenarios/07-supervision.json", import.meta.url), "utf8");
const scenario = () => JSON.parse(text);
const CSV_HEADER = "section,section_vi,section_en,row,row_vi,row_en,column_vi,column_en,value";
const PARENT = { unit: "DB", name: "Đảng bộ xã Mẫu", kind: "committee", org_type: "commune" };
const report = buildReport(scenario());

describe("buildReport", () => {
  it("counts member-months and distinct members, as whole numbers", () => {
    for (const key of ["coverage", "total", "rows", "by_org_type"]) assert.ok(key in report, key);
    assert.equal(report.sealed, undefined);
    const { member_months: memberMonths, distinct } = report.total;
    assert.deepEqual(Object.keys(distinct).sort(), Object.keys(memberMonths).sort());
    for (const [measure, count] of Object.entries(memberMonths)) {
      assert.ok(Number.isInteger(count) && Number.isInteger(distinct[measure]), measure);
      assert.ok(distinct[measure] >= 0 && distinct[measure] <= count, measure);
    }
    assert.ok(memberMonths.evaluated > 0);
    assert.deepEqual(report.coverage.units, { "CB-1": ["2020-08", "2020-09"] });
  });

  it("gives the same report for an object and its JSON text, and as call('report.build')", () => {
    assert.deepEqual(buildReport(text), report);
    assert.deepEqual(call("report.build", { scenario: scenario() }), { ok: report });
  });

  it("builds months that merge into the report of both", () => {
    const august = buildReport(scenario(), "2020-08");
    const september = buildReport(scenario(), "2020-09", null);
    assert.deepEqual(august.coverage.units, { "CB-1": ["2020-08"] });
    assert.deepEqual(mergeReports([august, september]), report);
    assert.deepEqual(mergeReports([september, august]), report);
  });
});

describe("merging", () => {
  it("refuses to merge a report with itself (report_overlap)", () => {
    const error = throwsSoisua(() => mergeReports([report, report]), "report_overlap");
    assert.ok(error instanceof Error);
    assert.equal(error.name, "SoisuaError");
    assert.equal(call("report.merge", { reports: [report, report] }).error.code, "report_overlap");
  });

  it("refuses sealed reports and reports of other scopes; lifting fixes the scope", () => {
    const sealed = sealReport(report);
    assert.equal(sealed.sealed, true);
    assert.equal(sealed.total.detail, undefined);
    assert.deepEqual(sealed.total.distinct, report.total.distinct);
    throwsSoisua(() => mergeReports([sealed, report]), "report_sealed");

    const cell = buildReport(scenario(), "2020-08", "CB-1");
    throwsSoisua(() => mergeReports([cell, buildReport(scenario(), "2020-09")]), "report_scope_mismatch");
    const lifted = liftReport(cell, PARENT);
    assert.equal(lifted.scope.unit, "DB");
    assert.deepEqual(Object.keys(lifted.rows), ["CB-1"]);
    assert.deepEqual(lifted.total.member_months, cell.total.member_months);
  });

  it("compares a report with itself: nothing changes", () => {
    const comparison = compareReports(report, report);
    assert.ok(comparison.figures.length > 0);
    assert.ok(comparison.figures.every((delta) => delta.change === 0));
    const names = comparison.figures.map((delta) => delta.figure);
    assert.ok(names.includes("evaluated.member_months") && names.includes("evaluated.distinct"));
  });
});

describe("renderReport", () => {
  it("renders a document, CSV, Markdown and HTML", () => {
    const document = renderReport(report);
    assert.deepEqual(renderReport(report, { format: "document" }), document);
    assert.deepEqual(renderReport(report, { format: null, period: undefined }), document);
    assert.ok(document.tables.length > 0 && document.title.vi);
    const csv = renderReport(report, { format: "csv" });
    assert.equal(typeof csv, "string");
    assert.equal(csv.split("\n")[0], CSV_HEADER);
    assert.ok(renderReport(report, { format: "markdown" }).includes("|"));
    assert.ok(renderReport(report, { format: "html" }).trimStart().startsWith("<"));
  });

  it("takes templates, a catalogue, a period and comparisons", () => {
    const august = buildReport(scenario(), "2020-08");
    const compared = renderReport(report, {
      templates: defaultReportTemplates(),
      catalogue: Catalogue.central2020(),
      period: "2020-Q3",
      comparisons: [{ label: { vi: "Kỳ trước", en: "Previous period" }, report: august }],
    });
    assert.equal(compared.period, "2020-Q3");
    assert.ok(!renderReport(report).tables.some((table) => table.id === "comparison"));
    const table = compared.tables.find((t) => t.id === "comparison");
    assert.equal(table.columns[1].en, "Previous period");
    assert.ok(renderReport(report, { catalogue: "central-2020" }).tables.length > 0);
    assert.ok(renderReport(report, { catalogue: Catalogue.central2020().toObject() }).tables.length > 0);
  });

  it("refuses an unknown format or option", () => {
    throwsSoisua(() => renderReport(report, { format: "pdf" }), "invalid_value");
    const error = throwsSoisua(() => renderReport(report, { fromat: "csv" }), "invalid_argument");
    assert.match(error.message, /unknown option `fromat`/);
    throwsSoisua(() => renderReport(report, "csv"), "invalid_argument");
  });
});

describe("report templates", () => {
  it("the defaults validate clean, as an object and as JSON text", () => {
    const templates = defaultReportTemplates();
    assert.ok(templates.sections.length > 0);
    assert.deepEqual(validateReportTemplates(templates), []);
    assert.deepEqual(validateReportTemplates(JSON.stringify(templates)), []);
  });
});

describe("publication", () => {
  it("the notice board has a status per group for every entry", () => {
    const board = noticeBoard(scenario(), "2020-08", "CB-1");
    assert.equal(board.unit.unit, "CB-1");
    assert.equal(board.month, "2020-08");
    assert.ok(board.entries.length > 0);
    for (const entry of board.entries) {
      assert.deepEqual(Object.keys(entry.groups).sort(), ["exemplary", "manifestation", "prohibition"]);
      assert.equal(entry.items, undefined);
    }
    throwsSoisua(() => noticeBoard(scenario(), "2020-08", "nowhere"), "unknown_name");
  });

  it("the radio list", () => {
    const radio = radioList(scenario(), "2020-09");
    assert.equal(radio.month, "2020-09");
    assert.ok(Array.isArray(radio.entries));
    assert.deepEqual(radioList(text, "2020-09", "CB-1"), radio);
  });
});

describe("redact", () => {
  const organisation = scenario().organisation;
  const month = runScenario(scenario()).months.at(-1);
  // The scenario's month without what `runScenario` adds (counts, explanations).
  const result = { month: month.month, results: month.results.map(({ explanation: _, ...rest }) => rest) };

  it("the public sees no report and no member results", () => {
    assert.equal(redact(organisation, { role: "public" }, "report", report), null);
    assert.ok(result.results.length > 0);
    assert.deepEqual(redact(organisation, { role: "public" }, "month_result", result).results, []);
  });

  it("a member sees their own result, a secretary the unit's report", () => {
    const own = redact(organisation, { role: "member", member: "DV1" }, "month_result", result);
    assert.deepEqual(own.results.map((r) => r.member), ["DV1"]);
    const org = Organisation.fromObject(organisation);
    assert.deepEqual(redact(org, JSON.stringify({ role: "secretary", unit: "CB-1" }), "report", report), report);
    assert.deepEqual(redact(JSON.stringify(organisation), { role: "secretary", unit: "CB-1" }, "report", report), report);
    const board = noticeBoard(scenario(), "2020-08", "CB-1");
    assert.deepEqual(redact(organisation, { role: "public" }, "notice_board", board), board);
  });
});

describe("syntheticYearReports", () => {
  it("a cell's year: twelve months, four quarters and the year, merged exactly", () => {
    const year = syntheticYearReports(7, 2020, "DB-01-CB-01");
    assert.deepEqual(syntheticYearReports(7n, "2020", "DB-01-CB-01", null), year);
    assert.equal(year.units, 1);
    assert.ok(year.members > 0);
    assert.equal(Object.keys(year.reports).length, 12 + 4 + 1);
    const months = Array.from({ length: 12 }, (_, i) => year.reports[`2020-${String(i + 1).padStart(2, "0")}`]);
    const sum = months.reduce((total, m) => total + m["evaluated.member_months"], 0);
    assert.equal(year.reports["2020"]["evaluated.member_months"], sum);
    assert.ok(year.reports["2020"]["evaluated.distinct"] <= sum);
  });
});

describe("bad input throws a SoisuaError with a code, never a trap", () => {
  const s = scenario();
  const cases = [
    ["buildReport(42)", () => buildReport(42), "invalid_argument"],
    ["buildReport([])", () => buildReport([]), "invalid_argument"],
    ["buildReport()", () => buildReport(), "invalid_argument"],
    ["buildReport(null)", () => buildReport(null), "invalid_argument"],
    ["buildReport(Map)", () => buildReport(new Map()), "invalid_argument"],
    ["buildReport('{')", () => buildReport("{"), "invalid_json"],
    ["buildReport({})", () => buildReport({}), "invalid_json"],
    ["buildReport period", () => buildReport(s, "2020-13"), "invalid_value"],
    ["buildReport period number", () => buildReport(s, 2020), "invalid_argument"],
    ["buildReport scope", () => buildReport(s, undefined, "nowhere"), "unknown_name"],
    ["mergeReports([])", () => mergeReports([]), "invalid_argument"],
    ["mergeReports(report)", () => mergeReports(report), "invalid_argument"],
    ["mergeReports([1])", () => mergeReports([1]), "invalid_json"],
    ["mergeReports([NaN])", () => mergeReports([{ x: NaN }]), "invalid_argument"],
    ["sealReport(1)", () => sealReport(1), "invalid_argument"],
    ["liftReport parent", () => liftReport(report, { unit: "DB" }), "invalid_json"],
    ["compareReports", () => compareReports(report, []), "invalid_argument"],
    ["renderReport(1)", () => renderReport(1), "invalid_argument"],
    ["renderReport format", () => renderReport(report, { format: 1 }), "invalid_argument"],
    ["renderReport catalogue", () => renderReport(report, { catalogue: "x" }), "unknown_name"],
    ["renderReport comparisons", () => renderReport(report, { comparisons: {} }), "invalid_argument"],
    ["validateReportTemplates", () => validateReportTemplates({}), "invalid_json"],
    ["noticeBoard month", () => noticeBoard(s, "2020-13", "CB-1"), "invalid_value"],
    ["noticeBoard unit", () => noticeBoard(s, "2020-08"), "invalid_argument"],
    ["radioList top", () => radioList(s, "2020-08", 1), "invalid_argument"],
    ["redact kind", () => redact(s.organisation, { role: "public" }, "x", report), "invalid_value"],
    ["redact viewer", () => redact(s.organisation, { role: "king" }, "report", report), "invalid_json"],
    ["redact organisation", () => redact(1, { role: "public" }, "report", report), "invalid_argument"],
    ["redact value", () => redact(s.organisation, { role: "public" }, "report", () => 1), "invalid_argument"],
    ["syntheticYearReports seed", () => syntheticYearReports(-1, 2020), "invalid_argument"],
    ["syntheticYearReports year", () => syntheticYearReports(1, "2020-Q1"), "invalid_argument"],
    ["syntheticYearReports year 2020.5", () => syntheticYearReports(1, 2020.5), "invalid_argument"],
  ];
  for (const [name, fn, code] of cases) {
    it(name, () => {
      throwsSoisua(fn, code);
    });
  }

  it("the module still works afterwards", () => {
    assert.deepEqual(buildReport(text), report);
  });
});
