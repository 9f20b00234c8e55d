"""Small helpers shared by tests (on sys.path via pytest's pythonpath)."""

from __future__ import annotations

from pathlib import Path

PERSONA = """\
id: sam-lee
name: Sam Lee
role: Product Manager
company: Lantern Apps
industry: Software
summary: Sam runs the payments product.
personality: Friendly, brisk.
greeting: "Hi, I'm Sam. I have about twenty minutes."
time_budget_minutes: 20
temperament: {patience: 0.5, warmth: 0.8}
public_profile:
  - Spoke at a 2023 product meetup about pricing experiments
knowledge:
  - topic: career path
    keywords: [career, path]
    points:
      - Started in support
referrals:
  - {name: Ana Ruiz, role: Designer, why: She ran the redesign.}
reactions:
  job_request: ["This isn't a hiring chat."]
  resume_offered: ["Hold on to that for now."]
  pitch: ["Let's keep to your questions."]
  time_warning: ["I have to run in five minutes."]
  referral_given: ["Talk to {name}, {role}. {why}"]
  no_referral: ["Nobody comes to mind yet."]
  goodbye: ["Good luck!"]
"""

SCENARIO = """\
id: first-pm-chat
title: First chat with a PM
persona: sam-lee
difficulty: easy
setting: A video call
seeker:
  background: You are a support agent.
  goal: Learn what product managers do all day.
rules: {listens: {weight: 12}}
"""


def write(folder: Path, name: str, text: str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path
