// soisua web form: a party cell's monthly review of its members, offline in the browser.
//
// Every rule lives in the WebAssembly module: this page only collects answers, asks the module's
// `Evaluator` for findings (placed on form fields), the verdict, its explanation and outlook, and
// the review's fingerprint, and keeps drafts in localStorage. It fetches nothing but its own files.
// The cell's monthly meeting (sinh hoạt chi bộ) is recorded and rated in meeting.js.

import { cleanRecords, meetingSection } from "./meeting.js";

const STORE_VERSION = 1;
const KINDS = ["manifestation", "exemplary", "prohibition"];
const FINDINGS = {
  manifestation: ["none", "present"],
  exemplary: ["good", "not_yet_good", "not_applicable"],
  prohibition: ["clear", "violated"],
};
/** The conclusion the "fill the empty items" button writes, per kind. */
const CLEAN = { manifestation: "none", exemplary: "good", prohibition: "clear" };
const ADVERSE = new Set(["present", "violated", "not_yet_good"]);
const SIMPLE_FIELDS = ["unit", "month", "member", "status", "notes"];
const MONTH = /^\d{4}-\d{2}$/;

const I18N = {
  vi: {
    pageTitle: "Đánh giá đảng viên hằng tháng — soisua",
    title: "Đánh giá đảng viên hằng tháng",
    skip: "Bỏ qua, đến các nội dung đánh giá",
    loading: "Đang tải mô-đun và danh sách tổ chức…",
    otherLanguage: "English",
    otherLanguageCode: "en",
    step1: "1. Chọn chi bộ, tháng và đảng viên",
    unit: "Chi bộ",
    month: "Tháng",
    monthHint: "Dạng năm-tháng, ví dụ 2020-09",
    monthRequired: "Hãy nhập tháng theo dạng YYYY-MM, ví dụ 2020-09.",
    member: "Đảng viên",
    chooseMember: "— Chọn đảng viên —",
    noMembers: "Chi bộ không có đảng viên nào trong tháng này.",
    roster: "Tiến độ của chi bộ trong tháng",
    rosterMember: "Đảng viên",
    rosterState: "Phiếu",
    rosterVerdict: "Kết quả dự kiến",
    rosterEmpty: "Chưa có danh sách: hãy chọn chi bộ và tháng.",
    stateNone: "chưa nhập",
    stateDraft: "nháp, {n}/{total}",
    stateFinal: "đã chốt",
    step2: "2. Đánh giá từng nội dung",
    step2Help: "Với mỗi nội dung, chọn kết luận của chi bộ. Có thể ghi thêm phần đảng viên tự đánh giá.",
    englishNote: "",
    showSelf: "Ghi cả phần đảng viên tự đánh giá",
    placeholder: "Chọn chi bộ, tháng và đảng viên để bắt đầu.",
    answered: "đã có kết luận {n}/{total}",
    fillRest: "Ghi “{finding}” cho các nội dung còn trống ở phần này",
    cellLegend: "Kết luận của chi bộ",
    selfLegend: "Đảng viên tự đánh giá",
    clear: "Xóa câu trả lời",
    clearFor: "Xóa câu trả lời cho nội dung {code}",
    source: "Nguồn",
    vietnameseText: "Nguyên bản tiếng Việt",
    notApplicable: "{n} nội dung của danh mục không áp dụng cho đảng viên này trong tháng này.",
    step3: "3. Ghi chú và chốt kết luận",
    notes: "Ghi chú của chi bộ (không bắt buộc)",
    final: "Chốt kết luận (phiếu chính thức)",
    finalHint: "Khi chốt, mọi nội dung phải có kết luận của chi bộ.",
    step4: "4. Lưu và xuất",
    autosave: "Phiếu được tự động lưu trên máy này (trong trình duyệt) sau mỗi thay đổi.",
    saved: "Đã lưu nháp lúc {time}.",
    export: "Xuất dữ liệu tháng này của chi bộ (JSON)",
    exported: "Đã xuất {n} phiếu vào tệp {file}.",
    exportedErrors: "Lưu ý: {n} phiếu còn lỗi, cần sửa trước khi nộp.",
    exportNothing: "Chưa có phiếu nào trong tháng này để xuất.",
    preview: "Kết quả dự kiến",
    provisional: "Tạm thời: phiếu chưa chốt.",
    decided: "đã quyết định",
    undecided: "chưa xác định",
    range: "Thấp nhất: {least} · Cao nhất: {most}",
    highlightOn: "Làm nổi bật {n} nội dung còn có thể thay đổi kết quả",
    highlightOff: "Bỏ làm nổi bật",
    openBadge: "có thể thay đổi kết quả",
    progress: "Đã có kết luận: {n}/{total} nội dung",
    disagreements: "Tự đánh giá khác kết luận của chi bộ ở: {items}",
    noErrors: "Không có lỗi.",
    counts: "{errors} lỗi, {warnings} lưu ý",
    missingDraft: "{n} nội dung chưa có kết luận (được phép khi phiếu còn là nháp).",
    more: "… và {n} mục khác",
    error: "Lỗi:",
    warning: "Lưu ý:",
    fingerprint: "Dấu vân tay của phiếu",
    footer: "soisua — dữ liệu chỉ nằm trên máy này cho đến khi anh/chị xuất tệp.",
    announce: "Kết quả dự kiến: {verdict}. {counts}",
    kind: {
      manifestation: "Biểu hiện suy thoái",
      exemplary: "Nêu gương",
      prohibition: "Điều đảng viên không được làm",
    },
    finding: {
      none: "Không có",
      present: "Có biểu hiện",
      clear: "Không vi phạm",
      violated: "Vi phạm",
      good: "Tốt",
      not_yet_good: "Chưa tốt",
      not_applicable: "Không áp dụng",
    },
    verdict: {
      not_evaluated: "chưa đánh giá",
      commend: "biểu dương",
      help: "giúp đỡ, khắc phục",
      inspect: "kiểm tra, xử lý",
    },
    wording: {
      verbatim: "nguyên văn",
      partial: "trích một phần văn bản",
      label: "nhãn tóm tắt, không phải văn bản chính thức",
    },
    status: { full: "chính thức", probationary: "dự bị" },
    role: {
      secretary: "bí thư",
      deputy_secretary: "phó bí thư",
      committee_member: "cấp ủy viên",
      standing_committee_member: "ủy viên ban thường vụ",
      head_of_agency: "thủ trưởng cơ quan",
    },
  },
  en: {
    pageTitle: "Monthly review of party members — soisua",
    title: "Monthly review of party members",
    skip: "Skip to the review items",
    loading: "Loading the module and the organisation…",
    otherLanguage: "Tiếng Việt",
    otherLanguageCode: "vi",
    step1: "1. Choose the cell, the month and the member",
    unit: "Party cell",
    month: "Month",
    monthHint: "Year-month, for example 2020-09",
    monthRequired: "Enter the month as YYYY-MM, for example 2020-09.",
    member: "Party member",
    chooseMember: "— Choose a member —",
    noMembers: "The cell has no members in this month.",
    roster: "The cell's progress this month",
    rosterMember: "Member",
    rosterState: "Form",
    rosterVerdict: "Expected result",
    rosterEmpty: "No list yet: choose a cell and a month.",
    stateNone: "not started",
    stateDraft: "draft, {n}/{total}",
    stateFinal: "final",
    step2: "2. Review each item",
    step2Help: "For each item, choose the cell's conclusion. The member's self-assessment can be recorded too.",
    englishNote: "English texts are working summaries; the Vietnamese text is authoritative.",
    showSelf: "Also record the member's self-assessment",
    placeholder: "Choose a cell, a month and a member to start.",
    answered: "{n}/{total} concluded",
    fillRest: "Record “{finding}” for the empty items of this part",
    cellLegend: "The cell's conclusion",
    selfLegend: "The member's self-assessment",
    clear: "Clear the answer",
    clearFor: "Clear the answer for item {code}",
    source: "Source",
    vietnameseText: "Vietnamese original",
    notApplicable: "{n} catalogue items do not apply to this member this month.",
    step3: "3. Notes and final conclusion",
    notes: "The cell's notes (optional)",
    final: "Final conclusion (official form)",
    finalHint: "A final form needs the cell's conclusion on every item.",
    step4: "4. Save and export",
    autosave: "The form is saved automatically on this device (in the browser) after every change.",
    saved: "Draft saved at {time}.",
    export: "Export this month of the cell (JSON)",
    exported: "Exported {n} forms to the file {file}.",
    exportedErrors: "Note: {n} forms still have errors; fix them before submitting.",
    exportNothing: "No form this month to export yet.",
    preview: "Expected result",
    provisional: "Provisional: the form is not final yet.",
    decided: "decided",
    undecided: "not decided yet",
    range: "Lowest: {least} · Highest: {most}",
    highlightOn: "Highlight the {n} items that could change it",
    highlightOff: "Remove the highlight",
    openBadge: "could change the result",
    progress: "Concluded: {n}/{total} items",
    disagreements: "The self-assessment differs from the cell's conclusion on: {items}",
    noErrors: "No errors.",
    counts: "{errors} errors, {warnings} warnings",
    missingDraft: "{n} items have no conclusion yet (allowed while the form is a draft).",
    more: "… and {n} more",
    error: "Error:",
    warning: "Warning:",
    fingerprint: "Fingerprint of the form",
    footer: "soisua — the data stays on this device until you export it.",
    announce: "Expected result: {verdict}. {counts}",
    kind: {
      manifestation: "Manifestations of degradation",
      exemplary: "Setting an example",
      prohibition: "What party members must not do",
    },
    finding: {
      none: "Not present",
      present: "Present",
      clear: "Not violated",
      violated: "Violated",
      good: "Good",
      not_yet_good: "Not yet good",
      not_applicable: "Not applicable",
    },
    verdict: {
      not_evaluated: "not evaluated",
      commend: "commend",
      help: "help and remedy",
      inspect: "inspect and handle",
    },
    wording: {
      verbatim: "verbatim (Vietnamese)",
      partial: "partial quotation (Vietnamese)",
      label: "summary label, not official wording",
    },
    status: { full: "full member", probationary: "probationary" },
    role: {
      secretary: "secretary",
      deputy_secretary: "deputy secretary",
      committee_member: "committee member",
      standing_committee_member: "standing committee member",
      head_of_agency: "head of agency",
    },
  },
};

