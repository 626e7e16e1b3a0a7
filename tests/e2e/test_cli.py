"""The command line as a newcomer meets it: help, config errors, migrate."""

from __future__ import annotations

import csv
import io
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from tests.support.backend import own_sqlite
from tests.support.helpers import HOLD_LOCK
from tests.support.processes import STARTING

pytestmark = own_sqlite

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"BOT_TOKEN", "STAFF_CHAT_ID", "DATABASE_URL"}
    }
    clean["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=STARTING,
        check=False,
    )


def test_help_lists_every_subcommand(tmp_path: Path) -> None:
    out = run("--help", cwd=tmp_path).stdout
    for command in (
        "run",
        "import-purchases",
        "export",
        "digest",
        "dashboard-link",
        "migrate",
        "check-config",
    ):
        assert command in out


# Each command in one process, as `python -m bot` runs it; after each, whether aiogram (its
# types are pydantic models: ~9 s of CPU here) was imported. Printed as "command: yes|no".
WITHOUT_TELEGRAM = """
import contextlib, io, sys
from bot.cli import main
for argv in (
    ["migrate"], ["check-config"], ["dashboard-link", "--user", "501"],
    ["import-purchases", "sales.csv"], ["events", "replay", "--since", "0"],
    ["digest"], ["export", "--format", "csv"],
):
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        main(argv)
    print(argv[0], "yes" if "aiogram" in sys.modules else "no", file=sys.__stdout__)
"""


def test_commands_that_do_not_talk_to_telegram_do_not_import_aiogram(tmp_path: Path) -> None:
    """An operator's `import-purchases` or `dashboard-link` answers in a second, not after
    seconds of importing the Telegram framework (and the suite runs dozens of them)."""
    (tmp_path / "sales.csv").write_text("order_id,phone\nS-1,+46 70 111 22 33\n")
    env = {
        "BOT_TOKEN": "1:abc",
        "STAFF_CHAT_ID": "-100",
        "OWNER_IDS": "501",
        "DASHBOARD_URL": "https://shop.example/app",
        "EVENTS_URL": "http://127.0.0.1:9/hook",
        "EVENTS_SECRET": "a-secret-of-sixteen-or-more",
    }
    clean = {k: v for k, v in os.environ.items() if k not in {"BOT_TOKEN", "STAFF_CHAT_ID"}}
    result = subprocess.run(
        [sys.executable, "-c", WITHOUT_TELEGRAM],
        cwd=tmp_path,
        env={**clean, "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        timeout=STARTING,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    loaded = dict(line.split() for line in result.stdout.splitlines())
    assert loaded == dict.fromkeys(
        ("migrate", "check-config", "dashboard-link", "import-purchases", "events", "digest",
         "export"), "no"
    )  # fmt: skip


def test_missing_token_is_one_clear_line(tmp_path: Path) -> None:
    result = run("run", cwd=tmp_path, STAFF_CHAT_ID="-100123")
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "config error: BOT_TOKEN is not set: set it to the token @BotFather gave, like"
        " 123456:AbC-dEf (see .env.example)"
    ]
    assert "Traceback" not in result.stderr


def test_malformed_staff_chat_is_one_clear_line(tmp_path: Path) -> None:
    result = run("run", cwd=tmp_path, BOT_TOKEN="1:abc", STAFF_CHAT_ID="staff-group")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("config error: STAFF_CHAT_ID is invalid")


@pytest.mark.parametrize("kind", ["not a database", "under a file"])
def test_an_unusable_database_stops_start_up_with_one_line(tmp_path: Path, kind: str) -> None:
    (tmp_path / "data").write_text("a file where a folder should be")
    (tmp_path / "bad.db").write_text("not SQLite at all; " * 20)
    url = "sqlite:///bad.db" if kind == "not a database" else "sqlite:///data/bot.db"
    env = {"BOT_TOKEN": "1:abc", "STAFF_CHAT_ID": "-100", "API_PORT": "0"}
    result = run("run", cwd=tmp_path, DATABASE_URL=url, **env)  # returns: no hang
    assert result.returncode == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("database error: cannot use "), lines


def test_a_database_that_cannot_serve_is_said_before_aiogram_is_imported(tmp_path: Path) -> None:
    """`run` checks the database first: its one line comes in a second, not after the seconds
    of importing the Telegram framework."""
    (tmp_path / "bad.db").write_text("not SQLite at all; " * 20)
    code = "import sys\nfrom bot.cli import main\nprint(main(['run']), 'aiogram' in sys.modules)"
    env = {"BOT_TOKEN": "1:abc", "STAFF_CHAT_ID": "-100", "API_PORT": "0"}
    clean = {k: v for k, v in os.environ.items() if k not in {*env, "DATABASE_URL"}}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={**clean, "PYTHONPATH": str(ROOT), "DATABASE_URL": "sqlite:///bad.db", **env},
        capture_output=True,
        text=True,
        timeout=STARTING,
        check=False,
    )
    assert result.stdout.split() == ["3", "False"], result.stderr
    assert result.stderr.startswith("database error: cannot use "), result.stderr


