from bot.i18n import Catalog, placeholders


def test_every_language_has_every_key_with_the_same_placeholders() -> None:
    catalog = Catalog.load()
    assert {"en", "ru", "sv"} <= set(catalog.languages)
    reference = catalog.messages["en"]
    for language, messages in catalog.messages.items():
        assert set(messages) == set(reference), language
        for key, template in messages.items():
            assert placeholders(template) == placeholders(reference[key]), (language, key)


def test_language_is_picked_from_telegram_code_with_fallback() -> None:
    catalog = Catalog.load("en")
    assert catalog.pick("ru") == "ru"
    assert catalog.pick("en-GB") == "en"
    assert catalog.pick("de") == "en"
    assert catalog.pick(None) == "en"
    assert catalog.bind("sv")("language.changed").startswith("Klart")
    assert catalog.bind("xx").language == "en"
