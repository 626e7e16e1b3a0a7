"""Settings from the environment and `.env`, one class per concern (README: Settings)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import timedelta
from email.utils import parseaddr
from ipaddress import IPv4Network, IPv6Network, ip_network
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import phonenumbers
from dotenv import dotenv_values
from pydantic import (
    BeforeValidator,
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict, SettingsError

from bot.timeparse import BusinessHours, QuietHours, check_cron, format_duration, parse_duration
from storage.sql.url import DatabaseUrl

Duration = Annotated[timedelta, BeforeValidator(parse_duration)]
LANGUAGES = ("en", "ru", "sv")
S = TypeVar("S", bound=BaseSettings)


def _id_list(value: object) -> list[int]:
    if isinstance(value, list):
        return [int(v) for v in value]
    text = str(value).strip()
    if not text:
        return []
    try:
        return [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        if "@" in text:
            raise ValueError(
                "a @username is not the id: expected comma-separated numeric Telegram ids, e.g."
                " 111,222; while OWNER_IDS is empty, the log names each id that sends the bot"
                " /start"
            ) from None
        raise ValueError("expected comma-separated numeric Telegram ids, e.g. 111,222") from None


def _zone_meant(value: str) -> str | None:
    """The IANA zone a city written alone ("Moscow", "stockholm") stands for, if one does."""
    city = value.strip().replace(" ", "_").casefold()
    found = sorted(
        zone
        for zone in available_timezones()
        if zone.casefold().endswith("/" + city) and not zone.startswith(("posix/", "right/"))
    )
    return found[0] if len(found) == 1 else None


IdList = Annotated[list[int], NoDecode, BeforeValidator(_id_list)]


class _Section(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", extra="ignore", case_sensitive=False, env_ignore_empty=True
    )


PLACEHOLDER_TOKEN_KEY = "replace-with-your-token"  # .env.example's BOT_TOKEN, after the colon


class TelegramSettings(_Section):
    bot_token: SecretStr = Field(description="the token @BotFather gave, like 123456:AbC-dEf")
    telegram_api_url: str = Field(
        "https://api.telegram.org", description="base URL of the Bot API server"
    )
    webhook_url: str | None = Field(None, description="public https URL Telegram posts to")
    webhook_secret: SecretStr | None = Field(None, description="1-256 chars of A-Za-z0-9_-")

    @field_validator("bot_token")
    @classmethod
    def _token(cls, value: SecretStr) -> SecretStr:
        token = value.get_secret_value().strip()  # pasted with a space or a line break
        left, sep, right = token.partition(":")
        if not sep or not left.isdigit() or not re.fullmatch(r"[\w-]+", right):
            raise ValueError("not a bot token: expected digits, a colon and a key")
        if right == PLACEHOLDER_TOKEN_KEY:
            raise ValueError("still the placeholder from .env.example: put your bot's token")
        return SecretStr(token)

    @field_validator("telegram_api_url", "webhook_url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        if not re.match(r"^https?://[^/\s]+", value):
            raise ValueError("expected an http(s):// URL")
        return value.rstrip("/")

    @field_validator("webhook_secret")
    @classmethod
    def _secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value():
            return None
        if not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", value.get_secret_value()):
            raise ValueError("use 1-256 characters of A-Z, a-z, 0-9, _ and -")
        return value


class StorageSettings(_Section):
    database_url: str = Field(
        "sqlite:///data/bot.db",
        description="sqlite:///relative/path.db or postgresql://user:pass@host:5432/db",
    )
    data_retention: Duration = Field(
        timedelta(days=90),
        description="how long delivered messages and handled updates are kept",
    )

    @field_validator("data_retention")
    @classmethod
    def _positive(cls, value: timedelta) -> timedelta:
        if value <= timedelta(0):
            raise ValueError("a positive duration, like P90D")
        return value

    @field_validator("database_url")
    @classmethod
    def _known_engine(cls, value: str) -> str:
        DatabaseUrl(value)  # raises ValueError with what to write instead
        return value

    @property
    def database(self) -> DatabaseUrl:
        return DatabaseUrl(self.database_url)


EXPORT_FORMATS = ("xlsx", "csv")


class ChatSettings(_Section):
    staff_chat_id: int = Field(description="numeric id of the staff group, e.g. -1001234567890")
    owner_ids: IdList = Field(default_factory=list, description="comma-separated user ids")
    manager_ids: IdList = Field(default_factory=list, description="comma-separated user ids")
    digest_chat_id: int | None = Field(None, description="numeric chat id for the weekly digest")
    timezone: str = Field("UTC", description="an IANA zone such as Europe/Stockholm")
    staff_language: str = Field("en", description="one of en, ru, sv")
    default_language: str = Field("en", description="one of en, ru, sv")
    export_format: str = Field("xlsx", description="xlsx (owners' spreadsheets) or csv (BI)")

    @field_validator("staff_chat_id", mode="before")
    @classmethod
    def _numeric(cls, value: object) -> object:
        if isinstance(value, str) and not re.fullmatch(r"\s*-?\d+\s*", value):
            raise ValueError(
                f"{value.strip()!r} is not the id: the group's id is a number, like"
                " -1001234567890 (not its @username or link). Add the bot to the staff group:"
                " its log prints the id to use"
            )
        return value

    @field_validator("staff_chat_id")
    @classmethod
    def _group(cls, value: int) -> int:
        if value >= 0:  # a person's id: the bot would "post cards" into someone's private chat
            raise ValueError(
                "a group's id is negative, like -1001234567890; a positive one is a person."
                " Add the bot to the staff group: its log prints the id to use"
            )
        return value

    @field_validator("export_format")
    @classmethod
    def _export_format(cls, value: str) -> str:
        chosen = value.strip().lower().lstrip(".")
        if chosen not in EXPORT_FORMATS:
            raise ValueError(f"expected one of {', '.join(EXPORT_FORMATS)}")
        return chosen

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            meant = _zone_meant(value)
            hint = f": did you mean {meant}?" if meant else ""
            raise ValueError(f"unknown time zone {value!r}{hint}") from None
        return value

    @field_validator("staff_language", "default_language")
    @classmethod
    def _language(cls, value: str) -> str:
        if value not in LANGUAGES:
            raise ValueError(f"expected one of {', '.join(LANGUAGES)}")
        return value

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


MIN_EVENTS_SECRET = 16
_LOOPBACK = re.compile(r"^http://(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?(/|$)")


def _event_urls(value: object) -> list[str]:
    """EVENTS_URL: https URLs, comma-separated; plain http only to this machine (tests)."""
    items = value if isinstance(value, list) else str(value or "").split(",")
    urls = [str(item).strip() for item in items if str(item).strip()]
    for url in urls:
        if not (re.match(r"^https://[^/\s]+", url) or _LOOPBACK.match(url)):
            raise ValueError(f"{url!r}: expected https://… (plain http only to 127.0.0.1)")
    return list(dict.fromkeys(urls))


Network = IPv4Network | IPv6Network


def _networks(value: object) -> list[Network]:
    """TRUSTED_PROXIES: comma-separated addresses or networks (CIDR)."""
    items = value if isinstance(value, list) else str(value or "").split(",")
    found: list[Network] = []
    for item in (str(i).strip() for i in items):
        if not item:
            continue
        try:
            found.append(ip_network(item, strict=False))
        except ValueError:
            raise ValueError(
                f"{item!r}: expected IP addresses or networks, e.g. 127.0.0.1,10.0.0.0/8"
            ) from None
    return found


class ApiSettings(_Section):
    api_host: str = Field("127.0.0.1", description="address the HTTP API listens on")
    api_port: int = Field(8080, ge=0, le=65535, description="port, 0 picks a free one")
    api_token: SecretStr | None = Field(None, description="bearer token for /api/v1")
    public_url: str | None = Field(
        None, description="public https base address of this HTTP port, for links people open"
    )
    dashboard_url: str | None = Field(
        None,
        description="public https URL of the owners' dashboard (/app); default PUBLIC_URL/app",
        validate_default=True,
    )
    trusted_proxies: Annotated[list[Network], NoDecode, BeforeValidator(_networks)] = Field(
        default_factory=list,
        description="proxies whose X-Forwarded-For names the client (empty: trust none)",
    )
    health_stall_after: Duration = Field(
        timedelta(minutes=2),
        description="how long a task may make no progress before /healthz answers 503",
    )

    health_db_fail_after: Duration = Field(
        timedelta(seconds=30),
        description="how long database reads or writes may keep failing before /healthz says 503",
    )
    events_url: Annotated[list[str], NoDecode, BeforeValidator(_event_urls)] = Field(
        default_factory=list, description="comma-separated https URLs that receive events"
    )
    events_secret: SecretStr | None = Field(
        None, description="the key events are signed with (X-Feedback-Signature)"
    )

    smtp_url: SecretStr | None = Field(
        None,
        description="the mail server: smtp://user:pass@host:587 (STARTTLS) or smtps://…:465",
    )
    mail_from: str | None = Field(
        None, description="the sender of customers' email, e.g. Shop <shop@example.com>"
    )

    @field_validator("smtp_url")
    @classmethod
    def _smtp(cls, value: SecretStr | None) -> SecretStr | None:
        """smtp:// always upgrades with STARTTLS (plain only to this machine, for tests),
        smtps:// is TLS from the first byte: a password never crosses the network in clear."""
        text = value.get_secret_value().strip() if value else ""
        if not text:
            return None
        parts = urlsplit(text)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise ValueError(
                "expected smtp://user:password@host:587 (STARTTLS) or"
                " smtps://user:password@host:465 (TLS)"
            )
        try:
            parts.port  # noqa: B018 (a port that is no number raises here)
        except ValueError:
            raise ValueError("the port is not a number, e.g. smtp://host:587") from None
        return SecretStr(text)

    @field_validator("mail_from")
    @classmethod
    def _mail_from(cls, value: str | None, info: ValidationInfo) -> str | None:
        text = (value or "").strip()
        if text and "@" not in parseaddr(text)[1]:
            raise ValueError("expected an address, e.g. Shop <shop@example.com>")
        if info.data.get("smtp_url") and not text:
            raise ValueError("set it when SMTP_URL is set: mail needs a sender's address")
        return text or None

    @field_validator("public_url")
    @classmethod
    def _public(cls, value: str | None) -> str | None:
        """https (what a phone can open, and Telegram's Mini Apps need); plain http only for
        this machine (tests, the demo): never a loopback address presented as if it worked."""
        if value in (None, ""):
            return None
        if not (re.match(r"^https://[^/\s]+", value) or _LOOPBACK.match(value)):
            raise ValueError(
                "expected the public https:// address of this server behind your TLS proxy,"
                " e.g. https://shop.example (plain http only for 127.0.0.1)"
            )
        return value.rstrip("/")

    @field_validator("dashboard_url")
    @classmethod
    def _dashboard(cls, value: str | None, info: ValidationInfo) -> str | None:
        """https (Telegram opens Mini Apps only there); http only on this machine. Unset:
        PUBLIC_URL's /app."""
        if value in (None, ""):
            public = info.data.get("public_url")
            return f"{public}/app" if public else None
        local = re.match(r"^http://(127\.0\.0\.1|localhost|\[::1\])(:\d+)?/", value + "/")
        if not (re.match(r"^https://[^/\s]+", value) or local):
            raise ValueError("expected the https:// URL of /app, e.g. https://shop.example/app")
        return value.rstrip("/")

    @field_validator("events_secret")
    @classmethod
    def _events_secret(cls, value: SecretStr | None, info: ValidationInfo) -> SecretStr | None:
        secret = value.get_secret_value() if value else ""
        if info.data.get("events_url") and len(secret) < MIN_EVENTS_SECRET:
            raise ValueError(
                f"set it (at least {MIN_EVENTS_SECRET} characters) when EVENTS_URL is set:"
                " receivers check each event's signature with it"
            )
        return value or None

    @field_validator("health_stall_after", "health_db_fail_after")
    @classmethod
    def _stall(cls, value: timedelta) -> timedelta:
        if value < timedelta(seconds=1):
            raise ValueError("at least one second")
        return value


