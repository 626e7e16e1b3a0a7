"""Purchases CSVs as spreadsheets in Swedish, Russian and English settings write them."""

from __future__ import annotations

import pytest

from bot.i18n import Catalog
from bot.surveys.csv_read import HeaderError, read_csv
from bot.surveys.purchases_file import read_purchases_file


def staff_text(error: HeaderError, language: str) -> str:
    """The error as the operator reads it (`STAFF_LANGUAGE`)."""
    return error.text(Catalog.load().bind(language))


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
    with pytest.raises(HeaderError) as caught:
        read_csv(b"order_id,Namn\nA,B\n")
    said = staff_text(caught.value, "en")
    assert said.startswith("no customer identifier column. Found: order_id, Namn"), said


@pytest.mark.parametrize(
    "header",
    [
        "Номер заказа;Дата и время;ФИО покупателя;Сумма, руб.;Моб. телефон",
        "  № ЗАКАЗА ; Дата/время покупки ; Покупатель (ФИО) ; Итого, ₽ ; Телефон моб.",
        "Order No.;Date & Time;Customer Name;Total Amount (USD);Mobile Phone",
        "Ordernr;Datum och tid;Kundnamn;Belopp (kr);Mobilnummer",
        "№ счёта;Время и дата;Ф.И.О. клиента;Всего;Тел.",
        "Номер чека;Дата продажи;Покупатель;Сумма чека;Тел. мобильный",
    ],
)
def test_headers_shops_write_with_units_punctuation_and_abbreviations(header: str) -> None:
    data = f"{header}\nR-7;25.11.2026 14:30;Анна Смирнова;1 990,00;+7 916 000-00-00\n"
    file = read_csv(data.encode("utf-8"))
    assert file.ignored == []
    [(_, row)] = list(file.rows())
    assert row == {
        "order_id": "R-7",
        "purchased_at": "2026-11-25T14:30:00",
        "name": "Анна Смирнова",
        "amount": "1 990,00",
        "phone": "+7 916 000-00-00",
    }


def test_first_and_last_name_columns_make_one_name() -> None:
    data = "Заказ;Фамилия;Имя;Отчество;Телефон\n1;Смирнова;Анна;Сергеевна;+79160000000\n"
    [(_, row)] = list(read_csv(data.encode("utf-8")).rows())
    assert row["name"] == "Анна Сергеевна Смирнова"


def test_columns_that_look_like_no_field_are_still_ignored() -> None:
    data = "Номер заказа;Телефон;Статус заказа;Примечание\n1;+79160000000;77;\n"
    file = read_csv(data.encode("utf-8"))
    assert file.ignored == ["Статус заказа", "Примечание"]


@pytest.mark.parametrize(
    ("header", "ru", "en"),
    [
        (
            "Номер заказа;Телефон;Дата доставки",
            "строка 1, столбец 3 «Дата доставки»: похоже на дату покупки",
            "line 1, column 3 'Дата доставки': looks like the purchase date",
        ),
        (
            "Номер заказа;Телефон;Сумма со скидкой",
            "строка 1, столбец 3 «Сумма со скидкой»: похоже на сумму покупки",
            "line 1, column 3 'Сумма со скидкой': looks like the amount",
        ),
        (
            "Номер заказа;Телефон;Моб. телефон",
            "строка 1: столбцы 2 «Телефон» и 3 «Моб. телефон» оба означают телефон",
            "line 1: columns 2 'Телефон' and 3 'Моб. телефон' both mean the phone number",
        ),
    ],
)
def test_a_column_that_looks_like_a_field_refuses_the_file(header: str, ru: str, en: str) -> None:
    data = f"{header}\n1;+79160000000;x\n".encode()
    with pytest.raises(HeaderError) as caught:
        read_csv(data)
    assert staff_text(caught.value, "ru").startswith(ru), staff_text(caught.value, "ru")
    assert staff_text(caught.value, "en").startswith(en), staff_text(caught.value, "en")
    assert staff_text(caught.value, "sv").startswith("rad 1")


def test_an_old_excel_file_is_refused_saying_how_to_save_it() -> None:
    """Excel 97-2003 (.xls, as 1C and old Excel save) is not a workbook we read: said so."""
    old_xls = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(range(256)) * 16
    with pytest.raises(HeaderError) as caught:
        read_purchases_file(old_xls)
    said = staff_text(caught.value, "ru")
    assert ".xls" in said and ".xlsx" in said and "CSV" in said, said


def test_a_file_of_garbage_is_refused_in_a_few_words() -> None:
    """Whatever the first line holds, the refusal is a readable line, not a traceback."""
    for data in (bytes(range(1, 256)) * 40, b"Z" * 4000 + b"\n1\n"):
        with pytest.raises(HeaderError) as caught:
            read_purchases_file(data)
        said = staff_text(caught.value, "ru")
        assert len(said) < 1000 and said.isprintable(), said


def test_an_empty_file_is_said_to_be_empty() -> None:
    for data in (b"", b"\xef\xbb\xbf", b" \r\n\r\n"):
        with pytest.raises(HeaderError) as caught:
            read_purchases_file(data)
        assert staff_text(caught.value, "ru") == RU_EMPTY
        assert staff_text(caught.value, "en").startswith("the file is empty")


RU_EMPTY = "файл пустой: в нём нет ни заголовка, ни строк. Ничего не импортировано."
