"""Load personas and scenarios, reporting every problem as path:LINE:COL."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ValidationError

from coffeechat.content.models import Persona, Scenario
from coffeechat.content.yamlsrc import Located, Problem, YamlError, parse, read_text

Kind = Literal["persona", "scenario"]
M = TypeVar("M", bound=BaseModel)


class ContentError(Exception):
    """A file (or set of files) has problems; ``problems`` lists them all."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = list(problems)


def _allowed_fields(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Field names of the model reached by following ``loc`` from ``model``."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if fields is None or part not in fields:
            return []
        current = _inner_model(fields[part].annotation)
        if current is None:
            return []
    fields = getattr(current, "model_fields", None)
    return list(fields) if fields else []


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _message(err: Any, model: type[BaseModel]) -> str:
    kind = err["type"]
    loc = tuple(err["loc"])
    if kind == "extra_forbidden":
        allowed = _allowed_fields(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
        hint = f"; did you mean `{close[0]}`?" if close else ""
        return f"unknown field `{loc[-1]}`{hint}"
    if kind == "missing":
        return "required field is missing"
    msg = str(err["msg"])
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    if kind in {"string_type", "int_type", "float_type", "list_type", "dict_type",
                "model_type", "bool_type", "int_parsing", "float_parsing", "bool_parsing"}:
        got = type(err.get("input")).__name__
        got = {"NoneType": "nothing", "dict": "a mapping", "list": "a list",
               "str": "text", "int": "a number", "float": "a number"}.get(got, got)
        msg = f"{msg} (got {got})"
    return msg


def validation_problems(
    exc: ValidationError, located: Located, name: str, model: type[BaseModel]
) -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and "[" in p))
        is_key = err["type"] == "extra_forbidden"
        pos = located.position(loc, key=is_key) or located.position(loc)
        where = ".".join(str(p) for p in loc)
        line, col = pos if pos else (None, None)
        problems.append(Problem(name, line, col, where, _message(err, model)))
    return problems


def load_model(path: Path, model: type[M], *, label: str | None = None) -> M:
    """Read, parse and validate one file; raise ContentError with all problems."""
    name = label or str(path)
    try:
        located, problems = parse(read_text(path, label=name), name)
    except YamlError as exc:
        raise ContentError([exc.problem]) from exc
    if not isinstance(located.data, dict):
        raise ContentError(
            [*problems, Problem(name, 1, 1, "", f"expected a mapping of fields at the top, "
                                f"got {type(located.data).__name__}")]
        )
    try:
        obj = model.model_validate(located.data)
    except ValidationError as exc:
        problems.extend(validation_problems(exc, located, name, model))
        raise ContentError(_sorted(problems)) from exc
    expected = path.stem
    found_id = getattr(obj, "id", expected)
    if found_id != expected:
        pos = located.position(("id",)) or (1, 1)
        problems.append(Problem(name, pos[0], pos[1], "id",
                                f"id {found_id!r} must match the file name "
                                f"{expected!r} (rename one of them)"))
    if problems:
        raise ContentError(_sorted(problems))
    return obj


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.line or 0, p.col or 0))


def load_persona(path: Path) -> Persona:
    return load_model(path, Persona)


def load_scenario(path: Path) -> Scenario:
    return load_model(path, Scenario)


@dataclass
class Library:
    """Everything found in a set of content folders, plus what was wrong."""

    personas: dict[str, Persona] = field(default_factory=dict)
    scenarios: dict[str, Scenario] = field(default_factory=dict)
    sources: dict[tuple[Kind, str], Path] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0

    def scenario_persona(self, scenario: Scenario) -> Persona:
        return self.personas[scenario.persona]


def kind_of(path: Path) -> Kind | None:
    """Guess persona or scenario from the folder name, else from the top-level keys."""
    for part in reversed(path.parts[:-1]):
        if part.startswith("persona"):
            return "persona"
        if part.startswith("scenario"):
            return "scenario"
    try:
        head = path.read_text("utf-8", errors="replace")[:20000]
    except OSError:
        return None
    keys = {ln.split(":", 1)[0].strip() for ln in head.splitlines() if ":" in ln[:40]}
    if "seeker" in keys or "difficulty" in keys or "setting" in keys:
        return "scenario"
    if "reactions" in keys or "greeting" in keys or "knowledge" in keys:
        return "persona"
    return None


def yaml_files(paths: Iterable[Path]) -> list[Path]:
    found: list[Path] = []
    for p in paths:
        if p.is_dir():
            found.extend(sorted(q for q in p.rglob("*") if q.suffix in {".yaml", ".yml"}))
        else:
            found.append(p)
    return found


def load_library(paths: Iterable[Path], *, resolve_with: Library | None = None) -> Library:
    """Load every persona and scenario under ``paths`` and cross-check them.

    ``resolve_with`` supplies more personas that scenarios may name (a coach
    checking one scenario file against the installed personas)."""
    lib = Library()
    scenario_pos: dict[str, Path] = {}
    for path in yaml_files(paths):
        lib.files += 1
        if not path.exists():
            lib.problems.append(Problem(str(path), None, None, "", "no such file"))
            continue
        kind = kind_of(path)
        if kind is None:
            lib.problems.append(Problem(str(path), 1, 1, "", "cannot tell whether this is a "
                                        "persona or a scenario; put it in a personas/ or "
                                        "scenarios/ folder"))
            continue
        try:
            obj: Persona | Scenario = load_persona(path) if kind == "persona" else (
                load_scenario(path))
        except ContentError as exc:
            lib.problems.extend(exc.problems)
            continue
        table: dict[str, Any] = lib.personas if kind == "persona" else lib.scenarios
        if obj.id in table:
            first = lib.sources[(kind, obj.id)]
            lib.problems.append(Problem(str(path), 1, 1, "id", f"{kind} id {obj.id!r} is "
                                        f"already used by {first}; ids must be unique"))
            continue
        table[obj.id] = obj
        lib.sources[(kind, obj.id)] = path
        if kind == "scenario":
            scenario_pos[obj.id] = path
    if resolve_with is not None:
        for pid, persona in resolve_with.personas.items():
            wanted = any(s.persona == pid for s in lib.scenarios.values())
            if wanted and pid not in lib.personas:
                lib.personas[pid] = persona
                lib.sources[("persona", pid)] = resolve_with.sources[("persona", pid)]
    for sid, scenario in lib.scenarios.items():
        if scenario.persona not in lib.personas:
            path = scenario_pos[sid]
            line = _line_of(path, "persona:")
            close = difflib.get_close_matches(scenario.persona, list(lib.personas), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            lib.problems.append(Problem(str(path), line, 1 if line else None, "persona",
                                        f"no persona with id {scenario.persona!r}{hint}"))
    return lib


def _line_of(path: Path, prefix: str) -> int | None:
    try:
        for i, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if line.startswith(prefix):
                return i
    except (OSError, UnicodeDecodeError):
        return None
    return None


def default_content_paths() -> list[Path]:
    """Bundled content plus the user's own folders (those that exist)."""
    from coffeechat import paths

    candidates = [paths.bundled_persona_dir(), paths.bundled_scenario_dir(),
                  paths.user_persona_dir(), paths.user_scenario_dir()]
    return [p for p in candidates if p.is_dir()]