def _optional_cron(value: object) -> str | None:
    """A cron expression, or empty for "off"."""
    text = str(value).strip() if value is not None else ""
    return check_cron(text) if text else None


class RuleSettings(_Section):
    survey_delay: Duration = timedelta(hours=2)
    quiet_hours: Annotated[QuietHours | None, NoDecode, BeforeValidator(QuietHours.parse)] = (
        QuietHours.parse("21:00-09:00")
    )
    survey_cooldown: Duration = timedelta(days=30)
    reminder_after: Duration = timedelta(hours=24)
    survey_expiry: Duration = timedelta(hours=72)
    sla_take: Duration = timedelta(minutes=15)
    sla_resolve: Duration = timedelta(hours=24)
    sla_key_take: Duration = timedelta(minutes=5)
    sla_key_resolve: Duration = timedelta(hours=4)
    # A shop's working week by default: a 15-minute take SLA must not ping managers at 3 a.m.
    business_hours: Annotated[BusinessHours, NoDecode, BeforeValidator(BusinessHours.parse)] = (
        BusinessHours.parse("mon-fri 09:00-18:00")
    )
    weekly_digest_cron: Annotated[str, BeforeValidator(check_cron)] = "0 9 * * mon"
    daily_digest_cron: Annotated[str, BeforeValidator(check_cron)] = "0 9 * * *"
    staff_pulse_cron: Annotated[str | None, BeforeValidator(_optional_cron)] = Field(
        None, description="the staff pulse (eNPS), e.g. '0 10 1 * *'; empty: off"
    )


