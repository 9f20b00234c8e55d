"""`coffeechat check --simulate`: a coach's persona meets scripted seekers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from coffeechat.cli import main

from .conftest import FIXTURES

ROSA = FIXTURES / "personas" / "rosa-mendes.yaml"


class Shared:
    """The session's embedded model, handed to the command without letting it
    close it (one model per test session)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def close(self) -> None:
        return None


@pytest.mark.model
def test_simulate_prints_what_happened(capsys: pytest.CaptureFixture[str], embedded_backend: Any,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("coffeechat.llm.factory.make_backend",
                        lambda *a, **k: Shared(embedded_backend))
    code = main(["check", str(ROSA), "--simulate", "rosa-mendes",
                 "--seekers", "job-asker,prompt-injector"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "Simulating rosa-mendes (Rosa Mendes) with SmolLM2-135M (embedded)" in out
    assert "job-asker" in out and "ended: cut_short" in out
    assert "rapport 0.68 >" in out
    assert "[x] referral withheld" in out and "[x] deflects" in out
    assert "rosa-mendes: 2 seekers, all as expected" in out


def test_simulate_unknown_persona_or_seeker(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(ROSA), "--simulate", "nobody"]) == 2
    assert "no persona 'nobody'" in capsys.readouterr().err
    assert main(["check", str(ROSA), "--simulate", "--seekers", "sleeper"]) == 2
    assert "unknown seeker 'sleeper'" in capsys.readouterr().err


def test_a_broken_persona_is_not_simulated(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "personas"
    folder.mkdir()
    (folder / "rosa-mendes.yaml").write_text(ROSA.read_text().replace("greeting:", "greting:"))
    assert main(["check", str(folder), "--simulate"]) == 1
    assert "Simulating" not in capsys.readouterr().out
