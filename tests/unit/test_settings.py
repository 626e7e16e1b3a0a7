import re
from datetime import timedelta
from pathlib import Path

import pytest

from bot.settings import ConfigError, address_warnings, load_settings, settings_lines
from tests.support.helpers import make_settings


def test_defaults_and_parsing(tmp_path: Path) -> None:
    settings = make_settings(
        tmp_path,
        owner_ids="11, 22",
        manager_ids="",
        survey_delay="PT1H",
        timezone="Europe/Stockholm",
        segment_names=" vip = VIP-клиенты ,wholesale=Оптовики",
        export_format="CSV",
    )
    assert settings.chats.owner_ids == [11, 22]
    assert settings.complaints.segment_names == {"vip": "VIP-клиенты", "wholesale": "Оптовики"}
    assert settings.chats.export_format == "csv"
    assert settings.chats.manager_ids == []
    assert settings.rules.survey_delay == timedelta(hours=1)
    assert settings.rules.sla_take == timedelta(minutes=15)
    assert settings.rules.weekly_digest_cron == "0 9 * * mon"
    assert settings.telegram.bot_token.get_secret_value() not in repr(settings)
    # A shop's week, not 24/7, unless it says otherwise (the test helper does).
    shop = load_settings(env_file=None, bot_token="1:abc", staff_chat_id=-100)
    assert str(shop.rules.business_hours) == "mon-fri 09:00-18:00"


def test_every_bad_setting_is_named_on_its_own_line() -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(
            env_file=None,
            staff_chat_id="abc",
            owner_ids="1,x",
            timezone="Mars/Base",
            phone_region="Narnia",
            segment_names="vip",
            export_format="pdf",
        )
    lines = caught.value.lines
    assert any(line.startswith("config error: BOT_TOKEN is not set") for line in lines)
    assert any(line.startswith("config error: STAFF_CHAT_ID is invalid") for line in lines)
    assert any(line.startswith("config error: OWNER_IDS is invalid") for line in lines)
    assert any(line.startswith("config error: TIMEZONE is invalid") for line in lines)
    assert any(line.startswith("config error: PHONE_REGION is invalid") for line in lines)
    assert any(line.startswith("config error: SEGMENT_NAMES is invalid") for line in lines)
    assert any(line.startswith("config error: EXPORT_FORMAT is invalid") for line in lines)
    assert all("\n" not in line for line in lines)


def test_malformed_token_and_webhook_secret(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="BOT_TOKEN is invalid"):
        make_settings(tmp_path, bot_token="not-a-token")
    with pytest.raises(ConfigError, match="WEBHOOK_SECRET is invalid"):
        make_settings(tmp_path, webhook_url="https://example.invalid/hook", webhook_secret="a b")
    with pytest.raises(ConfigError, match="WEBHOOK_SECRET is not set"):
        make_settings(tmp_path, webhook_url="https://example.invalid/hook")


def test_database_url_names_sqlite_or_postgresql(tmp_path: Path) -> None:
    pg = make_settings(tmp_path, database_url="postgresql://bot:s3cret@db:5432/shop")
    assert pg.storage.database.engine == "postgresql"
    assert str(pg.storage.database) == "postgresql://bot:***@db:5432/shop"  # for messages
    assert make_settings(tmp_path, database_url="sqlite:///x.db").storage.database.is_sqlite
    for wrong in ("mysql://db/bot", "sqlite:///", "postgresql:///shop", "data/bot.db"):
        with pytest.raises(ConfigError, match="DATABASE_URL is invalid"):
            make_settings(tmp_path, database_url=wrong)


def test_env_example_documents_every_setting_and_loads(tmp_path: Path) -> None:
    from bot import settings as module

    example = Path(__file__).resolve().parents[2] / ".env.example"
    # A setting left to its default is written commented out: `# NAME=value`.
    names = {
        line.removeprefix("# ").split("=", 1)[0]
        for line in example.read_text().splitlines()
        if re.fullmatch(r"(# )?[A-Z][A-Z0-9_]*=.*", line)
    }
    fields = {
        name.upper() for section in module.SECTIONS.values() for name in section.model_fields
    }
    assert fields <= names
    with pytest.raises(ConfigError, match="BOT_TOKEN is invalid: still the placeholder"):
        load_settings(env_file=str(example))
    url = f"sqlite:///{tmp_path}/x.db"
    loaded = load_settings(env_file=str(example), database_url=url, bot_token="1:made-up")
    assert loaded.chats.digest_chat_id is None  # empty means "not set", not an error
    assert loaded.telegram.webhook_url is None


def test_trusted_proxies_are_addresses_or_networks() -> None:
    base = {"bot_token": "1:x", "staff_chat_id": -100123}
    settings = load_settings(env_file=None, **base, trusted_proxies="10.0.0.1, 172.16.0.0/12,::1")
    assert [str(n) for n in settings.api.trusted_proxies] == [
        "10.0.0.1/32",
        "172.16.0.0/12",
        "::1/128",
    ]
    assert load_settings(env_file=None, **base).api.trusted_proxies == []  # trust no header
    with pytest.raises(ConfigError, match="TRUSTED_PROXIES is invalid"):
        load_settings(env_file=None, **base, trusted_proxies="proxy.local")


