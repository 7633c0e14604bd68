import pytest

from domain.errors import InvalidInput
from domain.service_points import MAX_DESCRIPTION, check_point_fields


def refused(fields: dict, partial: bool = False) -> str:
    with pytest.raises(InvalidInput) as caught:
        check_point_fields(fields, partial)
    return caught.value.code


def test_a_point_needs_a_visible_name_and_keeps_its_fields_within_bounds():
    checked = check_point_fields({"name": "  Perekaman   KTP-el ", "description": " Loket 1 ", "yearly_users": 5000})
    assert checked == {"name": "Perekaman KTP-el", "description": "Loket 1", "yearly_users": 5000}
    assert refused({"name": "KT"}) == "service_point_name_length"
    assert refused({"name": "\u200b\u200b\u200b"}) == "text_invisible"
    assert refused({"name": "\u3164\u3164\u3164"}) == "text_invisible"
    assert refused({"name": "KTP \u202eel"}) == "text_bidi_control"
    assert refused({"name": "KTP-el", "description": "x" * (MAX_DESCRIPTION + 1)}) == "service_point_description_length"
    assert refused({"name": "KTP-el", "description": "a\u2066b"}) == "text_bidi_control"
    assert refused({"name": "KTP-el", "yearly_users": 0}) == "service_point_yearly_users"
    assert refused({"name": "KTP-el", "complaint_answer_days": 61}) == "service_point_answer_days"


def test_an_edit_checks_only_what_it_changes():
    assert check_point_fields({"active": False}, partial=True) == {"active": False}
    assert check_point_fields({"yearly_users": None}, partial=True) == {"yearly_users": None}
    assert refused({"name": ""}, partial=True) == "service_point_name_length"