def _aspect_list(value: object) -> list[str]:
    items = value if isinstance(value, list) else str(value).split(",")
    aspects = [str(item).strip().lower() for item in items if str(item).strip()]
    bad = [a for a in aspects if not re.fullmatch(r"[a-z0-9_]{1,20}", a)]
    if bad or not aspects:
        raise ValueError("expected comma-separated keys of a-z, 0-9, _ (up to 20 characters)")
    return aspects


class SurveySettings(_Section):
    shop_name: str | None = Field(
        None, max_length=64, description="the shop's name, as customers know it"
    )
    survey_aspects: Annotated[list[str], NoDecode, BeforeValidator(_aspect_list)] = Field(
        default_factory=lambda: ["quality", "price", "delivery", "staff", "speed", "other"],
        description="aspect keys detractors can pick",
    )
    phone_region: str | None = Field(
        None, description="ISO country code (RU, SE) for phone numbers written without one"
    )
    review_url: str | None = Field(None, description="public review page offered to everyone")
    referral_url: str | None = Field(
        None, description="the shop's own referral page offered to promoters"
    )
    referral_offer: str | None = Field(
        None,
        max_length=300,
        description="what a friend gets (free text); set: promoters get personal invitation links",
    )
    referral_thanks: bool = Field(
        True, description="thank the advocate when a friend they invited makes a first purchase"
    )

    @field_validator("referral_offer", "shop_name")
    @classmethod
    def _offer(cls, value: str | None) -> str | None:
        return value.strip() if value and value.strip() else None

    @field_validator("phone_region")
    @classmethod
    def _region(cls, value: str | None) -> str | None:
        if not value or not value.strip():
            return None
        region = value.strip().upper()
        if region not in phonenumbers.SUPPORTED_REGIONS:
            raise ValueError("expected a two-letter country code such as RU, SE, DE")
        return region

    @field_validator("review_url", "referral_url")
    @classmethod
    def _link(cls, value: str | None) -> str | None:
        if not value:
            return None
        if not re.match(r"^https?://\S+$", value):
            raise ValueError("expected an http(s):// URL")
        return value


