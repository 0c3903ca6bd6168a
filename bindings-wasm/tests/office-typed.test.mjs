// The committee office's typed JS functions give every shared vector's answer of their operation
// (the same answers Rust and Python give), or throw a `SoisuaError` with the vector's code; and
// renderReport shows the office areas' sections from their roll-ups.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import {
  accountabilityReport,
  accountabilityStatus,
  dialogueMonth,
  dialogueReport,
  emulationReport,
  householdCoverage,
  householdReport,
  invoke,
  meetingReport,
  petitionReport,
  renderReport,
  scoreEmulation,
  targetFixture,
  targetReport,
  throwsSoisua,
} from "./soisua.mjs";

const cases = (file, op) =>
  JSON.parse(readFileSync(new URL(`../../tests/vectors/${file}`, import.meta.url), "utf8")).cases.filter(
    (c) => c.op === op,
  );

const households = (i) => ({ households: i.households, assignments: i.assignments, reports: i.reports });
const emulation = (i) => ({ scores: i.scores, nominations: i.nominations });

// Each typed function, the vectors of its operation, and how a vector's input becomes its arguments.
const typed = [
  ["meetingReport", "meeting-report.json", "meeting.report", (i) => meetingReport(i.organisation, i.meetings, i.period, i.scope, i.scheme)],
  ["petitionReport", "petition.json", "petition.report", (i) => petitionReport(i.organisation, i.petitions, i.period, i.scope, i.policy)],
  ["dialogueMonth", "dialogue.json", "dialogue.month", (i) => dialogueMonth(i.organisation, i.dialogues, i.month, i.on, i.scope)],
  ["dialogueReport", "dialogue.json", "dialogue.report", (i) => dialogueReport(i.organisation, i.dialogues, i.period, i.scope)],
  ["householdCoverage", "household.json", "household.coverage", (i) => householdCoverage(i.organisation, households(i), i.month, i.policy)],
  ["householdReport", "household.json", "household.report", (i) => householdReport(i.organisation, households(i), i.period, i.scope, i.policy)],
  ["accountabilityStatus", "accountability.json", "accountability.status", (i) => accountabilityStatus(i.organisation, i.explanations, i.month, i.policy)],
  ["accountabilityReport", "accountability.json", "accountability.report", (i) => accountabilityReport(i.organisation, i.explanations, i.period, i.scope, i.policy)],
  ["scoreEmulation", "emulation.json", "emulation.score", (i) => scoreEmulation(i.scores, i.scheme, i.organisation)],
  ["emulationReport", "emulation.json", "emulation.report", (i) => emulationReport(i.organisation, emulation(i), i.period, i.scope, i.scheme)],
];

describe("typed office functions", () => {
  for (const [name, file, op, call] of typed) {
    it(`${name} gives every ${op} vector's answer`, () => {
      const list = cases(file, op);
      assert.ok(list.length >= 2, `${list.length} ${op} vectors`);
      for (const c of list) {
        if (c.expect.error) {
          throwsSoisua(() => call(c.input), c.expect.error.code);
        } else {
          assert.deepEqual(call(c.input), c.expect.ok, c.name);
        }
      }
    });
  }

  it("refuses records that are not an object, naming the argument", () => {
    const c = cases("household.json", "household.report")[0];
    const error = throwsSoisua(() => householdReport(c.input.organisation, [], c.input.period), "invalid_argument");
    assert.match(error.message, /records/);
  });
});

describe("rendered reports with the office's sections", () => {
  const meetings = cases("meeting-report.json", "meeting.report").find((c) => c.expect.ok);
  const petitions = cases("petition.json", "petition.report").find((c) => c.expect.ok);

  it("renders the office areas alone, with their periods, in every text format", () => {
    const rollups = { meeting: meetings.expect.ok.report, petition: petitions.expect.ok };
    const document = renderReport(null, { rollups });
    const ids = document.tables.map((t) => t.id);
    assert.deepEqual(ids, ["meetings", "meeting_units", "petitions", "petition_topics", "petition_units"]);
    const held = document.tables[0].rows.find((r) => r.key === "held");
    assert.equal(held.cells[0], meetings.expect.ok.report.total.held);
    assert.equal(document.tables[0].source, "meeting");
    assert.ok(document.tables[0].period.startsWith("2020"), document.tables[0].period);
    const received = document.tables[2].rows.find((r) => r.key === "received");
    assert.equal(received.cells[0], petitions.expect.ok.total.received);
    // The same through the JSON api, as Python and Rust call it.
    assert.deepEqual(invoke("report.render", { rollups }), document);
    const markdown = renderReport(null, { rollups, format: "markdown" });
    assert.match(markdown, /### Sinh hoạt chi bộ \/ Cell meetings \(/);
    assert.match(renderReport(null, { rollups, format: "csv" }), /^section,section_vi/);
  });

  it("renders the article's term targets from their roll-up", () => {
    const c = cases("target.json", "target.report").find((v) => v.expect.ok && !v.input.scope);
    const sheets = [targetFixture()];
    const organisation = c.input.organisation;
    const unit = organisation.units.find((u) => !u.parent).id;
    const targets = targetReport(organisation, sheets.map((s) => ({ ...s, unit })));
    const document = renderReport(null, { rollups: { target: targets } });
    const rows = Object.fromEntries(document.tables[0].rows.map((r) => [r.key, r.cells[0]]));
    assert.deepEqual([rows.targets, rows.achieved, rows.exceeded], [34, 31, 22]);
    assert.equal(document.tables[0].period, "2015-2020");
  });

  it("refuses bad roll-ups with located errors", () => {
    throwsSoisua(() => renderReport(null, { rollups: { meeting: petitions.expect.ok } }), "invalid_json");
    throwsSoisua(() => renderReport(null, { rollups: { meetings: meetings.expect.ok.report } }), "invalid_value");
    throwsSoisua(() => renderReport(null, { rollups: [] }), "invalid_argument");
    throwsSoisua(() => renderReport(null, {}), "invalid_argument");
  });
});
