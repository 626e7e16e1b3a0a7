"""The eight default themes, in the stats API's format. A word is matched by its lemma (see
`lemmas.py`), so one form is enough: "курьер" matches "курьера" and "курьеры"; a phrase matches
its words in a row. Words sit where a shop's owner would look for them: a courier's rudeness is
both `delivery` (курьер) and `staff` (хамить); "касса"/"checkout"/"kassan" alone make no theme
(a queue there is `speed`, a broken card reader `payment`). A length of time is `speed`
(not a day: "через день", "the next day" date what happened):
"курьера не было два часа", "staff ignored me for 10 minutes" are about waiting (and so, less
often rightly, is "broke after a week")."""

from __future__ import annotations

from typing import Any

from bot.themes.definitions import Theme, parse_themes


def _w(text: str) -> list[str]:
    """Words separated by commas (a phrase keeps its spaces)."""
    return [word.strip() for word in text.split(",") if word.strip()]


DEFAULT_THEMES: list[dict[str, Any]] = [
    {
        "theme": "delivery",
        "name": {"ru": "Доставка", "en": "Delivery", "sv": "Leverans"},
        "words": {
            "ru": _w(
                "доставка, доставить, доставлять, доставщик, курьер, курьерский, привезти,"
                "привозить, отправка, посылка, упаковка, пункт выдачи, самовывоз, постамат,"
                "трек, отслеживание, сборка заказа, чужой заказ, не тот заказ, служба доставки"
            ),
            "en": _w(
                "delivery, deliver, deliveries, courier, driver, shipping, shipment, ship,"
                "parcel, package, packaging, dispatch, tracking, pickup point, pick up point,"
                "collection point, click and collect, wrong order, missing items, missing item"
            ),
            "sv": _w(
                "leverans, leverera, leveranser, bud, budet, budfirma, budbil, frakt, paket,"
                "förpackning, hemleverans, utlämningsställe, utlämning, ombud, hämta ut,"
                "skickade, matkasse"
            ),
        },
    },
    {
        "theme": "staff",
        "name": {"ru": "Персонал", "en": "Staff", "sv": "Personal"},
        "words": {
            "ru": _w(
                "персонал, сотрудник, работник, продавец, продавщица, кассир, кассирша,"
                "официант, официантка, консультант, менеджер, администратор, охранник,"
                "охрана, оператор, служба поддержки, бариста, вежливый, невежливый, грубый,"
                "грубить, нагрубить, грубость, грубиян, хамить, нахамить, хамство, хам,"
                "хамский, приветливый, доброжелательный, дружелюбный, внимательный,"
                "невнимательный, обслуживание, сервис, отношение, компетентный,"
                "некомпетентный, перезвонить, колл-центр"
            ),
            "en": _w(
                "staff, employee, worker, cashier, waiter, waitress, assistant, manager,"
                "security guard, guard, customer service, customer support, support, barista,"
                "personnel, clerk, rude, rudeness, polite, impolite, friendly, unfriendly,"
                "helpful, unhelpful, attentive, ignored, service, courteous, attitude, team"
            ),
            "sv": _w(
                "personal, anställd, medarbetare, kassörska, kassör, expedit, servitör,"
                "servitris, butikschef, chef, vakt, väktare, kundtjänst, kundservice, service,"
                "bemötande, trevlig, otrevlig, vänlig, ovänlig, hjälpsam, oförskämd, artig,"
                "oartig, hövlig, ohövlig, dryg"
            ),
        },
    },
    {
        "theme": "price",
        "name": {"ru": "Цены", "en": "Prices", "sv": "Priser"},
        "words": {
            "ru": _w(
                "цена, ценник, стоимость, дорого, дорогой, дороговато, недорого,"
                "недорогой, дешево, дешевый, переплата, переплатить, скидка, акция, бонус,"
                "балл, кэшбэк, платный, бесплатный, бесплатно, наценка, прайс"
            ),
            "en": _w(
                "price, pricey, pricing, expensive, inexpensive, cheap, cheaper, cheapest,"
                "overpriced, cost, costly, value for money, affordable, discount, promotion,"
                "offer, deal, loyalty, loyalty points, fee, free delivery, free shipping, worth it"
            ),
            "sv": _w(
                "pris, prisvärd, prisvärt, dyr, dyrt, billig, billigt, billigast, kostnad,"
                "kosta, avgift, rabatt, erbjudande, kampanj, extrapris, bonus, poäng,"
                "medlemspris, fri frakt, gratis, värt det, värt pengarna, överpris"
            ),
        },
    },
    {
        "theme": "quality",
        "name": {"ru": "Качество", "en": "Quality", "sv": "Kvalitet"},
        "words": {
            "ru": _w(
                "качество, качественный, некачественный, свежий, несвежий, свежесть, черствый,"
                "просрочка, просроченный, срок годности, испорченный, испортиться, тухлый,"
                "протухший, гнилой, подгнивший, плесень, вялый, вкусный, невкусный, вкус,"
                "безвкусный, вкусно, невкусно, сломаться, сломанный, брак, бракованный, дефект,"
                "разбитый, разбить, помятый, холодный, остыть, жесткий, сырой, пережаренный,"
                "пересоленный, кислый, соответствовать описанию, маломерить, большемерить,"
                "завянуть, вянуть, увянуть, завядший, увядший"
            ),
            "en": _w(
                "quality, fresh, stale, rotten, mouldy, moldy, expired, out of date, tasteless,"
                "tasty, delicious, taste, flavour, flavor, bland, cold, broken, broke,"
                "defective, faulty, stopped working, fell apart, spoiled, undercooked,"
                "overcooked, burnt, description, wilted, wilt, withered, droopy"
            ),
            "sv": _w(
                "kvalitet, färsk, fräsch, smak, smaka, smaklös, jättegod, trasig, sönder,"
                "möglig, mögel, rutten, utgången, gått ut, bäst före, kall, isär, defekt,"
                "äcklig mat, vissen, vissna, vissnade"
            ),
        },
    },
    {
        "theme": "speed",
        "name": {"ru": "Скорость", "en": "Speed", "sv": "Snabbhet"},
        "words": {
            "ru": _w(
                "быстро, быстрый, медленно, медленный, долго, долгий, ждать, ожидание,"
                "дождаться, очередь, опоздать, опоздание, опаздывать, задержка, задержать,"
                "вовремя, пунктуальный, оперативно, оперативный, моментально, мгновенно,"
                "в срок, скорость, шустро, минута, час, неделя, месяц"
            ),
            "en": _w(
                "fast, quick, quickly, slow, slowly, wait, queue, late, delay, delayed,"
                "on time, ages, forever, prompt, promptly, speed, in no time, minute, hour, week,"
                "month"
            ),
            "sv": _w(
                "snabb, snabbt, långsam, långsamt, vänta, väntetid, kö, kön, köer, försenad,"
                "försening, för sent, sent, var sen, i tid, evighet, dröja, länge, minut, timme,"
                "vecka, månad"
            ),
        },
    },
    {
        "theme": "cleanliness",
        "name": {"ru": "Чистота", "en": "Cleanliness", "sv": "Renlighet"},
        "words": {
            "ru": _w(
                "чисто, чистый, чистота, грязно, грязный, грязь, мусор, пыль, пыльный,"
                "вонять, вонь, запах, убирать, уборка, помыть, мыть, немытый, липкий,"
                "антисанитария, таракан, опрятный, неопрятный"
            ),
            "en": _w(
                "clean, dirty, filthy, mess, messy, dust, dusty, sticky, smell, smelly, stink,"
                "hygiene, unhygienic, tidy, untidy, spotless, grubby, hair, rubbish, litter,"
                "trash"
            ),
            "sv": _w(
                "ren, rent, renlig, smutsig, smuts, skitig, städad, städa, städning, damm,"
                "dammig, kladdig, skräp, lukt, lukta, stinka, äcklig, hygien, hår"
            ),
        },
    },
    {
        "theme": "assortment",
        "name": {"ru": "Ассортимент", "en": "Range", "sv": "Sortiment"},
        "words": {
            "ru": _w(
                "ассортимент, выбор, наличие, закончиться, разнообразие, новинка,"
                "пустые полки, полки пустые"
            ),
            "en": _w(
                "range, selection, choice, variety, stock, options, sold out, availability,"
                "unavailable, empty shelves, shelves empty, shelves half empty"
            ),
            "sv": _w(
                "sortiment, utbud, urval, slutsåld, slut i lager, i lager, tog slut, var slut,"
                "är slut, tomma hyllor, saknar"
            ),
        },
    },
    {
        "theme": "payment",
        "name": {"ru": "Оплата", "en": "Payment", "sv": "Betalning"},
        "words": {
            "ru": _w(
                "оплата, оплатить, платить, заплатить, карта, терминал, наличные, наличка,"
                "чек, сдача, возврат, вернуть деньги, деньги вернуть, списать, сбп,"
                "бесконтактный, касса самообслуживания, apple pay"
            ),
            "en": _w(
                "pay, paid, payment, card, cash, terminal, card machine, refund, receipt,"
                "wrong change, charge, charged, apple pay, google pay, contactless,"
                "self checkout, invoice, bill"
            ),
            "sv": _w(
                "betala, betalning, kortet, med kort, kortbetalning, betalkort, kontant,"
                "kontanter, swish, kvitto, växel, återbetalning, pengarna tillbaka,"
                "pengar tillbaka, dragning, terminal, självscanning, självskanning,"
                "självutcheckning, faktura, klarna"
            ),
        },
    },
]


def default_themes() -> tuple[Theme, ...]:
    return parse_themes(DEFAULT_THEMES)
