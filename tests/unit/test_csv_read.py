"""Purchases CSVs as spreadsheets in Swedish, Russian and English settings write them."""

from __future__ import annotations

import pytest

from bot.surveys.csv_read import HeaderError, read_csv


def test_swedish_excel_cp1252_with_semicolons() -> None:
    data = (
        "Ordernummer;Telefon;Namn;Belopp;Datum\nS-1;070-123 45 67;Åsa Öberg;1 299,50;25.11.2026\n"
    )
    file = read_csv(data.encode("cp1252"))
    assert (file.encoding, file.delimiter) == ("cp1252", ";")
    [(line, row)] = list(file.rows())
    assert line == 2
    assert row == {
        "order_id": "S-1",
        "phone": "070-123 45 67",
        "name": "Åsa Öberg",
        "amount": "1 299,50",  # read by amounts.read_amount, which may refuse a row
        "purchased_at": "2026-11-25",
    }


def test_utf8_with_bom_commas_and_our_own_names() -> None:
    data = "\ufefforder_id,external_id,branch\nA-1,crm-1,north\n,,\nA-2,crm-2,\n"
    file = read_csv(data.encode("utf-8"))
    assert (file.encoding, file.delimiter, file.ignored) == ("utf-8", ",", [])
    assert [row for _, row in file.rows()] == [
        {"order_id": "A-1", "external_id": "crm-1", "branch": "north"},
        {"order_id": "A-2", "external_id": "crm-2"},  # the empty line is no row at all
    ]


def test_russian_cp1251_headers_and_unknown_columns() -> None:
    data = "№ заказа;ФИО;Телефон;Примечание\n1001;Пётр;8 916 000-00-00;звонить вечером\n"
    file = read_csv(data.encode("cp1251"))
    assert file.encoding == "cp1251" and file.ignored == ["Примечание"]
    assert next(row for _, row in file.rows())["order_id"] == "1001"


def test_a_header_without_a_customer_column_names_what_it_found() -> None:
    with pytest.raises(
        HeaderError, match=r"no customer identifier column\. Found: order_id, Namn"
    ):
        read_csv(b"order_id,Namn\nA,B\n")
