"""Small helpers for driving the app in tests."""

from __future__ import annotations

import html
import re

from textual.app import App
from textual.pilot import Pilot


async def settle(pilot: Pilot[None], rounds: int = 4) -> None:
    """Let workers finish and the messages they posted be handled (a handler may
    start the next worker, hence the rounds)."""
    for _ in range(rounds):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def screen_text(app: App[None]) -> str:
    """The visible text of the current screen, from the public SVG export."""
    svg = app.export_screenshot()
    rows: dict[str, list[str]] = {}
    for y, text in re.findall(r'<text[^>]*\by="([\d.]+)"[^>]*>([^<]*)</text>', svg):
        rows.setdefault(y, []).append(html.unescape(text).replace("\xa0", " "))
    return "\n".join("".join(parts) for _, parts in sorted(rows.items(),
                                                           key=lambda kv: float(kv[0])))
