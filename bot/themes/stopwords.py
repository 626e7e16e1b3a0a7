"""Words that carry no theme: function words, negators, and the very common words of feedback.
Russian function words are also recognised by their part of speech (`lemmas.py`), so its list
holds what the analyser calls content words. English and Swedish lists are of stems, as the
stemmer makes them (`lemmas.stem`), so they are written as words and stemmed on first use."""

from __future__ import annotations

from bot.themes.definitions import Language


def word_set(text: str) -> frozenset[str]:
    """The words of `text`; "ё" as "е", as every text is read (`lemmas._normalise`)."""
    return frozenset(text.replace("ё", "е").split())


NEGATORS: dict[Language, frozenset[str]] = {
    "ru": frozenset({"не", "нет", "ни", "без", "никак"}),
    "en": frozenset({"not", "no", "never", "without", "nothing", "nobody", "none", "hardly"}),
    "sv": frozenset({"inte", "ej", "ingen", "inget", "inga", "aldrig", "utan", "icke"}),
}

# A negation's reach stops at these, as at punctuation: "не быстро, но вежливо".
CLAUSE_BREAKS: dict[Language, frozenset[str]] = {
    "ru": frozenset({"но", "а", "однако", "зато", "хотя"}),
    "en": frozenset({"but", "however", "though", "although", "yet"}),
    "sv": frozenset({"men", "fast", "dock", "trots"}),
}

STOP_WORDS: dict[Language, frozenset[str]] = {
    "ru": word_set(
        """
        быть весь это этот тот такой так очень ещё уже вот вообще просто всегда опять снова
        раз два три год время мой наш ваш свой который какой каждый
        мочь хотеть сказать говорить делать сделать стать есть иметь один другой сам самый
        спасибо пожалуйста вы ты он она они мы я себя всё там тут здесь где когда потом
        сегодня вчера теперь тоже также нужно надо можно нельзя ничего хороший плохой
        отличный нормально хорошо плохо отлично ок супер магазин
        """
    ),
    "en": word_set(
        """
        a an the and or of to in on at for from by with about as into over after before
        is are was were be been being am do does did done have has had having will would
        can could should shall may might must i me my we our us you your he she it its they
        them their this that these those there here what which who whom when where why how
        all any some more most much many very too so just also again still only even really
        than then if because while up down out off just get got go went come came make made
        thanks thank please ok okay good great bad nice fine well one two three time year
        store shop place everything something anything lot lots bit
        """
    ),
    "sv": word_set(
        """
        och att det som en ett den de är var vara varit blev bli har hade ha jag du han hon
        vi ni man mig dig oss er sig min mitt mina din ditt vår vårt våra er ert era deras
        hans hennes dess på i av för med till från om under över efter innan vid hos mot
        så men eller också bara även nog mycket mer mest lite väldigt jätte alltid igen
        redan fortfarande nu då när där här hur vad vilken vilket vilka kan kunde ska skulle
        vill ville måste får fick gör gjorde kom komma tack bra dålig dåligt ok okej allt
        något några en två tre gång år butik butiken affär
        """
    ),
}