/** Load failures, shown in both languages at once (the language switch may not work yet). */
const LOAD_ERRORS = {
  module: {
    vi: "Không tải được mô-đun soisua (WebAssembly). Hãy dựng mô-đun (scripts/build-wasm.sh) và mở trang qua một máy chủ http tại thư mục gốc của kho mã.",
    en: "The soisua module (WebAssembly) could not be loaded. Build it (scripts/build-wasm.sh) and open the page through an http server at the repository root.",
  },
  organisation: {
    vi: "Không tải được danh sách tổ chức (tệp JSON của đảng bộ).",
    en: "The organisation file (the party committee's JSON) could not be loaded.",
  },
  organisationInvalid: {
    vi: "Tệp tổ chức có lỗi, chưa thể dùng:",
    en: "The organisation file has errors and cannot be used:",
  },
  storage: {
    vi: "Không lưu được nháp trên máy này (bộ nhớ trình duyệt bị chặn hoặc đã đầy). Hãy xuất tệp thường xuyên.",
    en: "Drafts cannot be saved on this device (browser storage is blocked or full). Export often.",
  },
};

const $ = (id) => document.getElementById(id);

/** An element with attributes (`class`, `text`, properties for `on…`/booleans) and children. */
function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") node.textContent = value;
    else if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (value === true) node.setAttribute(key, "");
    else node.setAttribute(key, String(value));
  }
  node.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

/** A safe id fragment for an item code. */
const idOf = (code) => code.replace(/[^A-Za-z0-9_-]/g, "_");

