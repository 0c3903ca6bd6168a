// soisua web form, the cell meeting (sinh hoạt chi bộ): the secretary records the month's meeting
// of the chosen cell and sees its rating as it is filled in.
//
// Every rule lives in the WebAssembly module: the criteria come from `defaultMeetingScheme()`, the
// points, level, reasons and findings from `previewMeeting()`. This file only collects the record,
// keeps it with the review drafts and shows what the module says.

const KINDS = ["regular", "thematic"];
const ATTENDANCE = ["present", "excused", "absent"];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const WHOLE = /^\d+$/;
/** Record fields with their own message box: form field → element id prefix. */
const BOXES = {
  date: "mt-date", kind: "mt-kind", duration_minutes: "mt-duration", minutes_complete: "mt-minutes",
  contents: "mt-contents", conclusions: "mt-conclusions", model: "mt-model",
};
const MEMBER_LISTS = ["present", "excused", "exempt", "speakers"];

const I18N = {
  vi: {
    title: "5. Sinh hoạt chi bộ",
    help: "Ghi buổi sinh hoạt thường kỳ hoặc chuyên đề của chi bộ trong tháng đã chọn. Kết quả xếp loại theo thang điểm hiện lên ngay khi nhập.",
    placeholder: "Chọn chi bộ và tháng để ghi buổi sinh hoạt.",
    record: "Biên bản buổi sinh hoạt",
    date: "Ngày sinh hoạt",
    dateRequired: "Hãy nhập ngày sinh hoạt.",
    kind: "Hình thức",
    kinds: { regular: "Thường kỳ", thematic: "Chuyên đề" },
    duration: "Thời gian (phút)",
    attendance: "Đảng viên dự sinh hoạt",
    attendanceHelp: "Với mỗi đảng viên của chi bộ: có mặt, vắng có lý do (ghi lý do) hoặc vắng không có lý do; đánh dấu người có phát biểu.",
    states: { present: "Có mặt", excused: "Vắng có lý do", absent: "Vắng không lý do" },
    reason: "Lý do vắng của {name}",
    spoke: "Có phát biểu",
    minutes: "Biên bản ghi chép đầy đủ",
    minutesGroup: "Biên bản, nội dung và kết luận",
    contents: "Nội dung sinh hoạt (mỗi dòng một nội dung)",
    conclusions: "Kết luận của chi bộ (mỗi dòng một kết luận)",
    model: "Buổi sinh hoạt chi bộ mẫu",
    scores: "Chấm điểm các tiêu chí",
    scoresHelp: "Điểm do chi ủy chấm cho các tiêu chí không đo được từ biên bản, theo thang điểm {scheme}.",
    upTo: "tối đa {max} điểm",
    rating: "Xếp loại dự kiến",
    notRated: "Chưa xếp loại: biên bản còn lỗi.",
    points: "{points}/{total} điểm",
    criterion: "Tiêu chí",
    pointsCol: "Điểm",
    why: "Lý do",
    key: "chủ chốt",
    earlier: "Đã xét {n} buổi sinh hoạt trước đó của chi bộ trong năm (vắng có lý do liên tiếp).",
    noErrors: "Biên bản không có lỗi.",
    counts: "{errors} lỗi, {warnings} lưu ý",
    error: "Lỗi:",
    warning: "Lưu ý:",
  },
  en: {
    title: "5. Cell meeting",
    help: "Record the cell's regular or thematic meeting of the chosen month. Its rating under the scheme shows as you type.",
    placeholder: "Choose a cell and a month to record its meeting.",
    record: "The meeting's record",
    date: "Date of the meeting",
    dateRequired: "Enter the date of the meeting.",
    kind: "Kind",
    kinds: { regular: "Regular (monthly)", thematic: "Thematic" },
    duration: "Duration (minutes)",
    attendance: "Members at the meeting",
    attendanceHelp: "For each member of the cell: present, excused (give the reason) or absent without a reason; tick those who spoke.",
    states: { present: "Present", excused: "Excused", absent: "Absent" },
    reason: "Why {name} was absent",
    spoke: "Spoke",
    minutes: "The minutes are complete",
    minutesGroup: "Minutes, contents and conclusions",
    contents: "What was discussed (one item a line)",
    conclusions: "The cell's conclusions (one a line)",
    model: "Model meeting",
    scores: "Points for the judged criteria",
    scoresHelp: "Points the cell committee gives for what the record cannot measure, under the scheme {scheme}.",
    upTo: "up to {max} points",
    rating: "Expected rating",
    notRated: "Not rated yet: the record has errors.",
    points: "{points} of {total} points",
    criterion: "Criterion",
    pointsCol: "Points",
    why: "Why",
    key: "key",
    earlier: "{n} earlier meetings of the cell this year were looked at (excused absences in a row).",
    noErrors: "The record has no errors.",
    counts: "{errors} errors, {warnings} warnings",
    error: "Error:",
    warning: "Warning:",
  },
};

