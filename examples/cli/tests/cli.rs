//! The `soisua` command, run as a person would: exit codes, output, files written.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, reason = "test code")]

use std::path::PathBuf;
use std::process::{Command, Output};

fn soisua(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_soisua")).args(args).output().expect("soisua runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn validate_default_shows_wording_counts() {
    let out = soisua(&["validate", "--default"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = stdout(&out);
    assert!(
        text.contains("biểu hiện / manifestations: 27; nêu gương / exemplary: 16; không được làm / prohibited: 19"),
        "{text}"
    );
    assert!(text.contains("nguyên văn / verbatim:"), "{text}");
    assert!(text.contains("Danh mục: 0 lỗi, 0 cảnh báo"), "{text}");
}

#[test]
fn demo_runs_and_its_files_validate() {
    let dir = temp_dir("demo");
    let out = soisua(&["demo", "--out", dir.to_str().expect("utf-8 path")]);
    assert!(out.status.success(), "{}\n{}", stdout(&out), String::from_utf8_lossy(&out.stderr));
    let text = stdout(&out);
    assert!(text.contains("Tháng / month: 2020-09"), "{text}");
    assert!(
        text.contains("82 biểu hiện / manifestations, 23 nêu gương / exemplary, 22 không được làm / prohibited"),
        "{text}"
    );
    assert!(
        text.contains("directly under the top: 60 (22 đảng bộ cơ sở / grassroots committees, 38 chi bộ cơ sở"),
        "{text}"
    );

    assert!(text.contains("| Biểu dương / Commended |"), "{text}");
    // The committee office's other records: every section, and the article's term targets.
    for heading in [
        "Chỉ tiêu nhiệm kỳ / Term targets 2015-2020",
        "Xếp loại chất lượng / Quality rating 2020-Q3",
        "Sinh hoạt chi bộ / Cell meetings 2020-09",
        "Phản ánh, kiến nghị / Petitions 2020-09",
        "Đối thoại, thăm hộ / Dialogues and household visits 2020-09",
        "Đảng viên theo dõi hộ / Household follow-up 2020-09",
        "Giải trình của người đứng đầu / Accountability of unit heads 2020-09",
        "Thi đua, khen thưởng / Emulation and rewards 2020",
    ] {
        assert!(text.contains(heading), "{heading}\n{text}");
    }
    assert!(text.contains("34 chỉ tiêu / targets: đạt / achieved 31, trong đó vượt / of which exceeded 22"), "{text}");
    for ext in ["json", "csv", "xlsx", "md", "html"] {
        assert!(dir.join(format!("report-2020-09.{ext}")).exists(), "report-2020-09.{ext}");
    }
    // The month's report carries the office's sections, each with its own period, in every export.
    let md = std::fs::read_to_string(dir.join("report-2020-09.md")).expect("markdown");
    for heading in [
        "### Sinh hoạt chi bộ / Cell meetings (2020-09)",
        "### Phản ánh, kiến nghị theo lĩnh vực / Petitions by topic (2020-09)",
        "### Chỉ tiêu nhiệm kỳ / Term targets (2015-2020)",
        "### Xếp loại chất lượng đảng viên / Member quality rating (2020-Q3)",
        "### Thi đua, khen thưởng / Emulation and rewards (2020)",
    ] {
        assert!(md.contains(heading), "{heading}\n{md}");
    }
    assert!(md.contains("| Đạt và vượt / Achieved or exceeded | 31 |"), "{md}");
    let csv = std::fs::read_to_string(dir.join("report-2020-09.csv")).expect("csv");
    assert!(csv.contains("targets,Chỉ tiêu nhiệm kỳ (2015-2020),Term targets (2015-2020),exceeded,"), "{csv}");
    assert!(text.contains("### Đảng viên theo dõi hộ / Household follow-up (2020-09)"), "{text}");
    // Each area's roll-up is written for `soisua report --rollup`.
    for area in ["meeting", "petition", "dialogue", "household", "accountability", "emulation", "target", "rating"] {
        assert!(dir.join(format!("rollup-{area}.json")).exists(), "rollup-{area}.json");
    }

    let org = dir.join("organisation.json");
    let out = soisua(&["validate", org.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", stdout(&out));
    let local = dir.join("catalogue-local.json");
    let out = soisua(&["validate", local.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", stdout(&out));
    let reviews = dir.join("reviews.json");
    let out = soisua(&[
        "validate",
        reviews.to_str().expect("utf-8"),
        "--catalogue",
        local.to_str().expect("utf-8"),
        "--organisation",
        org.to_str().expect("utf-8"),
    ]);
    assert!(out.status.success(), "{}", stdout(&out));
    assert!(stdout(&out).contains("Phiếu đánh giá: 0 lỗi"), "{}", stdout(&out));
}

#[test]
fn findings_exit_1_and_are_located() {
    let dir = temp_dir("bad-catalogue");
    let path = dir.join("bad.json");
    let central = soisua::Catalogue::central_2020().expect("embedded catalogue");
    let mut bad = central.clone();
    if let Some(group) = bad.groups.get_mut(2) {
        group.declared_count = Some(20);
    }
    std::fs::write(&path, bad.to_json()).expect("write");
    let out = soisua(&["validate", path.to_str().expect("utf-8"), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let issues: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON findings");
    assert_eq!(issues[0]["code"], "count_mismatch");
    assert_eq!(issues[0]["path"], serde_json::json!(["groups", 2, "declared_count"]));
}

#[test]
fn unusable_input_exits_2_with_a_code() {
    let dir = temp_dir("unusable");
    let path = dir.join("broken.json");
    std::fs::write(&path, "{\"groups\": [").expect("write");
    let out = soisua(&["validate", path.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("[invalid_json]"), "{err}");

    let latin1 = dir.join("latin1.json");
    std::fs::write(&latin1, b"{\"id\": \"\xe9\"}").expect("write");
    let out = soisua(&["validate", latin1.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("[invalid_utf8]"));

    let out = soisua(&["validate", dir.join("missing.json").to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn report_from_a_scenario_writes_every_export_and_merges_partials() {
    let dir = temp_dir("report");
    let scenario = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/scenarios/07-supervision.json");
    let out = soisua(&["report", scenario.to_str().unwrap(), "--period", "2020-08", "--out", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = stdout(&out);
    assert!(text.contains("**Chi bộ thử** — 2020-08") || text.contains("— 2020-08"), "{text}");
    assert!(text.contains("| Mặt trận Tổ quốc / Fatherland Front | 1 | 1 |"), "{text}");
    for ext in ["json", "csv", "xlsx", "md", "html"] {
        let path = dir.join(format!("report.{ext}"));
        assert!(std::fs::metadata(&path).unwrap().len() > 100, "{}", path.display());
    }
    let xlsx = std::fs::read(dir.join("report.xlsx")).unwrap();
    assert_eq!(&xlsx[..2], b"PK");
    // September alone, then August and September merged from the two partial reports.
    let sept = temp_dir("report-sept");
    let out = soisua(&["report", scenario.to_str().unwrap(), "--period", "2020-09", "--out", sept.to_str().unwrap()]);
    assert!(out.status.success());
    let (aug, sep) = (dir.join("report.json"), sept.join("report.json"));
    let out = soisua(&["report", "--merge", aug.to_str().unwrap(), sep.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout(&out).contains("2020-08 – 2020-09"), "{}", stdout(&out));
    // Office roll-ups (as `demo --out` writes them) add their sections; one of another unit than
    // the report's is refused; bad arguments exit 2.
    let rollups = temp_dir("report-rollups");
    let tally = r#""total": {"sheets": 1, "targets": 34, "reported": 34, "achieved": 31, "exceeded": 22, "not_achieved": 3, "not_reported": 0}"#;
    let whole = rollups.join("targets.json");
    std::fs::write(&whole, format!(r#"{{"coverage": {{"CB-THU": ["2015-2020"]}}, {tally}}}"#)).unwrap();
    let other = rollups.join("targets-district.json");
    let scope = r#""scope": {"unit": "HU", "name": "Huyện", "kind": "committee", "org_type": "agency"}"#;
    std::fs::write(&other, format!(r#"{{{scope}, "coverage": {{"HU": ["2015-2020"]}}, {tally}}}"#)).unwrap();
    let given = format!("target={}", whole.display());
    let out = soisua(&["report", scenario.to_str().unwrap(), "--period", "2020-09", "--rollup", &given]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout(&out).contains("### Chỉ tiêu nhiệm kỳ / Term targets (2015-2020)"), "{}", stdout(&out));
    assert!(stdout(&out).contains("| Đạt và vượt / Achieved or exceeded | 31 |"), "{}", stdout(&out));
    let given = format!("target={}", other.display());
    let out = soisua(&["report", scenario.to_str().unwrap(), "--period", "2020-09", "--rollup", &given]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(stderr.contains("[report_scope_mismatch]"), "{stderr}");
    let out = soisua(&["report", scenario.to_str().unwrap(), "--rollup", "target"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("AREA=FILE"), "{}", String::from_utf8_lossy(&out.stderr));
    let wrong = format!("meetings={}", whole.display());
    let out = soisua(&["report", scenario.to_str().unwrap(), "--rollup", &wrong]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("[invalid_value]"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The same partial twice would count it twice: refused.
    let out = soisua(&["report", "--merge", aug.to_str().unwrap(), aug.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("[report_overlap]"));
}
