"""Read a GGUF file's header without llama.cpp, so a bad file gives a one-line
error before any native code touches it (llama.cpp on a truncated or foreign
file prints to fd 2 and may abort the process).

Only the key/value metadata and the tensor table are read; tensor data is not.
"""

from __future__ import annotations

import os
import re
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from coffeechat.llm.base import BackendError

GGUF_MAGIC = b"GGUF"
MIN_MODEL_BYTES = 1_000_000
MAX_KV = 100_000
MAX_TENSORS = 1_000_000
MAX_STRING = 64 * 1024 * 1024
MAX_ARRAY = 50_000_000
MAX_LAYERS = 512  # llama.cpp's LLAMA_MAX_LAYERS

# (block size, bytes per block) for the ggml tensor types whose layout is
# stable; unknown types only have their start offset checked.
_TYPE_SIZES: dict[int, tuple[int, int]] = {
    0: (1, 4),  # F32
    1: (1, 2),  # F16
    2: (32, 18),  # Q4_0
    3: (32, 20),  # Q4_1
    6: (32, 22),  # Q5_0
    7: (32, 24),  # Q5_1
    8: (32, 34),  # Q8_0
    10: (256, 84),  # Q2_K
    11: (256, 110),  # Q3_K
    12: (256, 144),  # Q4_K
    13: (256, 176),  # Q5_K
    14: (256, 210),  # Q6_K
    15: (256, 292),  # Q8_K
    30: (1, 2),  # BF16
}

# GGUF value types: fixed-size scalars as struct formats.
_SCALARS: dict[int, str] = {
    0: "<B", 1: "<b", 2: "<H", 3: "<h", 4: "<I", 5: "<i", 6: "<f", 7: "<?",
    10: "<Q", 11: "<q", 12: "<d",
}
_STRING = 8
_ARRAY = 9

Scalar = int | float | bool | str


@dataclass(frozen=True)
class GgufInfo:
    """What coffeechat needs to know about a model before loading it."""

    path: Path
    size_bytes: int
    version: int
    metadata: dict[str, Scalar] = field(repr=False)
    tensor_count: int

    @property
    def architecture(self) -> str:
        return str(self.metadata.get("general.architecture", "unknown"))

    @property
    def name(self) -> str:
        for key in ("general.name", "general.basename"):
            value = self.metadata.get(key)
            if isinstance(value, str) and value.strip():
                return value.strip()
        return self.path.stem

    @property
    def n_ctx_train(self) -> int | None:
        value = self.metadata.get(f"{self.architecture}.context_length")
        return int(value) if isinstance(value, int) and value > 0 else None

    @property
    def chat_template(self) -> str | None:
        value = self.metadata.get("tokenizer.chat_template")
        return value if isinstance(value, str) and value.strip() else None

    @property
    def parameters_billions(self) -> float | None:
        count = self.metadata.get("general.parameter_count")
        if isinstance(count, int) and count > 0:
            return count / 1e9
        label = self.metadata.get("general.size_label")
        if isinstance(label, str):
            parsed = parse_size_label(label)
            if parsed is not None:
                return parsed
        return parse_size_label(self.path.stem)


_SIZE_RE = re.compile(r"(?:(\d+)x)?(\d+(?:\.\d+)?)\s*([bBmM])(?![a-zA-Z])")


def parse_size_label(text: str) -> float | None:
    """Parameters in billions from labels like "135M", "7B", "8x7B", "llama-3.2-3b"."""
    best: float | None = None
    for match in _SIZE_RE.finditer(text):
        experts = int(match.group(1)) if match.group(1) else 1
        value = float(match.group(2)) * experts
        value = value / 1000 if match.group(3) in "mM" else value
        if value > 0:
            best = value
    return best


class _Reader:
    def __init__(self, fh: BinaryIO, size: int) -> None:
        self.fh = fh
        self.size = size

    def read(self, n: int) -> bytes:
        data = self.fh.read(n)
        if len(data) != n:
            raise ValueError("the file ends inside its header (truncated download?)")
        return data

    def unpack(self, fmt: str) -> int | float | bool:
        value: int | float | bool = struct.unpack(fmt, self.read(struct.calcsize(fmt)))[0]
        return value

    def u32(self) -> int:
        return int(self.unpack("<I"))

    def u64(self) -> int:
        return int(self.unpack("<Q"))

    def string(self) -> str:
        n = self.u64()
        if n > MAX_STRING or self.fh.tell() + n > self.size:
            raise ValueError("a header string runs past the end of the file")
        return self.read(n).decode("utf-8", errors="replace")

    def skip_string(self) -> None:
        n = self.u64()
        if n > MAX_STRING or self.fh.tell() + n > self.size:
            raise ValueError("a header string runs past the end of the file")
        self.fh.seek(n, os.SEEK_CUR)

    def value(self, vtype: int) -> Scalar | None:
        if vtype in _SCALARS:
            return self.unpack(_SCALARS[vtype])
        if vtype == _STRING:
            return self.string()
        if vtype == _ARRAY:
            item_type = self.u32()
            count = self.u64()
            if count > MAX_ARRAY:
                raise ValueError("a header array is implausibly long")
            if item_type in _SCALARS:
                width = struct.calcsize(_SCALARS[item_type])
                if self.fh.tell() + width * count > self.size:
                    raise ValueError("a header array runs past the end of the file")
                self.fh.seek(width * count, os.SEEK_CUR)
            elif item_type == _STRING:
                for _ in range(count):
                    self.skip_string()
            else:
                raise ValueError(f"unsupported array item type {item_type}")
            return None  # arrays (vocabulary, merges) are not needed
        raise ValueError(f"unknown metadata value type {vtype}")


