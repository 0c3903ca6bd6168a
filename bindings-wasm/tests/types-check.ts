// Compiled (never run) by `tsc -p bindings-wasm/tsconfig.json`: the generated .d.ts must let this
// typed use of the API through, and the `@ts-expect-error` lines prove the types are precise, not
// `any`.
import init, {
  Catalogue,
  Organisation,
  ReviewBatch,
  call,
  defaultPolicy,
  operations,
  parsePeriod,
  runScenario,
  validatePolicy,
  type ApiAnswer,
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
} from "../pkg/soisua_wasm.js";

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
    const code: "invalid_json" | "invalid_csv" | "invalid_value" | "unknown_name" | "invalid_argument" | "invalid_document" =
      answer.error.code;
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

  central.free();
  return [String(total), subgroup ?? "", kind ?? "", version, vi, String(paths.length), params ?? "",
    String(fromCsv.id), ...issueCodes, String(members), String(length), String(reviewFindings.length),
    month ?? "", period.kind, JSON.stringify(other), ...ops, wrong, String(policyFindings.length), verdict ?? "",
    rule ?? "", notAVerdict];
}
