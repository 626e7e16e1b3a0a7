"""The README's and docs/testing.md's tables name the test behind each promise: every test
they name exists (a renamed test would leave a promise pointing at nothing)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NAMED = re.compile(r"`((?:tests/[\w/]+/)?(test_\w+)\.py)::(…)?(\w+)(…)?`")


def _defined(file: str) -> set[str]:
    """The test functions of a test file named by path or, in a row, by its name alone."""
    found = [ROOT / file] if "/" in file else list((ROOT / "tests").rglob(file))
    assert found and found[0].is_file(), f"no test file {file}"
    text = "".join(path.read_text() for path in found)
    return set(re.findall(r"^(?:async )?def (test_\w+)", text, re.M))


@pytest.mark.parametrize("doc", ["README.md", "docs/testing.md"])
def test_every_test_a_promise_names_exists(doc: str) -> None:
    missing = []
    for file, _, before, name, after in NAMED.findall((ROOT / doc).read_text()):
        defined = _defined(file)
        if before:  # `…middle_of_a_name` refers back to the file's row
            ok = any(name in test for test in defined)
        elif after:
            ok = any(test.startswith(name) for test in defined)
        else:
            ok = name in defined
        if not ok:
            missing.append(f"{file}::{name}")
    assert not missing, missing
