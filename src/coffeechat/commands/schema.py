"""`coffeechat schema`: JSON Schema for editors (yaml-language-server)."""

from __future__ import annotations

import argparse
import json

from coffeechat.cli import EXIT_OK


def run(args: argparse.Namespace) -> int:
    from pydantic import BaseModel

    from coffeechat.content.models import Persona, Scenario
    from coffeechat.transcript import Transcript

    models: dict[str, type[BaseModel]] = {
        "persona": Persona, "scenario": Scenario, "transcript": Transcript,
    }
    schema = models[args.kind].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    print(json.dumps(schema, indent=2, ensure_ascii=False))
    return EXIT_OK
