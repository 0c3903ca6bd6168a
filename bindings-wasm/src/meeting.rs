//! Cell meetings (*sinh hoạt chi bộ*) for the browser form: a meeting rated under a scheme, and
//! the findings about its record placed on the form's fields. Compiled in both builds; it calls
//! `soisua::meeting` directly (not the JSON api), so the form's module carries only this area.

use serde::Serialize;
use soisua::evaluation::FormFinding;
use soisua::meeting::{Meeting, MeetingRater, MeetingRating, MeetingScheme};
use soisua::{Issue, Segment};
use wasm_bindgen::prelude::*;

use crate::value::{self, to_js};
use crate::{OrThrow, Organisation};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** A member absent from a meeting with a reason. */
export interface MeetingExcused {
  member: string;
  reason: string;
}

/** A cell meeting as its minutes record it (member lists hold member ids). */
export interface MeetingObject {
  id: string;
  unit: string;
  /** `YYYY-MM-DD`. */
  date: string;
  kind: "regular" | "thematic";
  duration_minutes: number;
  present: string[];
  excused?: MeetingExcused[];
  /** Members exempted from party work and meetings: when absent, not expected. */
  exempt?: string[];
  /** Members present who spoke. */
  speakers?: string[];
  minutes_complete: boolean;
  contents?: string[];
  conclusions?: string[];
  /** A model meeting (sinh hoạt chi bộ mẫu). */
  model?: boolean;
  /** Points people gave for the judged criteria, by criterion code. */
  scores?: Record<string, number>;
}

/** A text a meeting criterion or level rests on. */
export interface MeetingBasis {
  reference: string;
  item: string;
  text: string;
  status: "verbatim" | "as_summarised" | "label";
  url?: string;
  note?: string;
}

/** How a criterion's points are found: measured from the record, or judged by people. */
export type MeetingCriterionRule =
  | { kind: "attendance"; above_percent: number; max_consecutive_excused: number }
  | { kind: "duration"; min_minutes: number }
  | { kind: "participation"; min_percent: number }
  | { kind: "minutes" }
  | { kind: "judged" };

/** A rating scheme for cell meetings: criteria, key criteria and levels, as data. */
export interface MeetingSchemeObject {
  id: string;
  version: string;
  title: Text;
  issuer: string;
  document_number?: string;
  status: "verbatim" | "as_summarised" | "label";
  effective_from: string;
  effective_until?: string;
  total_points: number;
  duration_limits: { min_minutes: number; max_minutes: number };
  criteria: {
    code: string;
    title: Text;
    max_points: number;
    rule: MeetingCriterionRule;
    basis?: MeetingBasis[];
    notes?: string;
  }[];
  key_criteria: string[];
  levels: {
    code: string;
    title: Text;
    min_points: number;
    max_points: number;
    requires_key_criteria?: boolean;
    basis?: MeetingBasis;
  }[];
  notes?: string;
}

/** What a criterion looked at: the measured value and its threshold, or the score given. */
export type MeetingMeasurement =
  | {
      kind: "attendance";
      expected: number;
      present: number;
      excused: number;
      unexcused?: string[];
      above_percent: number;
      repeated_absences?: { member: string; times: number }[];
      max_consecutive_excused: number;
      earlier_meetings: number;
    }
  | { kind: "duration"; minutes: number; min_minutes: number }
  | { kind: "participation"; present: number; spoke: number; min_percent: number }
  | { kind: "minutes"; complete: boolean }
  | { kind: "judged"; given: number };

/** A meeting's rating: points per criterion with why, the total, the level, what held it back. */
export interface MeetingRatingObject {
  meeting: string;
  unit: string;
  date: string;
  kind: "regular" | "thematic";
  model?: boolean;
  /** `id@version`. */
  scheme: string;
  criteria: {
    criterion: string;
    title: Text;
    key?: boolean;
    points: number;
    max_points: number;
    measure: MeetingMeasurement;
    why: Text;
  }[];
  points: number;
  total_points: number;
  level: string;
  level_title: Text;
  /** The level above and what the meeting lacked for it (absent at the top level). */
  held_back?: {
    level: string;
    title: Text;
    points_short: number;
    key_criteria_short?: string[];
    why: Text;
  };
  why: Text;
  /** Warnings (a model meeting below the top level). */
  issues?: Finding[];
}

/** What a meeting form shows: the rating when the record has no errors, and every finding placed
 *  on a field: `id`, `unit`, `date`, `kind`, `duration_minutes`, `minutes_complete`, `model`,
 *  `contents`, `conclusions`, `present.<member>`, `excused.<member>`, `excused.<member>.reason`,
 *  `exempt.<member>`, `speakers.<member>`, `scores.<criterion>`, `scores`, or `""`. */
export interface MeetingPreview {
  rating: MeetingRatingObject | null;
  fields: FormFinding[];
}
"#;

/// A meeting's rating and the findings about its record, as a form shows them.
#[derive(Serialize)]
struct Preview {
    rating: Option<MeetingRating>,
    fields: Vec<FormFinding>,
}