def test_public_url_is_https_or_this_machine_and_gives_the_dashboard_url() -> None:
    base = {"bot_token": "1:x", "staff_chat_id": -100123}
    api = load_settings(env_file=None, **base, public_url="https://shop.example/bot/").api
    assert api.public_url == "https://shop.example/bot"
    assert api.dashboard_url == "https://shop.example/bot/app"
    api = load_settings(env_file=None, **base, public_url="http://127.0.0.1:8080").api
    assert api.dashboard_url == "http://127.0.0.1:8080/app"  # tests and the demo
    both = {"public_url": "https://a.example", "dashboard_url": "https://b.example/app"}
    assert load_settings(env_file=None, **base, **both).api.dashboard_url == both["dashboard_url"]
    assert load_settings(env_file=None, **base).api.dashboard_url is None
    for bad in ("http://shop.example", "shop.example", "https://"):
        with pytest.raises(ConfigError, match="PUBLIC_URL is invalid"):
            load_settings(env_file=None, **base, public_url=bad)


def test_no_public_address_is_warned_about() -> None:
    base = {"bot_token": "1:x", "staff_chat_id": -100123}
    [warning] = address_warnings(load_settings(env_file=None, **base))
    assert "PUBLIC_URL" in warning and "/dashboard" in warning
    assert (
        address_warnings(load_settings(env_file=None, **base, public_url="https://s.example"))
        == []
    )


def test_what_newcomers_paste_is_read_or_said_plainly(tmp_path: Path) -> None:
    """A token copied with a space, a group's @username for its id, a language not offered:
    read as meant, or one plain line that says what to write."""
    pasted = make_settings(tmp_path, bot_token=" 123456:AAAbbb-cc ")
    assert pasted.telegram.bot_token.get_secret_value() == "123456:AAAbbb-cc"
    with pytest.raises(ConfigError) as username:
        make_settings(tmp_path, staff_chat_id="@romashka_staff")
    [line] = username.value.lines
    assert "Input should be" not in line and "-100" in line and "log" in line, line
    with pytest.raises(ConfigError) as language:
        make_settings(tmp_path, staff_language="de")
    [line] = language.value.lines
    assert line.count("one of en, ru, sv") == 1, line


def test_a_city_for_the_zone_and_a_username_for_an_owner_are_answered_with_the_fix(
    tmp_path: Path,
) -> None:
    with pytest.raises(ConfigError) as zone:
        make_settings(tmp_path, timezone="Moscow")
    assert "did you mean Europe/Moscow?" in zone.value.lines[0], zone.value.lines
    with pytest.raises(ConfigError) as owner:
        make_settings(tmp_path, owner_ids="@ivan_owner")
    [line] = owner.value.lines
    assert "@username" in line and "/start" in line, line


def test_smtp_url_says_how_mail_travels_and_needs_a_sender() -> None:
    """smtp:// upgrades with STARTTLS (plain only to this machine), smtps:// is TLS from the
    start; a password with special characters is %-encoded; MAIL_FROM must come with it."""
    from bot.mail.config import MailConfig

    base = {"bot_token": "1:x", "staff_chat_id": -100123}
    plain = load_settings(
        env_file=None,
        **base,
        smtp_url="smtp://shop%40example.com:p%40ss@mail.example.com",
        mail_from="Shop <shop@example.com>",
    )
    smtp = MailConfig.from_settings(plain).smtp
    assert smtp is not None
    assert (smtp.host, smtp.port, smtp.implicit_tls, smtp.require_starttls) == (
        "mail.example.com",
        587,
        False,
        True,
    )
    assert (smtp.username, smtp.password) == ("shop@example.com", "p@ss")
    assert "p%40ss" not in "\n".join(settings_lines(plain))  # shown as set, hidden
    tls = MailConfig.from_settings(
        load_settings(
            env_file=None, **base, smtp_url="smtps://mail.example.com", mail_from="a@example.com"
        )
    ).smtp
    assert tls is not None and (tls.port, tls.implicit_tls) == (465, True)
    local = MailConfig.from_settings(
        load_settings(
            env_file=None, **base, smtp_url="smtp://127.0.0.1:2525", mail_from="a@example.com"
        )
    ).smtp
    assert local is not None and not local.require_starttls
    with pytest.raises(ConfigError, match="MAIL_FROM"):
        load_settings(env_file=None, **base, smtp_url="smtp://mail.example.com")
    with pytest.raises(ConfigError, match="SMTP_URL"):
        load_settings(env_file=None, **base, smtp_url="http://mail.example.com", mail_from="a@b.c")
    assert MailConfig.from_settings(load_settings(env_file=None, **base)).smtp is None
