// Compiled (never run) by `tsc -p bindings-wasm/tsconfig.json`: the full module's .d.ts must let this
// typed use of the API through, and the `@ts-expect-error` lines prove the types are precise, not
// `any`.
import init, {
  Catalogue,
  Evaluator,
  Organisation,
  ReviewBatch,
  call,
  defaultPolicy,
  operations,
  parsePeriod,
  runScenario,
  validatePolicy,
  buildReport,
  compareReports,
  defaultReportTemplates,
  liftReport,
  mergeReports,
  noticeBoard,
  radioList,
  redact,
  renderReport,
  sealReport,
  syntheticYearReports,
  validateReportTemplates,
  type ApiAnswer,
  type FormFinding,
  type FormMember,
  type MonthlyReviewObject,
  type Outlook,
  type Preview,
  type ReviewResult,
  type Measure,
  type NoticeBoard,
  type RadioList,
  type Redacted,
  type RenderedReport,
  type Report,
  type ReportComparison,
  type ReportTemplates,
  type Viewer,
  type YearReports,
  type PolicyObject,
  type ScenarioReport,
  type Verdict,
  type CatalogueItem,
  type CatalogueObject,
  type Finding,
  type ItemCounts,
  type Operation,
  type PeriodInfo,
  type SoisuaError,
} from "../pkg-full/soisua_wasm.js";

