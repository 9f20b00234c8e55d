"""Home: the scenario list, the briefing, prep questions, mode and model."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, RadioButton, TextArea

from coffeechat.tui.screens.home import HomeScreen
from coffeechat.tui.screens.model_picker import ModelPickerScreen
from coffeechat.tui.screens.session import SessionScreen
from coffeechat.tui.settings import ModelChoice
from coffeechat.tui.widgets.briefing import ETIQUETTE_TIPS, Briefing
from coffeechat.tui.widgets.prep_checklist import PrepChecklist
from tui.helpers import screen_text, settle

pytestmark = pytest.mark.asyncio


async def test_scenarios_are_listed_with_level_persona_and_time(make) -> None:
    backends: list[object] = []
    app = make(backends=backends)
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one("#scenarios", DataTable)
        assert table.row_count == 2
        first = [str(c) for c in table.get_row_at(0)]
        assert first[0].startswith("A visit to a coffee roastery")
        assert "Rosa Mendes" in first[0]
        assert first[1:] == ["easy", "20"]
        assert [str(c) for c in table.get_row_at(1)][1] == "hard"
        # Nothing about the model happens before the user starts a meeting.
        assert backends == []


async def test_briefing_shows_who_what_and_etiquette(make) -> None:
    app = make()
    async with app.run_test(size=(110, 60)) as pilot:
        await pilot.pause()
        text = app.screen.query_one("#briefing", Briefing).render()
        plain = str(text)
        for expected in ("Rosa Mendes", "Head of Roasting at Harbor Bean Roasters",
                         "What you found online", "Judged the 2023 regional roasting",
                         "Referred by: Sam Lee", "20 minutes", "Your goal:",
                         "You are a barista", ETIQUETTE_TIPS[1][:40]):
            assert expected in plain, expected
        assert 3 <= len(ETIQUETTE_TIPS) <= 4
        prep = app.screen.query_one("#prep", TextArea)
        assert prep.text.splitlines()[0] == "How did you move from barista to roasting?"
        assert app.screen.query_one("#mode-practice", RadioButton).value


async def test_moving_the_cursor_updates_briefing_and_mode(make) -> None:
    app = make()
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.pause()
        await pilot.press("down")
        await pilot.pause()
        assert "Assessment at the roastery" in str(
            app.screen.query_one("#briefing", Briefing).render())
        assert app.screen.query_one("#mode-assessment", RadioButton).value
        assert app.screen.query_one("#prep", TextArea).text == ""


async def test_edited_prep_questions_and_mode_go_into_the_session(make) -> None:
    app = make()
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.pause()
        prep = app.screen.query_one("#prep", TextArea)
        prep.load_text("- What surprised you about roasting?\n\n2. Which farms do you buy from?")
        app.screen.query_one("#mode-assessment", RadioButton).value = True
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert screen.mode == "assessment"
        assert screen.query_one(PrepChecklist).questions == [
            "What surprised you about roasting?", "Which farms do you buy from?"]
        assert not screen.query("#hints") and not screen.query("#rapport")


async def test_model_switch_through_the_modal(make, tmp_path) -> None:
    app = make()
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.pause()
        assert "SmolLM2-135M (embedded)" in screen_text(app)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, ModelPickerScreen)
        await pilot.click("#kind-server")
        await pilot.click("#server")
        await pilot.press(*"ftp://nope")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ModelPickerScreen)  # refused, with a reason
        assert "starts with http" in screen_text(app)
        app.screen.query_one("#server").value = "http://127.0.0.1:9/v1"  # type: ignore[attr-defined]
        await pilot.click("#use")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.model_choice == ModelChoice(server="http://127.0.0.1:9/v1")
        assert "server http://127.0.0.1:9/v1" in screen_text(app)


async def test_model_picker_cancel_keeps_the_model(make) -> None:
    app = make()
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.click("#kind-gguf")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.model_choice == ModelChoice()


async def test_command_palette_offers_the_screen_actions(make) -> None:
    app = make()
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.pause()
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Start meeting", "Change model", "History", "Quit", "Theme"} <= titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"History")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "HistoryScreen"
