"""GGUF header checks: a bad model file is a one-line BackendError, found
before any native code runs."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from coffeechat.llm.base import BackendError
from coffeechat.llm.embedded import embedded_model_path
from coffeechat.llm.gguf import GgufInfo, check_ram, parse_size_label, read_gguf


def _error(path: Path) -> str:
    with pytest.raises(BackendError) as info:
        read_gguf(path)
    message = str(info.value)
    assert "\n" not in message
    assert str(path) in message
    return message


def test_embedded_model_metadata() -> None:
    info = read_gguf(embedded_model_path())
    assert info.architecture == "llama"
    assert info.n_ctx_train == 8192
    assert info.parameters_billions == pytest.approx(0.135)
    assert info.chat_template is not None and "<|im_start|>" in info.chat_template
    assert info.tensor_count > 100


def test_missing_file(tmp_path: Path) -> None:
    assert "no such model file" in _error(tmp_path / "nope.gguf")


def test_folder(tmp_path: Path) -> None:
    assert "is a folder" in _error(tmp_path)


def test_empty_file(tmp_path: Path) -> None:
    p = tmp_path / "empty.gguf"
    p.write_bytes(b"")
    assert "empty" in _error(p)


@pytest.mark.parametrize(
    ("head", "reason"),
    [(b"ggjt" + b"\0" * 100, "old GGML"), (b"PK\x03\x04" + b"\0" * 100, "zip"),
     (b"<html>not a model</html>", "text file"), (b"\x7fELF\x02\x01", "not a GGUF")],
)
def test_foreign_files(tmp_path: Path, head: bytes, reason: str) -> None:
    p = tmp_path / "model.gguf"
    p.write_bytes(head)
    assert reason in _error(p)


def test_tiny_gguf_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "tiny.gguf"
    p.write_bytes(b"GGUF" + b"\0" * 200)
    assert "too small" in _error(p)


@pytest.mark.parametrize("cut", [1, 100_000, 90_000_000])
def test_truncated_model(tmp_path: Path, cut: int) -> None:
    data = embedded_model_path().read_bytes()
    p = tmp_path / "cut.gguf"
    p.write_bytes(data[: len(data) - cut])
    assert "truncated" in _error(p)


def test_corrupt_header(tmp_path: Path) -> None:
    # A valid magic and version, then a key/value count no file could hold.
    p = tmp_path / "bad.gguf"
    p.write_bytes(b"GGUF" + struct.pack("<IQQ", 3, 1, 2**40) + b"\0" * 2_000_000)
    assert "corrupt GGUF" in _error(p)


def test_corrupt_string_length(tmp_path: Path) -> None:
    body = b"GGUF" + struct.pack("<IQQ", 3, 1, 1) + struct.pack("<Q", 2**50)
    p = tmp_path / "bad.gguf"
    p.write_bytes(body + b"\0" * 2_000_000)
    assert "corrupt GGUF" in _error(p)


def test_unknown_version(tmp_path: Path) -> None:
    p = tmp_path / "v9.gguf"
    p.write_bytes(b"GGUF" + struct.pack("<IQQ", 9, 1, 0) + b"\0" * 2_000_000)
    assert "version 9" in _error(p)


@pytest.mark.parametrize(
    ("label", "billions"),
    [("135M", 0.135), ("7B", 7.0), ("8x7B", 56.0), ("Llama-3.2-3B-Instruct-Q4_K_M", 3.0),
     ("qwen2.5:1.5b", 1.5), ("mystery-model", None)],
)
def test_size_labels(label: str, billions: float | None) -> None:
    assert parse_size_label(label) == (pytest.approx(billions) if billions else None)


def test_ram_check_refuses_a_model_that_cannot_fit(monkeypatch: pytest.MonkeyPatch) -> None:
    info = read_gguf(embedded_model_path())
    monkeypatch.setattr("coffeechat.llm.gguf.available_ram_bytes", lambda: 50 * 2**20)
    with pytest.raises(BackendError, match="GB of RAM"):
        check_ram(info, 2048)
    monkeypatch.setattr("coffeechat.llm.gguf.available_ram_bytes", lambda: 8 * 2**30)
    check_ram(info, 2048)


def test_info_name_falls_back_to_the_file_name(tmp_path: Path) -> None:
    info = GgufInfo(path=tmp_path / "my-model.Q4_K_M.gguf", size_bytes=1, version=3,
                    metadata={}, tensor_count=1)
    assert info.name == "my-model.Q4_K_M"
    assert info.n_ctx_train is None and info.chat_template is None
