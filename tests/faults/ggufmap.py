"""Where things sit in a GGUF header, so a test can damage exactly one field.

Independent of coffeechat.llm.gguf on purpose: the test must not trust the
parser it is testing to tell it where the bytes are.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

_WIDTH = {0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8}


@dataclass
class Tensor:
    name: str
    dims_at: int  # offset of the n_dims field
    type_at: int
    offset_at: int
    data_offset: int


@dataclass
class HeaderMap:
    values: dict[str, int] = field(default_factory=dict)  # key -> offset of its value
    strings: dict[str, int] = field(default_factory=dict)  # key -> offset of the text
    tensors: list[Tensor] = field(default_factory=list)
    header_end: int = 0  # end of the tensor table


def _u32(fh: BinaryIO) -> int:
    return int(struct.unpack("<I", fh.read(4))[0])


def _u64(fh: BinaryIO) -> int:
    return int(struct.unpack("<Q", fh.read(8))[0])


def _string(fh: BinaryIO) -> str:
    return fh.read(_u64(fh)).decode("utf-8", "replace")


def read_map(path: Path) -> HeaderMap:
    found = HeaderMap()
    with path.open("rb") as fh:
        assert fh.read(4) == b"GGUF"
        _u32(fh)
        n_tensors, n_kv = _u64(fh), _u64(fh)
        for _ in range(n_kv):
            key = _string(fh)
            vtype = _u32(fh)
            if vtype == 8:
                found.strings[key] = fh.tell() + 8
                _string(fh)
            elif vtype == 9:
                item, count = _u32(fh), _u64(fh)
                if item == 8:
                    for _ in range(count):
                        _string(fh)
                else:
                    fh.seek(_WIDTH[item] * count, 1)
            else:
                found.values[key] = fh.tell()
                fh.seek(_WIDTH[vtype], 1)
        for _ in range(n_tensors):
            name = _string(fh)
            dims_at = fh.tell()
            n_dims = _u32(fh)
            fh.seek(8 * n_dims, 1)
            type_at = fh.tell()
            _u32(fh)
            offset_at = fh.tell()
            found.tensors.append(Tensor(name, dims_at, type_at, offset_at, _u64(fh)))
        found.header_end = fh.tell()
    return found