const app = {
  lang: "vi",
  soisua: null,
  catalogue: null,
  evaluator: null,
  reference: null,
  /** code → CatalogueItem row. */
  items: new Map(),
  /** Catalogue order of every item code. */
  order: [],
  groups: [],
  organisation: null,
  /** The module's `Organisation`, for the meeting's rating. */
  orgHandle: null,
  /** The cell meetings: unit → month → record (meeting.js), saved with the drafts. */
  meetings: {},
  meeting: null,
  cells: [],
  unit: "",
  month: "",
  member: "",
  members: [],
  applicable: [],
  /** `${unit}|${month}` → member → { status, answers: { code: { self?, cell? } }, notes }. */
  drafts: {},
  showSelf: false,
  highlight: false,
  /** Findings about the pickers (month, unit), from the module's errors. */
  selectionFindings: [],
  /** The last preview's findings, placed on fields. */
  fields: [],
  preview: null,
  announced: "",
  savedAt: null,
  storageBroken: false,
  exportMessage: null,
};

/** The dictionary entry `key` in the current language, with `{name}` filled from `params`. */
function t(key, params = {}) {
  const path = key.split(".");
  let value = I18N[app.lang];
  for (const part of path) value = value?.[part];
  if (typeof value !== "string") value = key;
  return value.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ""));
}

/** Sets a node's text only when it differs (an unchanged page is not re-styled). */
function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}
function setHidden(node, hidden) {
  if (node.hidden !== hidden) node.hidden = hidden;
}

const message = (finding) => (app.lang === "vi" ? finding.message_vi : finding.message_en);
const textOf = (pair) => (pair ? pair[app.lang] ?? pair.vi : "");

// ---------------------------------------------------------------------------------------------
// Loading

function showBanner(kind, details = []) {
  const banner = $("banner");
  const text = LOAD_ERRORS[kind];
  const block = h("div", { class: `banner-block banner-${kind}` },
    h("p", { lang: "vi", text: text.vi }),
    h("p", { lang: "en", text: text.en }),
    details.length ? h("ul", {}, details.map((d) => h("li", { text: d }))) : null);
  banner.append(block);
  banner.hidden = false;
  return block;
}

function setting(name, fallback) {
  return document.querySelector(`meta[name="${name}"]`)?.getAttribute("content") || fallback;
}

/** A URL of this page's own origin, or null (the page fetches nothing from elsewhere). */
function ownUrl(relative) {
  try {
    const url = new URL(relative, document.baseURI);
    return url.origin === location.origin ? url : null;
  } catch {
    return null;
  }
}

async function load() {
  const moduleUrl = ownUrl(setting("soisua-module", "../../bindings-wasm/pkg/soisua_wasm.js"));
  const wanted = new URLSearchParams(location.search).get("org") ?? setting("soisua-organisation", "demo-organisation.json");
  const orgUrl = ownUrl(wanted);

  const [moduleResult, orgResult] = await Promise.allSettled([
    (async () => {
      if (!moduleUrl) throw new Error("module URL outside this origin");
      const soisua = await import(moduleUrl.href);
      await soisua.default();
      return soisua;
    })(),
    (async () => {
      if (!orgUrl) throw new Error(`organisation URL outside this origin: ${wanted}`);
      const response = await fetch(orgUrl, { cache: "no-cache" });
      if (!response.ok) throw new Error(`${orgUrl.pathname}: HTTP ${response.status}`);
      return response.text();
    })(),
  ]);

  let failed = false;
  if (moduleResult.status === "rejected") {
    showBanner("module", [String(moduleResult.reason?.message ?? moduleResult.reason)]);
    failed = true;
  }
  if (orgResult.status === "rejected") {
    showBanner("organisation", [String(orgResult.reason?.message ?? orgResult.reason)]);
    failed = true;
  }
  if (failed) return false;

  const soisua = moduleResult.value;
  const orgText = orgResult.value;
  let organisation;
  try {
    organisation = soisua.Organisation.fromJson(orgText);
  } catch (error) {
    showBanner("organisation", [`${error.messageVi ?? error.message} / ${error.messageEn ?? error.message}`]);
    return false;
  }
  const problems = organisation.validate().filter((f) => f.level === "error");
  if (problems.length > 0) {
    showBanner("organisationInvalid", problems.slice(0, 10).map((f) => `${f.message_vi} / ${f.message_en} (${f.path.join(".")})`));
    return false;
  }

  app.soisua = soisua;
  app.catalogue = soisua.Catalogue.central2020();
  app.evaluator = new soisua.Evaluator(app.catalogue, organisation);
  app.reference = app.evaluator.catalogue;
  for (const item of app.catalogue.items()) {
    app.items.set(item.code, item);
    app.order.push(item.code);
  }
  app.groups = app.catalogue.toObject().groups;
  app.organisation = JSON.parse(orgText);
  app.orgHandle = organisation;
  app.cells = app.organisation.units.filter((unit) => unit.kind === "cell");
  return true;
}

// ---------------------------------------------------------------------------------------------
// Drafts in localStorage

const storageKey = () => `soisua-web-form:${app.organisation.id}`;

function restore() {
  let data = null;
  try {
    const raw = localStorage.getItem(storageKey());
    if (raw) data = JSON.parse(raw);
  } catch {
    data = null;
  }
  if (!data || data.version !== STORE_VERSION) return;
  if (data.lang === "en" || data.lang === "vi") app.lang = data.lang;
  app.showSelf = Boolean(data.showSelf);
  if (data.drafts && typeof data.drafts === "object") {
    for (const [key, byMember] of Object.entries(data.drafts)) {
      if (!byMember || typeof byMember !== "object") continue;
      const clean = {};
      for (const [member, draft] of Object.entries(byMember)) {
        if (!draft || typeof draft !== "object") continue;
        const answers = {};
        for (const [code, answer] of Object.entries(draft.answers ?? {})) {
          const a = {};
          if (typeof answer?.cell === "string") a.cell = answer.cell;
          if (typeof answer?.self === "string") a.self = answer.self;
          if (a.cell || a.self) answers[code] = a;
        }
        clean[member] = {
          status: draft.status === "final" ? "final" : "draft",
          answers,
          notes: typeof draft.notes === "string" ? draft.notes : "",
        };
      }
      app.drafts[key] = clean;
    }
  }
  app.meetings = cleanRecords(data.meetings);
  const selection = data.selection ?? {};
  if (typeof selection.unit === "string") app.unit = selection.unit;
  if (typeof selection.month === "string") app.month = selection.month;
  if (typeof selection.member === "string") app.member = selection.member;
}

