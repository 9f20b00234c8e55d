"""Shown when the model cannot be loaded or reached: what happened, what to do."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Static

from coffeechat.tui.settings import ModelChoice

if TYPE_CHECKING:
    from coffeechat.tui.app import CoffeeChatApp


def advice_for(choice: ModelChoice) -> list[str]:
    """What the user can do about a failure with this kind of model."""
    if choice.kind == "server":
        return [
            f"Check that the server is running and reachable at {choice.server}.",
            "Start one on this computer with: python -m llama_cpp.server --model "
            "PATH.gguf --port 8080 (then use http://127.0.0.1:8080/v1).",
            "The URL usually ends in /v1.",
            "Or pick the embedded model, which needs no server.",
        ]
    if choice.kind == "gguf":
        return [
            f"Check that {choice.model} exists and is a complete .gguf model file "
            "(a partial download fails to load).",
            "Pick another file, or the embedded model.",
        ]
    return [
        "The embedded model ships with coffeechat; reinstalling it "
        "(pip install --force-reinstall coffeechat) brings it back.",
        "Or pick a GGUF file or a server instead.",
    ]


class ModelErrorScreen(Screen[None]):
    """The failure, the advice, and two ways on: another model, or back home."""

    BINDINGS = [
        Binding("ctrl+o", "choose_model", "Choose another model"),
        Binding("escape", "back", "Back to scenarios"),
    ]

    def __init__(self, error: str, choice: ModelChoice,
                 retry: Callable[[], Screen[None]] | None) -> None:
        super().__init__()
        self.error = error
        self.choice = choice
        self.retry = retry

    @property
    def chat_app(self) -> CoffeeChatApp:
        return cast("CoffeeChatApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="model-error", classes="problem"):
            yield Static(Text("The model could not be used"), classes="problem-title")
            yield Static(Text(f"Model: {self.choice.label}"))
            yield Static(Text(self.error), id="error-text")
            text = Text("What to do\n", style="bold")
            for line in advice_for(self.choice):
                text.append(f" • {line}\n")
            text.rstrip()
            yield Static(text, id="error-advice")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Choose another model", id="choose", variant="primary")
                yield Button("Back to scenarios", id="back")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#choose", Button).focus()

    @on(Button.Pressed, "#choose")
    def action_choose_model(self) -> None:
        def then(changed: bool) -> None:
            if not changed:
                return
            if self.retry is not None:
                self.app.switch_screen(self.retry())
            else:
                self.action_back()

        self.chat_app.choose_model(then)

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.chat_app.go_home()
