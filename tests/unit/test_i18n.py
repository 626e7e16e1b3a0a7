import pytest

from bot.i18n import Catalog, placeholders


def test_every_language_has_every_key_with_the_same_placeholders() -> None:
    catalog = Catalog.load()
    assert {"en", "ru", "sv"} <= set(catalog.languages)
    reference = catalog.keys("en")
    for language in catalog.languages:
        assert catalog.keys(language) == reference, language
        for key in reference:
            used = placeholders(catalog, language, key)
            assert used == placeholders(catalog, "en", key), (language, key)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["1 new complaint", "2 new complaints", "5 new complaints", "21 new complaints"]),
        (
            "ru",
            ["1 новое обращение", "2 новых обращения", "5 новых обращений", "21 новое обращение"],
        ),
        ("sv", ["1 nytt ärende", "2 nya ärenden", "5 nya ärenden", "21 nya ärenden"]),
    ],
)
def test_counts_take_the_plural_form_of_their_language(language: str, expected: list[str]) -> None:
    catalog = Catalog.load()
    for count, words in zip((1, 2, 5, 21), expected, strict=True):
        assert words in catalog.text(language, "complaint.summary.title", count=count), count
    russian = [catalog.text("ru", "complaint.summary.title", count=n) for n in (22, 25, 1001)]
    assert ["22 новых обращения" in russian[0], "25 новых обращений" in russian[1]] == [True, True]
    assert "1 001 новое обращение" in russian[2].replace("\xa0", " ")


def test_ids_are_never_grouped_like_amounts() -> None:
    catalog = Catalog.load()
    assert catalog.text("ru", "complaint.card.title", number=12345) == "Обращение №12345"


def test_language_is_picked_from_telegram_code_with_fallback() -> None:
    catalog = Catalog.load("en")
    assert catalog.pick("ru") == "ru"
    assert catalog.pick("en-GB") == "en"
    assert catalog.pick("de") == "en"
    assert catalog.pick(None) == "en"
    assert catalog.bind("sv")("language.changed").startswith("Klart")
    assert catalog.bind("xx").language == "en"


def test_the_shop_is_named_in_the_case_each_sentence_needs() -> None:
    """SHOP_NAME in Russian: "помощник компании «…»" (genitive, and a word that fits a café or
    a salon as well as a shop), "Рекомендую магазин «…»" (accusative); without it, "компании"
    and "этот магазин"."""
    t = Catalog.load().bind("ru")
    named = t("shop.greeting_named", name="Ромашка")
    greeting = t("start.greeting", name="Анна", shop=named)
    assert "Я помощник компании «Ромашка» по обратной связи." in greeting
    assert t("start.greeting_anonymous", shop=t("shop.greeting")).startswith(
        "Здравствуйте! Я помощник компании по обратной связи."
    )
    shop = t("shop.recommended_named", name="Ромашка")
    invitation = t("referral.invitation", shop=shop, offer="Скидка 10%.", link="https://t.me/x")
    assert invitation == "🎁 Рекомендую магазин «Ромашка». Скидка 10%.\nВот ссылка: https://t.me/x"
    plain = t("referral.invitation", shop=t("shop.recommended"), offer="", link="L")
    assert plain.startswith("🎁 Рекомендую этот магазин.")


# What a customer reads about their own complaint: the bot's answers, /mydata and the web page
# with its emails. Customers also write questions here, so English calls it a request (as ru
# «обращение» and sv «ärende» do); staff texts keep "complaint".
CUSTOMER_KEYS = [
    "start.linked_complaint",
    "survey.thanks.complaint",
    "survey.thanks.complaint_answer",
    "mydata.complaint",
    "complaint.opened.low_score",
    "complaint.opened.survey_answer",
    "complaint.opened.message",
    "complaint.opened.command",
    "complaint.already_open",
    "complaint.story_received",
    "complaint.resolved.question",
    "complaint.resolved.thanks",
    "complaint.resolved.reopened",
    "conv.title",
    "conv.open",
    "conv.closed",
    "conv.unsubscribe",
    "conv.unsubscribed",
    "conv.mail.subject",
    "conv.mail.subject_resolved",
    "conv.mail.reply",
    "conv.mail.resolved",
    "conv.mail.why",
]


@pytest.mark.parametrize("key", CUSTOMER_KEYS)
def test_customers_read_of_a_request_not_a_complaint(key: str) -> None:
    catalog = Catalog.load()
    values = {"number": 2, "at": "18:00", "date": "1 May", "status": "open", "text": "Hi"}
    text = catalog.text("en", key, **values)
    assert "complaint" not in text.lower(), text
