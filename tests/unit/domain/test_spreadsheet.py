"""Uploaded CSV files read as a spreadsheet saves them (issue 19: aliases, spilled roles, header problems)."""

import pytest

from domain.errors import InvalidInput
from domain.spreadsheet import plain_cell, read_rows, spreadsheet_cell

REQUIRED, OPTIONAL = ("name", "unit"), ("roles",)


def test_aliases_name_a_column_and_cells_past_the_header_spill_into_the_last_one():
    text = b"Nama;Unit Kerja;Peran\nAni;Bidang A;asn;manager\nBudi;Bidang B;asn\n"
    rows = read_rows(text, REQUIRED, OPTIONAL, 10, {"nama": "name", "unit_kerja": "unit", "peran": "roles"}, "roles")
    assert rows == [
        (2, {"name": "Ani", "unit": "Bidang A", "roles": "asn;manager"}),
        (3, {"name": "Budi", "unit": "Bidang B", "roles": "asn"}),
    ]


def test_extra_cells_are_dropped_when_the_spill_column_is_not_last():
    rows = read_rows(b"roles,name,unit\nasn,Ani,Bidang A,extra\n", REQUIRED, OPTIONAL, 10, spill="roles")
    assert rows == [(2, {"name": "Ani", "unit": "Bidang A", "roles": "asn"})]


@pytest.mark.parametrize(
    ("text", "found", "delimiter"),
    [
        (b"nama;nomor\nA;1\nB;2\n", "nama, nomor", "“;”"),
        (b"nama,nomor\nA,1\nB,2\n", "nama, nomor", "“,”"),
        (b"nama\tnomor\nA\t1\nB\t2\n", "nama, nomor", "tab"),
    ],
)
def test_a_header_problem_names_what_was_found_and_the_delimiter(text, found, delimiter):
    with pytest.raises(InvalidInput) as error:
        read_rows(text, REQUIRED, OPTIONAL, 10)
    assert error.value.code == "csv_header"
    assert error.value.params == {"missing": "name, unit", "found": found, "delimiter": delimiter}


def test_the_guard_quote_of_an_export_is_taken_off_on_import():
    for text in ("=SUM(A1)", "+62", "-", "@x", "Ani", "'biasa"):
        assert plain_cell(spreadsheet_cell(text)) == text