/// The embedded default scheme for cell meetings (the criteria of guide 12-HD/BTCTW on a
/// 100-point sheet, four levels): what a form reads its criteria from.
#[wasm_bindgen(js_name = defaultMeetingScheme, unchecked_return_type = "MeetingSchemeObject")]
pub fn default_meeting_scheme() -> Result<JsValue, JsValue> {
    to_js(&MeetingScheme::default_2018().or_throw()?).or_throw()
}

/// Rates a meeting (a plain object) of a unit of `organisation`, with `earlier`
/// the unit's earlier meetings (for runs of excused absences), under `scheme` (absent: the
/// default). The answer of the `meeting.rate` operation: a record with errors throws
/// `invalid_document` with its `issues` (`previewMeeting` returns them as data instead).
///
/// ```js
/// const rating = rateMeeting(organisation, meeting, earlierMeetings);
/// rating.level;              // "good"
/// rating.criteria[0].why.vi; // "có mặt 5/5 đảng viên (100%), trên 85%; …"
/// ```
#[wasm_bindgen(js_name = rateMeeting, unchecked_return_type = "MeetingRatingObject")]
pub fn rate_meeting(
    organisation: &Organisation,
    #[wasm_bindgen(unchecked_param_type = "MeetingObject")] meeting: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "MeetingObject[] | null")] earlier: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "MeetingSchemeObject | string | null")] scheme: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let (meeting, earlier, scheme) = read(meeting, earlier, scheme)?;
    let rater = MeetingRater::new(&scheme, organisation.as_core()).or_throw()?;
    to_js(&rater.rate(&meeting, &earlier).or_throw()?).or_throw()
}

/// What a meeting form shows as it is filled in: the rating (`null` while the record has errors)
/// and every finding about the record, errors and warnings, placed on a form field. Only what
/// the record cannot fix is thrown: an unreadable meeting or list, an organisation or scheme
/// with errors.
///
/// ```js
/// const { rating, fields } = previewMeeting(organisation, meeting);
/// fields[0].field;   // "speakers.DV9" (a speaker not present)
/// ```
#[wasm_bindgen(js_name = previewMeeting, unchecked_return_type = "MeetingPreview")]
pub fn preview_meeting(
    organisation: &Organisation,
    #[wasm_bindgen(unchecked_param_type = "MeetingObject")] meeting: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "MeetingObject[] | null")] earlier: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "MeetingSchemeObject | string | null")] scheme: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let (meeting, earlier, scheme) = read(meeting, earlier, scheme)?;
    let rater = MeetingRater::new(&scheme, organisation.as_core()).or_throw()?;
    let preview = match rater.rate(&meeting, &earlier) {
        Ok(mut rating) => {
            let fields = placed(&meeting, &rating.issues);
            rating.issues.clear();
            Preview { rating: Some(rating), fields }
        }
        Err(soisua::Error::Invalid { document: "meeting", issues }) => {
            Preview { rating: None, fields: placed(&meeting, &issues) }
        }
        Err(other) => return Err(crate::error::to_js(&other)),
    };
    to_js(&preview).or_throw()
}

/// The arguments read: the meeting, the earlier meetings (none when absent) and the scheme (the
/// embedded default when absent).
fn read(
    meeting: &JsValue,
    earlier: Option<JsValue>,
    scheme: Option<JsValue>,
) -> Result<(Meeting, Vec<Meeting>, MeetingScheme), JsValue> {
    let meeting = Meeting::from_value(value::object("meeting", meeting)?).or_throw()?;
    let earlier = match given(earlier) {
        None => Vec::new(),
        Some(list) if js_sys::Array::is_array(&list) => {
            Meeting::list_from_value(value::document("earlier", &list).or_throw()?).or_throw()?
        }
        Some(_) => {
            return Err(crate::error::to_js(&crate::error::argument(
                "earlier",
                "must be a list",
                "phải là một danh sách",
            )));
        }
    };
    // A scheme object is read through its text: the text reader is in the module anyway (for the
    // embedded scheme), and a second reader of every scheme type would cost the form's module size.
    let scheme = match given(scheme) {
        None => MeetingScheme::default_2018(),
        Some(s) => match s.as_string() {
            Some(text) => MeetingScheme::from_json(&text),
            None => MeetingScheme::from_json(&value::object("scheme", &s)?.to_string()),
        },
    }
    .or_throw()?;
    Ok((meeting, earlier, scheme))
}

/// An optional argument given: neither absent, `undefined` nor `null`.
fn given(value: Option<JsValue>) -> Option<JsValue> {
    value.filter(|v| !v.is_undefined() && !v.is_null())
}

/// The findings about `meeting` (located at `meeting…`), each placed on its form field.
fn placed(meeting: &Meeting, issues: &[Issue]) -> Vec<FormFinding> {
    issues.iter().map(|issue| FormFinding { field: field(meeting, issue), issue: issue.clone() }).collect()
}