function save() {
  const data = {
    version: STORE_VERSION,
    lang: app.lang,
    showSelf: app.showSelf,
    selection: { unit: app.unit, month: app.month, member: app.member },
    drafts: app.drafts,
    meetings: app.meetings,
  };
  try {
    localStorage.setItem(storageKey(), JSON.stringify(data));
    app.savedAt = new Date();
  } catch {
    if (!app.storageBroken) showBanner("storage");
    app.storageBroken = true;
  }
  renderSaved();
}

const monthKey = () => `${app.unit}|${app.month}`;

function draftOf(member, create = false) {
  const key = monthKey();
  if (!app.drafts[key]) {
    if (!create) return null;
    app.drafts[key] = {};
  }
  const byMember = app.drafts[key];
  if (!byMember[member] && create) byMember[member] = { status: "draft", answers: {}, notes: "" };
  return byMember[member] ?? null;
}

const hasContent = (draft) =>
  Boolean(draft) && (Object.keys(draft.answers).length > 0 || draft.notes.trim() !== "" || draft.status === "final");

function answerObject(code, answer) {
  const object = { item: code };
  if (answer.self) object.self = answer.self;
  if (answer.cell) object.cell = answer.cell;
  return object;
}

/** The review object (`MonthlyReviewObject`) of a member's draft: what is previewed and exported. */
function buildReview(member, draft) {
  const answers = [];
  const given = draft?.answers ?? {};
  for (const code of app.order) {
    if (given[code]) answers.push(answerObject(code, given[code]));
  }
  for (const [code, answer] of Object.entries(given)) {
    if (!app.items.has(code)) answers.push(answerObject(code, answer));
  }
  const review = {
    member,
    unit: app.unit,
    month: app.month,
    catalogue: { id: app.reference.id, version: app.reference.version },
    status: draft?.status === "final" ? "final" : "draft",
    answers,
  };
  if (draft?.notes && draft.notes.trim() !== "") review.notes = draft.notes;
  return review;
}

const currentReview = () => buildReview(app.member, draftOf(app.member));

// ---------------------------------------------------------------------------------------------
// Selection: cell, month, member

/** A thrown SoisuaError as a finding on a field (its location's first step, or `fallback`). */
function thrownFinding(error, fallback = "") {
  const first = error?.location?.path?.[0];
  const field = typeof first === "string" && SIMPLE_FIELDS.includes(first) ? first : fallback;
  return {
    field,
    code: error?.code ?? "error",
    level: "error",
    path: error?.location?.path ?? [],
    message_vi: error?.messageVi ?? String(error?.message ?? error),
    message_en: error?.messageEn ?? String(error?.message ?? error),
  };
}

const ready = () => Boolean(app.unit && app.member && app.selectionFindings.length === 0);

/** Recomputes the members of the chosen cell in the chosen month (and the month's findings). */
function updateMembers() {
  verdicts.clear();
  app.members = [];
  app.selectionFindings = [];
  const month = app.month.trim();
  if (!app.unit) return;
  if (month === "") {
    app.selectionFindings.push({
      field: "month", code: "month_required", level: "error", path: ["month"],
      message_vi: I18N.vi.monthRequired, message_en: I18N.en.monthRequired,
    });
    return;
  }
  try {
    app.members = app.evaluator.members(app.unit, month);
  } catch (error) {
    // The cell comes from the list, so a refused argument is the month.
    app.selectionFindings.push(thrownFinding(error, error?.code === "invalid_value" ? "month" : "unit"));
    return;
  }
  if (!app.members.some((m) => m.id === app.member)) app.member = "";
}

function memberLabel(member) {
  const extras = [
    ...member.roles.map((role) => t(`role.${role}`)),
    member.status === "probationary" ? t("status.probationary") : null,
  ].filter(Boolean);
  const name = member.name ?? member.id;
  return extras.length ? `${name} (${extras.join(", ")})` : name;
}

function renderPickers() {
  const unitSelect = $("unit");
  unitSelect.replaceChildren(...app.cells.map((cell) =>
    h("option", { value: cell.id, text: cell.name, selected: cell.id === app.unit })));
  unitSelect.value = app.unit;

  const monthInput = $("month");
  if (monthInput.value !== app.month) monthInput.value = app.month;

  const memberSelect = $("member");
  const options = [h("option", { value: "", text: app.members.length ? t("chooseMember") : (app.selectionFindings.length ? "—" : t("noMembers")) })];
  for (const member of app.members) {
    options.push(h("option", { value: member.id, text: memberLabel(member), selected: member.id === app.member }));
  }
  memberSelect.replaceChildren(...options);
  memberSelect.value = app.member;
  memberSelect.disabled = app.members.length === 0;
  renderRoster();
}

/** member → verdict, for the roster: evaluated once per member, then kept up to date from the
 *  preview of the member being edited. Cleared when the cell or the month changes. */
const verdicts = new Map();

function rosterState(member) {
  const draft = draftOf(member.id);
  if (!hasContent(draft)) return { state: t("stateNone"), verdict: "—", key: "none" };
  const review = buildReview(member.id, draft);
  if (!verdicts.has(member.id)) {
    try {
      verdicts.set(member.id, app.evaluator.evaluate(review).result.verdict);
    } catch {
      verdicts.set(member.id, null);
    }
  }
  const verdict = verdicts.get(member.id) ? t(`verdict.${verdicts.get(member.id)}`) : "—";
  const total = member.id === app.member ? app.applicable.length : applicableCount(member.id);
  const answered = review.answers.filter((a) => a.cell).length;
  return draft.status === "final"
    ? { state: t("stateFinal"), verdict, key: "final" }
    : { state: t("stateDraft", { n: answered, total }), verdict, key: "draft" };
}

