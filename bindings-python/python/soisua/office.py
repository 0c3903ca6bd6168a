"""The committee office's other records: term targets, quality ratings, cell meetings, petitions,
dialogues, household follow-up, accountability and emulation.

Each function is a thin wrapper over one operation of :func:`soisua.call` (the same operations
the Rust and JS APIs run, checked by the shared vectors): it sends the arguments, returns the
answer as plain dicts and lists, and raises the typed :class:`soisua.SoisuaError` subclasses on
failure. Documents (an organisation, a scenario, a scheme) may be given as dicts, as JSON text, or
as the handle (:class:`soisua.Organisation`). The ``*_frame`` functions turn an answer into a
pandas or polars DataFrame, one row per record.

>>> from soisua import office
>>> sheet = office.target_fixture()
>>> office.assess_targets(sheet)["tally"]["achieved"]
31
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Sequence, Union

from soisua import _frames
from soisua._native import Organisation, invoke

Document = Union[Dict[str, Any], str, Organisation]

#: The areas whose reports :func:`merge` merges, with their operation prefix.
AREAS: List[str] = [
    "target",
    "rating",
    "meeting",
    "petition",
    "dialogue",
    "household",
    "accountability",
    "emulation",
]


def _doc(value: Document) -> Any:
    """A document as the operations take it: a dict (JSON text is parsed, handles converted)."""
    if isinstance(value, Organisation):
        return value.to_dict()
    if isinstance(value, str):
        return json.loads(value)
    return value


def _run(op: str, **fields: Any) -> Any:
    return invoke(op, {k: v for k, v in fields.items() if v is not None})


def _frame(rows: List[Dict[str, Any]], library: str) -> Any:
    if library == "pandas":
        return _frames.records_to_pandas(rows)
    if library == "polars":
        return _frames.records_to_polars(rows)
    raise ValueError(f"library must be 'pandas' or 'polars', not {library!r}")


def merge(area: str, reports: Sequence[Dict[str, Any]]) -> Dict[str, Any]:
    """Reports of one area with disjoint coverage merged (``ReportOverlapError`` otherwise)."""
    if area not in AREAS:
        raise ValueError(f"area must be one of {', '.join(AREAS)}, not {area!r}")
    result: Dict[str, Any] = _run(f"{area}.merge", reports=list(reports))
    return result


# ---- term targets ------------------------------------------------------------------------------


def target_fixture() -> Dict[str, Any]:
    """The article's term 2015-2020 targets: 34, 31 achieved, 22 exceeded (29 rows a labelled fixture)."""
    result: Dict[str, Any] = _run("target.fixture")
    return result


def validate_targets(sheet: Document, organisation: Optional[Document] = None) -> List[Dict[str, Any]]:
    """Findings about a target sheet (with ``organisation``: also that its unit exists)."""
    org = None if organisation is None else _doc(organisation)
    result: List[Dict[str, Any]] = _run("target.validate", sheet=_doc(sheet), organisation=org)
    return result


def assess_targets(sheet: Document) -> Dict[str, Any]:
    """Each target's attainment, progress and status, and the counts."""
    result: Dict[str, Any] = _run("target.assess", sheet=_doc(sheet))
    return result


def target_report(organisation: Document, sheets: Sequence[Document], scope: Optional[str] = None) -> Dict[str, Any]:
    """Term targets rolled up over the units of ``scope`` (absent: the whole organisation)."""
    result: Dict[str, Any] = _run(
        "target.report", organisation=_doc(organisation), sheets=[_doc(s) for s in sheets], scope=scope
    )
    return result


def targets_frame(assessment: Dict[str, Any], library: str = "pandas") -> Any:
    """One row per target of an assessment: code, label, figures, attainment, progress, status."""
    rows = [
        {
            "code": t["code"],
            "label": t["label"]["vi"],
            "label_en": t["label"]["en"],
            "measure": t["measure"],
            "direction": t["direction"],
            "baseline": t.get("baseline"),
            "target": t["target"],
            "actual": t.get("actual"),
            "attainment": t.get("attainment"),
            "progress": t.get("progress"),
            "status": t["status"],
        }
        for t in assessment["targets"]
    ]
    return _frame(rows, library)


