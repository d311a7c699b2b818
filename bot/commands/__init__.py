"""Command modules. Each has `register(ctx)`; the order here is the order /help shows."""
from __future__ import annotations

from typing import TYPE_CHECKING

from bot.commands import ask, brief, core, focus, opml, schedule, sources

if TYPE_CHECKING:
    from bot.context import Context

MODULES = [core, brief, focus, ask, schedule, sources, opml]


def register_all(ctx: "Context") -> None:
    for module in MODULES:
        module.register(ctx)
