"""Build the backend the command line asked for. Backends are imported
lazily: choosing a server never imports llama_cpp, and importing this module
imports neither."""

from __future__ import annotations

from coffeechat.llm.base import BackendError, ChatBackend


def make_backend(
    model: str | None = None,
    server: str | None = None,
    server_model: str | None = None,
    *,
    n_ctx: int | None = None,
) -> ChatBackend:
    """``model``: a GGUF path run in-process; ``server``: an OpenAI-compatible
    base URL; neither: the embedded SmolLM2-135M. Nothing is loaded yet:
    call ``load()`` (slow) when ready."""
    if model is not None and server is not None:
        raise BackendError("choose either --model or --server, not both")
    if server is not None:
        from coffeechat.llm.openai_http import OpenAIHttpBackend

        return OpenAIHttpBackend(server, server_model, n_ctx=n_ctx)
    if server_model is not None:
        raise BackendError("--server-model needs --server")
    from coffeechat.llm.llamacpp import LlamaCppBackend

    return LlamaCppBackend(model, n_ctx=n_ctx)