export async function typedUse(): Promise<string[]> {
  await init();
  const central: Catalogue = Catalogue.central2020();
  const counts: ItemCounts = central.counts();
  const total: number = counts.manifestation + counts.exemplary + counts.prohibition;
  const items: CatalogueItem[] = central.items();
  const subgroup: string | null = items[0]?.subgroup ?? null;
  const found: CatalogueItem | undefined = central.item("TTCT-1");
  const kind: "manifestation" | "exemplary" | "prohibition" | undefined = found?.kind;
  const version: string = central.reference.version;
  const vi: string = central.title.vi;
  const object: CatalogueObject = central.toObject();
  const local = Catalogue.syntheticLocal();
  const findings: Finding[] = [...local.validate(central), ...local.validate(object), ...local.validate()];
  const paths: (string | number)[][] = findings.map((f) => f.path);
  const params: string | undefined = findings[0]?.params?.["code"];
  const { catalogue, issues } = Catalogue.fromCsv("{}", "");
  const fromCsv: Catalogue = catalogue;
  const issueCodes: string[] = issues.map((f) => f.code);

  const org = Organisation.synthetic("district", 7);
  const big = Organisation.synthetic("province", 2n ** 60n);
  const members: number = org.summary().members + big.summary().units.cell;
  const batch = ReviewBatch.synthetic(org, local, "2020-09", 7);
  const length: number = batch.length;
  const reviewFindings: Finding[] = batch.validate(local, org);
  const month: string | undefined = batch.toObject().reviews[0]?.month;

  const period: PeriodInfo = parsePeriod("2020-Q3");
  const answer: ApiAnswer = call("period.parse", { period: "2020-Q3" });
  const other: ApiAnswer = call("some.future_op");
  const ops: Operation[] = operations().map((op) => op.name);
  if (answer.error) {
    const code:
      | "invalid_json"
      | "invalid_csv"
      | "invalid_value"
      | "unknown_name"
      | "invalid_argument"
      | "invalid_document"
      | "report_overlap"
      | "report_scope_mismatch"
      | "report_sealed" = answer.error.code;
    ops.push(code === "invalid_value" ? "period.parse" : "catalogue.summary");
  } else {
    const ok: unknown = answer.ok;
    ops.push(ok === null ? "period.parse" : "catalogue.validate");
  }

  try {
    Catalogue.fromJson("{");
  } catch (thrown) {
    const error = thrown as SoisuaError;
    const where: (string | number)[] | undefined = error.location?.path;
    ops.push(where === undefined && error.messageVi === error.messageEn ? "period.parse" : "catalogue.summary");
  }

  // @ts-expect-error counts() is typed, not any
  const wrong: string = central.counts();
  // @ts-expect-error fromJson takes a string
  Catalogue.fromJson(42);
  // @ts-expect-error an unknown scale
  Organisation.synthetic("planet", 1);
  // @ts-expect-error a finding has no `message`
  findings[0]?.message;
  // @ts-expect-error ReviewBatch.validate takes a Catalogue, not an object
  batch.validate(object, org);

  const policy: PolicyObject = defaultPolicy();
  const policyFindings: Finding[] = validatePolicy(policy);
  const report: ScenarioReport = runScenario("{}");
  const verdict: Verdict | undefined = report.months[0]?.results[0]?.verdict;
  const rule: string | undefined = report.months[0]?.results[0]?.rules[0]?.rule;
  // @ts-expect-error a verdict is one of four strings
  const notAVerdict: Verdict = "praise";
  // @ts-expect-error remedy windows are a list of {severity, months}
  policy.remedy_windows = { minor: 3 };

  const built: Report = buildReport("{}", "2020-Q3", null);
  const whole: Report = buildReport("{}");
  const merged: Report = mergeReports([built, whole]);
  const lifted: Report = liftReport(merged, { unit: "DB", name: "Đảng bộ", kind: "committee", org_type: "commune" });
  const sealed: boolean | undefined = sealReport(lifted).sealed;
  const measure: Measure = "evaluated";
  const distinct: number = built.total.distinct[measure] + built.total.member_months.help;
  const months: string[] | undefined = built.coverage.units["CB-1"];
  const rowNames: string[] = Object.values(built.rows ?? {}).map((row) => row.label.name);
  const orgTypes: string[] = Object.keys(built.by_org_type ?? {});
  const comparison: ReportComparison = compareReports(built, whole);
  const change: number | undefined = comparison.figures[0]?.change;
  const rendered = renderReport(built, { format: "csv", catalogue: central, period: "2020-Q3" });
  const csv: string = typeof rendered === "string" ? rendered : rendered.title.vi;
  const document: RenderedReport | string = renderReport(built, { comparisons: [{ label: { vi: "Kỳ trước", en: "Previous" }, report: whole }] });
  const tables: string[] = typeof document === "string" ? [] : document.tables.map((t) => t.id);
  renderReport(built);
  const templates: ReportTemplates = defaultReportTemplates();
  const templateFindings: Finding[] = validateReportTemplates(templates);
  const board: NoticeBoard = noticeBoard("{}", "2020-08", "CB-1");
  const boardStatus: "clear" | "found" | "not_evaluated" | undefined = board.entries[0]?.groups.manifestation;
  const radio: RadioList = radioList("{}", "2020-08");
  const topUnit: string = radioList("{}", "2020-08", "HU").top.unit + radio.top.name;
  const viewer: Viewer = { role: "secretary", unit: "CB-1" };
  const redacted: Redacted | null = redact(org, viewer, "report", built);
  const publicView: Redacted | null = redact(org.toObject(), { role: "public" }, "month_result", { month: "2020-08", results: [] });
  const year: YearReports = syntheticYearReports(7, 2020, "DB-01-CB-01");
  const yearly: number | undefined = syntheticYearReports(7n, "2020", null, "synthetic-local").reports["2020"]?.["evaluated.distinct"];
  // @ts-expect-error a report format is one of four strings
  renderReport(built, { format: "pdf" });
  // @ts-expect-error an unknown render option
  renderReport(built, { fromat: "csv" });
  // @ts-expect-error a viewer's role is one of four
  redact(org, { role: "king" }, "report", built);
  // @ts-expect-error redact takes a kind of output it knows
  redact(org, viewer, "everything", built);
  // @ts-expect-error mergeReports takes a list
  mergeReports(built);
  // @ts-expect-error total.distinct has the measures, not arbitrary keys
  built.total.distinct.everyone;

  // The form's handle.
  const evaluator = new Evaluator(central, org);
  const strict = new Evaluator(central, org, defaultPolicy());
  const form: MonthlyReviewObject = {
    member: "DV1", unit: "CB-1", month: "2020-09", catalogue: evaluator.catalogue, status: "draft",
    answers: [{ item: "QD47-1", cell: "violated" }],
  };
  const preview: Preview = evaluator.preview(form);
  const decided: Verdict | undefined = preview.outlook.verdict;
  const openItems: string[] = strict.outlook(JSON.stringify(form)).open_items;
  const field: string | undefined = preview.fields[0]?.field;
  const fingerprint: string = preview.evaluation.fingerprint;
  const matches: boolean = evaluator.verify(form, fingerprint) && evaluator.verifyDetail(form, fingerprint).matches;
  const answerFindings: FormFinding[] = evaluator.validateAnswer(form, { item: "TTCT-1", cell: "present" });
  const formFindings: FormFinding[] = evaluator.validateForm(form);
  const formMembers: FormMember[] = evaluator.members("CB-1", "2020-09");
  const applicable: string[] = evaluator.applicableItems("DV1", "2020-09");
  const evaluated: ReviewResult = evaluator.evaluate(form);
  const outlook: Outlook = evaluator.outlook(form);
  // @ts-expect-error a review's status is draft or final
  evaluator.preview({ ...form, status: "done" });
  // @ts-expect-error an outlook has no `maybe`
  outlook.maybe;
  evaluator.free();

  central.free();
  return [String(decided), ...openItems, field ?? "", fingerprint, String(matches), String(answerFindings.length),
    String(formFindings.length), String(formMembers.length), ...applicable, evaluated.result.verdict,
    String(outlook.decided),String(total), subgroup ?? "", kind ?? "", version, vi, String(paths.length), params ?? "",
    String(fromCsv.id), ...issueCodes, String(members), String(length), String(reviewFindings.length),
    month ?? "", period.kind, JSON.stringify(other), ...ops, wrong, String(policyFindings.length), verdict ?? "",
    rule ?? "", notAVerdict, String(sealed), String(distinct), ...(months ?? []), ...rowNames, ...orgTypes,
    String(change), csv, ...tables, templates.id, String(templateFindings.length), boardStatus ?? "", topUnit,
    JSON.stringify(redacted), JSON.stringify(publicView), String(year.members), String(yearly)];
}