function applicableCount(member) {
  try {
    return app.evaluator.applicableItems(member, app.month).length;
  } catch {
    return 0;
  }
}

let rosterKey = "";

function renderRoster() {
  const body = $("roster");
  if (app.members.length === 0) {
    rosterKey = "";
    body.replaceChildren(h("tr", {}, h("td", { colspan: 3, text: t("rosterEmpty") })));
    return;
  }
  const rows = app.members.map((member) => ({ member, current: member.id === app.member, ...rosterState(member) }));
  const key = JSON.stringify([app.lang, rows.map((r) => [r.member.id, r.current, r.state, r.verdict])]);
  if (key === rosterKey) return;
  rosterKey = key;
  body.replaceChildren(...rows.map(({ member, current, state, verdict, key: stateKey }) =>
    h("tr", { "data-member": member.id, "aria-current": current ? "true" : null, class: current ? "current" : null },
      h("th", { scope: "row" },
        h("button", {
          type: "button", class: "link", text: memberLabel(member),
          onclick: () => selectMember(member.id),
        })),
      h("td", { class: `state state-${stateKey}`, text: state }),
      h("td", { text: verdict }))));
}

function selectMember(id) {
  app.member = id;
  renderPickers();
  renderItems();
  refresh();
  $("member").focus();
}

// ---------------------------------------------------------------------------------------------
// The items

function renderItems() {
  const container = $("items");
  const finalSection = $("final-section");
  $("en-note").hidden = app.lang !== "en";
  $("en-note").textContent = t("englishNote");
  if (!ready()) {
    app.applicable = [];
    container.replaceChildren(h("p", { class: "placeholder", text: t("placeholder") }));
    finalSection.hidden = true;
    return;
  }
  try {
    app.applicable = app.evaluator.applicableItems(app.member, app.month);
  } catch (error) {
    app.applicable = [];
    app.selectionFindings.push(thrownFinding(error, "member"));
    container.replaceChildren(h("p", { class: "placeholder", text: t("placeholder") }));
    finalSection.hidden = true;
    return;
  }
  finalSection.hidden = false;
  const applicable = new Set(app.applicable);
  const draft = draftOf(app.member);
  const answers = draft?.answers ?? {};

  const sections = [];
  for (const kind of KINDS) {
    const groups = app.groups.filter((group) => group.kind === kind);
    const blocks = [];
    let count = 0;
    for (const group of groups) {
      const parts = [];
      const direct = (group.items ?? []).filter((item) => applicable.has(item.code));
      if (direct.length) parts.push(...direct.map((item) => renderItem(item.code, answers[item.code])));
      for (const subgroup of group.subgroups ?? []) {
        const codes = subgroup.items.map((item) => item.code).filter((code) => applicable.has(code));
        if (codes.length === 0) continue;
        count += codes.length;
        parts.push(h("details", { class: "subgroup", open: true, "data-codes": codes.join(" ") },
          h("summary", {},
            h("span", { class: "summary-title", text: textOf(subgroup.title) }),
            h("span", { class: "count", "data-count": "" })),
          codes.map((code) => renderItem(code, answers[code]))));
      }
      count += direct.length;
      if (parts.length === 0) continue;
      blocks.push(h("details", { class: "group", open: true },
        h("summary", {}, h("span", { class: "summary-title", text: textOf(group.title) })),
        parts));
    }
    if (count === 0) continue;
    const kindCodes = app.applicable.filter((code) => app.items.get(code)?.kind === kind);
    sections.push(h("details", { class: `kind kind-${kind}`, open: true, id: `kind-${kind}`, "data-codes": kindCodes.join(" ") },
      h("summary", {},
        h("h3", {}, h("span", { class: "summary-title", text: t(`kind.${kind}`) }), " ",
          h("span", { class: "count", "data-count": "" }))),
      h("div", { class: "kind-tools" },
        h("button", {
          type: "button", class: "small fill", "data-kind": kind,
          text: t("fillRest", { finding: t(`finding.${CLEAN[kind]}`) }),
          onclick: () => fillRest(kind),
        })),
      blocks));
  }
  const skipped = app.order.length - app.applicable.length;
  if (skipped > 0) sections.push(h("p", { class: "hint", text: t("notApplicable", { n: skipped }) }));
  container.replaceChildren(...sections);
  container.classList.toggle("with-self", app.showSelf);

  const notes = $("notes");
  notes.value = draft?.notes ?? "";
  $("final").checked = draft?.status === "final";
}

function renderChoices(code, kind, role, answer) {
  const id = idOf(code);
  const name = `${role}-${code}`;
  const legend = role === "cell" ? t("cellLegend") : t("selfLegend");
  return h("fieldset", { class: `answer answer-${role}`, id: `q-${id}-${role}`, "data-field": `answers.${code}.${role}` },
    h("legend", { text: legend }),
    h("div", { class: "choices" },
      FINDINGS[kind].map((finding) =>
        h("label", { class: `choice${ADVERSE.has(finding) ? " adverse" : ""}` },
          h("input", {
            type: "radio", name, value: finding, "data-item": code, "data-role": role,
            checked: answer?.[role] === finding,
            "aria-describedby": `msg-${id} msg-${id}-${role}`,
          }),
          h("span", { text: t(`finding.${finding}`) })))),
    h("div", { class: "field-msg", id: `msg-${id}-${role}` }));
}

