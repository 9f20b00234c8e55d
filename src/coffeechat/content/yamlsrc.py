"""Safe YAML reading that remembers where every value came from.

PyYAML's composer gives nodes with marks; we build plain Python data from
them ourselves so that we can (a) keep a line:column for every path, (b)
reject duplicate keys, (c) refuse alias bombs before they expand and (d) never
construct anything but plain scalars, lists and dicts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

MAX_BYTES = 1_000_000
# A persona has a few hundred nodes; anything far beyond this is an alias bomb.
MAX_NODES = 50_000

Loc = tuple[str | int, ...]
_PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


@dataclass(frozen=True)
class Problem:
    """One finding in a file, printed as ``path:LINE:COL: where: message``."""

    path: str
    line: int | None
    col: int | None
    where: str
    message: str

    def __str__(self) -> str:
        pos = self.path
        if self.line is not None:
            pos += f":{self.line}"
            if self.col is not None:
                pos += f":{self.col}"
        # Always one line, whatever the YAML library or the file put in it.
        text = f"{pos}: {self.where + ': ' if self.where else ''}{self.message}"
        return " ".join(text.split())


@dataclass
class Located:
    """Parsed data plus the position of every value and mapping key."""

    data: Any
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def position(self, loc: Loc, *, key: bool = False) -> tuple[int, int] | None:
        """Best position for ``loc``: the exact entry, else its nearest parent."""
        table = self.keys if key else self.values
        if loc in table:
            return table[loc]
        if not key and loc in self.keys:
            return self.keys[loc]
        for cut in range(len(loc) - 1, -1, -1):
            parent = loc[:cut]
            if parent in self.values:
                return self.values[parent]
        return None


class YamlError(Exception):
    """The file could not be read as YAML at all (one finding)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def _pos(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def read_text(path: Path, *, label: str | None = None) -> str:
    """Read a UTF-8 text file with the size and encoding checks, or raise YamlError."""
    name = label or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise YamlError(
                Problem(name, None, None, "", f"file is {size:,} bytes; the limit is 1 MB")
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise YamlError(Problem(name, None, None, "", f"cannot read: {exc.strerror}")) from exc
    return decode(raw, name)


def decode(raw: bytes, name: str) -> str:
    if len(raw) > MAX_BYTES:
        raise YamlError(Problem(name, None, None, "", "file is over the 1 MB limit"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise YamlError(
            Problem(name, line, col, "", f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); "
                    "save the file as UTF-8")
        ) from exc
    return text.removeprefix("\ufeff")


class _Builder:
    def __init__(self, name: str) -> None:
        self.name = name
        self.out = Located(None)
        self.problems: list[Problem] = []
        self.count = 0
        self._scalars = yaml.SafeLoader("")

    def build(self, node: yaml.Node, loc: Loc, depth: int = 0) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            line, col = _pos(node.start_mark)
            raise YamlError(
                Problem(self.name, line, col, "",
                        f"the document expands to over {MAX_NODES:,} values "
                        "(an alias bomb?); write the values out instead of using aliases")
            )
        if depth > 60:
            line, col = _pos(node.start_mark)
            raise YamlError(Problem(self.name, line, col, "", "nesting is too deep"))
        self.out.values.setdefault(loc, _pos(node.start_mark))
        if isinstance(node, yaml.CollectionNode) and node.tag not in _PLAIN_TAGS:
            line, col = _pos(node.start_mark)
            raise YamlError(Problem(self.name, line, col, _dotted(loc),
                                    f"unsupported value {node.tag!r}: only plain text, numbers, "
                                    "lists and mappings are allowed"))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, i), depth + 1) for i, item in enumerate(node.value)]
        try:
            return self._scalars.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            line, col = _pos(node.start_mark)
            raise YamlError(
                Problem(self.name, line, col, _dotted(loc),
                        f"unsupported value {node.tag!r}: only plain text, numbers, "
                        "lists and mappings are allowed")
            ) from exc

    def _mapping(self, node: yaml.MappingNode, loc: Loc, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in _merged(node):
            key = self.build(key_node, (*loc, "<key>"), depth + 1)
            if not isinstance(key, str | int | float | bool) and key is not None:
                line, col = _pos(key_node.start_mark)
                self.problems.append(
                    Problem(self.name, line, col, _dotted(loc), "mapping keys must be plain text")
                )
                continue
            sub: Loc = (*loc, key if isinstance(key, str | int) else str(key))
            if key in result:
                line, col = _pos(key_node.start_mark)
                first = self.out.keys.get(sub)
                where = f" (first at line {first[0]})" if first else ""
                self.problems.append(
                    Problem(self.name, line, col, _dotted(sub), f"duplicate key {key!r}{where}")
                )
                continue
            self.out.keys[sub] = _pos(key_node.start_mark)
            result[key] = self.build(value_node, sub, depth + 1)
        return result


def _merged(node: yaml.MappingNode) -> Iterator[tuple[yaml.Node, yaml.Node]]:
    # YAML merge keys ("<<: *base") are rare in hand-written content; treat
    # them as what they are, a key named "<<", so the schema reports them.
    yield from node.value


def _dotted(loc: Loc) -> str:
    return ".".join(str(p) for p in loc if p != "<key>")


def parse(text: str, name: str) -> tuple[Located, list[Problem]]:
    """Parse one YAML document; raise YamlError when it cannot be parsed at all."""
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise YamlError(Problem(name, 1, 1, "", "file is empty"))
    try:
        nodes = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = _pos(mark) if mark else (None, None)
        what = (exc.problem or exc.context or "invalid YAML").strip()
        raise YamlError(Problem(name, line, col, "", f"YAML syntax error: {what}")) from exc
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        line = before.count("\n") + 1
        col = exc.position - (before.rfind("\n") + 1) + 1
        raise YamlError(Problem(name, line, col, "", f"character {exc.character!r} is not "
                                "allowed in YAML (a control character?)")) from exc
    except yaml.YAMLError as exc:
        raise YamlError(Problem(name, None, None, "", f"YAML error: {exc}")) from exc
    except RecursionError as exc:
        raise YamlError(Problem(name, None, None, "", "nesting is too deep")) from exc
    docs = [n for n in nodes if n is not None]
    if not docs:
        raise YamlError(Problem(name, 1, 1, "", "file is empty"))
    if len(docs) > 1:
        line, col = _pos(docs[1].start_mark)
        raise YamlError(Problem(name, line, col, "", "one document per file, please "
                                "(found a second '---' document)"))
    builder = _Builder(name)
    try:
        builder.out.data = builder.build(docs[0], ())
    except RecursionError as exc:
        raise YamlError(Problem(name, None, None, "", "nesting is too deep")) from exc
    return builder.out, builder.problems