def _word_list(value: object) -> list[str]:
    items = value if isinstance(value, list) else str(value).split(",")
    words = [str(item).strip() for item in items if str(item).strip()]
    if any(len(word) > 50 for word in words):
        raise ValueError("expected comma-separated segment names of up to 50 characters")
    return words


def _names(value: object) -> dict[str, str]:
    """SEGMENT_NAMES=vip=VIP customers,wholesale=Wholesale → {"vip": "VIP customers", ...}."""
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items()}
    names = {}
    for pair in str(value or "").split(","):
        if not pair.strip():
            continue
        code, sep, name = pair.partition("=")
        if not sep or not code.strip() or not name.strip():
            raise ValueError(f"expected code=Name pairs, got {pair.strip()!r}")
        if len(code.strip()) > 50 or len(name.strip()) > 50:
            raise ValueError("codes and names are at most 50 characters")
        names[code.strip()] = name.strip()
    return names


class ComplaintSettings(_Section):
    complaint_nps_max: int = Field(6, ge=-1, le=10, description="NPS at or below opens one")
    complaint_csat_max: int = Field(2, ge=0, le=5, description="CSAT at or below opens one")
    key_segments: Annotated[list[str], NoDecode, BeforeValidator(_word_list)] = Field(
        default_factory=lambda: ["key"], description="segments on the key-customer SLA ladder"
    )
    segment_names: Annotated[dict[str, str], NoDecode, BeforeValidator(_names)] = Field(
        default_factory=dict, description="code=Name pairs: how owners read segments"
    )
    staff_ids: IdList = Field(default_factory=list, description="comma-separated user ids")
    complaint_settle: Duration = Field(
        timedelta(minutes=10), description="how long a card waits for the survey to finish"
    )
    storm_cards_per_minute: int = Field(
        10,
        ge=0,
        le=20,
        description="cards a minute; more than a minute's worth at once are coalesced",
    )
    staff_relays_per_minute: int = Field(
        3, ge=1, le=1000, description="one customer's messages relayed one by one per minute"
    )
    assign_mode: Literal["manual", "round_robin"] = Field(
        "manual", description="manual: Take or Assign on the card; round_robin: sent assigned"
    )
    agent_max_open: int = Field(
        0, ge=0, le=1000, description="round robin: most complaints one person holds (0: no cap)"
    )