function renderItem(code, answer) {
  const item = app.items.get(code);
  const id = idOf(code);
  const source = [item.source_document, item.source_point].filter(Boolean).join(", ");
  const text = app.lang === "vi" ? item.text_vi : item.text_en;
  return h("fieldset", {
    class: `item${answer?.cell ? " answered" : ""}`, id: `item-${id}`, "data-item": code, "data-kind": item.kind,
    "data-field": `answers.${code}`,
  },
    h("legend", {},
      h("span", { class: "item-code", text: code }), " ",
      h("span", { class: "item-text", text })),
    app.lang === "en"
      ? h("p", { class: "item-original", lang: "vi" },
          h("span", { class: "meta-label", lang: "en", text: `${t("vietnameseText")}: ` }), item.text_vi)
      : null,
    h("p", { class: "item-meta" },
      h("span", { class: "source" }, `${t("source")}: `, h("span", { lang: "vi", text: source })),
      " ",
      h("span", { class: `wording wording-${item.wording}`, text: t(`wording.${item.wording}`) }),
      h("span", { class: "open-badge", text: t("openBadge") })),
    h("div", { class: "field-msg", id: `msg-${id}` }),
    renderChoices(code, item.kind, "cell", answer),
    renderChoices(code, item.kind, "self", answer),
    h("button", {
      type: "button", class: "small clear", "data-item": code, hidden: !(answer?.cell || answer?.self),
      "aria-label": t("clearFor", { code }), text: t("clear"),
    }));
}

function fillRest(kind) {
  const draft = draftOf(app.member, true);
  for (const code of app.applicable) {
    if (app.items.get(code)?.kind !== kind) continue;
    const answer = (draft.answers[code] ??= {});
    if (answer.cell) continue;
    answer.cell = CLEAN[kind];
    const input = document.querySelector(`input[name="cell-${CSS.escape(code)}"][value="${CLEAN[kind]}"]`);
    if (input) input.checked = true;
  }
  refresh();
}

function updateItemStates() {
  const draft = draftOf(app.member);
  const answers = draft?.answers ?? {};
  for (const node of document.querySelectorAll("#items .item")) {
    const answer = answers[node.dataset.item];
    node.classList.toggle("answered", Boolean(answer?.cell));
    node.classList.toggle("has-self", Boolean(answer?.self));
    setHidden(node.querySelector(".clear"), !(answer?.cell || answer?.self));
  }
  for (const node of document.querySelectorAll("#items [data-codes]")) {
    const codes = node.dataset.codes.split(" ");
    const done = codes.filter((code) => answers[code]?.cell).length;
    const counter = node.querySelector(":scope > summary [data-count]");
    if (counter) setText(counter, t("answered", { n: done, total: codes.length }));
  }
  const open = new Set(app.highlight && app.preview && !app.preview.outlook.decided ? app.preview.outlook.open_items : []);
  for (const node of document.querySelectorAll("#items .item")) node.classList.toggle("is-open", open.has(node.dataset.item));
}

// ---------------------------------------------------------------------------------------------
// Findings on fields

/** Where a finding goes: its message box, the controls it marks invalid, and the container. */
function target(field) {
  if (SIMPLE_FIELDS.includes(field)) {
    const control = field === "status" ? $("final") : $(field);
    return { box: $(`${field}-msg`), controls: [control], container: $(`field-${field}`) };
  }
  if (!field.startsWith("answers.")) return null;
  let rest = field.slice("answers.".length);
  let role = null;
  for (const suffix of ["cell", "self"]) {
    if (rest.endsWith(`.${suffix}`) && app.items.has(rest.slice(0, -suffix.length - 1))) {
      role = suffix;
      rest = rest.slice(0, -suffix.length - 1);
    }
  }
  const id = idOf(rest);
  const item = $(`item-${id}`);
  if (!item) return null;
  if (role) {
    const group = $(`q-${id}-${role}`);
    return { box: $(`msg-${id}-${role}`), controls: [...group.querySelectorAll("input")], container: group, item };
  }
  return { box: $(`msg-${id}`), controls: [...item.querySelectorAll("input")], container: item, item };
}

/** Draft reviews may lack conclusions: those warnings are summed up, not put on every item. */
const quiet = (finding) => finding.level === "warning" && finding.code === "missing_cell_conclusion";

function dedupe(findings) {
  const seen = new Set();
  return findings.filter((f) => {
    const key = `${f.field}\u0000${f.code}\u0000${f.message_en}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** What the last `renderFindings` put on the page, so that the next one touches only what
 *  changed (a long form re-styled on every click is slow on a phone). */
const painted = { boxes: new Map(), invalid: new Set(), states: new Map() };

function renderFindings() {
  const all = dedupe([...app.selectionFindings, ...app.fields]);
  const unplaced = [];
  const boxes = new Map();
  const invalid = new Set();
  const states = new Map();
  const raise = (node, level) => {
    if (node && states.get(node) !== "error") states.set(node, level);
  };
  for (const finding of all) {
    if (quiet(finding)) continue;
    const place = target(finding.field);
    if (!place || !place.box) {
      unplaced.push(finding);
      continue;
    }
    if (!boxes.has(place.box)) boxes.set(place.box, []);
    boxes.get(place.box).push(finding);
    raise(place.container, finding.level);
    raise(place.item, finding.level);
    if (finding.level === "error") for (const control of place.controls) if (control) invalid.add(control);
  }

  // Message boxes: each control's aria-describedby already names its box.
  const keys = new Map();
  for (const [box, list] of boxes) keys.set(box, list.map((f) => `${t(f.level)} ${message(f)}`).join("\n"));
  for (const box of painted.boxes.keys()) if (!keys.has(box)) box.replaceChildren();
  for (const [box, list] of boxes) {
    if (painted.boxes.get(box) === keys.get(box)) continue;
    box.replaceChildren(...list.map((finding) => h("p", { class: `msg msg-${finding.level}` },
      h("span", { class: "msg-level", text: t(finding.level) }), " ", message(finding))));
  }
  painted.boxes = keys;
  for (const node of painted.invalid) if (!invalid.has(node)) node.removeAttribute("aria-invalid");
  for (const node of invalid) if (!painted.invalid.has(node)) node.setAttribute("aria-invalid", "true");
  painted.invalid = invalid;
  for (const node of painted.states.keys()) if (!states.has(node)) node.removeAttribute("data-state");
  for (const [node, level] of states) if (node.getAttribute("data-state") !== level) node.setAttribute("data-state", level);
  painted.states = states;
  renderSummary(all, unplaced);
}

function renderSummary(all, unplaced) {
  const summary = $("summary");
  const shown = all.filter((f) => !quiet(f));
  const errors = shown.filter((f) => f.level === "error");
  const warnings = shown.filter((f) => f.level === "warning");
  const missing = all.filter(quiet).length;
  const parts = [];
  parts.push(h("p", { class: errors.length ? "summary-head has-errors" : "summary-head", text: shown.length ? t("counts", { errors: errors.length, warnings: warnings.length }) : t("noErrors") }));
  if (missing) parts.push(h("p", { class: "hint", text: t("missingDraft", { n: missing }) }));
  const list = [...errors, ...warnings];
  if (list.length) {
    const limit = 8;
    parts.push(h("ul", { class: "summary-list" }, list.slice(0, limit).map((finding) => {
      const place = unplaced.includes(finding) ? null : target(finding.field);
      const text = finding.level === "warning" ? `${t("warning")} ${message(finding)}` : message(finding);
      if (!place) return h("li", { class: `msg-${finding.level}`, text });
      return h("li", { class: `msg-${finding.level}` }, h("a", {
        href: `#${place.container.id || place.controls[0]?.id || ""}`, text,
        onclick: (event) => {
          event.preventDefault();
          for (let node = place.container; node; node = node.parentElement?.closest("details")) {
            if (node.tagName === "DETAILS") node.open = true;
            if (!node.parentElement) break;
          }
          const focusable = place.controls.find((c) => c && !c.disabled);
          focusable?.focus();
          place.container.scrollIntoView({ block: "center" });
        },
      }));
    }), list.length > limit ? h("li", { text: t("more", { n: list.length - limit }) }) : null));
  }
  summary.replaceChildren(...parts);
  return { errors: errors.length, warnings: warnings.length };
}

