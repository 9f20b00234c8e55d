"""Hostile content: whatever bytes a coach (or an attacker) puts in a YAML or
transcript file, the loaders answer with clean one-line problems, never a crash."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coffeechat.cli import main
from coffeechat.content import ContentError, load_persona, load_scenario
from coffeechat.transcript import TranscriptError, load_transcript, parse_transcript

from support import PERSONA

FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


def _assert_clean(exc: ContentError, name: str) -> None:
    assert exc.problems, "a ContentError must say what is wrong"
    for problem in exc.problems:
        text = str(problem)
        assert "\n" not in text and text.startswith(name)
        assert "Traceback" not in text


def _load_any(path: Path) -> None:
    for loader in (load_persona, load_scenario):
        try:
            loader(path)
        except ContentError as exc:
            _assert_clean(exc, str(path))


@FUZZ
@given(raw=st.binary(max_size=2000))
def test_random_bytes(tmp_path_factory, raw: bytes) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("fuzz") / "x.yaml"
    path.write_bytes(raw)
    _load_any(path)


_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                     st.text(max_size=40))
_values = st.recursive(_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=5), st.dictionaries(st.text(max_size=12), inner, max_size=5)),
    max_leaves=40)


@FUZZ
@given(data=st.dictionaries(st.sampled_from(
    ["id", "name", "role", "company", "industry", "summary", "personality", "greeting",
     "time_budget_minutes", "temperament", "public_profile", "knowledge", "referrals",
     "reactions", "examples", "persona", "seeker", "rules", "mode", "difficulty", "x"]),
    _values, max_size=12))
def test_random_yaml_shapes(tmp_path_factory, data: dict[str, object]) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("fuzz") / "x.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    _load_any(path)


@FUZZ
@given(cut=st.integers(min_value=0, max_value=len(PERSONA)), junk=st.text(max_size=30))
def test_mangled_persona(tmp_path_factory, cut: int, junk: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("fuzz") / "sam-lee.yaml"
    path.write_text(PERSONA[:cut] + junk + PERSONA[cut:], encoding="utf-8")
    _load_any(path)


def test_deep_nesting_and_bombs(tmp_path: Path) -> None:
    cases = {
        "deep-list.yaml": "a: " + "[" * 100_000 + "]" * 100_000,
        "deep-map.yaml": "".join(" " * i + f"k{i}:\n" for i in range(3000)),
        "bomb.yaml": "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
            f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n"
            for p, c in zip("abcdefgh", "bcdefghi", strict=True)),
        "recursive.yaml": "a: &a [*a]\n",
    }
    for name, text in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        _load_any(path)


def test_huge_file_is_refused_without_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text("summary: " + "x" * 5_000_000, encoding="utf-8")
    try:
        load_persona(path)
    except ContentError as exc:
        assert "limit is 1 MB" in str(exc.problems[0])
    else:
        raise AssertionError("a 5 MB persona must be refused")


@FUZZ
@given(raw=st.text(max_size=500))
def test_transcript_parser_random_text(raw: str) -> None:
    try:
        parse_transcript(raw, "t.json")
    except TranscriptError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("t.json")


@FUZZ
@given(turns=st.lists(st.dictionaries(st.sampled_from(["speaker", "text", "minute", "x"]),
                                      _values, max_size=4), max_size=6))
def test_transcript_parser_random_turns(turns: list[dict[str, object]]) -> None:
    raw = json.dumps({"format": "coffeechat.transcript/1", "turns": turns})
    try:
        parse_transcript(raw, "t.json")
    except TranscriptError as exc:
        assert "\n" not in str(exc)


def test_transcript_files_bad_in_every_way(tmp_path: Path) -> None:
    cases = {
        "missing.json": None,
        "binary.json": b"\xff\xfe\x00garbage",
        "deep.json": b"[" * 100_000,
        "list.json": b"[1, 2]",
        "wrong-format.json": b'{"format": "other/1", "turns": []}',
        "bad-speaker.json": b'{"format": "coffeechat.transcript/1", '
                            b'"turns": [{"speaker": "bot", "text": "hi"}]}',
    }
    for name, raw in cases.items():
        path = tmp_path / name
        if raw is not None:
            path.write_bytes(raw)
        try:
            load_transcript(path)
        except TranscriptError as exc:
            message = str(exc)
            assert message.startswith(str(path)) and "\n" not in message, message
        else:
            raise AssertionError(f"{name} must be refused")
    folder = tmp_path / "folder.json"
    folder.mkdir()
    try:
        load_transcript(folder)
    except TranscriptError as exc:
        assert "is a folder" in str(exc)


def test_check_cli_on_hostile_files_exits_cleanly(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "personas"
    folder.mkdir()
    (folder / "a.yaml").write_bytes(b"\x00\xff" * 100)
    (folder / "b.yaml").write_text("a: &a [*a]\n", encoding="utf-8")
    (folder / "c.yaml").write_text(": : :\n  - [\n", encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 3
    assert all(line.startswith(str(folder)) for line in out)