# ---- quality ratings ---------------------------------------------------------------------------


def rating_scheme(on: Optional[str] = None) -> Dict[str, Any]:
    """The embedded rating scheme in force on a day (``YYYY-MM-DD``; absent: QĐ 366-QĐ/TW)."""
    result: Dict[str, Any] = _run("rating.scheme", on=on)
    return result


def rate_members(
    inputs: Sequence[Dict[str, Any]],
    evidence: Optional[Dict[str, Any]] = None,
    scheme: Optional[Document] = None,
) -> Dict[str, Any]:
    """Members rated from their points, attested conditions and the evaluation's evidence."""
    result: Dict[str, Any] = _run(
        "rating.rate", inputs=list(inputs), evidence=evidence, scheme=None if scheme is None else _doc(scheme)
    )
    return result


def rate_scenario(
    scenario: Document,
    period: str,
    inputs: Sequence[Dict[str, Any]],
    scope: Optional[str] = None,
    scheme: Optional[Document] = None,
) -> Dict[str, Any]:
    """Members rated with the evidence of a scenario's months in ``period``, and the roll-up."""
    result: Dict[str, Any] = _run(
        "rating.scenario",
        scenario=_doc(scenario),
        period=period,
        inputs=list(inputs),
        scope=scope,
        scheme=None if scheme is None else _doc(scheme),
    )
    return result


def ratings_frame(result: Dict[str, Any], library: str = "pandas") -> Any:
    """One row per rating: member, period, points, the level the points reach, the level given, why."""
    rows = [
        {
            "member": r["member"],
            "period": r["period"],
            "points": r["points"],
            "points_level": r["points_level"],
            "level": r["level"],
            "why": "; ".join(step["why"]["vi"] for step in r["steps"]),
        }
        for r in result["ratings"]
    ]
    return _frame(rows, library)


# ---- cell meetings -----------------------------------------------------------------------------


def meeting_scheme() -> Dict[str, Any]:
    """The embedded default rating scheme for cell meetings (HD 12 criteria, a local 4-level rule)."""
    result: Dict[str, Any] = _run("meeting.scheme_default")
    return result


def validate_meetings(
    organisation: Document, meetings: Sequence[Dict[str, Any]], scheme: Optional[Document] = None
) -> List[Dict[str, Any]]:
    """Findings about meeting records, located at ``meetings[n]``."""
    result: List[Dict[str, Any]] = _run(
        "meeting.validate",
        organisation=_doc(organisation),
        meetings=list(meetings),
        scheme=None if scheme is None else _doc(scheme),
    )
    return result


def rate_meeting(
    organisation: Document,
    meeting: Dict[str, Any],
    earlier: Optional[Sequence[Dict[str, Any]]] = None,
    scheme: Optional[Document] = None,
) -> Dict[str, Any]:
    """One meeting's points per criterion with reasons, its level, and what held it back."""
    result: Dict[str, Any] = _run(
        "meeting.rate",
        organisation=_doc(organisation),
        meeting=meeting,
        earlier=None if earlier is None else list(earlier),
        scheme=None if scheme is None else _doc(scheme),
    )
    return result


def meeting_month(
    organisation: Document, meetings: Sequence[Dict[str, Any]], month: str, scheme: Optional[Document] = None
) -> Dict[str, Any]:
    """Every cell's rating for a month (the regular meeting's; cells without one: not held)."""
    result: Dict[str, Any] = _run(
        "meeting.month",
        organisation=_doc(organisation),
        meetings=list(meetings),
        month=month,
        scheme=None if scheme is None else _doc(scheme),
    )
    return result