// ---------------------------------------------------------------------------------------------
// The verdict preview

function renderPreview() {
  const preview = app.preview;
  const verdictNode = $("verdict");
  const outlook = $("outlook");
  const highlight = $("highlight");
  if (!preview) {
    setText(verdictNode, "—");
    verdictNode.dataset.verdict = "";
    setHidden($("provisional"), true);
    setText($("explanation"), "");
    outlook.dataset.decided = "";
    setText($("outlook-chip"), "");
    setText($("outlook-text"), "");
    setText($("outlook-range"), "");
    setHidden(highlight, true);
    setText($("progress"), "");
    setHidden($("disagreements"), true);
    setText($("fingerprint"), "—");
    setText($("statusbar"), "");
    return;
  }
  const { evaluation, outlook: look } = preview;
  const verdict = evaluation.result.verdict;
  setText(verdictNode, t(`verdict.${verdict}`));
  verdictNode.dataset.verdict = verdict;
  setHidden($("provisional"), !evaluation.result.provisional);
  setText($("provisional"), t("provisional"));
  setText($("explanation"), textOf(evaluation.explanation));

  outlook.dataset.decided = String(look.decided);
  setText($("outlook-chip"), look.decided ? t("decided") : t("undecided"));
  $("outlook-chip").className = `chip ${look.decided ? "chip-decided" : "chip-open"}`;
  setText($("outlook-text"), textOf(look.explanation));
  // The module's sentence already gives the range and how many items are open; the range is
  // repeated as data for screen readers scanning the panel, and the button names the count.
  setText($("outlook-range"), look.decided ? "" : t("range", { least: t(`verdict.${look.least}`), most: t(`verdict.${look.most}`) }));
  setHidden(highlight, look.decided || look.open_items.length === 0);
  setText(highlight, app.highlight ? t("highlightOff") : t("highlightOn", { n: look.open_items.length }));
  highlight.setAttribute("aria-pressed", String(app.highlight));

  const total = app.applicable.length;
  const answered = total - look.unanswered.length;
  setText($("progress"), t("progress", { n: answered, total }));
  const differ = evaluation.result.disagreements ?? [];
  setHidden($("disagreements"), differ.length === 0);
  setText($("disagreements"), differ.length ? t("disagreements", { items: differ.map((d) => d.item).join(", ") }) : "");
  setText($("fingerprint"), evaluation.fingerprint);
  setText($("statusbar"), `${t("preview")}: ${t(`verdict.${verdict}`)} · ${answered}/${total}`);
  $("statusbar").dataset.verdict = verdict;
}

function announce() {
  const shown = dedupe([...app.selectionFindings, ...app.fields]).filter((f) => !quiet(f));
  const counts = t("counts", {
    errors: shown.filter((f) => f.level === "error").length,
    warnings: shown.filter((f) => f.level === "warning").length,
  });
  const text = app.preview
    ? t("announce", { verdict: t(`verdict.${app.preview.evaluation.result.verdict}`), counts })
    : shown.length ? counts : "";
  if (text !== app.announced) {
    app.announced = text;
    $("live").textContent = text;
  }
}

function renderSaved() {
  $("saved").textContent = app.savedAt && !app.storageBroken
    ? t("saved", { time: app.savedAt.toLocaleTimeString(app.lang === "vi" ? "vi-VN" : "en-GB") })
    : "";
}

/** Previews the current review and shows everything that depends on it; `extra` are findings
 *  just given by `validateAnswer` for the answer that changed. */
function refresh(extra = []) {
  app.preview = null;
  app.fields = [];
  if (ready() && app.applicable.length + app.order.length > 0 && $("items").querySelector(".item")) {
    try {
      app.preview = app.evaluator.preview(currentReview());
      app.fields = [...app.preview.fields, ...extra];
      verdicts.set(app.member, app.preview.evaluation.result.verdict);
    } catch (error) {
      app.fields = [...extra, thrownFinding(error)];
      verdicts.delete(app.member);
    }
  }
  renderFindings();
  renderPreview();
  updateItemStates();
  renderRoster();
  announce();
  save();
}

