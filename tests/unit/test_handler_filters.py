"""Every filter and handler the routers hold is a coroutine: aiogram runs a plain function
(a magic filter `F.…` included) in a thread of its own, a thread hop for every update that
reaches it, which a profile of survey presses showed on the hot path."""

from __future__ import annotations

from aiogram import Router
from aiogram.dispatcher.event.handler import CallableObject

from handlers import routers


def _every_router(roots: list[Router]) -> list[Router]:
    found: list[Router] = []
    for root in roots:
        found.append(root)
        found += _every_router(list(root.sub_routers))
    return found


def _callables(router: Router) -> list[tuple[str, CallableObject]]:
    named: list[tuple[str, CallableObject]] = []
    for kind, observer in router.observers.items():
        where = f"{router.name}.{kind}"
        named += [(f"{where} filter", f) for f in observer._handler.filters or []]
        for handler in observer.handlers:
            name = getattr(handler.callback, "__qualname__", repr(handler.callback))
            named.append((f"{where} handler {name}", handler))
            named += [(f"{where} {name}'s filter", f) for f in handler.filters or []]
    return named


def test_no_filter_or_handler_runs_in_a_thread() -> None:
    threaded = [
        f"{where}: {getattr(c.callback, '__qualname__', c.callback)!r}"
        for router in _every_router(routers())
        for where, c in _callables(router)
        if not c.awaitable
    ]
    assert threaded == []