def test_a_second_process_on_the_same_database_refuses_with_one_line(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(tmp_path / "data" / "bot.db")],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        env = {"BOT_TOKEN": "1:abc", "STAFF_CHAT_ID": "-100", "API_PORT": "0"}
        result = run("run", cwd=tmp_path, **env)
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 3
    assert result.stderr.strip().splitlines() == [
        f"start-up error: another bot process is already serving data/bot.db (pid {holder.pid});"
        " stop it first, or give this one its own DATABASE_URL"
    ]


def test_settings_come_from_dotenv_too(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(
        "BOT_TOKEN=1:abc\nSTAFF_CHAT_ID=-100\nQUIET_HOURS=off\nOWNER_IDS=7\nAPI_TOKEN=made-up\n"
        "PUBLIC_URL=https://shop.example\n"
    )
    result = run("check-config", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "STAFF_CHAT_ID=-100" in result.stdout
    assert "1:abc" not in result.stdout  # secrets stay hidden


def test_check_config_fails_an_untouched_env_example_one_line_per_problem(
    tmp_path: Path,
) -> None:
    (tmp_path / ".env").write_text((ROOT / ".env.example").read_text())
    result = run("check-config", cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert [line.split(":")[0:2] for line in lines] == [
        ["config error", " BOT_TOKEN is invalid"],
        [
            "config warning",
            " STAFF_CHAT_ID is still .env.example's -1001234567890, nobody's group",
        ],
        ["config warning", " OWNER_IDS is empty"],
        ["config warning", " API_TOKEN is not set"],
    ], lines
    assert "placeholder" in lines[0]
    assert "Traceback" not in result.stderr


def test_check_config_refuses_a_staff_chat_that_cannot_be_a_group(tmp_path: Path) -> None:
    env = {
        "BOT_TOKEN": "1:abc",
        "OWNER_IDS": "7",
        "API_TOKEN": "s3cret-made-up",
        "PUBLIC_URL": "https://shop.example",
    }
    result = run("check-config", cwd=tmp_path, STAFF_CHAT_ID="123456789", **env)
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("config error: STAFF_CHAT_ID is invalid: a group's id is negative")
    ready = run("check-config", cwd=tmp_path, STAFF_CHAT_ID="-100123", **env)
    assert ready.returncode == 0 and ready.stderr == "", ready.stderr


def test_check_config_warnings_alone_fail_it_after_printing_the_settings(
    tmp_path: Path,
) -> None:
    result = run("check-config", cwd=tmp_path, BOT_TOKEN="1:abc", STAFF_CHAT_ID="-100")
    assert result.returncode == 1
    assert "STAFF_CHAT_ID=-100" in result.stdout
    assert [line.split(":")[0] for line in result.stderr.splitlines()] == [
        "config warning",
        "config warning",
        "config warning",
    ]


def test_check_config_into_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    """`python -m bot check-config | head -1`: head leaves; no BrokenPipe traceback."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "BOT_TOKEN": "1:abc", "STAFF_CHAT_ID": "-100"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "check-config"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before anything is written
    err = proc.stderr.read()
    proc.wait(timeout=STARTING)
    assert "Traceback" not in err and "BrokenPipe" not in err, err


def test_the_readmes_setup_steps_run_in_order_from_a_fresh_clone() -> None:
    """check-config runs with the environment the steps before it created."""
    readme = (ROOT / "README.md").read_text()
    setup = readme[readme.index("## Setup in five steps") :]
    setup = setup[: setup.index("\n## ", 5)]
    assert setup.index("python3 -m venv .venv") < setup.index("cp .env.example .env")
    check = setup.index(".venv/bin/python -m bot check-config")
    assert setup.index("cp .env.example .env") < check
    assert "python -m bot check-config" not in setup.replace(".venv/bin/python -m bot", "")


def test_check_config_prints_every_setting_as_written_in_dotenv(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(
        "BOT_TOKEN=1:abc\nSTAFF_CHAT_ID=-100\nQUIET_HOURS=off\nLOG_LEVEL=debug\n"
        "OWNER_IDS=7\nAPI_TOKEN=made-up\nPUBLIC_URL=https://shop.example\n"
    )
    result = run("check-config", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    printed = dict(line.split("=", 1) for line in result.stdout.splitlines())
    example = ROOT / ".env.example"
    documented = {
        line.split("=", 1)[0]
        for line in example.read_text().splitlines()
        if "=" in line[:40] and not line.startswith("#")
    }
    assert documented <= set(printed), documented - set(printed)
    assert printed["QUIET_HOURS"] == "off"
    assert printed["SURVEY_COOLDOWN"] == "P30D"
    assert printed["SLA_TAKE"] == "PT15M"
    assert printed["LOG_LEVEL"] == "DEBUG"  # read from .env, not only the environment
    assert printed["BOT_TOKEN"] == "(set, hidden)"
    assert printed["OWNER_IDS"] == "7" and printed["KEY_SEGMENTS"] == "key"
    assert printed["REFERRAL_THANKS"] == "true"  # as .env writes it, not Python's True


def test_every_config_error_in_one_pass_with_the_field_named(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(
        "BOT_TOKEN=1:abc\nSTAFF_CHAT_ID=-100\nWEBHOOK_URL=https://shop.example/tg\n"
        "DAILY_DIGEST_CRON=0 25 * * *\nLOG_LEVEL=loud\n"
    )
    result = run("check-config", cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert any(line.startswith("config error: WEBHOOK_SECRET is not set") for line in lines)
    assert any(
        line.startswith("config error: DAILY_DIGEST_CRON is invalid: '0 25 * * *': hour ")
        for line in lines
    ), lines
    assert any(line.startswith("config error: LOG_LEVEL is invalid") for line in lines), lines
    assert "Traceback" not in result.stderr


def test_migrate_creates_the_database(tmp_path: Path) -> None:
    result = run("migrate", cwd=tmp_path, DATABASE_URL="sqlite:///state/x.db")
    assert result.returncode == 0, result.stderr
    assert "applied 0001_initial" in result.stdout
    assert (tmp_path / "state" / "x.db").exists()
    again = run("migrate", cwd=tmp_path, DATABASE_URL="sqlite:///state/x.db")
    assert "applied" not in again.stdout.replace("up to date", "")


def test_dashboard_link_for_owners_and_managers_only(tmp_path: Path) -> None:
    env = {
        "BOT_TOKEN": "1:x",
        "STAFF_CHAT_ID": "-100123",
        "OWNER_IDS": "501",
        "MANAGER_IDS": "502",
        "DASHBOARD_URL": "https://shop.example/app",
    }
    links = []
    for user in ("501", "502"):
        result = run("dashboard-link", "--user", user, cwd=tmp_path, **env)
        assert result.returncode == 0, result.stderr
        links.append(result.stdout.strip())
        assert "valid 10 minutes, for one sign-in" in result.stderr
    assert all(link.startswith("https://shop.example/app/login?token=") for link in links)
    assert links[0] != links[1]
    refused = run("dashboard-link", "--user", "503", cwd=tmp_path, **env)
    assert refused.returncode == 2 and refused.stdout == ""
    assert "503 is in neither OWNER_IDS nor MANAGER_IDS" in refused.stderr
    with sqlite3.connect(tmp_path / "data" / "bot.db") as db:
        stored = [row[0] for row in db.execute("SELECT digest FROM dashboard_links")]
    assert len(stored) == 2 and not any(s in link for s in stored for link in links)


def test_without_a_public_address_no_link_is_printed_and_check_config_warns(
    tmp_path: Path,
) -> None:
    env = {"BOT_TOKEN": "1:x", "STAFF_CHAT_ID": "-100123", "OWNER_IDS": "501", "API_TOKEN": "k"}
    checked = run("check-config", cwd=tmp_path, **env)
    assert checked.returncode == 1  # a warning alone
    assert "config warning: PUBLIC_URL is not set" in checked.stderr
    refused = run("dashboard-link", "--user", "501", cwd=tmp_path, **env)
    assert refused.returncode == 2 and refused.stdout == ""  # no http://127.0.0.1 link
    assert "PUBLIC_URL" in refused.stderr
    ok = run("check-config", cwd=tmp_path, **env, PUBLIC_URL="https://shop.example")
    assert (
        ok.returncode == 0
        and "PUBLIC_URL" not in ok.stderr
        and "DASHBOARD_URL=https://shop.example/app" in ok.stdout
    )


def test_digest_and_export_on_the_command_line(tmp_path: Path) -> None:
    env = {"BOT_TOKEN": "123456:TEST-token", "STAFF_CHAT_ID": "-100123"}
    result = run("digest", "--from", "2026-10-01", "--to", "2026-10-31", "--chart", "c.png",
                 cwd=tmp_path, **env)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("📊 Report, 01.10.2026–31.10.2026")
    assert "A quiet period" in result.stdout  # an empty database: one sentence, no chart
    assert "no answers in that period: no chart" in result.stderr
    assert not (tmp_path / "c.png").exists()
    result = run("export", "--out", "out", cwd=tmp_path, STAFF_LANGUAGE="ru", **env)
    assert result.returncode == 0, result.stderr
    sheet = openpyxl.load_workbook(tmp_path / "out" / "responses.xlsx").worksheets[0]
    assert sheet.title == "Ответы на опросы"  # a workbook in the owners' language by default
    assert [c.value for c in sheet[1]][:3] == ["№", "Заказ", "Филиал"]
    assert (tmp_path / "out" / "complaints.xlsx").exists()
    result = run("export", "--out", "bi", "--format", "csv", cwd=tmp_path, **env)
    assert result.returncode == 0, result.stderr
    header = (tmp_path / "bi" / "responses.csv").read_text("utf-8-sig").splitlines()[0]
    assert header.startswith("id,order_id,branch,segment,sent_at")  # codes, for BI tools
    assert (tmp_path / "bi" / "complaints.csv").exists()
    bad = run("digest", "--from", "2026-10-31", "--to", "2026-10-01", cwd=tmp_path, **env)
    assert bad.returncode == 2 and "must not be after" in bad.stderr


def test_import_purchases_reports_lines_and_prints_deep_links(tmp_path: Path) -> None:
    (tmp_path / "sales.csv").write_text(
        "order_id,telegram_id,phone,external_id,name,amount,currency,branch\n"
        "S-1,,+46 70 111 22 33,,Alva,199.00,SEK,city\n"
        "S-2,5005,,,Bo,10,SEK,city\n"
        "S-1,,+46 70 111 22 33,,Alva,199.00,SEK,city\n"  # a repeat: one purchase
        "S-2,5006,,,Bea,10,SEK,city\n"  # S-2 is someone else's purchase
        "S-3,,,,Nobody,5,SEK,city\n"  # no customer identifier
        "S-4,,,crm-9,Cid,-3,SEK,city\n"  # negative amount
        ",,,crm-10,Dee,1,SEK,city\n",  # no order id
        encoding="utf-8",
    )
    env = {"BOT_TOKEN": "1:abc", "STAFF_CHAT_ID": "-100", "DATABASE_URL": "sqlite:///x.db"}
    knows_its_name(tmp_path / "x.db", env)
    result = run("import-purchases", "sales.csv", cwd=tmp_path, **env)
    assert result.returncode == 1  # some lines were rejected
    err = result.stderr
    assert "imported 2, duplicates 1, rejected 4" in err
    assert "line 5: rejected: order_id: S-2 is already a purchase of another customer" in err
    assert "line 6: rejected: customer:" in err
    assert "line 7: rejected: amount:" in err
    assert "line 8: rejected: order_id:" in err
    rows = result.stdout.strip().splitlines()
    assert rows[0] == "order_id,status,due_at,deep_link"
    assert len(rows) == 4 and all("?start=" in row for row in rows[1:])
    assert run("import-purchases", "missing.csv", cwd=tmp_path, **env).returncode == 2


def test_import_prints_each_survey_url_with_public_url_and_says_what_to_set_without(
    tmp_path: Path,
) -> None:
    """A receipt's QR code needs the survey's web address: printed beside the deep link when
    PUBLIC_URL is set; without it the columns stay as they were and stderr says what to set,
    never an address of this machine."""
    (tmp_path / "sales.csv").write_text("order_id,phone\nS-1,+46 70 111 22 33\n")
    env = {"BOT_TOKEN": "1:abc", "STAFF_CHAT_ID": "-100", "DATABASE_URL": "sqlite:///x.db"}
    knows_its_name(tmp_path / "x.db", env)
    bare = run("import-purchases", "sales.csv", cwd=tmp_path, **env)
    assert bare.returncode == 0, bare.stderr
    assert bare.stdout.splitlines()[0] == "order_id,status,due_at,deep_link"
    assert "survey_url: not printed: PUBLIC_URL is not set" in bare.stderr
    assert "127.0.0.1" not in bare.stdout + bare.stderr
    public = run(
        "import-purchases", "sales.csv", cwd=tmp_path, PUBLIC_URL="https://shop.example/", **env
    )
    assert public.returncode == 0, public.stderr
    rows = list(csv.reader(io.StringIO(public.stdout)))
    assert rows[0] == ["order_id", "status", "due_at", "deep_link", "survey_url"]
    assert rows[1][0] == "S-1" and rows[1][4].startswith("https://shop.example/s/")
    assert "survey_url: not printed" not in public.stderr


def knows_its_name(database: Path, env: dict[str, str]) -> None:
    """The database of a bot that has reached Telegram once (it keeps its username)."""
    assert run("migrate", cwd=database.parent, **env).returncode == 0
    with sqlite3.connect(database) as conn:
        conn.execute("INSERT INTO kv (key, value) VALUES ('bot_username', 'shop_bot')")


def test_before_the_bot_knows_its_name_no_placeholder_links_are_printed(
    tmp_path: Path,
) -> None:
    """A link to t.me/YOUR_BOT printed on receipts reaches nobody: none is printed, the
    purchases are kept, and the operator is told how to get the links."""
    (tmp_path / "sales.csv").write_text("order_id,phone\nS-1,+46 70 111 22 33\n")
    env = {"BOT_TOKEN": "1:abc", "STAFF_CHAT_ID": "-100", "DATABASE_URL": "sqlite:///x.db"}
    result = run("import-purchases", "sales.csv", cwd=tmp_path, **env)
    assert result.returncode == 1, result.stderr
    assert "YOUR_BOT" not in result.stdout + result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[1][0] == "S-1" and rows[1][3] == ""
    assert "receipt links: not printed" in result.stderr and "python -m bot" in result.stderr
    assert "1 survey waits for its customer to open the bot" in result.stderr  # phone only
    knows_its_name(tmp_path / "x.db", env)
    again = run("import-purchases", "sales.csv", cwd=tmp_path, **env)
    assert again.returncode == 0, again.stderr
    assert "https://t.me/shop_bot?start=" in again.stdout


def test_import_reads_a_russian_excel_csv(tmp_path: Path) -> None:
    """Excel in a Russian locale: ';' between fields, cp1251, its own header spellings."""
    (tmp_path / "продажи.csv").write_bytes(
        (
            "Номер заказа;Телефон;Имя;Сумма;Валюта;Магазин;Дата;Комментарий\n"
            "Z-1;8 (916) 123-45-67;Иван Петров;1 990,00;RUB;Тверская;;первый\n"
            "Z-2;8 (916) 765-43-21;Анна;250;рубли;Тверская;;\n"
            "Z-3;8 (916) 123-45-67;Иван Петров;10;RUB;Тверская;01.03.2020 10:15;старый\n"
        ).encode("cp1251")
    )
    env = {
        "BOT_TOKEN": "1:abc",
        "STAFF_CHAT_ID": "-100",
        "DATABASE_URL": "sqlite:///x.db",
        "PHONE_REGION": "RU",
    }
    result = run("import-purchases", "продажи.csv", cwd=tmp_path, **env)
    err = result.stderr
    assert "cp1251" in err and "';'" in err  # says how it read the file
    assert "ignored columns: Комментарий" in err
    assert "line 3: rejected: currency: three letters, like RUB, SEK or EUR" in err
    assert (  # 01.03.2020 read as a date
        "line 4: skipped: too_old: bought longer ago than SURVEY_EXPIRY (stored, no survey)"
    ) in err
    assert "imported 2 (1 skipped), duplicates 0, rejected 1" in err
    assert result.returncode == 1


def test_import_keeps_the_dates_names_and_amounts_of_a_russian_shops_headers(
    tmp_path: Path,
) -> None:
    """These four were "ignored columns" with exit 0: every date, name and amount lost."""
    (tmp_path / "продажи.csv").write_text(
        "Номер заказа;Дата и время;ФИО покупателя;Сумма, руб.;Моб. телефон\n"
        "Z-1;01.03.2020 10:15;Анна Смирнова;1 990,00;8 (916) 123-45-67\n",
        encoding="utf-8",
    )
    env = {"BOT_TOKEN": "1:abc", "STAFF_CHAT_ID": "-100", "DATABASE_URL": "sqlite:///x.db"}
    result = run("import-purchases", "продажи.csv", cwd=tmp_path, PHONE_REGION="RU", **env)
    assert "ignored columns" not in result.stderr
    assert "imported 1 (1 skipped)" in result.stderr, result.stderr
    with sqlite3.connect(tmp_path / "x.db") as db:
        stored = db.execute(
            "SELECT p.amount, p.purchased_at, c.name, c.phone FROM purchases p"
            " JOIN customers c ON c.id = p.customer_id"
        ).fetchall()
    assert [tuple(row) for row in stored] == [
        ("1990.00", stored[0][1], "Анна Смирнова", "79161234567")
    ]
    assert stored[0][1].startswith("2020-03-01T10:15")


def test_a_column_that_looks_like_a_field_refuses_the_file_in_staff_language(
    tmp_path: Path,
) -> None:
    (tmp_path / "продажи.csv").write_text(
        "Номер заказа;Телефон;Дата доставки\nZ-1;+79161234567;01.03.2026\n", encoding="utf-8"
    )
    env = {"BOT_TOKEN": "1:abc", "STAFF_CHAT_ID": "-100", "DATABASE_URL": "sqlite:///x.db"}
    result = run("import-purchases", "продажи.csv", cwd=tmp_path, STAFF_LANGUAGE="ru", **env)
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(
        "import-purchases: строка 1, столбец 3 «Дата доставки»: похоже на дату покупки"
    ), line
    assert not (tmp_path / "x.db").exists()  # nothing stored


def test_an_unknown_header_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "sales.csv").write_text("Invoice,Client\nA-1,Bo\nA-2,Cy\n", encoding="utf-8")
    env = {"BOT_TOKEN": "1:abc", "STAFF_CHAT_ID": "-100", "DATABASE_URL": "sqlite:///x.db"}
    result = run("import-purchases", "sales.csv", cwd=tmp_path, **env)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "import-purchases: no order_id column. Found: Invoice, Client. Expected: order_id and"
        " one of telegram_id, phone, external_id; optional name, language, segment, timezone,"
        " amount, currency, branch, purchased_at."
    ]


def test_export_never_writes_through_a_link_and_says_what_is_wrong(tmp_path: Path) -> None:
    env = {"BOT_TOKEN": "123456:TEST-token", "STAFF_CHAT_ID": "-100123"}
    out = tmp_path / "out"
    out.mkdir()
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me")
    (out / "responses.xlsx").symlink_to(precious)  # planted by someone else
    result = run("export", "--out", "out", cwd=tmp_path, **env)
    assert result.returncode == 2
    assert precious.read_text() == "keep me"
    assert "is a symbolic link" in result.stderr and "Traceback" not in result.stderr
    (tmp_path / "a-file").write_text("")
    result = run("export", "--out", "a-file/out", cwd=tmp_path, **env)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith("export: cannot write to a-file/out"), result.stderr


def test_import_reads_an_xlsx_workbook_with_typed_cells(tmp_path: Path) -> None:
    """The first sheet of a workbook, like a CSV: numbers, dates and a formula's saved value
    as the cells hold them (it answered "no order_id column. Found: PK…" before)."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Продажи"
    sheet.append(["Номер заказа", "Telegram", "Телефон", "Сумма", "Валюта", "Дата"])
    bought = datetime.now(UTC).replace(tzinfo=None, second=0, microsecond=0) - timedelta(hours=2)
    sheet.append(["X-1", 5001, None, 1990.5, "RUB", bought])  # a date cell, in TIMEZONE (UTC)
    sheet.append(["X-2", None, "+7 916 123-45-67", 1791.0000000000002, "RUB", None])
    sheet.append(["X-3", 5003, None, "1,990", "RUB", None])  # text, read two ways: refused
    sheet.append([None, None, None, None, None, None])  # an empty row is no row
    book.save(tmp_path / "sales.xlsx")
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    env = {"BOT_TOKEN": "1:abc", "STAFF_CHAT_ID": "-100", "DATABASE_URL": "sqlite:///x.db"}
    result = run("import-purchases", "sales.xlsx", cwd=tmp_path, **env)
    err = result.stderr
    assert "read as an Excel workbook, sheet 'Продажи'" in err
    assert "line 4: rejected: amount: 1,990 could be 1990 or 1.990" in err
    assert "imported 2, duplicates 0, rejected 1" in err
    with sqlite3.connect(tmp_path / "x.db") as db:
        rows = db.execute("SELECT order_id, amount, purchased_at FROM purchases ORDER BY 1")
        stored = [tuple(row) for row in rows]
    assert [(o, a) for o, a, _ in stored] == [("X-1", "1990.5"), ("X-2", "1791")]
    assert stored[0][2].startswith(bought.isoformat())
    broken = run("import-purchases", "broken.xlsx", cwd=tmp_path, **env)
    assert broken.returncode == 2
    assert broken.stderr.strip() == (
        "import-purchases: not a readable .xlsx workbook (BadZipFile)"
    )


def test_a_misspelt_setting_in_dotenv_is_named_with_the_one_meant(tmp_path: Path) -> None:
    """TIME_ZONE=Europe/Moscow would leave TIMEZONE at UTC: quiet hours and deadlines three
    hours off, with nothing said."""
    (tmp_path / ".env").write_text(
        "BOT_TOKEN=1:abc\nSTAFF_CHAT_ID=-100\nOWNER_IDS=7\nAPI_TOKEN=made-up\n"
        "PUBLIC_URL=https://shop.example\nTIME_ZONE=Europe/Moscow\nOWNERS_IDS=8\n"
        "MY_OWN_NOTE=kept for my scripts\nPOSTGRES_PASSWORD=x\nWEBHOOK_PATH=/tg/x\nDOMAIN=a.b\n"
    )
    result = run("check-config", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    warned = result.stderr.splitlines()
    assert (
        "config warning: TIME_ZONE in .env is not a setting: did you mean TIMEZONE?" in warned
    ), warned
    assert "config warning: OWNERS_IDS in .env is not a setting: did you mean OWNER_IDS?" in warned
    assert len(warned) == 2, warned  # the others are the scripts' and compose.yaml's


def test_the_examples_staff_chat_id_is_named_as_a_placeholder(tmp_path: Path) -> None:
    """.env.example's id is accepted by Telegram's rules but is nobody's group."""
    env = {"BOT_TOKEN": "1:abc", "STAFF_CHAT_ID": "-1001234567890", "OWNER_IDS": "7"}
    result = run("check-config", cwd=tmp_path, API_TOKEN="x", PUBLIC_URL="https://a.b", **env)
    assert result.returncode == 1
    assert result.stderr.startswith(
        "config warning: STAFF_CHAT_ID is still .env.example's -1001234567890"
    ), result.stderr
