"""Where coffeechat keeps things. Functions, called late, so that nothing is
created at import time and tests can redirect them with XDG_* variables."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP = "coffeechat"


def config_dir() -> Path:
    """The user's config folder (XDG_CONFIG_HOME/coffeechat on Linux)."""
    return Path(platformdirs.user_config_dir(APP))


def data_dir() -> Path:
    """The user's data folder (XDG_DATA_HOME/coffeechat on Linux)."""
    return Path(platformdirs.user_data_dir(APP))


def cache_dir() -> Path:
    """Things coffeechat can rebuild at will (XDG_CACHE_HOME/coffeechat on Linux)."""
    return Path(platformdirs.user_cache_dir(APP))


def user_persona_dir() -> Path:
    """Coaches put their own personas here."""
    return config_dir() / "personas"


def user_scenario_dir() -> Path:
    """Coaches put their own scenarios here."""
    return config_dir() / "scenarios"


def history_db() -> Path:
    """The SQLite file holding past sessions."""
    return data_dir() / "history.sqlite3"


def _content_root() -> Path:
    # Installed wheel: content ships inside the package. Source checkout or
    # editable install: it sits at the top of the repository.
    packaged = Path(__file__).resolve().parent / "_content"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2]


def bundled_persona_dir() -> Path:
    return _content_root() / "personas"


def bundled_scenario_dir() -> Path:
    return _content_root() / "scenarios"
