"""A model file that cannot work: missing, empty, cut short, corrupt, not a
model at all, or too big for this machine. Each is one clear line naming the
file, from ``load()`` and from the command line (exit 2), before any session
starts; no damaged header may crash the process."""

from __future__ import annotations

import json
import random
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from coffeechat.llm.base import BackendError
from coffeechat.llm.gguf import available_ram_bytes
from coffeechat.llm.llamacpp import LlamaCppBackend
from faults.ggufmap import read_map
from faults.helpers import assert_one_line_error, child_env, run_cli

HERE = Path(__file__).resolve().parent


def _prefix(source: Path, target: Path, size: int) -> Path:
    with source.open("rb") as src, target.open("wb") as out:
        out.write(src.read(size))
    return target


def _huge(source: Path, target: Path) -> Path:
    """A valid header and tensor table, then a sparse hole up to a size this
    machine cannot hold in memory (nothing is written for the hole)."""
    header = read_map(source).header_end
    _prefix(source, target, header + 4096)
    available = available_ram_bytes() or 0
    with target.open("r+b") as fh:
        fh.truncate(max(64 * 2**30, 2 * available))
    return target


@pytest.fixture(scope="module")
def bad_models(model_path: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bad-models")
    size = model_path.stat().st_size
    files = {
        "missing": folder / "not-there.gguf",
        "empty": _prefix(model_path, folder / "empty.gguf", 0),
        "first-100KB": _prefix(model_path, folder / "first-100KB.gguf", 100_000),
        "first-1MB": _prefix(model_path, folder / "first-1MB.gguf", 2**20),
        "60-percent": _prefix(model_path, folder / "60-percent.gguf", size * 6 // 10),
        "huge": _huge(model_path, folder / "huge-model.gguf"),
        "folder": folder / "a-folder.gguf",
    }
    files["folder"].mkdir()
    text = folder / "notes.gguf"
    text.write_text("These are my interview notes, not a model.\n" * 50_000)
    files["text"] = text
    zipped = folder / "model.zip.gguf"
    zipped.write_bytes(b"PK\x03\x04" + b"\0" * 2_000_000)
    files["zip"] = zipped
    ggml = folder / "old-ggml.gguf"
    ggml.write_bytes(b"ggjt" + b"\0" * 2_000_000)
    files["old-ggml"] = ggml
    return files


# what the message must say, beyond the file's path
EXPECTED = {
    "missing": "no such model file",
    "empty": "empty",
    "first-100KB": "too small to be a model",
    "first-1MB": "corrupt GGUF file",
    "60-percent": "truncated",
    "huge": "RAM",
    "folder": "is a folder",
    "text": "a text file, not a GGUF model",
    "zip": "a zip archive",
    "old-ggml": "old GGML model",
}


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_load_refuses_a_bad_model_file_in_one_line(case: str, bad_models: dict[str, Path]
                                                   ) -> None:
    path = bad_models[case]
    backend = LlamaCppBackend(path)
    with pytest.raises(BackendError) as info:
        backend.load()
    message = str(info.value)
    assert str(path) in message and EXPECTED[case] in message, message
    assert "\n" not in message and len(message) < 400
    backend.close()


def test_the_memory_check_reads_the_file_size_not_the_bytes(bad_models: dict[str, Path]
                                                            ) -> None:
    huge = bad_models["huge"]
    assert huge.stat().st_blocks * 512 < 16 * 2**20  # sparse: the test wrote ~2 MB
    with pytest.raises(BackendError, match=r"needs about \d+\.\d GB of RAM but only"):
        LlamaCppBackend(huge).load()


# -- damaged headers, loaded for real ----------------------------------------------


def _cases(model_path: Path) -> list[dict[str, object]]:
    m = read_map(model_path)
    arch = model_path.read_bytes()[m.strings["general.architecture"]:][:5].decode()
    first, second = m.tensors[0], m.tensors[1]

    def u32(key: str, value: int) -> list[object]:
        return [m.values[key], struct.pack("<I", value).hex()]

    template_at = m.strings["tokenizer.chat_template"]
    cases: list[dict[str, object]] = [
        {"name": "magic", "edits": [[0, b"GGUX".hex()]]},
        {"name": "version", "edits": [[4, struct.pack("<I", 7).hex()]]},
        {"name": "tensor count", "edits": [[8, struct.pack("<Q", 2**40).hex()]]},
        {"name": "key length", "edits": [[24, struct.pack("<Q", 2**33).hex()]]},
        {"name": "no layers", "edits": [u32(f"{arch}.block_count", 0)]},
        {"name": "too many layers", "edits": [u32(f"{arch}.block_count", 100_000)]},
        {"name": "one layer too many", "edits": [u32(f"{arch}.block_count", 31)]},
        {"name": "embedding width", "edits": [u32(f"{arch}.embedding_length", 577)]},
        {"name": "no heads", "edits": [u32(f"{arch}.attention.head_count", 0)]},
        {"name": "kv heads", "edits": [u32(f"{arch}.attention.head_count_kv", 7)]},
        {"name": "architecture", "edits": [[m.strings["general.architecture"],
                                            b"zzzzz"[:len(arch)].hex()]]},
        {"name": "tokenizer", "edits": [[m.strings["tokenizer.ggml.model"], b"zzzz".hex()]]},
        {"name": "chat template", "edits": [[template_at, b"{% fxr".hex()]]},
        {"name": "tensor type", "edits": [[first.type_at, struct.pack("<I", 200).hex()]]},
        {"name": "tensor dims", "edits": [[first.dims_at, struct.pack("<I", 3).hex()]]},
        {"name": "misaligned data",
         "edits": [[second.offset_at, struct.pack("<Q", second.data_offset + 1).hex()]]},
    ]
    # Plus single flipped bytes, fixed seed, across the scalar metadata and the
    # tensor table (the vocabulary in between only holds token text).
    rng = random.Random(20260302)
    scalar_end = min(m.values.values(), default=0) + 600
    for region, (lo, hi) in {"metadata": (16, scalar_end),
                             "tensor table": (first.dims_at - 40, m.header_end)}.items():
        for _ in range(8):
            offset = rng.randrange(lo, hi)
            cases.append({"name": f"{region} byte {offset}",
                          "edits": [[offset, bytes([rng.randrange(256)]).hex()]],
                          "random": True})
    return cases


@pytest.mark.model
def test_damaged_headers_give_a_clean_error_and_never_crash(model_path: Path,
                                                           tmp_path: Path) -> None:
    cases = _cases(model_path)
    (tmp_path / "cases.json").write_text(json.dumps(cases))
    work = tmp_path / "damaged.gguf"
    proc = subprocess.run(
        [sys.executable, str(HERE / "model_loader.py"), str(model_path), str(work),
         str(tmp_path / "cases.json")],
        capture_output=True, text=True, timeout=600, env=child_env())
    results = {}
    started = []
    for line in proc.stdout.splitlines():
        event = json.loads(line)
        if "start" in event:
            started.append(event["start"])
        else:
            results[event["name"]] = event
    crashed = [name for name in started if name not in results]
    assert proc.returncode == 0 and not crashed, (
        f"the process died (exit {proc.returncode}) loading: {crashed}")
    for case in cases:
        got = results[str(case["name"])]
        assert got["result"] != "crash", got
        if got["result"] == "loaded":
            assert case.get("random"), f"{case['name']}: a damaged model loaded"
            continue
        message = got["message"]
        assert str(work) in message and "\n" not in message, got


# -- the command line ---------------------------------------------------------------


@pytest.mark.parametrize("case", ["missing", "first-1MB", "60-percent", "text", "huge"])
def test_practice_with_a_bad_model_exits_2_before_the_session(
    case: str, bad_models: dict[str, Path]
) -> None:
    path = bad_models[case]
    ran = run_cli("practice", "first-coffee-brand", "--model", str(path))
    assert_one_line_error(ran, str(path), EXPECTED[case])


@pytest.mark.parametrize("command", [["bench"], []])
@pytest.mark.parametrize("case", ["missing", "text"])
def test_bench_and_the_app_with_a_bad_model_exit_2(
    command: list[str], case: str, bad_models: dict[str, Path]
) -> None:
    path = bad_models[case]
    ran = run_cli(*command, "--model", str(path))
    assert_one_line_error(ran, str(path), EXPECTED[case])


def test_a_good_model_passes_the_command_line_check(model_path: Path) -> None:
    # The check must not refuse a sound file: without a terminal, the next
    # complaint is the missing terminal, so the model check said nothing.
    ran = run_cli("practice", "first-coffee-brand", "--model", str(model_path))
    assert_one_line_error(ran, "needs a terminal")
