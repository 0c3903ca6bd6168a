"""Shared fixtures: small documents written out in full, and the embedded / synthetic data."""

from __future__ import annotations

import copy
from typing import Any, Dict

import pytest

import soisua

MINI_CATALOGUE: Dict[str, Any] = {
    "id": "mini",
    "version": "1",
    "title": {"vi": "Danh mục thử", "en": "Test catalogue"},
    "origin": "synthetic",
    "issuer": "soisua tests",
    "document_number": "T-1",
    "document_date": "2020-01-01",
    "effective_from": "2020-01-01",
    "groups": [
        {
            "code": "M",
            "kind": "manifestation",
            "title": {"vi": "Biểu hiện", "en": "Manifestations"},
            "declared_count": 2,
            "items": [
                {
                    "code": "M-1",
                    "text": {"vi": "Biểu hiện thử 1", "en": "Test manifestation 1"},
                    "severity": "minor",
                    "source": {"document": "T-1"},
                    "wording": "label",
                },
                {
                    "code": "M-2",
                    "text": {"vi": "Biểu hiện thử 2", "en": "Test manifestation 2"},
                    "severity": "serious",
                    "source": {"document": "T-1", "point": "Điều 2"},
                    "wording": "label",
                },
            ],
        },
        {
            "code": "E",
            "kind": "exemplary",
            "title": {"vi": "Nêu gương", "en": "Exemplary"},
            "declared_count": 1,
            "items": [
                {
                    "code": "E-1",
                    "text": {"vi": "Nêu gương thử", "en": "Test exemplary"},
                    "severity": "minor",
                    "source": {"document": "T-1"},
                    "wording": "label",
                    "applies_to": ["secretary"],
                }
            ],
        },
        {
            "code": "P",
            "kind": "prohibition",
            "title": {"vi": "Không được làm", "en": "Prohibited"},
            "declared_count": 1,
            "items": [
                {
                    "code": "P-1",
                    "text": {"vi": "Điều cấm thử", "en": "Test prohibition"},
                    "severity": "grave",
                    "source": {"document": "T-1"},
                    "wording": "label",
                }
            ],
        },
    ],
}

MINI_ORGANISATION: Dict[str, Any] = {
    "id": "mau",
    "name": {"vi": "Đảng bộ huyện Mẫu (thử)", "en": "Sample district committee (test)"},
    "units": [
        {"id": "HU", "name": "Đảng bộ huyện Mẫu", "kind": "committee", "org_type": "agency"},
        {
            "id": "DB-1",
            "name": "Đảng bộ xã Thạnh An",
            "kind": "committee",
            "org_type": "commune",
            "parent": "HU",
        },
        {
            "id": "CB-1",
            "name": "Chi bộ ấp 1",
            "kind": "cell",
            "org_type": "commune",
            "parent": "DB-1",
        },
        {
            "id": "CB-2",
            "name": "Chi bộ ấp 2",
            "kind": "cell",
            "org_type": "commune",
            "parent": "DB-1",
            "closed": "2020-10-31",
        },
        {
            "id": "CB-3",
            "name": "Chi bộ Phòng Tài chính",
            "kind": "cell",
            "org_type": "agency",
            "parent": "HU",
            "opened": "2019-01-01",
        },
    ],
    "members": [
        {
            "id": "DV1",
            "name": "Nguyễn Văn An",
            "status": "full",
            "memberships": [{"unit": "CB-1", "from": "2010-05-19"}],
            "roles": [{"kind": "secretary", "unit": "CB-1", "from": "2018-01-01"}],
        },
        {
            "id": "DV2",
            "name": "Thạch Thị Sa Rươne",
            "status": "probationary",
            "memberships": [{"unit": "CB-1", "from": "2020-02-03"}],
        },
        {
            "id": "DV3",
            "name": "Lê Minh Tâm",
            "status": "full",
            "memberships": [
                {"unit": "CB-2", "from": "2015-01-01", "until": "2020-09-14"},
                {"unit": "CB-3", "from": "2020-09-15"},
            ],
        },
    ],
}

_REF = {"id": "mini", "version": "1"}