class SenderSettings(_Section):
    send_global_per_second: float = Field(30, gt=0, description="all chats together")
    send_private_per_second: float = Field(1, gt=0, description="per private chat")
    send_private_burst: int = Field(3, ge=1, description="messages a private chat may get at once")
    send_group_per_minute: float = Field(20, gt=0, description="per group chat")
    send_concurrency: int = Field(8, ge=1, le=256, description="requests in flight at once")
    send_timeout: int = Field(30, ge=1, le=300, description="seconds to wait for Telegram")


LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


class LogSettings(_Section):
    log_level: str | None = Field(None, description="how much to log")

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str | None) -> str | None:
        if not value or not value.strip():
            return None
        level = value.strip().upper()
        if level not in LOG_LEVELS:
            raise ValueError(f"expected one of {', '.join(LOG_LEVELS)}")
        return level


@dataclass(frozen=True)
class Settings:
    """All sections together; built by `load_settings`, never at import time."""

    telegram: TelegramSettings
    storage: StorageSettings
    chats: ChatSettings
    api: ApiSettings
    rules: RuleSettings
    surveys: SurveySettings
    complaints: ComplaintSettings
    sender: SenderSettings
    logging: LogSettings


class ConfigError(Exception):
    """A setting is missing or malformed; `lines` has one human sentence per problem."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


def describe(error: ValidationError, cls: type[BaseSettings]) -> list[str]:
    lines = []
    for item in error.errors():
        field = str(item["loc"][0]) if item["loc"] else "?"
        name = field.upper()
        info = cls.model_fields.get(field)
        hint = f" ({info.description})" if info and info.description else ""
        said = str(item["msg"])
        if (
            info
            and info.description
            and (info.description in said or info.description.split()[-1] in said)
        ):
            hint = ""  # the reason says it already, or gives the same example
        if item["type"] == "missing":
            wanted = info.description if info and info.description else "a value"
            lines.append(f"config error: {name} is not set: set it to {wanted} (see .env.example)")
        else:
            reason = str(item["msg"]).removeprefix("Value error, ")
            lines.append(f"config error: {name} is invalid: {reason}{hint}")
    return lines


def load_section(cls: type[S], **overrides: Any) -> S:
    """Read one section alone (e.g. `migrate` needs only storage)."""
    try:
        return cls(**overrides)
    except ValidationError as exc:
        raise ConfigError(describe(exc, cls)) from None


def load_settings(env_file: str | None = ".env", **overrides: Any) -> Settings:
    """Read every section; raise ConfigError listing every bad setting at once."""
    problems: list[str] = []
    sections: dict[str, Any] = {}
    for name, cls in SECTIONS.items():
        own = {k: v for k, v in overrides.items() if k in cls.model_fields}
        try:
            sections[name] = cls(_env_file=env_file, **own)
        except ValidationError as exc:
            problems.extend(describe(exc, cls))
        except SettingsError as exc:
            problems.append(f"config error: {exc}")
    telegram = sections.get("telegram")
    if telegram is not None and telegram.webhook_url and telegram.webhook_secret is None:
        problems.append(
            "config error: WEBHOOK_SECRET is not set: webhook mode needs a secret of"
            " 1-256 characters of A-Za-z0-9_- (see .env.example)"
        )
    if problems:
        raise ConfigError(problems)
    return Settings(**sections)


EXAMPLE_STAFF_CHAT_ID = -1001234567890  # .env.example's


class _Readiness(_Section):
    """What the bot can start without but a shop cannot work without: read alone, so that
    `check-config` names it even beside errors in other settings."""

    owner_ids: IdList = Field(default_factory=list)
    api_token: SecretStr | None = None
    staff_chat_id: int | None = None


def readiness_warnings(env_file: str | None = ".env") -> list[str]:
    """One line per setting left empty that a working shop needs (not an error: the demo and
    tests start without them)."""
    try:
        ready = _Readiness(_env_file=env_file)
    except (ValidationError, SettingsError):
        return []  # malformed: reported as a config error with the rest
    lines = []
    if ready.staff_chat_id == EXAMPLE_STAFF_CHAT_ID:
        lines.append(
            f"config warning: STAFF_CHAT_ID is still .env.example's {EXAMPLE_STAFF_CHAT_ID},"
            " nobody's group: start the bot and add it to your staff group; its log prints"
            " the line to write (STAFF_CHAT_ID=-100…)"
        )
    if not ready.owner_ids:
        lines.append(
            "config warning: OWNER_IDS is empty: nobody gets digests, escalations or the"
            " dashboard; set your numeric Telegram user id (comma-separated ids)"
        )
    if ready.api_token is None or not ready.api_token.get_secret_value():
        lines.append(
            "config warning: API_TOKEN is not set: the HTTP API refuses every purchase"
            " (503); set a long random string your systems send as a bearer token"
        )
    return lines


def unknown_names_warnings(env_file: str | None = ".env") -> list[str]:
    """One line per name in the .env file that is no setting but looks like one (a typo is
    otherwise ignored without a word: TIME_ZONE leaves TIMEZONE at UTC), naming it."""
    if env_file is None or not Path(env_file).is_file():
        return []
    known = sorted({field.upper() for cls in SECTIONS.values() for field in cls.model_fields})
    lines = []
    for name in dotenv_values(env_file):
        if name.upper() in known or name.upper() in FOR_OTHERS:
            continue
        meant = difflib.get_close_matches(name.upper(), known, n=1, cutoff=0.75)
        if meant:  # anything else is someone else's (a script's, a compose file's)
            lines.append(
                f"config warning: {name} in .env is not a setting: did you mean {meant[0]}?"
            )
    return lines


# Names compose.yaml reads from the same .env: not the bot's, not typos either.
FOR_OTHERS = frozenset({"POSTGRES_PASSWORD", "DOMAIN", "WEBHOOK_PATH"})


def written(value: object) -> str:
    """A setting's value the way it is written in .env."""
    if value is None:
        return ""
    if isinstance(value, SecretStr):
        return "(set, hidden)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, timedelta):
        return format_duration(value)
    if isinstance(value, list):
        return ",".join(written(item) for item in value)
    if isinstance(value, dict):
        return ",".join(f"{key}={item}" for key, item in value.items())
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def settings_lines(settings: Settings) -> list[str]:
    """NAME=value for every setting, in the order of .env.example's sections."""
    lines = []
    for name in SECTIONS:
        section = getattr(settings, name)
        for field in type(section).model_fields:
            value = getattr(section, field)
            if value is None and field == "quiet_hours":
                lines.append("QUIET_HOURS=off")
                continue
            lines.append(f"{field.upper()}={written(value)}")
    return lines


def address_warnings(settings: Settings) -> list[str]:
    """What check-config and the start log say about links people open from outside."""
    if settings.api.dashboard_url:
        return []
    return [
        "config warning: PUBLIC_URL is not set: /dashboard sends no sign-in link (it tells the"
        " owner to set it) and purchases get no survey_url. Set PUBLIC_URL to the public https"
        " address of this server's HTTP port behind your TLS proxy (https://shop.example), or"
        " DASHBOARD_URL to that of /app."
    ]


SECTIONS: dict[str, type[_Section]] = {
    "telegram": TelegramSettings,
    "storage": StorageSettings,
    "chats": ChatSettings,
    "api": ApiSettings,
    "rules": RuleSettings,
    "surveys": SurveySettings,
    "complaints": ComplaintSettings,
    "sender": SenderSettings,
    "logging": LogSettings,
}
