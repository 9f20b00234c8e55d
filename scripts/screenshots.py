"""Export the README screenshots (SVG) into docs/screenshots/.

    python scripts/screenshots.py [--out docs/screenshots]

Runs the real app headless on the bundled first-coffee-brand scenario, with
the real engine and scoring; the persona's words come from a scripted backend
so the pictures are the same on every machine. The history lives in a
temporary folder, never the user's.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList, TextArea

from coffeechat.content.loader import default_content_paths, load_library
from coffeechat.engine import EngineSettings
from coffeechat.llm.scripted import ScriptedBackend
from coffeechat.store import Store
from coffeechat.tui.app import CoffeeChatApp, make_app
from coffeechat.tui.settings import AppSettings, ModelChoice

SIZE = (120, 38)
SCENARIO = "first-coffee-brand"
REPLIES = [
    "Four years with a sales bag taught me how a buyer decides what earns shelf space. "
    "I still think about that buyer every time we plan a promotion.",
    "Mondays start with the brand review: volume against forecast, share and trade spend. "
    "Maybe a fifth of the week is creative work with the agency.",
    "Learn to read retailer sales data before anything else. "
    "Your operations years are an asset there, so lead with them.",
]
CLOSING = ("This has been really helpful. Who else would you suggest I talk to? "
           "Thank you so much for your time.")
SEEKER = [
    "Thanks for making time. I'm exploring a move from retail operations into brand "
    "management. Tom said you started in grocery sales: what from those years do you "
    "still use?",
    "What does a typical week look like for your brand team?",
    "For someone coming from operations, what would you advise I learn first?",
]


def _clock() -> Iterator[datetime]:
    now = datetime(2026, 3, 2, 8, 30, tzinfo=UTC)
    while True:
        yield now
        now += timedelta(minutes=7)


def build(db: Path) -> CoffeeChatApp:
    ticks = _clock()
    store = Store(db, clock=lambda: next(ticks))
    library = load_library(default_content_paths())
    return make_app(
        AppSettings(model=ModelChoice(), engine=EngineSettings(seed=3)),
        backend_factory=lambda choice: ScriptedBackend(REPLIES, name="SmolLM2-135M (embedded)"),
        store=store, library=library,
    )


async def settle(pilot: Pilot[None]) -> None:
    for _ in range(4):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def shoot(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def save(app: CoffeeChatApp, name: str) -> None:
        app.save_screenshot(f"{name}.svg", path=str(out))
        written.append(out / f"{name}.svg")

    with tempfile.TemporaryDirectory() as tmp:
        app = build(Path(tmp) / "history.sqlite3")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            table = app.screen.query_one("#scenarios", DataTable)
            table.move_cursor(row=table.get_row_index(SCENARIO))
            await pilot.pause()
            save(app, "home")
            await pilot.press("ctrl+s")
            await settle(pilot)
            for text in SEEKER:
                app.screen.query_one("#compose", TextArea).load_text(text)
                await pilot.press("ctrl+s")
                await settle(pilot)
            save(app, "session")
            app.screen.query_one("#compose", TextArea).load_text(CLOSING)
            await pilot.press("ctrl+s")
            await settle(pilot)
            await pilot.press("ctrl+e")  # the persona said goodbye: on to the report
            await settle(pilot)
            rules = app.screen.query_one("#rules", OptionList)
            rules.highlighted = 0  # a rule with a quote from the seeker
            await settle(pilot)
            save(app, "report")
            await pilot.press("p")
            await settle(pilot)
            save(app, "progress")
            await pilot.press("h")
            await settle(pilot)
            save(app, "history")
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    root = Path(__file__).resolve().parents[1]
    parser.add_argument("--out", type=Path, default=root / "docs" / "screenshots")
    args = parser.parse_args()
    for path in asyncio.run(shoot(args.out)):
        print(path)


if __name__ == "__main__":
    main()
