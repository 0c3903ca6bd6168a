// Loads the ES module from ../../pkg, validates the central catalogue and a broken copy of it,
// and shows the results. The results are also left on `window.soisuaResult` for the test driver.
import init, { Catalogue } from "../../pkg/soisua_wasm.js";

const $ = (id) => document.getElementById(id);

function row(label, value) {
  const tr = document.createElement("tr");
  for (const text of [label, String(value)]) {
    const td = document.createElement("td");
    td.textContent = text;
    tr.append(td);
  }
  return tr;
}

async function main() {
  await init();
  const central = Catalogue.central2020();
  const counts = central.counts();
  $("counts").append(
    row("Biểu hiện suy thoái", counts.manifestation),
    row("Nội dung nêu gương", counts.exemplary),
    row("Điều không được làm", counts.prohibition),
  );
  const centralFindings = central.validate();
  $("central-findings").textContent = centralFindings.length === 0
    ? "Danh mục hợp lệ: không có phát hiện nào."
    : `${centralFindings.length} phát hiện.`;

  // A broken copy: the second item takes the first one's code.
  const broken = central.toObject();
  const items = broken.groups[0].subgroups[0].items;
  items[1].code = items[0].code;
  const findings = Catalogue.fromObject(broken).validate();
  const finding = findings[0];
  $("finding").textContent = finding
    ? `${finding.message_vi} (${finding.code}, ${JSON.stringify(finding.path)})`
    : "Không có phát hiện nào.";

  let thrown = null;
  try {
    Catalogue.fromJson("{");
  } catch (error) {
    thrown = { isError: error instanceof Error, name: error.name, code: error.code, line: error.location?.line };
  }

  $("status").textContent = "Xong.";
  window.soisuaResult = { counts, centralFindings, findings, thrown, reference: central.reference };
  document.body.dataset.status = "ok";
}

main().catch((error) => {
  $("status").textContent = `Lỗi: ${error?.message ?? error}`;
  window.soisuaResult = { error: String(error?.stack ?? error) };
  document.body.dataset.status = "error";
});