def meeting_report(
    organisation: Document,
    meetings: Sequence[Dict[str, Any]],
    period: str,
    scope: Optional[str] = None,
    scheme: Optional[Document] = None,
) -> Dict[str, Any]:
    """Cell meetings over a period, rolled up over the units of ``scope``."""
    result: Dict[str, Any] = _run(
        "meeting.report",
        organisation=_doc(organisation),
        meetings=list(meetings),
        period=period,
        scope=scope,
        scheme=None if scheme is None else _doc(scheme),
    )
    return result


def meetings_frame(month: Dict[str, Any], library: str = "pandas") -> Any:
    """One row per cell of a :func:`meeting_month` answer: status, level, points, why."""
    rows = []
    for cell in month["cells"]:
        rating = cell.get("rating") or {}
        rows.append(
            {
                "unit": cell["unit"],
                "name": cell["name"],
                "status": cell["status"],
                "regular_meetings": cell["regular_meetings"],
                "thematic_meetings": cell["thematic_meetings"],
                "level": rating.get("level"),
                "points": rating.get("points"),
                "why": (rating.get("why") or {}).get("vi"),
            }
        )
    return _frame(rows, library)


# ---- petitions and dialogues -------------------------------------------------------------------


def petition_policy() -> Dict[str, Any]:
    """The embedded default petition policy (deadlines, topics, channels, escalation; labelled defaults)."""
    result: Dict[str, Any] = _run("petition.policy_default")
    return result


def validate_petitions(
    organisation: Document,
    petitions: Sequence[Dict[str, Any]],
    dialogues: Optional[Sequence[Dict[str, Any]]] = None,
    policy: Optional[Document] = None,
) -> List[Dict[str, Any]]:
    """Findings about petitions (and their links to dialogues), located at ``petitions[n]``."""
    result: List[Dict[str, Any]] = _run(
        "petition.validate",
        organisation=_doc(organisation),
        petitions=list(petitions),
        dialogues=None if dialogues is None else list(dialogues),
        policy=None if policy is None else _doc(policy),
    )
    return result


def petition_status(
    petitions: Sequence[Dict[str, Any]], on: str, policy: Optional[Document] = None
) -> Dict[str, Any]:
    """Each petition's status on a day (``YYYY-MM-DD``), as ``{"on", "policy", "rows"}``: per petition its
    stage, next step and due date, lateness, escalation and an explanation."""
    result: Dict[str, Any] = _run(
        "petition.status", petitions=list(petitions), on=on, policy=None if policy is None else _doc(policy)
    )
    return result


def petitions_frame(status: Dict[str, Any], library: str = "pandas") -> Any:
    """One row per petition of a :func:`petition_status` answer (the explanation in Vietnamese)."""
    rows = [
        {k: (v["vi"] if k == "explanation" else v) for k, v in row.items()} for row in status["rows"]
    ]
    return _frame(rows, library)


def petition_report(
    organisation: Document,
    petitions: Sequence[Dict[str, Any]],
    period: str,
    scope: Optional[str] = None,
    policy: Optional[Document] = None,
) -> Dict[str, Any]:
    """The report to the standing committee over a period, rolled up over the units of ``scope``."""
    result: Dict[str, Any] = _run(
        "petition.report",
        organisation=_doc(organisation),
        petitions=list(petitions),
        period=period,
        scope=scope,
        policy=None if policy is None else _doc(policy),
    )
    return result


def pressing_issues(
    organisation: Document,
    issues: Sequence[Dict[str, Any]],
    quarter: str,
    petitions: Optional[Sequence[Dict[str, Any]]] = None,
) -> Dict[str, Any]:
    """A quarter's pressing issues per unit with their plans, checked against the petitions."""
    result: Dict[str, Any] = _run(
        "petition.pressing_issues",
        organisation=_doc(organisation),
        issues=list(issues),
        quarter=quarter,
        petitions=None if petitions is None else list(petitions),
    )
    return result


def dialogue_month(
    organisation: Document,
    dialogues: Sequence[Dict[str, Any]],
    month: str,
    on: Optional[str] = None,
    scope: Optional[str] = None,
) -> Dict[str, Any]:
    """A month's planned dialogues and household visits against what was held."""
    result: Dict[str, Any] = _run(
        "dialogue.month", organisation=_doc(organisation), dialogues=list(dialogues), month=month, on=on, scope=scope
    )
    return result


