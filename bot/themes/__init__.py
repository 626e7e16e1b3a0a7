"""Themes: what customers' texts are about (delivery, staff, prices, ...), found by words matched
on their lemma in Russian, English and Swedish.

- `definitions`: the themes as data (`[{"theme", "name": {lang: str}, "words": {lang: [str]}}]`,
  the format of `GET/PUT /api/v1/themes`) and its validator;
- `defaults`: the eight default themes;
- `lemmas`: a text's language and its words by lemma (the analysers load once, lazily);
- `tagger`: which themes a text mentions, and how a negation is treated;
- `unthemed`: the words that come up often in no theme.

Nothing here needs the Telegram framework or the database.
"""
