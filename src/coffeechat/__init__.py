"""coffeechat: rehearse informational interviews against a local LLM persona."""

__version__ = "0.1.0"
