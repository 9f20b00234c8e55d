"""`coffeechat score`: not built yet (owned by a later issue)."""

from __future__ import annotations

import argparse
from typing import Any

from coffeechat.cli import UsageError


def run(args: argparse.Namespace, *_: Any) -> int:
    raise UsageError("this command is not available yet")