def read_gguf(path: Path) -> GgufInfo:
    """Validate ``path`` as a GGUF model and return its metadata.

    Raises BackendError with a one-line reason for a missing, foreign, empty,
    truncated or corrupt file."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise BackendError(f"{path}: no such model file") from None
    except OSError as exc:
        raise BackendError(f"{path}: cannot read the model file: {exc.strerror}") from None
    if path.is_dir():
        raise BackendError(f"{path}: is a folder; pass the .gguf file inside it")
    try:
        with path.open("rb") as fh:
            head = fh.read(4)
            if head != GGUF_MAGIC:
                raise BackendError(f"{path}: {_foreign_reason(head, size)}")
            if size < MIN_MODEL_BYTES:
                raise BackendError(
                    f"{path}: only {size} bytes, too small to be a model (truncated download?)"
                )
            info = _parse(_Reader(fh, size), path, size)
    except BackendError:
        raise
    except OSError as exc:
        raise BackendError(f"{path}: cannot read the model file: {exc.strerror}") from None
    except (ValueError, struct.error, UnicodeDecodeError) as exc:
        raise BackendError(f"{path}: corrupt GGUF file: {exc}") from None
    return info


def _foreign_reason(head: bytes, size: int) -> str:
    if size == 0:
        return "the file is empty (interrupted download?)"
    if head in (b"ggml", b"ggjt", b"ggmf", b"lmgg", b"tjgg", b"fmgg"):
        return "an old GGML model; llama.cpp needs GGUF (convert it or download a .gguf)"
    if head.startswith(b"PK"):
        return "a zip archive, not a GGUF model (unpack it, or download a .gguf)"
    if head[:1] in (b"{", b"<", b"#") or head.isascii() and head.isalnum():
        return "a text file, not a GGUF model"
    return "not a GGUF model file (wrong magic bytes)"


def _parse(r: _Reader, path: Path, size: int) -> GgufInfo:
    version = r.u32()
    if version not in (2, 3):
        raise ValueError(f"unsupported GGUF version {version}")
    n_tensors = r.u64()
    n_kv = r.u64()
    if n_kv > MAX_KV or n_tensors > MAX_TENSORS:
        raise ValueError("the header counts are implausible")
    meta: dict[str, Scalar] = {}
    for _ in range(n_kv):
        key = r.string()
        value = r.value(r.u32())
        if value is not None:
            meta[key] = value
    if n_tensors == 0:
        raise ValueError("the file holds no tensors")
    layers = meta.get(f"{meta.get('general.architecture', '')}.block_count")
    if isinstance(layers, int) and not 0 < layers <= MAX_LAYERS:
        # llama.cpp aborts the whole process (no exception) on such a count.
        raise ValueError(f"implausible layer count {layers}")
    end = 0
    offsets_end = 0
    for _ in range(n_tensors):
        r.skip_string()
        n_dims = r.u32()
        if n_dims > 8:
            raise ValueError("a tensor has an implausible number of dimensions")
        elements = 1
        for _ in range(n_dims):
            elements *= r.u64()
        ttype = r.u32()
        offset = r.u64()
        offsets_end = max(offsets_end, offset)
        if ttype in _TYPE_SIZES:
            block, nbytes = _TYPE_SIZES[ttype]
            end = max(end, offset + (elements + block - 1) // block * nbytes)
        else:
            end = max(end, offset)
    align_value = meta.get("general.alignment", 32)
    align = int(align_value) if isinstance(align_value, int) and align_value > 0 else 32
    data_start = (r.fh.tell() + align - 1) // align * align
    needed = data_start + max(end, offsets_end)
    if needed > size:
        missing = needed - size
        amount = f"{missing / 1e6:.1f} MB" if missing >= 100_000 else f"{missing} bytes"
        raise BackendError(
            f"{path}: the model file is truncated ({amount} missing); download it again"
        )
    return GgufInfo(path=path, size_bytes=size, version=version, metadata=meta,
                    tensor_count=n_tensors)


def available_ram_bytes() -> int | None:
    """Memory available for a new model, from /proc/meminfo (Linux) or sysconf."""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None


def check_ram(info: GgufInfo, n_ctx: int) -> None:
    """Refuse a model that cannot fit: weights plus a rough KV cache and
    working set. Swapping a model in and out would make every reply take minutes."""
    available = available_ram_bytes()
    if available is None:
        return
    # KV cache in f16 grows with context; ~0.5 MB per token is a generous
    # ceiling for 8B-class models and tiny for small ones.
    kv_guess = n_ctx * min(512 * 1024, max(16 * 1024, info.size_bytes // 20_000))
    needed = info.size_bytes + kv_guess + 150 * 1024 * 1024
    if needed > available:
        raise BackendError(
            f"{info.path}: needs about {needed / 2**30:.1f} GB of RAM but only "
            f"{available / 2**30:.1f} GB is available; pick a smaller model or quantisation"
        )