/** The meeting section. `ctx`: `soisua` (the module), `organisation` (its `Organisation`),
 *  `records` (unit → month → record, kept with the drafts), `h`, `lang()`, `save()`,
 *  `memberLabel(member)`. Call `render(unit, month, members)` whenever any of them or the
 *  language changes. */
export function meetingSection(ctx) {
  const { soisua, h } = ctx;
  const scheme = soisua.defaultMeetingScheme();
  const judged = scheme.criteria.filter((c) => c.rule.kind === "judged");
  const $ = (id) => document.getElementById(id);
  const idOf = (code) => code.replace(/[^A-Za-z0-9_-]/g, "_");
  const state = { unit: "", month: "", members: [] };

  function t(key, params = {}) {
    let value = I18N[ctx.lang()];
    for (const part of key.split(".")) value = value?.[part];
    if (typeof value !== "string") value = key;
    return value.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ""));
  }
  const textOf = (pair) => (pair ? pair[ctx.lang()] ?? pair.vi : "");
  const message = (f) => (ctx.lang() === "vi" ? f.message_vi : f.message_en);

  /** The stored record of the chosen cell and month, created with every member present. */
  function record(create = false) {
    const byMonth = (ctx.records[state.unit] ??= {});
    if (!byMonth[state.month] && create) {
      byMonth[state.month] = {
        date: "", kind: "regular", duration: "", attendance: {}, reasons: {}, spoke: {},
        minutes_complete: false, contents: "", conclusions: "", model: false, scores: {},
      };
    }
    const found = byMonth[state.month];
    if (found) for (const m of state.members) found.attendance[m.id] ??= "present";
    return found ?? null;
  }

  const lines = (text) => String(text ?? "").split("\n").map((l) => l.trim()).filter(Boolean);

  /** The `MeetingObject` of a stored record; `strict` keeps only whole numbers (earlier meetings
   *  are history, not the record being checked). */
  function meetingOf(unit, month, r, strict = false) {
    const number = (text) => (WHOLE.test(String(text).trim()) ? Number(text) : strict ? null : Number(String(text).trim() || 0));
    const members = Object.entries(r.attendance ?? {});
    const meeting = {
      id: `${unit}-${month}`,
      unit,
      date: r.date,
      kind: KINDS.includes(r.kind) ? r.kind : "regular",
      duration_minutes: number(r.duration) ?? 0,
      present: members.filter(([, s]) => s === "present").map(([id]) => id),
      excused: members.filter(([, s]) => s === "excused").map(([id]) => ({ member: id, reason: r.reasons?.[id] ?? "" })),
      speakers: Object.entries(r.spoke ?? {}).filter(([, spoke]) => spoke).map(([id]) => id),
      minutes_complete: Boolean(r.minutes_complete),
      contents: lines(r.contents),
      conclusions: lines(r.conclusions),
      model: Boolean(r.model),
      scores: {},
    };
    for (const [code, given] of Object.entries(r.scores ?? {})) {
      if (String(given).trim() === "") continue;
      const points = number(given);
      if (points !== null) meeting.scores[code] = points;
    }
    return meeting;
  }

  /** The cell's meetings saved for earlier months of the same year, with a date. */
  function earlier() {
    const year = state.month.slice(0, 4);
    return Object.entries(ctx.records[state.unit] ?? {})
      .filter(([month, r]) => month < state.month && month.startsWith(year) && DATE.test(r?.date ?? ""))
      .map(([month, r]) => meetingOf(state.unit, month, r, true));
  }

  // -------------------------------------------------------------------------------------------
  // The record's fields

  const field = (id, label, control, hint) =>
    h("div", { class: "field", id: `${id}-field` },
      h("label", { for: id, text: label }), control, hint ?? null, h("div", { class: "field-msg", id: `${id}-msg` }));

  function renderRecord(r) {
    const members = state.members.map((m) => {
      const id = idOf(m.id);
      const status = r.attendance[m.id];
      return h("fieldset", { class: "mt-member", id: `mt-member-${id}`, "data-member": m.id },
        h("legend", { text: ctx.memberLabel(m) }),
        h("div", { class: "choices" },
          ATTENDANCE.map((s) => h("label", { class: `choice${s === "absent" ? " adverse" : ""}` },
            h("input", {
              type: "radio", name: `mt-att-${m.id}`, value: s, checked: status === s,
              "data-member": m.id, "data-role": "attendance", "aria-describedby": `mt-member-${id}-msg`,
            }),
            h("span", { text: t(`states.${s}`) }))),
          h("label", { class: "choice" },
            h("input", {
              type: "checkbox", checked: Boolean(r.spoke[m.id]), "data-member": m.id, "data-role": "spoke",
              "aria-describedby": `mt-member-${id}-msg`,
            }),
            h("span", { text: t("spoke") }))),
        h("div", { class: "mt-reason", hidden: status !== "excused" },
          h("label", { for: `mt-reason-${id}`, text: t("reason", { name: m.name ?? m.id }) }),
          h("input", {
            type: "text", id: `mt-reason-${id}`, value: r.reasons[m.id] ?? "", "data-member": m.id,
            "data-role": "reason", "aria-describedby": `mt-member-${id}-msg`,
          })),
        h("div", { class: "field-msg", id: `mt-member-${id}-msg` }));
    });
    const scores = judged.map((c) => {
      const id = `mt-score-${idOf(c.code)}`;
      return field(id, textOf(c.title),
        h("input", {
          type: "number", id, min: 0, max: c.max_points, step: 1, inputmode: "numeric", value: r.scores[c.code] ?? "",
          "data-criterion": c.code, "aria-describedby": `${id}-hint ${id}-msg`,
        }),
        h("p", { class: "hint", id: `${id}-hint`, text: t("upTo", { max: c.max_points }) }));
    });
    const check = (id, key, checked) => h("div", { class: "field", id: `${id}-field` },
      h("label", { class: "check" },
        h("input", { type: "checkbox", id, checked, "aria-describedby": `${id}-msg` }),
        h("span", { text: t(key) })),
      h("div", { class: "field-msg", id: `${id}-msg` }));
    return [
      h("fieldset", { class: "mt-group" },
        h("legend", { text: t("record") }),
        h("div", { class: "pickers" },
          field("mt-date", t("date"), h("input", { type: "date", id: "mt-date", value: r.date, "aria-describedby": "mt-date-msg" })),
          h("fieldset", { class: "field mt-kind", id: "mt-kind-field", "aria-describedby": "mt-kind-msg" },
            h("legend", { text: t("kind") }),
            h("div", { class: "choices" }, KINDS.map((k) => h("label", { class: "choice" },
              h("input", { type: "radio", name: "mt-kind", value: k, checked: r.kind === k }),
              h("span", { text: t(`kinds.${k}`) })))),
            h("div", { class: "field-msg", id: "mt-kind-msg" })),
          field("mt-duration", t("duration"), h("input", {
            type: "number", id: "mt-duration", min: 0, step: 1, inputmode: "numeric", value: r.duration,
            "aria-describedby": "mt-duration-msg",
          })))),
      h("fieldset", { class: "mt-group", id: "mt-attendance", "aria-describedby": "mt-attendance-help" },
        h("legend", { text: t("attendance") }),
        h("p", { class: "hint", id: "mt-attendance-help", text: t("attendanceHelp") }),
        members),
      h("fieldset", { class: "mt-group" },
        h("legend", { text: t("minutesGroup") }),
        check("mt-minutes", "minutes", r.minutes_complete),
        field("mt-contents", t("contents"), h("textarea", { id: "mt-contents", rows: 3, "aria-describedby": "mt-contents-msg" })),
        field("mt-conclusions", t("conclusions"), h("textarea", { id: "mt-conclusions", rows: 3, "aria-describedby": "mt-conclusions-msg" })),
        check("mt-model", "model", r.model)),
      h("fieldset", { class: "mt-group", "aria-describedby": "mt-scores-help" },
        h("legend", { text: t("scores") }),
        h("p", { class: "hint", id: "mt-scores-help", text: t("scoresHelp", { scheme: textOf(scheme.title) }) }),
        h("div", { class: "pickers" }, scores)),
    ];
  }

  // -------------------------------------------------------------------------------------------
  // The rating and the findings

  /** A thrown error (a record the module cannot read) as a finding on its field. */
  function thrownFinding(error) {
    const [first, second] = error?.location?.path ?? [];
    let field = typeof first === "string" ? first : "";
    if (field === "scores" && typeof second === "string") field = `scores.${second}`;
    return {
      field, code: error?.code ?? "error", level: "error", path: error?.location?.path ?? [],
      message_vi: error?.messageVi ?? String(error?.message ?? error),
      message_en: error?.messageEn ?? String(error?.message ?? error),
    };
  }

  /** The message box and the controls of a form field, or null (shown in the panel's list). */
  function target(name) {
    if (BOXES[name]) {
      const box = $(`${BOXES[name]}-msg`);
      return { box, controls: [...$(`${BOXES[name]}-field`).querySelectorAll("input, textarea")] };
    }
    if (name.startsWith("scores.")) {
      const id = `mt-score-${idOf(name.slice("scores.".length))}`;
      return $(id) ? { box: $(`${id}-msg`), controls: [$(id)] } : null;
    }
    const [list, ...rest] = name.split(".");
    if (!MEMBER_LISTS.includes(list)) return null;
    const member = rest.join(".").replace(/\.reason$/, "");
    const row = $(`mt-member-${idOf(member)}`);
    if (!row) return null;
    const reason = name.endsWith(".reason") ? row.querySelector("input[type=text]") : null;
    return { box: $(`mt-member-${idOf(member)}-msg`), controls: reason ? [reason] : [...row.querySelectorAll("input[type=radio]")] };
  }

  const line = (f) => h("p", { class: `msg msg-${f.level}`, "data-code": f.code },
    h("span", { class: "msg-level", text: t(f.level) }), " ", message(f));

  function renderFindings(fields) {
    const section = $("meeting-section");
    for (const box of section.querySelectorAll(".field-msg")) box.replaceChildren();
    for (const node of section.querySelectorAll("[aria-invalid]")) node.removeAttribute("aria-invalid");
    for (const node of section.querySelectorAll("[data-state]")) delete node.dataset.state;
    const unplaced = [];
    for (const f of fields) {
      const place = f.field ? target(f.field) : null;
      if (!place) {
        unplaced.push(f);
        continue;
      }
      place.box.append(line(f));
      if (f.level === "error") for (const control of place.controls) control.setAttribute("aria-invalid", "true");
      const row = place.box.closest(".mt-member, .field");
      if (row && row.dataset.state !== "error") row.dataset.state = f.level;
    }
    const errors = fields.filter((f) => f.level === "error").length;
    const warnings = fields.length - errors;
    const head = h("p", { class: `summary-head${errors ? " has-errors" : ""}`, text: fields.length ? t("counts", { errors, warnings }) : t("noErrors") });
    const list = h("ul", { class: "summary-list" }, unplaced.map((f) => h("li", {}, line(f))));
    $("mt-summary").replaceChildren(...(unplaced.length ? [head, list] : [head]));
  }

  function renderRating(rating, looked) {
    const level = $("mt-level");
    level.textContent = rating ? textOf(rating.level_title) : "—";
    level.dataset.level = rating?.level ?? "";
    $("mt-points").textContent = rating ? t("points", { points: rating.points, total: rating.total_points }) : t("notRated");
    $("mt-why").textContent = rating ? textOf(rating.why) : "";
    $("mt-held").textContent = rating?.held_back ? textOf(rating.held_back.why) : "";
    $("mt-earlier").textContent = rating && looked > 0 ? t("earlier", { n: looked }) : "";
    const body = $("mt-criteria");
    if (!rating) {
      body.replaceChildren();
      $("mt-table").hidden = true;
      return;
    }
    $("mt-table").hidden = false;
    body.replaceChildren(...rating.criteria.map((c) =>
      h("tr", { "data-criterion": c.criterion, class: c.points < c.max_points ? "short" : null },
        h("th", { scope: "row" }, textOf(c.title), c.key ? h("span", { class: "key-badge", text: ` (${t("key")})` }) : null),
        h("td", { class: "num", text: `${c.points}/${c.max_points}` }),
        h("td", { text: textOf(c.why) }))));
  }

  /** Rates the record as it stands and shows the rating and the findings. */
  function refresh() {
    const r = record();
    if (!r || !state.month) return;
    const meeting = meetingOf(state.unit, state.month, r);
    const history = earlier();
    let fields = [];
    let rating = null;
    if (!DATE.test(meeting.date)) {
      fields = [{
        field: "date", code: "meeting_date_required", level: "error", path: ["date"],
        message_vi: I18N.vi.dateRequired, message_en: I18N.en.dateRequired,
      }];
    } else {
      try {
        const preview = soisua.previewMeeting(ctx.organisation, meeting, history, null);
        rating = preview.rating;
        fields = preview.fields;
      } catch (error) {
        fields = [thrownFinding(error)];
      }
    }
    const looked = rating?.criteria.find((c) => c.measure.kind === "attendance")?.measure.earlier_meetings ?? 0;
    renderRating(rating, looked);
    renderFindings(fields);
    $("mt-live").textContent = rating
      ? `${t("rating")}: ${textOf(rating.level_title)}, ${t("points", { points: rating.points, total: rating.total_points })}`
      : t("notRated");
  }

  function changed() {
    refresh();
    ctx.save();
  }

  function wire() {
    const body = $("mt-body");
    body.addEventListener("submit", (event) => event.preventDefault());
    const onInput = (event) => {
      const input = event.target;
      // Radios and boxes are read on "change", text as it is typed.
      const toggled = input.type === "radio" || input.type === "checkbox";
      if ((event.type === "change") !== toggled) return;
      const r = record(true);
      const member = input.dataset.member;
      if (input.id === "mt-date") r.date = input.value;
      else if (input.name === "mt-kind") r.kind = input.value;
      else if (input.id === "mt-duration") r.duration = input.value;
      else if (input.id === "mt-minutes") r.minutes_complete = input.checked;
      else if (input.id === "mt-model") r.model = input.checked;
      else if (input.id === "mt-contents") r.contents = input.value;
      else if (input.id === "mt-conclusions") r.conclusions = input.value;
      else if (input.dataset.criterion) r.scores[input.dataset.criterion] = input.value;
      else if (member && input.dataset.role === "attendance") {
        r.attendance[member] = input.value;
        input.closest(".mt-member").querySelector(".mt-reason").hidden = input.value !== "excused";
      } else if (member && input.dataset.role === "spoke") r.spoke[member] = input.checked;
      else if (member && input.dataset.role === "reason") r.reasons[member] = input.value;
      else return;
      changed();
    };
    body.addEventListener("input", onInput);
    body.addEventListener("change", onInput);
  }

  /** Shows the meeting of `unit` in `month` with the cell's `members` that month. */
  function render(unit, month, members) {
    Object.assign(state, { unit, month, members });
    for (const node of document.querySelectorAll("#meeting-section [data-mt]")) node.textContent = t(node.dataset.mt);
    const body = $("mt-body");
    const ready = Boolean(unit && month && members.length);
    $("mt-rating").hidden = !ready;
    if (!ready) {
      body.replaceChildren(h("p", { class: "placeholder", text: t("placeholder") }));
      return;
    }
    const r = record(true);
    body.replaceChildren(...renderRecord(r));
    $("mt-contents").value = r.contents;
    $("mt-conclusions").value = r.conclusions;
    refresh();
  }

  wire();
  return { render, scheme };
}

/** The records read back from storage: unit → month → record, anything else dropped. */
export function cleanRecords(stored) {
  const out = {};
  if (!stored || typeof stored !== "object") return out;
  const text = (v) => (typeof v === "string" ? v : "");
  const map = (v, keep) => Object.fromEntries(Object.entries(v && typeof v === "object" ? v : {}).filter(([, x]) => keep(x)));
  for (const [unit, byMonth] of Object.entries(stored)) {
    if (!byMonth || typeof byMonth !== "object") continue;
    for (const [month, r] of Object.entries(byMonth)) {
      if (!r || typeof r !== "object") continue;
      (out[unit] ??= {})[month] = {
        date: text(r.date), kind: KINDS.includes(r.kind) ? r.kind : "regular", duration: text(r.duration),
        attendance: map(r.attendance, (s) => ATTENDANCE.includes(s)),
        reasons: map(r.reasons, (s) => typeof s === "string"),
        spoke: map(r.spoke, (s) => s === true),
        minutes_complete: r.minutes_complete === true, contents: text(r.contents), conclusions: text(r.conclusions),
        model: r.model === true, scores: map(r.scores, (s) => typeof s === "string"),
      };
    }
  }
  return out;
}
