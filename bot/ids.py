"""Numbers carried in button data. A forged button may say anything; one outside what a database
column holds (SQLite's and PostgreSQL's integers are 64-bit) does not parse, and the press is
answered as stale like any other unknown button, instead of failing in the database."""

from typing import Annotated

from pydantic import Field

RowId = Annotated[int, Field(ge=0, le=2**62)]  # a row's id (or a Telegram id) in a button
