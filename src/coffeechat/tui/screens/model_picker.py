"""Pick the model that plays the persona: embedded, a GGUF file or a server."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from coffeechat.tui.settings import ModelChoice


class ModelPickerScreen(ModalScreen[ModelChoice | None]):
    """Dismisses with the new choice, or None when cancelled. Nothing is loaded
    here: the model loads when the next meeting starts."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, current: ModelChoice) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        kind = self.current.kind
        with Vertical(classes="dialog", id="model-dialog"):
            yield Static(Text("Which model plays the persona?"), classes="dialog-title")
            with RadioSet(id="kind"):
                yield RadioButton("Embedded SmolLM2 (works offline, small and fast)",
                                  id="kind-embedded", value=kind == "embedded")
                yield RadioButton("A GGUF file on this computer", id="kind-gguf",
                                  value=kind == "gguf")
                yield RadioButton("An OpenAI-compatible server (llama.cpp, Ollama, vLLM)",
                                  id="kind-server", value=kind == "server")
            yield Label("GGUF file")
            yield Input(self.current.model or "", placeholder="/path/to/model.gguf", id="gguf")
            yield Label("Server URL")
            yield Input(self.current.server or "", placeholder="http://127.0.0.1:8080/v1",
                        id="server")
            yield Label("Model name on the server (optional)")
            yield Input(self.current.server_model or "", id="server-model")
            yield Static(id="model-problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Use this model", id="use", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self._sync()
        self.query_one("#kind", RadioSet).focus()

    def _kind(self) -> str:
        pressed = self.query_one("#kind", RadioSet).pressed_button
        return (pressed.id or "kind-embedded").removeprefix("kind-") if pressed else "embedded"

    def _sync(self) -> None:
        kind = self._kind()
        self.query_one("#gguf", Input).disabled = kind != "gguf"
        self.query_one("#server", Input).disabled = kind != "server"
        self.query_one("#server-model", Input).disabled = kind != "server"

    @on(RadioSet.Changed, "#kind")
    def _kind_changed(self) -> None:
        self._sync()

    def choice(self) -> ModelChoice | str:
        """The choice on screen, or a problem to show."""
        kind = self._kind()
        if kind == "gguf":
            path = self.query_one("#gguf", Input).value.strip()
            if not path:
                return "Type the path of a .gguf file."
            return ModelChoice(model=path)
        if kind == "server":
            url = self.query_one("#server", Input).value.strip()
            if not url.startswith(("http://", "https://")):
                return "The server URL starts with http:// or https://."
            name = self.query_one("#server-model", Input).value.strip() or None
            return ModelChoice(server=url, server_model=name)
        return ModelChoice()

    @on(Button.Pressed, "#use")
    @on(Input.Submitted)
    def _use(self) -> None:
        result = self.choice()
        if isinstance(result, str):
            self.query_one("#model-problem", Static).update(Text(result))
            return
        self.dismiss(result)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
