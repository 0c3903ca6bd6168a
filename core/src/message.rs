//! The finding codes and their messages in Vietnamese and English, in one table so that
//! translators and reviewers read every message in one place.
//!
//! Messages follow the house style: lowercase, one line, no final period, user input in backticks.
//! A template names its parameters as `{name}`; a parameter the caller did not give renders as `?`.

use std::collections::BTreeMap;

use crate::error::Level;

macro_rules! issue_codes {
    ($( $(#[$doc:meta])* $variant:ident => $code:literal, $level:ident, $vi:literal, $en:literal; )*) => {
        /// Every finding code, with its default level and messages.
        ///
        /// The string form ([`IssueCode::as_str`]) is the stable part of the API; the variant names
        /// may grow but never change meaning.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum IssueCode {
            $( $(#[$doc])* $variant, )*
        }

        impl IssueCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [IssueCode] = &[$(IssueCode::$variant,)*];

            /// The stable snake_case code.
            pub fn as_str(self) -> &'static str {
                match self { $(IssueCode::$variant => $code,)* }
            }

            /// The level a finding of this code has unless the caller changes it.
            pub fn level(self) -> Level {
                match self { $(IssueCode::$variant => Level::$level,)* }
            }

            /// The code for a stable string, if there is one.
            pub fn from_code(code: &str) -> Option<IssueCode> {
                match code { $($code => Some(IssueCode::$variant),)* _ => None }
            }

            fn templates(self) -> (&'static str, &'static str) {
                match self { $(IssueCode::$variant => ($vi, $en),)* }
            }
        }
    };
}

issue_codes! {
    // ---- shared ----
    /// An identifier or code used twice where it must be unique.
    DuplicateCode => "duplicate_code", Error,
        "mã `{code}` bị trùng", "the code `{code}` is used more than once";
    /// An identifier that is empty, too long, or has spaces or control characters.
    InvalidCode => "invalid_code", Error,
        "mã `{code}` không hợp lệ: chỉ dùng chữ, số, `-`, `_`, `.`, tối đa 64 ký tự",
        "the code `{code}` is not valid: use letters, digits, `-`, `_`, `.`, at most 64 characters";
    /// A text field that must not be empty is empty.
    EmptyText => "empty_text", Error,
        "trường `{field}` không được để trống", "the field `{field}` must not be empty";
    /// A date range that ends before it starts.
    InvalidDateRange => "invalid_date_range", Error,
        "ngày kết thúc `{until}` trước ngày bắt đầu `{from}`", "the end date `{until}` is before the start date `{from}`";
    /// A CSV cell or other value that is not one of the accepted values.
    InvalidValue => "invalid_value", Error,
        "giá trị `{value}` ở cột `{column}` không hợp lệ, cần một trong: {expected}",
        "the value `{value}` in column `{column}` is not valid, expected one of: {expected}";
    /// A row of a table with no value in a column that needs one.
    MissingValue => "missing_value", Error,
        "cột `{column}` không có giá trị", "the column `{column}` has no value";
    /// A row that repeats an earlier row of the same table.
    DuplicateRow => "duplicate_row", Error,
        "dòng lặp lại dòng {first}", "the row repeats row {first}";
    /// A column of a columnar table whose length differs from the table's.
    ColumnLength => "column_length", Error,
        "cột `{column}` có {given} dòng, cần {expected}", "the column `{column}` has {given} rows, expected {expected}";
    /// Rows of a columnar table that are not in the order it requires.
    RowsOutOfOrder => "rows_out_of_order", Error,
        "các dòng không theo thứ tự tăng dần của `{column}`", "the rows are not in increasing order of `{column}`";
    /// An index into another table that is past its end.
    IndexOutOfRange => "index_out_of_range", Error,
        "giá trị {value} ở cột `{column}` vượt quá giới hạn {limit}", "the value {value} in column `{column}` is past the limit {limit}";
    /// A row that contradicts an earlier row of the same table.
    ConflictingRow => "conflicting_row", Error,
        "cột `{column}` mâu thuẫn với dòng {first}", "the column `{column}` contradicts row {first}";
    /// A column named twice in a table's header.
    DuplicateColumn => "duplicate_column", Error,
        "cột `{column}` xuất hiện hơn một lần", "the column `{column}` appears more than once";
    /// A required CSV column is missing from the header.
    MissingColumn => "missing_column", Error,
        "thiếu cột `{column}`", "the column `{column}` is missing";
    /// A CSV column the format does not know.
    UnknownColumn => "unknown_column", Error,
        "cột `{column}` không thuộc định dạng", "the column `{column}` is not part of the format";

    // ---- catalogue ----
    /// A group's declared item count differs from the items it has.
    CountMismatch => "count_mismatch", Error,
        "nhóm `{group}` khai báo {declared} nội dung nhưng có {actual}",
        "the group `{group}` declares {declared} items but has {actual}";
    /// A group with no items.
    EmptyGroup => "empty_group", Warning,
        "nhóm `{group}` không có nội dung nào", "the group `{group}` has no items";
    /// An item refines a central item that the refined catalogue does not have.
    UnknownRefines => "unknown_refines", Error,
        "nội dung `{item}` cụ thể hóa `{target}`, nhưng danh mục `{catalogue}` không có nội dung này",
        "the item `{item}` refines `{target}`, which the catalogue `{catalogue}` does not have";
    /// An item refines a central item of another kind (a manifestation refining a prohibition).
    RefinesWrongKind => "refines_wrong_kind", Error,
        "nội dung `{item}` thuộc loại `{kind}` nhưng cụ thể hóa `{target}` thuộc loại `{target_kind}`",
        "the item `{item}` is a `{kind}` but refines `{target}`, a `{target_kind}`";
    /// Items name central items but the catalogue does not say which catalogue they refine.
    RefinesWithoutCatalogue => "refines_without_catalogue", Error,
        "nội dung `{item}` cụ thể hóa `{target}` nhưng danh mục không khai báo `refines`",
        "the item `{item}` refines `{target}` but the catalogue does not declare `refines`";
    /// The catalogue an item refines was not given, so `refines` could not be checked.
    RefinedCatalogueUnavailable => "refined_catalogue_unavailable", Warning,
        "không có danh mục `{catalogue}` để kiểm tra các nội dung được cụ thể hóa",
        "the catalogue `{catalogue}` was not given, so refined items were not checked";
    /// Two versions of one catalogue are in force on the same day.
    OverlappingValidity => "overlapping_validity", Error,
        "danh mục `{catalogue}` phiên bản `{version}` có hiệu lực trùng với phiên bản `{other}`",
        "the catalogue `{catalogue}` version `{version}` is in force at the same time as version `{other}`";
    /// A CSV row names a group the header does not declare.
    UnknownGroup => "unknown_group", Error,
        "nhóm `{group}` không có trong phần đầu danh mục", "the group `{group}` is not declared in the catalogue header";
    /// A CSV row names a sub-group its group does not declare.
    UnknownSubgroup => "unknown_subgroup", Error,
        "nhóm con `{subgroup}` không có trong nhóm `{group}`", "the sub-group `{subgroup}` is not declared in group `{group}`";
    /// A catalogue header (for CSV import) that contains items: they belong in the CSV.
    ItemsInHeader => "items_in_header", Error,
        "phần đầu danh mục không được chứa nội dung: nhóm `{group}` có {count} nội dung, cần đưa vào tệp CSV",
        "the catalogue header must not contain items: the group `{group}` has {count}, put them in the CSV";
    /// A CSV row with more or fewer fields than the header has columns.
    WrongFieldCount => "wrong_field_count", Error,
        "dòng {row} có {actual} ô, cần {expected} ô như dòng tiêu đề",
        "row {row} has {actual} fields, expected {expected} like the header";

    // ---- organisation ----
    /// A unit's parent is not a unit of the organisation.
    UnknownParent => "unknown_parent", Error,
        "đơn vị cấp trên `{parent}` của `{unit}` không tồn tại", "the parent `{parent}` of `{unit}` does not exist";
    /// Following parents from a unit comes back to it.
    ParentCycle => "parent_cycle", Error,
        "đơn vị `{unit}` nằm trong một vòng cấp trên", "the unit `{unit}` is its own ancestor";
    /// A unit under a parent of a kind that cannot hold it (a committee under a cell).
    InvalidParentKind => "invalid_parent_kind", Error,
        "đơn vị `{unit}` ({kind}) không thể trực thuộc `{parent}` ({parent_kind})",
        "the unit `{unit}` ({kind}) cannot be under `{parent}` ({parent_kind})";
    /// A unit that is open while its parent is not.
    UnitOutlivesParent => "unit_outlives_parent", Error,
        "đơn vị `{unit}` hoạt động ngoài thời gian hoạt động của `{parent}`",
        "the unit `{unit}` is open while its parent `{parent}` is not";
    /// A type of organisation not in the organisation's list.
    UnknownOrgType => "unknown_org_type", Error,
        "loại hình tổ chức `{org_type}` không có trong danh sách", "the type of organisation `{org_type}` is not in the list";
    /// A membership or role names a unit that does not exist.
    UnknownUnit => "unknown_unit", Error,
        "đơn vị `{unit}` không tồn tại", "the unit `{unit}` does not exist";
    /// Two memberships of one member cover the same days.
    MembershipOverlap => "membership_overlap", Error,
        "đảng viên `{member}` sinh hoạt ở `{unit}` và `{other_unit}` cùng thời gian",
        "the member `{member}` belongs to `{unit}` and `{other_unit}` at the same time";
    /// A membership that starts before the unit opened or goes on after it closed.
    MembershipOutsideUnitLife => "membership_outside_unit_life", Error,
        "đảng viên `{member}` sinh hoạt ở `{unit}` ngoài thời gian hoạt động của đơn vị",
        "the member `{member}` belongs to `{unit}` outside the unit's life";
    /// A membership in a committee rather than in a cell or group.
    MembershipInCommittee => "membership_in_committee", Warning,
        "đảng viên `{member}` sinh hoạt trực tiếp ở đảng bộ `{unit}`, không ở chi bộ",
        "the member `{member}` belongs directly to the committee `{unit}`, not to a cell";
    /// A role held at a unit on days the unit is closed.
    RoleAtClosedUnit => "role_at_closed_unit", Error,
        "chức vụ `{role}` của `{member}` ở `{unit}` khi đơn vị không hoạt động",
        "the role `{role}` of `{member}` at `{unit}` falls when the unit is closed";
    /// A member with no membership at all.
    MemberWithoutUnit => "member_without_unit", Warning,
        "đảng viên `{member}` không sinh hoạt ở đơn vị nào", "the member `{member}` belongs to no unit";

    // ---- review ----
    /// A review for a member the organisation does not have.
    UnknownMember => "unknown_member", Error,
        "đảng viên `{member}` không có trong tổ chức", "the member `{member}` is not in the organisation";
    /// A member who belongs to no unit in a month a row speaks of.
    NoUnitInMonth => "no_unit_in_month", Error,
        "đảng viên `{member}` không sinh hoạt ở đơn vị nào trong tháng {month}",
        "the member `{member}` belongs to no unit in {month}";
    /// An answer for an item the catalogue does not have.
    UnknownItem => "unknown_item", Error,
        "nội dung `{item}` không có trong danh mục", "the item `{item}` is not in the catalogue";
    /// A finding that does not belong to the item's kind (`violated` on a manifestation).
    FindingWrongKind => "finding_wrong_kind", Error,
        "kết quả `{finding}` không dùng cho nội dung `{item}` (loại `{kind}`), cần một trong: {expected}",
        "the finding `{finding}` does not apply to the item `{item}` (a `{kind}`), expected one of: {expected}";
    /// An item answered for a member whose roles it does not apply to.
    ItemNotApplicable => "item_not_applicable", Error,
        "nội dung `{item}` không áp dụng cho đảng viên `{member}`", "the item `{item}` does not apply to the member `{member}`";
    /// A review at a unit the member did not belong to that month.
    MemberNotInUnit => "member_not_in_unit", Error,
        "đảng viên `{member}` không sinh hoạt ở `{unit}` trong tháng {month}",
        "the member `{member}` does not belong to `{unit}` in {month}";
    /// An applicable item without the cell's conclusion.
    MissingCellConclusion => "missing_cell_conclusion", Error,
        "chưa có kết luận của chi bộ về nội dung `{item}`", "the cell's conclusion on the item `{item}` is missing";
    /// One item answered twice in one review.
    DuplicateAnswer => "duplicate_answer", Error,
        "nội dung `{item}` được trả lời hai lần", "the item `{item}` is answered twice";
    /// Two reviews of one member for one month.
    DuplicateReview => "duplicate_review", Error,
        "đảng viên `{member}` có hai phiếu đánh giá tháng {month}", "the member `{member}` has two reviews for {month}";
    /// A review made under another catalogue than the one given.
    CatalogueMismatch => "catalogue_mismatch", Error,
        "phiếu dùng danh mục `{given}`, không phải `{expected}`", "the review uses the catalogue `{given}`, not `{expected}`";
    /// A review for a month the catalogue is not in force.
    CatalogueNotInForce => "catalogue_not_in_force", Error,
        "danh mục `{catalogue}` không có hiệu lực trong tháng {month}", "the catalogue `{catalogue}` is not in force in {month}";
    /// A review at a unit that is not open that month.
    UnitNotOpen => "unit_not_open", Error,
        "đơn vị `{unit}` không hoạt động trong tháng {month}", "the unit `{unit}` is not open in {month}";

    // ---- policy ----
    /// A severity-keyed list of the policy has no entry for a severity (a hole in the ladder).
    PolicySeverityMissing => "policy_severity_missing", Error,
        "mục `{field}` của chính sách thiếu mức `{severity}`",
        "the policy's `{field}` has no entry for the severity `{severity}`";
    /// A severity-keyed list of the policy has two entries for a severity (an overlap).
    PolicySeverityRepeated => "policy_severity_repeated", Error,
        "mức `{severity}` có nhiều lần trong mục `{field}` của chính sách",
        "the severity `{severity}` appears more than once in the policy's `{field}`";
    /// A threshold outside the accepted range.
    PolicyValueOutOfRange => "policy_value_out_of_range", Error,
        "giá trị {value} của `{field}` ngoài khoảng cho phép {min}–{max}",
        "the value {value} of `{field}` is outside the accepted range {min}–{max}";
    /// A more severe item treated more leniently than a less severe one.
    PolicyLadderInverted => "policy_ladder_inverted", Warning,
        "mục `{field}`: mức `{higher}` được xử lý nhẹ hơn mức `{lower}`",
        "in `{field}`, the severity `{higher}` is treated more leniently than `{lower}`";
    /// Two versions of one policy are in force on the same day.
    PolicyOverlappingValidity => "policy_overlapping_validity", Error,
        "chính sách `{policy}` phiên bản `{version}` có hiệu lực trùng với phiên bản `{other}`",
        "the policy `{policy}` version `{version}` is in force at the same time as version `{other}`";
    /// The policy is not in force in a month evaluated under it.
    PolicyNotInForce => "policy_not_in_force", Error,
        "chính sách `{policy}` không có hiệu lực trong tháng {month}", "the policy `{policy}` is not in force in {month}";
    /// The policy is not made for the catalogue it is used with.
    PolicyCatalogueMismatch => "policy_catalogue_mismatch", Error,
        "chính sách `{policy}` không áp dụng cho danh mục `{catalogue}`",
        "the policy `{policy}` is not made for the catalogue `{catalogue}`";

    // ---- reports ----
    /// A report template names a figure reports do not have.
    TemplateUnknownFigure => "template_unknown_figure", Error,
        "mẫu báo cáo dùng chỉ tiêu `{figure}` không có", "the report template uses the figure `{figure}`, which does not exist";
    /// A report template's override names a section or row the templates do not have.
    TemplateUnknownPart => "template_unknown_part", Error,
        "mẫu báo cáo không có phần hoặc dòng `{part}`", "the report templates have no section or row `{part}`";
    /// A report template row whose figures do not match the section's columns.
    TemplateColumnMismatch => "template_column_mismatch", Error,
        "dòng `{row}` có {given} chỉ tiêu nhưng phần có {expected} cột",
        "the row `{row}` has {given} figure(s) but its section has {expected} column(s)";
    /// Two template overrides apply to the same type of organisation.
    TemplateRepeatedOrgType => "template_repeated_org_type", Error,
        "loại hình tổ chức `{org_type}` có nhiều hơn một mẫu riêng",
        "the type of organisation `{org_type}` has more than one template override";
    /// A report template section whose kind cannot read its source (`top_items` is the evaluation's,
    /// `keys` an office area's).
    TemplateKindSource => "template_kind_source", Error,
        "phần `{section}` loại `{kind}` không dùng được với nguồn số liệu `{source}`",
        "the section `{section}` of kind `{kind}` cannot read from the source `{source}`";
    /// A `keys` section without a breakdown of its source to show.
    TemplateBreakdown => "template_breakdown", Error,
        "phần `{section}` cần `breakdown` là một chỉ tiêu chia theo mã của nguồn số liệu, không phải `{figure}`",
        "the section `{section}` needs `breakdown`, a figure of its source broken down by code, not `{figure}`";

    // ---- cases and evaluation ----
    /// An outcome or a case names a case that does not exist.
    UnknownCase => "unknown_case", Error,
        "không có trường hợp nội dung `{item}` của đảng viên `{member}` mở tháng {opened}",
        "there is no case on item `{item}` of member `{member}` opened in {opened}";
    /// Two cases for the same member, item and opening month.
    DuplicateCase => "duplicate_case", Error,
        "trường hợp nội dung `{item}` của đảng viên `{member}` mở tháng {opened} có hai lần",
        "the case on item `{item}` of member `{member}` opened in {opened} is given twice";
    /// A case whose state and dates disagree.
    CaseStateMismatch => "case_state_mismatch", Error,
        "trường hợp nội dung `{item}` của đảng viên `{member}`: trạng thái `{state}` không khớp với các mốc thời gian",
        "the case on item `{item}` of member `{member}` has the state `{state}` but its dates say otherwise";
    /// An outcome for a case that has not been escalated to inspection (or not yet in that month).
    CaseNotEscalated => "case_not_escalated", Error,
        "trường hợp nội dung `{item}` của đảng viên `{member}` chưa chuyển kiểm tra trong tháng {month}, chưa ghi được kết quả",
        "the case on item `{item}` of member `{member}` is not under inspection in {month}, so no outcome can be recorded";
    /// A second outcome for a case already closed.
    OutcomeAlreadyRecorded => "outcome_already_recorded", Error,
        "trường hợp nội dung `{item}` của đảng viên `{member}` đã có kết quả kiểm tra",
        "the case on item `{item}` of member `{member}` already has an inspection outcome";
    /// A discipline decision without a form.
    DisciplineFormMissing => "discipline_form_missing", Error,
        "kết quả kỷ luật cần ghi hình thức kỷ luật", "a discipline outcome needs a discipline form";
    /// A discipline form given with a decision that is not discipline.
    DisciplineFormUnexpected => "discipline_form_unexpected", Error,
        "kết quả `{decision}` không kèm hình thức kỷ luật", "the outcome `{decision}` takes no discipline form";
    /// A discipline form the subject cannot receive.
    DisciplineNotAllowed => "discipline_not_allowed", Error,
        "không áp dụng hình thức `{form}` cho {subject_vi}, chỉ: {allowed}",
        "the form `{form}` does not apply to {subject_en}, only: {allowed}";
    /// A record for a month the evaluation does not cover.
    OutsideRange => "outside_range", Warning,
        "bản ghi tháng {month} nằm ngoài khoảng đánh giá {from}–{to}, không được dùng",
        "the record for {month} is outside the evaluated range {from}–{to} and is not used";
    /// A supervision finding that gives a clean finding (supervision records only shortcomings).
    SupervisionNotAdverse => "supervision_not_adverse", Error,
        "kết luận giám sát `{finding}` không phải là thiếu sót",
        "the supervision finding `{finding}` is not a shortcoming";

    // ---- cell meetings ----
    /// A meeting held by a unit that is not a cell or a party group.
    MeetingUnitNotCell => "meeting_unit_not_cell", Error,
        "đơn vị `{unit}` không phải chi bộ hoặc tổ đảng", "the unit `{unit}` is not a cell or a party group";
    /// A meeting on a day its unit is not open.
    MeetingUnitNotOpen => "meeting_unit_not_open", Error,
        "đơn vị `{unit}` không hoạt động vào ngày {date}", "the unit `{unit}` is not open on {date}";
    /// A member listed in a meeting of a unit they do not belong to that day.
    MeetingMemberNotInUnit => "meeting_member_not_in_unit", Error,
        "đảng viên `{member}` không sinh hoạt ở `{unit}` vào ngày {date}",
        "the member `{member}` does not belong to `{unit}` on {date}";
    /// A member listed twice in one list of a meeting.
    MeetingMemberRepeated => "meeting_member_repeated", Error,
        "đảng viên `{member}` được ghi hai lần trong `{field}`", "the member `{member}` is listed twice in `{field}`";
    /// A member both present and excused.
    MeetingPresentAndExcused => "meeting_present_and_excused", Error,
        "đảng viên `{member}` vừa có mặt vừa vắng có lý do", "the member `{member}` is both present and excused";
    /// A member who spoke but is not listed as present.
    MeetingSpeakerNotPresent => "meeting_speaker_not_present", Error,
        "đảng viên `{member}` phát biểu nhưng không có tên trong danh sách có mặt",
        "the member `{member}` spoke but is not listed as present";
    /// A duration outside the scheme's accepted range.
    MeetingDurationOutOfRange => "meeting_duration_out_of_range", Error,
        "thời gian sinh hoạt {minutes} phút nằm ngoài khoảng {min}–{max} phút",
        "the duration of {minutes} minutes is outside {min}–{max} minutes";
    /// A judged criterion without a score.
    MeetingScoreMissing => "meeting_score_missing", Error,
        "chưa chấm điểm tiêu chí `{criterion}`", "the criterion `{criterion}` has no score";
    /// A score above the criterion's maximum.
    MeetingScoreAboveMax => "meeting_score_above_max", Error,
        "điểm {points} của tiêu chí `{criterion}` vượt mức tối đa {max}",
        "the score {points} for the criterion `{criterion}` is above its maximum {max}";
    /// A score given for a criterion measured from the record.
    MeetingScoreForMeasured => "meeting_score_for_measured", Error,
        "tiêu chí `{criterion}` được tính từ biên bản, không chấm điểm",
        "the criterion `{criterion}` is measured from the record and takes no score";
    /// A score for a criterion the scheme does not have.
    MeetingScoreUnknownCriterion => "meeting_score_unknown_criterion", Error,
        "thang đánh giá không có tiêu chí `{criterion}`", "the scheme has no criterion `{criterion}`";
    /// The rating scheme is not in force on the meeting's day.
    MeetingSchemeNotInForce => "meeting_scheme_not_in_force", Error,
        "thang đánh giá `{scheme}` không có hiệu lực vào ngày {date}", "the scheme `{scheme}` is not in force on {date}";
    /// A cell with more than one regular meeting in a month.
    MeetingRepeatedRegular => "meeting_repeated_regular", Warning,
        "chi bộ `{unit}` có {count} buổi sinh hoạt thường kỳ trong tháng {month}, chỉ tính buổi cuối cùng",
        "the cell `{unit}` has {count} regular meetings in {month}, only the last one counts";
    /// A model meeting not rated at the scheme's top level.
    MeetingModelNotTop => "meeting_model_not_top", Warning,
        "buổi sinh hoạt mẫu `{meeting}` chỉ đạt mức `{level}`, chưa đạt mức cao nhất `{top}`",
        "the model meeting `{meeting}` is rated `{level}`, not the top level `{top}`";
    /// A cell open in a month that held no regular meeting.
    MeetingNotHeld => "meeting_not_held", Warning,
        "chi bộ `{unit}` không sinh hoạt thường kỳ trong tháng {month}", "the cell `{unit}` held no regular meeting in {month}";
    /// A scheme's levels leave points without a level.
    MeetingSchemeLevelGap => "meeting_scheme_level_gap", Error,
        "các mức xếp loại bỏ trống khoảng {from}–{to} điểm", "the levels leave the points {from}–{to} without a level";
    /// Two levels of a scheme cover the same points.
    MeetingSchemeLevelOverlap => "meeting_scheme_level_overlap", Error,
        "mức `{level}` và mức `{other}` cùng chứa khoảng {from}–{to} điểm",
        "the levels `{level}` and `{other}` both cover the points {from}–{to}";
    /// A scheme whose criteria's maxima do not add up to its total.
    MeetingSchemeTotalMismatch => "meeting_scheme_total_mismatch", Error,
        "điểm tối đa của các tiêu chí cộng lại là {sum}, không bằng tổng điểm {total}",
        "the criteria's maxima add up to {sum}, not to the scheme's total {total}";
    /// A key criterion the scheme does not have.
    MeetingSchemeUnknownKey => "meeting_scheme_unknown_key", Error,
        "tiêu chí chủ chốt `{criterion}` không có trong thang đánh giá",
        "the key criterion `{criterion}` is not a criterion of the scheme";
    /// The lowest level needs the key criteria: a meeting without them would have no level.
    MeetingSchemeLowestConditional => "meeting_scheme_lowest_conditional", Error,
        "mức thấp nhất `{level}` không thể đòi các tiêu chí chủ chốt đạt tối đa vì không có mức nào thấp hơn",
        "the lowest level `{level}` cannot require the key criteria at their maximum: there is no level below";

    // ---- petitions ----
    /// A petition's topic is not in the policy's topic list.
    PetitionUnknownTopic => "petition_unknown_topic", Error,
        "chủ đề `{topic}` không có trong danh sách chủ đề của chính sách `{policy}`",
        "the topic `{topic}` is not in the topic list of the policy `{policy}`";
    /// A petition's channel is not in the policy's channel list.
    PetitionUnknownChannel => "petition_unknown_channel", Error,
        "kênh tiếp nhận `{channel}` không có trong danh sách kênh của chính sách `{policy}`",
        "the channel `{channel}` is not in the channel list of the policy `{policy}`";
    /// Two dates of a record in the wrong order (forwarded before received, replied before resolved).
    PetitionDatesOutOfOrder => "petition_dates_out_of_order", Error,
        "ngày `{field}` ({date}) trước ngày `{before}` ({before_date})",
        "the date `{field}` ({date}) is before `{before}` ({before_date})";
    /// A petition gives one half of a pair of fields without the other (a forwarding date without the body).
    PetitionFieldMissing => "petition_field_missing", Error,
        "phản ánh `{petition}` có `{field}` nhưng thiếu `{missing}`",
        "the petition `{petition}` has `{field}` but no `{missing}`";
    /// A petition replied to without a resolution.
    PetitionReplyWithoutResolution => "petition_reply_without_resolution", Error,
        "phản ánh `{petition}` đã trả lời người phản ánh nhưng chưa có kết quả giải quyết",
        "the petition `{petition}` has a reply to the petitioner but no resolution";
    /// A petition linked to a dialogue that is not in the list given.
    PetitionUnknownDialogue => "petition_unknown_dialogue", Error,
        "cuộc đối thoại `{dialogue}` không có trong danh sách", "the dialogue `{dialogue}` is not in the list";
    /// A record names a petition that is not in the list given.
    UnknownPetition => "unknown_petition", Error,
        "phản ánh, kiến nghị `{petition}` không có trong danh sách", "the petition `{petition}` is not in the list";
    /// The escalation ladder of a petition policy is not in increasing order of days.
    PetitionEscalationOrder => "petition_escalation_order", Error,
        "bước chuyển lên `{level}` sau {days} ngày quá hạn phải muộn hơn bước trước ({previous} ngày)",
        "the escalation to `{level}` after {days} days past the deadline must come later than the step before it ({previous} days)";
    /// A pressing issue due before its quarter begins.
    PressingIssueDueBeforeQuarter => "pressing_issue_due_before_quarter", Error,
        "hạn giải quyết {due} của vấn đề bức xúc trước quý {quarter}",
        "the due date {due} of the pressing issue is before the quarter {quarter}";
    /// A pressing issue cites a petition received by a unit outside the issue's unit.
    PressingIssuePetitionOtherUnit => "pressing_issue_petition_other_unit", Error,
        "phản ánh `{petition}` do `{petition_unit}` tiếp nhận, không thuộc `{unit}`",
        "the petition `{petition}` was received by `{petition_unit}`, which is not under `{unit}`";

    // ---- dialogues ----
    /// A dialogue's date outside the month it is recorded for.
    DialogueOutsideMonth => "dialogue_outside_month", Error,
        "ngày `{field}` ({date}) không thuộc tháng {month}", "the date `{field}` ({date}) is not in the month {month}";
    /// A dialogue not held that records what only a held one can.
    DialogueNotHeldWithRecord => "dialogue_not_held_with_record", Warning,
        "cuộc `{dialogue}` chưa tổ chức nhưng đã ghi `{field}`", "the dialogue `{dialogue}` was not held but records `{field}`";
    /// A dialogue held with no member taking part.
    DialogueHeldWithoutMembers => "dialogue_held_without_members", Warning,
        "cuộc `{dialogue}` đã tổ chức nhưng không ghi đảng viên tham gia",
        "the dialogue `{dialogue}` was held but lists no members taking part";
    /// A link between two records that the other record does not return (a dialogue lists a
    /// petition that names another dialogue, or none).
    LinkNotReturned => "link_not_returned", Error,
        "`{from}` dẫn tới `{to}` nhưng `{to}` không dẫn lại", "`{from}` links to `{to}`, which does not link back";

    // ---- household follow-up ----
    /// A record names a household that is not in the list of households.
    UnknownHousehold => "unknown_household", Error,
        "hộ `{household}` không có trong danh sách hộ", "the household `{household}` is not in the list of households";
    /// One household assigned to one member twice over the same days.
    AssignmentOverlap => "assignment_overlap", Error,
        "hộ `{household}` được phân công cho đảng viên `{member}` hai lần trùng thời gian",
        "the household `{household}` is assigned to the member `{member}` twice over the same days";
    /// A household assigned to someone who is not a member of the organisation on a day of the assignment.
    AssigneeNotMember => "assignee_not_member", Error,
        "đảng viên `{member}` được phân công hộ `{household}` nhưng không sinh hoạt trong tổ chức ngày {day}",
        "the member `{member}` is assigned the household `{household}` but is not in the organisation on {day}";
    /// Two household reports of one member for one month.
    DuplicateHouseholdReport => "duplicate_household_report", Error,
        "đảng viên `{member}` có hai báo cáo theo dõi hộ tháng {month}",
        "the member `{member}` has two household reports for {month}";
    /// A report on a household that is not assigned to the reporting member that month.
    HouseholdNotAssigned => "household_not_assigned", Warning,
        "đảng viên `{member}` báo cáo về hộ `{household}` không được phân công cho mình trong tháng {month}",
        "the member `{member}` reports on the household `{household}`, which is not assigned to them in {month}";

    // ---- accountability ----
    /// Two explanations of one unit on one topic for one month, asked by the same body.
    DuplicateExplanation => "duplicate_explanation", Error,
        "đơn vị `{unit}` có hai giải trình về `{topic}` tháng {month} theo yêu cầu của `{requested_by}`",
        "the unit `{unit}` has two explanations on `{topic}` for {month} requested by `{requested_by}`";
    /// An explanation dated before the month it explains.
    ExplanationBeforeMonth => "explanation_before_month", Error,
        "giải trình tháng {month} ghi ngày {given_on}, trước tháng đó",
        "the explanation for {month} is dated {given_on}, before that month";
    /// An accountability rule that requires no topic.
    AccountabilityRuleEmpty => "accountability_rule_empty", Error,
        "quy định giải trình thứ {rule} không yêu cầu nội dung nào", "the accountability rule {rule} requires no topic";

    // ---- emulation ----
    /// A scheme whose criteria maxima do not add up to its total.
    SchemeTotalMismatch => "scheme_total_mismatch", Error,
        "các tiêu chí cộng lại tối đa {sum} điểm, khác tổng điểm {total} của bảng",
        "the criteria add up to at most {sum} points, not the scheme's total of {total}";
    /// Points from 0 to the total that no title covers.
    SchemeBandHole => "scheme_band_hole", Error,
        "không có danh hiệu nào cho số điểm từ {from} đến {to}", "no title covers the points from {from} to {to}";
    /// Two titles that cover the same points.
    SchemeBandOverlap => "scheme_band_overlap", Error,
        "danh hiệu `{title}` và `{other}` cùng áp dụng cho số điểm từ {from} đến {to}",
        "the titles `{title}` and `{other}` both cover the points from {from} to {to}";
    /// A title band outside 0 to the scheme's total, or whose minimum is above its maximum.
    SchemeBandInvalid => "scheme_band_invalid", Error,
        "danh hiệu `{title}` có khoảng điểm {from}–{to} không hợp lệ trong thang 0–{total}",
        "the title `{title}` has the band {from}–{to}, not valid on the scale 0–{total}";
    /// A criterion that the scheme does not have.
    UnknownCriterion => "unknown_criterion", Error,
        "tiêu chí `{criterion}` không có trong bảng tiêu chí `{scheme}`",
        "the criterion `{criterion}` is not in the scheme `{scheme}`";
    /// Points above a criterion's maximum.
    PointsAboveMax => "points_above_max", Error,
        "tiêu chí `{criterion}` được {points} điểm, quá mức tối đa {max}",
        "the criterion `{criterion}` has {points} points, above its maximum of {max}";
    /// A criterion of the scheme that a score sheet leaves out.
    MissingCriterion => "missing_criterion", Error,
        "chưa chấm tiêu chí `{criterion}`", "the criterion `{criterion}` is not scored";
    /// Two score sheets for one subject and period.
    DuplicateScore => "duplicate_score", Error,
        "`{subject}` có hai phiếu chấm điểm kỳ {period}", "`{subject}` has two score sheets for {period}";
    /// A score sheet for a subject the scheme does not score (a unit on a members' scheme).
    SchemeSubjectMismatch => "scheme_subject_mismatch", Error,
        "bảng tiêu chí `{scheme}` dùng để chấm `{applies_to}`, không chấm được `{subject}`",
        "the scheme `{scheme}` scores `{applies_to}`, not `{subject}`";
    /// A period in which the scheme is not in force.
    SchemeNotInForce => "scheme_not_in_force", Error,
        "bảng tiêu chí `{scheme}` không có hiệu lực trong kỳ {period}", "the scheme `{scheme}` is not in force in {period}";
    /// A commendation level the scheme does not have.
    UnknownCommendationLevel => "unknown_commendation_level", Error,
        "mức khen `{level}` không có trong bảng tiêu chí `{scheme}`",
        "the commendation level `{level}` is not in the scheme `{scheme}`";
    /// A decision on a nomination dated before the nomination.
    DecisionBeforeNomination => "decision_before_nomination", Error,
        "đề nghị `{nomination}` được quyết định ngày {decided_on}, trước ngày đề nghị {nominated_on}",
        "the nomination `{nomination}` is decided on {decided_on}, before it was made on {nominated_on}";

    // ---- term targets ----
    /// A target sheet whose period is not a party term.
    TargetTermNotTerm => "target_term_not_term", Error,
        "kỳ `{period}` không phải là một nhiệm kỳ (YYYY-YYYY)", "the period `{period}` is not a term (YYYY-YYYY)";
    /// A figure of a target that is negative or not a number.
    TargetFigureInvalid => "target_figure_invalid", Error,
        "số liệu `{field}` = {value} không hợp lệ: cần một số không âm",
        "the figure `{field}` = {value} is not valid: a non-negative number is needed";
    /// A percentage above 100.
    TargetPercentOver100 => "target_percent_over_100", Warning,
        "số liệu `{field}` = {value}% lớn hơn 100%", "the figure `{field}` = {value}% is above 100%";
    /// A target the baseline already meets.
    TargetMetAtBaseline => "target_met_at_baseline", Warning,
        "chỉ tiêu `{code}`: số liệu đầu nhiệm kỳ {baseline} đã đạt chỉ tiêu {target}",
        "the target `{code}` was already met at the start of the term ({baseline} against {target})";

    // ---- quality ratings ----
    /// A rating frame whose parts do not add up to 100 points.
    RatingFrameTotal => "rating_frame_total", Error,
        "các phần của khung điểm cộng lại {total} điểm, cần 100 và mỗi phần lớn hơn 0",
        "the parts of the points frame add up to {total} points: 100 are needed, each part above 0";
    /// Levels not from the highest to the lowest, or outside 0–100.
    RatingLevelsOrder => "rating_levels_order", Error,
        "mức `{level}` ({min_points} điểm) phải thấp hơn mức trước và trong khoảng 0–100",
        "the level `{level}` ({min_points} points) must be below the level before it and within 0–100";
    /// The lowest level does not start at 0 points.
    RatingLevelsHole => "rating_levels_hole", Error,
        "mức thấp nhất phải bắt đầu từ 0 điểm", "the lowest level must start at 0 points";
    /// A cap names a level the scheme does not have.
    RatingUnknownLevel => "rating_unknown_level", Error,
        "không có mức `{level}`", "there is no level `{level}`";
    /// A rating period that is not a quarter or a year.
    RatingPeriodKind => "rating_period_kind", Error,
        "kỳ xếp loại `{period}` phải là quý hoặc năm", "the rating period `{period}` must be a quarter or a year";
    /// The rating scheme is not in force at the end of the period.
    RatingSchemeNotInForce => "rating_scheme_not_in_force", Error,
        "khung xếp loại `{scheme}` không có hiệu lực vào cuối kỳ {period}",
        "the rating scheme `{scheme}` is not in force at the end of {period}";
    /// Points missing for a part of the frame.
    RatingPointsMissing => "rating_points_missing", Error,
        "thiếu điểm phần `{part}`", "the points of the part `{part}` are missing";
    /// Points outside a part's range.
    RatingPointsOutOfRange => "rating_points_out_of_range", Error,
        "điểm phần `{part}` = {value} ngoài khoảng 0–{max}", "the points of `{part}` = {value} are outside 0–{max}";
    /// Points for a part the frame does not have.
    RatingUnknownPart => "rating_unknown_part", Error,
        "khung điểm không có phần `{part}`", "the points frame has no part `{part}`";
    /// A condition no level needs.
    RatingUnknownCondition => "rating_unknown_condition", Error,
        "không mức nào dùng điều kiện `{condition}`", "no level uses the condition `{condition}`";
}

/// The Vietnamese and English messages of a code with its parameters.
pub(crate) fn render(code: IssueCode, params: &BTreeMap<String, String>) -> (String, String) {
    let (vi, en) = code.templates();
    (fill(vi, params), fill(en, params))
}

fn fill(template: &str, params: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let (before, after) = rest.split_at(start);
        out.push_str(before);
        if let Some(end) = after.find('}') {
            let name = after.get(1..end).unwrap_or_default();
            out.push_str(params.get(name).map_or("?", String::as_str));
            rest = after.get(end + 1..).unwrap_or_default();
        } else {
            out.push_str(after);
            rest = "";
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for code in IssueCode::ALL {
            assert!(seen.insert(code.as_str()), "duplicate {}", code.as_str());
            assert_eq!(IssueCode::from_code(code.as_str()), Some(*code));
        }
    }

    #[test]
    fn every_template_is_lowercase_one_line_without_final_period() {
        for code in IssueCode::ALL {
            let (vi, en) = code.templates();
            for text in [vi, en] {
                assert!(!text.ends_with('.'), "{text}");
                assert!(!text.contains('\n'), "{text}");
                let first = text.chars().next().unwrap_or('a');
                assert!(!first.is_uppercase(), "{text}");
            }
        }
    }

    #[test]
    fn missing_parameters_render_as_question_marks() {
        let (vi, en) = render(IssueCode::UnknownItem, &BTreeMap::new());
        assert_eq!(en, "the item `?` is not in the catalogue");
        assert_eq!(vi, "nội dung `?` không có trong danh mục");
    }
}
