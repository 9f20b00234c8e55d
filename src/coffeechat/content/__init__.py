"""Coach-authored content: models and loading."""

from coffeechat.content.loader import (
    ContentError,
    Library,
    default_content_paths,
    load_library,
    load_persona,
    load_scenario,
)
from coffeechat.content.models import Persona, Scenario
from coffeechat.content.yamlsrc import Problem

__all__ = [
    "ContentError",
    "Library",
    "Persona",
    "Problem",
    "Scenario",
    "default_content_paths",
    "load_library",
    "load_persona",
    "load_scenario",
]