/** Re-renders every text in the current language. */
function renderAll() {
  document.documentElement.lang = app.lang;
  document.title = t("pageTitle");
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  const button = $("lang");
  button.textContent = t("otherLanguage");
  button.lang = t("otherLanguageCode");
  $("org-name").textContent = textOf(app.organisation?.name);
  $("show-self").checked = app.showSelf;
  renderPickers();
  renderItems();
  refresh();
  renderMeeting();
  if (app.exportMessage) showExportMessage(app.exportMessage);
}

// ---------------------------------------------------------------------------------------------
// Export

function showExportMessage(result) {
  app.exportMessage = result;
  const node = $("export-status");
  if (result.n === 0) {
    node.textContent = t("exportNothing");
    return;
  }
  node.textContent = [t("exported", { n: result.n, file: result.file }), result.errors ? t("exportedErrors", { n: result.errors }) : ""]
    .filter(Boolean).join(" ");
  node.classList.toggle("has-errors", result.errors > 0);
}

function exportMonth() {
  refresh();
  const reviews = [];
  let errors = 0;
  for (const member of app.members) {
    const draft = draftOf(member.id);
    if (!hasContent(draft)) continue;
    const review = buildReview(member.id, draft);
    reviews.push(review);
    try {
      if (app.evaluator.validateForm(review).some((f) => f.level === "error")) errors += 1;
    } catch {
      errors += 1;
    }
  }
  const file = `danh-gia-${idOf(app.unit)}-${idOf(app.month)}.json`;
  if (reviews.length === 0) {
    showExportMessage({ n: 0, file, errors: 0 });
    return;
  }
  const text = `${JSON.stringify({ reviews }, null, 2)}\n`;
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const link = h("a", { href: url, download: file, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  showExportMessage({ n: reviews.length, file, errors });
}

// ---------------------------------------------------------------------------------------------
// Events

function onMonthChange(force) {
  const value = $("month").value.trim();
  if (!force && !(value === "" || MONTH.test(value))) return; // still typing
  if (value === app.month && !force) return;
  app.month = value;
  selectionChanged();
}

/** After the cell or the month changed: the member list, the pickers, the items and the preview. */
function selectionChanged() {
  app.exportMessage = null;
  $("export-status").textContent = "";
  updateMembers();
  renderPickers();
  renderItems();
  refresh();
  renderMeeting();
}

/** The meeting section for the chosen cell and month (none while the month has an error). */
function renderMeeting() {
  const ok = app.selectionFindings.length === 0;
  app.meeting?.render(ok ? app.unit : "", ok ? app.month : "", ok ? app.members : []);
}

function wire() {
  $("form").addEventListener("submit", (event) => {
    event.preventDefault();
    onMonthChange(true);
  });
  $("lang").addEventListener("click", () => {
    app.lang = app.lang === "vi" ? "en" : "vi";
    renderAll();
  });
  $("unit").addEventListener("change", (event) => {
    app.unit = event.target.value;
    selectionChanged();
  });
  $("month").addEventListener("input", () => onMonthChange(false));
  $("month").addEventListener("change", () => onMonthChange(true));
  $("member").addEventListener("change", (event) => {
    app.member = event.target.value;
    renderPickers();
    renderItems();
    refresh();
  });
  $("show-self").addEventListener("change", (event) => {
    app.showSelf = event.target.checked;
    $("items").classList.toggle("with-self", app.showSelf);
    save();
  });
  $("highlight").addEventListener("click", () => {
    app.highlight = !app.highlight;
    renderPreview();
    updateItemStates();
  });
  $("items").addEventListener("change", (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== "radio") return;
    const code = input.dataset.item;
    const role = input.dataset.role;
    const draft = draftOf(app.member, true);
    const answer = (draft.answers[code] ??= {});
    answer[role] = input.value;
    // Instant feedback on this one answer, then the whole form.
    let extra = [];
    try {
      extra = app.evaluator.validateAnswer(currentReview(), answerObject(code, answer));
    } catch (error) {
      extra = [thrownFinding(error, `answers.${code}.${role}`)];
    }
    refresh(extra);
  });
  $("items").addEventListener("click", (event) => {
    const button = event.target instanceof Element ? event.target.closest("button.clear") : null;
    if (!button) return;
    const code = button.dataset.item;
    const draft = draftOf(app.member, true);
    delete draft.answers[code];
    for (const input of document.querySelectorAll(`#item-${CSS.escape(idOf(code))} input[type="radio"]`)) input.checked = false;
    refresh();
    document.querySelector(`#item-${CSS.escape(idOf(code))} input[type="radio"]`)?.focus();
  });
  let notesTimer = null;
  $("notes").addEventListener("input", (event) => {
    draftOf(app.member, true).notes = event.target.value;
    clearTimeout(notesTimer);
    notesTimer = setTimeout(() => refresh(), 300);
  });
  $("notes").addEventListener("change", () => {
    clearTimeout(notesTimer);
    refresh();
  });
  $("final").addEventListener("change", (event) => {
    draftOf(app.member, true).status = event.target.checked ? "final" : "draft";
    refresh();
  });
  $("export").addEventListener("click", exportMonth);
}

function currentMonth() {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}`;
}

async function main() {
  const loaded = await load();
  $("loading").hidden = true;
  if (!loaded) {
    $("lang").hidden = true; // the banner is in both languages already
    document.body.dataset.status = "error";
    return;
  }
  restore();
  if (!app.cells.some((cell) => cell.id === app.unit)) app.unit = app.cells[0]?.id ?? "";
  if (!app.month) app.month = currentMonth();
  updateMembers();
  app.meeting = meetingSection({
    soisua: app.soisua, organisation: app.orgHandle, records: app.meetings, h, memberLabel,
    lang: () => app.lang, save,
  });
  wire();
  $("app").hidden = false;
  renderAll();
  document.body.dataset.status = "ready";
}

main().catch((error) => {
  $("loading").hidden = true;
  $("lang").hidden = true;
  showBanner("module", [String(error?.message ?? error)]);
  document.body.dataset.status = "error";
});
