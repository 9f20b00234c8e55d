"""`coffeechat bench`: the figures are measured, not made up. (Speed targets
are checked by running the bench, not here.)"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from coffeechat.cli import main
from coffeechat.content.loader import load_persona
from coffeechat.engine.bench import format_result, run_bench


@pytest.mark.model
def test_bench_measures_engine_and_bare_model(embedded_backend: Any, repo_root: Path) -> None:
    persona = load_persona(repo_root / "personas" / "dana-ruiz.yaml")
    result = run_bench(embedded_backend, persona, turns=3, passes=1)
    assert [t.turn for t in result.turns] == [1, 2, 3]
    model_turns = [t for t in result.turns if t.ttft_s is not None]
    assert len(model_turns) >= 2
    for t in model_turns:
        assert t.bare_s and t.bare_s > 0 and t.engine_s > 0
        assert t.generated and t.generated > 0
        assert t.prompt_tokens and t.prompt_evaluated is not None
    last = model_turns[-1]
    assert last.prompt_evaluated is not None and last.prompt_tokens is not None
    assert last.prompt_evaluated < last.prompt_tokens / 2  # the prefix cache did its job
    summary = result.summary()
    json.dumps(summary)
    assert summary["engine_overhead"] and summary["peak_rss_mb"] > 50
    text = "\n".join(format_result(result))
    assert "engine overhead" in text and "prompt tokens evaluated" in text


def test_bench_refuses_silly_turn_counts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "--turns", "1"]) == 2
    assert "--turns must be between 2 and 500" in capsys.readouterr().err


def test_bench_reports_a_bad_model_in_one_line(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "--model", str(tmp_path / "nope.gguf")]) == 2
    err = capsys.readouterr().err
    assert "no such model file" in err and err.count("\n") == 1