def dialogue_report(
    organisation: Document, dialogues: Sequence[Dict[str, Any]], period: str, scope: Optional[str] = None
) -> Dict[str, Any]:
    """Dialogues and household visits rolled up over a period."""
    result: Dict[str, Any] = _run(
        "dialogue.report", organisation=_doc(organisation), dialogues=list(dialogues), period=period, scope=scope
    )
    return result


# ---- synthetic data ----------------------------------------------------------------------------


def synthetic_records(area: str, period: str, scale: str = "district", seed: int = 2020) -> Any:
    """An area's synthetic records for ``soisua.Organisation.synthetic(scale, seed)`` over ``period``
    (made-up people and texts, for trying things out)."""
    return _run("synthetic.records", area=area, period=period, scale=scale, seed=seed)


# ---- household follow-up, accountability, emulation --------------------------------------------


def household_coverage(
    organisation: Document, records: Dict[str, Any], month: str, policy: Optional[Document] = None
) -> Dict[str, Any]:
    """A month's household follow-up: households without a member, members over their load, reports missing.
    ``records`` is ``{"households", "assignments", "reports"}``."""
    result: Dict[str, Any] = _run(
        "household.coverage",
        organisation=_doc(organisation),
        month=month,
        policy=None if policy is None else _doc(policy),
        **records,
    )
    return result


def household_report(
    organisation: Document,
    records: Dict[str, Any],
    period: str,
    scope: Optional[str] = None,
    policy: Optional[Document] = None,
) -> Dict[str, Any]:
    """Household follow-up rolled up over a period and the units of ``scope``."""
    result: Dict[str, Any] = _run(
        "household.report",
        organisation=_doc(organisation),
        period=period,
        scope=scope,
        policy=None if policy is None else _doc(policy),
        **records,
    )
    return result


def accountability_status(
    organisation: Document, explanations: Sequence[Dict[str, Any]], month: str, policy: Optional[Document] = None
) -> Dict[str, Any]:
    """Per unit and month: the topics its head had to explain, those explained, those missing."""
    result: Dict[str, Any] = _run(
        "accountability.status",
        organisation=_doc(organisation),
        explanations=list(explanations),
        month=month,
        policy=None if policy is None else _doc(policy),
    )
    return result


def accountability_report(
    organisation: Document,
    explanations: Sequence[Dict[str, Any]],
    period: str,
    scope: Optional[str] = None,
    policy: Optional[Document] = None,
) -> Dict[str, Any]:
    """Explanations of unit heads rolled up over a period."""
    result: Dict[str, Any] = _run(
        "accountability.report",
        organisation=_doc(organisation),
        explanations=list(explanations),
        period=period,
        scope=scope,
        policy=None if policy is None else _doc(policy),
    )
    return result


def emulation_score(
    scores: Sequence[Dict[str, Any]], scheme: Optional[Document] = None, organisation: Optional[Document] = None
) -> Any:
    """Score sheets scored: each total with its title and why (titles passed over and the criteria they lacked)."""
    return _run(
        "emulation.score",
        scores=list(scores),
        scheme=None if scheme is None else _doc(scheme),
        organisation=None if organisation is None else _doc(organisation),
    )


def emulation_report(
    organisation: Document,
    period: str,
    scores: Optional[Sequence[Dict[str, Any]]] = None,
    nominations: Optional[Sequence[Dict[str, Any]]] = None,
    scope: Optional[str] = None,
    scheme: Optional[Document] = None,
) -> Dict[str, Any]:
    """Emulation titles and "good people, good deeds" nominations rolled up over a period."""
    result: Dict[str, Any] = _run(
        "emulation.report",
        organisation=_doc(organisation),
        period=period,
        scores=None if scores is None else list(scores),
        nominations=None if nominations is None else list(nominations),
        scope=scope,
        scheme=None if scheme is None else _doc(scheme),
    )
    return result