/// The form field a finding about `meeting` is about (see `MeetingPreview` for the names): a
/// member listed is named by id, not by position, as the form shows one row per member.
fn field(meeting: &Meeting, issue: &Issue) -> String {
    let segments = match issue.path.segments() {
        [Segment::Key(root), rest @ ..] if root == "meeting" => rest,
        other => other,
    };
    let at = |list: &[String], j: u64| usize::try_from(j).ok().and_then(|j| list.get(j)).cloned();
    let member = match segments {
        [Segment::Key(list), Segment::Index(j), ..] => match list.as_str() {
            "present" => at(&meeting.present, *j),
            "exempt" => at(&meeting.exempt, *j),
            "speakers" => at(&meeting.speakers, *j),
            "excused" => usize::try_from(*j).ok().and_then(|j| meeting.excused.get(j)).map(|e| e.member.clone()),
            _ => None,
        },
        _ => None,
    };
    match (segments, member) {
        ([Segment::Key(list), Segment::Index(_), Segment::Key(part), ..], Some(id)) if part == "reason" => {
            format!("{list}.{id}.reason")
        }
        ([Segment::Key(list), Segment::Index(_), ..], Some(id)) => format!("{list}.{id}"),
        ([Segment::Key(scores), Segment::Key(code), ..], _) if scores == "scores" => format!("scores.{code}"),
        ([Segment::Key(scores)], _) if scores == "scores" => match issue.params.get("criterion") {
            Some(code) => format!("scores.{code}"),
            None => "scores".to_owned(),
        },
        ([Segment::Key(first), ..], _) => first.clone(),
        ([] | [Segment::Index(_), ..], _) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use soisua::{IssueCode, Path};

    use super::*;

    fn meeting() -> Meeting {
        serde_json::from_str(
            r#"{"id": "m1", "unit": "CB-1", "date": "2020-09-05", "kind": "regular", "duration_minutes": 95,
              "present": ["DV1", "DV2"], "excused": [{"member": "DV3", "reason": ""}], "exempt": ["DV4"],
              "speakers": ["DV1", "DV9"], "minutes_complete": true, "scores": {"preparation": 30}}"#,
        )
        .unwrap()
    }

    fn at(path: Path) -> String {
        field(&meeting(), &Issue::new(IssueCode::UnknownMember, path))
    }

    #[test]
    fn members_are_named_by_id() {
        let m = Path::root().key("meeting");
        assert_eq!(at(m.key("present").index(1)), "present.DV2");
        assert_eq!(at(m.key("speakers").index(1)), "speakers.DV9");
        assert_eq!(at(m.key("exempt").index(0)), "exempt.DV4");
        assert_eq!(at(m.key("excused").index(0).key("member")), "excused.DV3");
        assert_eq!(at(m.key("excused").index(0).key("reason")), "excused.DV3.reason");
        // A position beyond the list (a finding about another record) falls back to the list.
        assert_eq!(at(m.key("present").index(7)), "present");
    }

    #[test]
    fn scores_fields_and_the_rest() {
        let m = Path::root().key("meeting");
        assert_eq!(at(m.key("scores").key("preparation")), "scores.preparation");
        let missing = Issue::new(IssueCode::MeetingScoreMissing, m.key("scores")).with("criterion", "conduct");
        assert_eq!(field(&meeting(), &missing), "scores.conduct");
        assert_eq!(at(m.key("scores")), "scores");
        assert_eq!(at(m.key("duration_minutes")), "duration_minutes");
        assert_eq!(at(m.key("date")), "date");
        assert_eq!(at(m.clone()), "");
        assert_eq!(at(Path::root().key("model")), "model");
        assert_eq!(at(Path::root().index(0)), "");
    }

    #[test]
    fn a_record_with_errors_is_placed_on_its_fields() {
        let org = soisua::Organisation::from_json(
            r#"{"id": "x", "name": {"vi": "X", "en": "X"},
              "units": [{"id": "CB-1", "name": "Chi bộ 1", "kind": "cell", "org_type": "commune"}],
              "members": [
                {"id": "DV1", "status": "full", "memberships": [{"unit": "CB-1", "from": "2010-01-01"}]},
                {"id": "DV2", "status": "full", "memberships": [{"unit": "CB-1", "from": "2010-01-01"}]}]}"#,
        )
        .unwrap();
        let scheme = MeetingScheme::default_2018().unwrap();
        let rater = MeetingRater::new(&scheme, &org).unwrap();
        let mut record = meeting();
        record.excused.clear();
        record.exempt.clear();
        let soisua::Error::Invalid { issues, .. } = rater.rate(&record, &[]).unwrap_err() else { panic!() };
        let fields: Vec<(String, String)> =
            placed(&record, &issues).into_iter().map(|f| (f.field, f.issue.code)).collect();
        assert!(fields.contains(&("speakers.DV9".into(), "unknown_member".into())), "{fields:?}");
        assert!(fields.contains(&("scores.preparation".into(), "meeting_score_above_max".into())), "{fields:?}");
        assert!(fields.contains(&("scores.conduct".into(), "meeting_score_missing".into())), "{fields:?}");
    }
}
