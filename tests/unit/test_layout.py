"""The house rules about who may import whom, read from the source (no imports executed)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ("bot", "handlers", "storage")


def _modules() -> dict[str, Path]:
    found = {}
    for top in (*PRODUCT, "faketg", "demo"):
        for path in (ROOT / top).rglob("*.py"):
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


MODULES = _modules()


def _top_level(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Statements run on import: the module's own, and those inside its if/try blocks."""
    for node in body:
        yield node
        if isinstance(node, ast.If | ast.Try):
            yield from _top_level(node.body + node.orelse)


def _everywhere(body: list[ast.stmt]) -> Iterator[ast.AST]:
    """Every node of the module, also inside functions (an import run only when called)."""
    for node in body:
        yield from ast.walk(node)


def imports_of(module: str, *, at_import: bool = False) -> set[str]:
    """Modules of this repository that `module` imports: anywhere in it, or (`at_import`)
    only those run when it is imported."""
    return {name for name in _all_imports(module, at_import) if name in MODULES}


@cache  # parsed once per module: the pair test alone asks ~1,000 modules about their targets
def _all_imports(module: str, at_import: bool) -> frozenset[str]:
    out: set[str] = set()
    body = ast.parse(MODULES[module].read_text()).body
    for node in _top_level(body) if at_import else _everywhere(body):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
            out.update(f"{node.module}.{alias.name}" for alias in node.names)
    return frozenset(out)


def reached_from(prefix: str, *, at_import: bool = False) -> set[str]:
    seen: set[str] = set()
    todo = [m for m in MODULES if m == prefix or m.startswith(prefix + ".")]
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo.extend(imports_of(module, at_import=at_import))
    return seen


def package_of(module: str) -> str:
    """bot.surveys.answers: bot.surveys; handlers.customer.start: handlers; bot.app: bot.app"""
    parts = module.split(".")
    return ".".join(parts[:2]) if parts[0] == "bot" else parts[0]


def test_the_surveys_feature_does_not_depend_on_the_http_api() -> None:
    assert not {m for m in reached_from("bot.surveys") if m.startswith("bot.api")}


def test_storage_depends_on_nothing_of_the_bot() -> None:
    assert {package_of(m) for m in reached_from("storage")} == {"storage"}


def reaches_library(module: str, library: str) -> bool:
    """Whether importing `module` imports `library` (a third-party top-level package)."""
    return any(
        name == library or name.startswith(library + ".")
        for m in reached_from(module, at_import=True)
        for name in _all_imports(m, at_import=True)
    )


def test_the_digest_numbers_and_text_do_not_load_the_telegram_framework() -> None:
    """Building and wording a digest (the CLI's report, the digest benchmark) needs no aiogram:
    it costs ~5 s and ~130 MB to import."""
    for module in ("bot.reports.digest", "bot.reports.render"):
        assert not reaches_library(module, "aiogram"), module


def test_the_app_loads_matplotlib_only_when_it_draws_a_chart() -> None:
    """~0.7 s of start-up and ~40 MB of idle memory for something drawn once a week."""
    assert not reaches_library("bot.app", "matplotlib")
    assert not reaches_library("bot.__main__", "matplotlib")


def test_the_product_never_imports_the_fake_telegram_or_the_demo() -> None:
    """Not even inside a function: an installed package has neither."""
    for top in PRODUCT:
        assert not {m for m in reached_from(top) if m.split(".")[0] in ("faketg", "demo")}, top


def test_packages_depend_on_each_other_without_cycles() -> None:
    edges: dict[str, set[str]] = {}
    for module in MODULES:
        for target in imports_of(module):
            if package_of(target) != package_of(module):
                edges.setdefault(package_of(module), set()).add(package_of(target))

    def path_back(start: str, node: str, trail: tuple[str, ...]) -> tuple[str, ...] | None:
        for nxt in edges.get(node, ()):
            if nxt == start:
                return (*trail, nxt)
            if nxt not in trail:
                found = path_back(start, nxt, (*trail, nxt))
                if found:
                    return found
        return None

    for package in edges:
        assert path_back(package, package, (package,)) is None, package


def test_no_file_imports_a_file_that_imports_it_back() -> None:
    """Inside a package too, even through a function's deferred import: each of two files
    importing the other means neither can be read, or changed, alone. (A package's
    `__init__` naming its own modules, which name their siblings through it, is no pair.)"""
    pairs = {
        (module, target)
        for module in MODULES
        for target in imports_of(module)
        if module < target and module in imports_of(target) and not target.startswith(module + ".")
    }
    assert not pairs, sorted(pairs)