MINI_REVIEWS: Dict[str, Any] = {
    "reviews": [
        {
            "member": "DV1",
            "unit": "CB-1",
            "month": "2020-09",
            "catalogue": _REF,
            "status": "final",
            "answers": [
                {"item": "M-1", "self": "none", "cell": "none"},
                {"item": "M-2", "self": "none", "cell": "none"},
                {"item": "P-1", "self": "clear", "cell": "clear"},
                {"item": "E-1", "self": "good", "cell": "good"},
            ],
            "notes": "Chi bộ biểu dương",
        },
        {
            "member": "DV2",
            "unit": "CB-1",
            "month": "2020-09",
            "catalogue": _REF,
            "status": "final",
            "answers": [
                {"item": "M-1", "self": "none", "cell": "none"},
                {"item": "M-2", "self": "none", "cell": "none"},
                {"item": "P-1", "self": "clear", "cell": "clear"},
            ],
        },
        {
            "member": "DV3",
            "unit": "CB-3",
            "month": "2020-09",
            "catalogue": _REF,
            "status": "final",
            "answers": [
                {"item": "M-1", "self": "none", "cell": "present"},
                {"item": "M-2", "cell": "none"},
                {"item": "P-1", "cell": "clear"},
            ],
        },
    ]
}

ISSUE_KEYS = ["code", "level", "path", "message_vi", "message_en", "params"]


def check_issue(issue: Dict[str, Any]) -> None:
    """A finding is a plain dict with `Issue`'s fields, in order, of plain types."""
    assert list(issue) in (ISSUE_KEYS, ISSUE_KEYS[:-1]), list(issue)
    assert issue["level"] in ("error", "warning")
    assert all(type(s) in (str, int) for s in issue["path"])
    assert isinstance(issue["message_vi"], str) and issue["message_vi"]
    assert isinstance(issue["message_en"], str) and issue["message_en"]
    if "params" in issue:
        assert issue["params"] and all(isinstance(v, str) for v in issue["params"].values())


@pytest.fixture
def mini_catalogue_dict() -> Dict[str, Any]:
    return copy.deepcopy(MINI_CATALOGUE)


@pytest.fixture
def mini_organisation_dict() -> Dict[str, Any]:
    return copy.deepcopy(MINI_ORGANISATION)


@pytest.fixture
def mini_reviews_dict() -> Dict[str, Any]:
    return copy.deepcopy(MINI_REVIEWS)


@pytest.fixture
def mini_catalogue() -> soisua.Catalogue:
    return soisua.Catalogue.from_dict(MINI_CATALOGUE)


@pytest.fixture
def mini_organisation() -> soisua.Organisation:
    return soisua.Organisation.from_dict(MINI_ORGANISATION)


@pytest.fixture(scope="session")
def central() -> soisua.Catalogue:
    return soisua.Catalogue.central_2020()


@pytest.fixture(scope="session")
def local() -> soisua.Catalogue:
    return soisua.Catalogue.synthetic_local()


@pytest.fixture(scope="session")
def district() -> soisua.Organisation:
    return soisua.Organisation.synthetic("district", 2020)


@pytest.fixture(scope="session")
def september(district: soisua.Organisation, local: soisua.Catalogue) -> soisua.ReviewBatch:
    return soisua.ReviewBatch.synthetic(district, local, "2020-09", 2020)


#: Committees of the synthetic district whose reviews the small evaluations use: a commune, the
#: army, the police and a public-service unit (about 960 members, four types of organisation).
SAMPLE_COMMITTEES = ["DB-01", "DB-20", "DB-21", "DB-22"]
SAMPLE_MONTHS = ["2020-01", "2020-02", "2020-03"]


@pytest.fixture(scope="session")
def sample_history(district: soisua.Organisation, central: soisua.Catalogue) -> soisua.History:
    """Three months of the four committees' reviews: the same reviews as in the whole district's
    synthetic batches (each member's review is drawn from its own stream), a fraction of the cost."""
    return soisua.History(
        [
            soisua.ReviewBatch.synthetic(district.subtree(unit), central, month, 2020)
            for month in SAMPLE_MONTHS
            for unit in SAMPLE_COMMITTEES
        ]
    )


@pytest.fixture(scope="session")
def sample_evaluation(
    district: soisua.Organisation, central: soisua.Catalogue, sample_history: soisua.History
) -> soisua.Evaluation:
    """The sample history evaluated for the whole district (members of other units: not evaluated)."""
    return soisua.Evaluator(central, district).evaluate(sample_history, SAMPLE_MONTHS[0], SAMPLE_MONTHS[-1])


@pytest.fixture(scope="session")
def commune_evaluation(
    district: soisua.Organisation, central: soisua.Catalogue, sample_history: soisua.History
) -> soisua.Evaluation:
    """The sample history evaluated for the commune committee `DB-01` and its twelve cells."""
    return soisua.Evaluator(central, district).evaluate(
        sample_history, SAMPLE_MONTHS[0], SAMPLE_MONTHS[-1], scope="DB-01"
    )
