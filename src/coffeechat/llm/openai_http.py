"""Any OpenAI-compatible chat server over HTTP: llama.cpp's `llama-server`,
`python -m llama_cpp.server`, Ollama, vLLM. Streams `/v1/chat/completions`
with server-sent events.

Every failure becomes a one-line BackendError saying what happened and what
to do: server unreachable, HTTP error, connection dropped mid-reply, a
malformed event, or a stall longer than the read timeout.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Literal
from urllib.parse import urlsplit, urlunsplit

import httpx

from coffeechat.llm.base import BackendError, Message
from coffeechat.llm.gguf import parse_size_label

DEFAULT_SERVER_CTX = 2048  # what Ollama and most servers give when nobody says
MAX_STOP = 4  # the OpenAI API accepts at most four stop strings

TokenizeMethod = Literal["llama_cpp_python", "llama_server", "estimate"]


def normalise_base_url(url: str) -> str:
    """`http://host:8080` and `http://host:8080/v1/` both become `http://host:8080/v1`."""
    raw = url.strip()
    if "://" not in raw:
        raw = "http://" + raw
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise BackendError(f"{url}: not an http(s) server address; "
                           "try --server http://127.0.0.1:8080/v1")
    path = parts.path.rstrip("/")
    if not path:
        path = "/v1"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


class OpenAIHttpBackend:
    """A model served over HTTP. ``model=None`` takes the server's first model."""

    def __init__(
        self,
        base_url: str,
        model: str | None = None,
        *,
        n_ctx: int | None = None,
        connect_timeout: float = 5.0,
        read_timeout: float = 60.0,
        api_key: str | None = None,
    ) -> None:
        self.base_url = normalise_base_url(base_url)
        parts = urlsplit(self.base_url)
        root_path = re.sub(r"/v1$", "", parts.path)
        self._root = urlunsplit((parts.scheme, parts.netloc, root_path, "", ""))
        self._model = model
        self._requested_ctx = n_ctx
        self._n_ctx = n_ctx or DEFAULT_SERVER_CTX
        self._params: float | None = parse_size_label(model) if model else None
        self._timeout = httpx.Timeout(read_timeout, connect=connect_timeout)
        self._read_timeout = read_timeout
        self._headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client: httpx.Client | None = None
        self._tokenize: TokenizeMethod = "estimate"

    @property
    def name(self) -> str:
        return f"{self._model or 'server'} @ {urlsplit(self.base_url).netloc}"

    @property
    def context_size(self) -> int:
        return self._n_ctx

    @property
    def parameters_billions(self) -> float | None:
        return self._params

    @property
    def supports_prefix(self) -> bool:
        return False  # no portable prefill in the OpenAI API; the engine does without

    @property
    def model(self) -> str | None:
        return self._model

    @property
    def tokenize_method(self) -> TokenizeMethod:
        return self._tokenize

    def load(self, progress: Callable[[float], None] | None = None) -> None:
        if self._client is not None:
            return
        if progress:
            progress(0.0)
        client = httpx.Client(timeout=self._timeout, headers=self._headers)
        try:
            listing = self._get_json(client, self.base_url + "/models", "/models")
            self._choose_model(listing)
            self._learn_context(client, listing)
            self._tokenize = self._probe_tokenize(client)
        except BaseException:
            client.close()
            raise
        self._client = client
        if progress:
            progress(1.0)

    def count_tokens(self, text: str) -> int:
        client = self._client
        if client is None or self._tokenize == "estimate":
            return len(text) // 4 + 1
        try:
            if self._tokenize == "llama_cpp_python":
                r = client.post(self._root + "/extras/tokenize/count",
                                json={"input": text, "model": self._model})
                r.raise_for_status()
                return int(r.json()["count"])
            r = client.post(self._root + "/tokenize", json={"content": text})
            r.raise_for_status()
            return len(r.json()["tokens"])
        except (httpx.HTTPError, ValueError, KeyError, TypeError):
            return len(text) // 4 + 1  # counting is advisory; never fail a turn on it

    def stream_chat(
        self,
        messages: Sequence[Message],
        *,
        max_tokens: int,
        temperature: float = 0.7,
        stop: Sequence[str] = (),
        cancel: threading.Event | None = None,
        seed: int | None = None,
        prefix: str = "",
    ) -> Iterator[str]:
        if self._client is None:
            self.load()
        client = self._client
        assert client is not None
        body: dict[str, Any] = {
            "model": self._model,
            "messages": [dict(m) for m in messages],
            "max_tokens": max_tokens,
            "temperature": temperature,
            "stream": True,
        }
        if stop:
            body["stop"] = list(stop)[:MAX_STOP]
        if seed is not None:
            body["seed"] = seed
        url = self.base_url + "/chat/completions"
        try:
            with client.stream("POST", url, json=body) as response:
                if response.status_code >= 400:
                    response.read()
                    raise BackendError(self._http_error(response, "/chat/completions"))
                yield from self._events(response, cancel)
        except httpx.ConnectError:
            raise BackendError(self._unreachable()) from None
        except httpx.ConnectTimeout:
            raise BackendError(self._unreachable()) from None
        except httpx.ReadTimeout:
            raise BackendError(self._stalled()) from None
        except (httpx.RemoteProtocolError, httpx.ReadError):
            raise BackendError(
                f"the connection to {self.base_url} dropped mid-reply; "
                "is the server still running? Try again") from None
        except httpx.HTTPError as exc:
            raise BackendError(f"talking to {self.base_url} failed: {exc}") from None

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    # -- helpers -----------------------------------------------------------
    def _events(self, response: httpx.Response, cancel: threading.Event | None) -> Iterator[str]:
        finished = False
        last_data = time.monotonic()
        for line in response.iter_lines():
            if cancel is not None and cancel.is_set():
                return
            if not line or line.startswith(":"):
                # Keep-alive comments reset httpx's read timeout, so a server that
                # sends only those would hang the reply forever: time them here.
                if time.monotonic() - last_data > self._read_timeout:
                    raise BackendError(self._stalled())
                continue
            last_data = time.monotonic()
            if not line.startswith("data:"):
                continue  # "event:", "id:", "retry:" fields carry nothing we need
            payload = line[5:].strip()
            if payload == "[DONE]":
                return
            try:
                event = json.loads(payload)
            except json.JSONDecodeError:
                raise BackendError(
                    f"the model server sent a malformed event: {payload[:80]!r}") from None
            if not isinstance(event, dict):
                raise BackendError(f"the model server sent a malformed event: {payload[:80]!r}")
            if "error" in event:
                err = event["error"]
                msg = err.get("message") if isinstance(err, dict) else err
                raise BackendError(f"the model server reported an error: {_short(str(msg))}")
            choices = event.get("choices")
            if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
                continue  # e.g. a usage-only event
            choice = choices[0]
            delta = choice.get("delta") or {}
            text = delta.get("content") if isinstance(delta, dict) else None
            if text:
                if not isinstance(text, str):
                    raise BackendError("the model server sent a malformed event (content "
                                       "is not text)")
                yield text
            if choice.get("finish_reason"):
                finished = True
        if not finished:
            raise BackendError(f"the connection to {self.base_url} ended before the reply "
                               "was complete; try again")

    def _get_json(self, client: httpx.Client, url: str, what: str) -> Any:
        try:
            r = client.get(url)
        except (httpx.ConnectError, httpx.ConnectTimeout):
            raise BackendError(self._unreachable()) from None
        except httpx.TimeoutException:
            raise BackendError(f"the model server at {self.base_url} did not answer "
                               f"{what} in time") from None
        except httpx.HTTPError as exc:
            raise BackendError(f"talking to {self.base_url} failed: {exc}") from None
        if r.status_code >= 400:
            raise BackendError(self._http_error(r, what))
        try:
            return r.json()
        except ValueError:
            raise BackendError(f"{url} did not return JSON; is {self.base_url} an "
                               "OpenAI-compatible /v1 address?") from None

    def _choose_model(self, listing: Any) -> None:
        data = listing.get("data") if isinstance(listing, dict) else None
        if not isinstance(data, list):
            raise BackendError(f"{self.base_url}/models did not list models; is this an "
                               "OpenAI-compatible /v1 address?")
        ids = [str(m["id"]) for m in data if isinstance(m, dict) and "id" in m]
        if self._model is None:
            if not ids:
                raise BackendError(f"the server at {self.base_url} offers no model; "
                                   "load one, or pass --server-model NAME")
            self._model = ids[0]
        elif ids and self._model not in ids:
            raise BackendError(f"the server at {self.base_url} has no model "
                               f"{self._model!r}; it offers: {', '.join(ids[:8])}")
        entry = next((m for m in data if isinstance(m, dict) and m.get("id") == self._model), {})
        meta = entry.get("meta") if isinstance(entry.get("meta"), dict) else {}
        n_params = meta.get("n_params") if meta else None
        if isinstance(n_params, int | float) and n_params > 0:
            self._params = float(n_params) / 1e9
        else:
            self._params = parse_size_label(self._model)
        for value in (entry.get("max_model_len"), meta.get("n_ctx_train") if meta else None):
            if self._requested_ctx is None and isinstance(value, int) and value > 0:
                self._n_ctx = min(value, 4096)

    def _learn_context(self, client: httpx.Client, listing: Any) -> None:
        if self._requested_ctx is not None:
            return
        try:  # llama.cpp's llama-server reports the context it was started with
            r = client.get(self._root + "/props")
            if r.status_code == 200:
                props = r.json()
                settings = props.get("default_generation_settings", {})
                n_ctx = settings.get("n_ctx") or props.get("n_ctx")
                if isinstance(n_ctx, int) and n_ctx > 0:
                    self._n_ctx = n_ctx
        except (httpx.HTTPError, ValueError, AttributeError):
            pass

    def _probe_tokenize(self, client: httpx.Client) -> TokenizeMethod:
        probes: list[tuple[TokenizeMethod, str, dict[str, Any], str]] = [
            ("llama_cpp_python", "/extras/tokenize/count",
             {"input": "hello there", "model": self._model}, "count"),
            ("llama_server", "/tokenize", {"content": "hello there"}, "tokens"),
        ]
        for method, path, body, key in probes:
            try:
                r = client.post(self._root + path, json=body)
                if r.status_code == 200 and key in r.json():
                    return method
            except (httpx.HTTPError, ValueError, TypeError):
                continue
        return "estimate"

    def _stalled(self) -> str:
        return (f"the model server at {self.base_url} stalled: no data for "
                f"{self._read_timeout:g} s; check its log, or try a smaller model")

    def _unreachable(self) -> str:
        return (f"cannot reach a model server at {self.base_url}; is it running? "
                "(see models.md for how to start one)")

    def _http_error(self, response: httpx.Response, what: str) -> str:
        detail = ""
        try:
            body = response.json()
            err = body.get("error", body.get("detail", "")) if isinstance(body, dict) else body
            detail = err.get("message", "") if isinstance(err, dict) else str(err)
        except ValueError:
            detail = response.text
        hint = " (wrong address? it should end in /v1)" if response.status_code == 404 else ""
        reason = f": {_short(detail)}" if detail.strip() else ""
        return f"the model server answered HTTP {response.status_code} to {what}{hint}{reason}"


def _short(text: str) -> str:
    return " ".join(text.split())[:200]
