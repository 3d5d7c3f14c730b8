"""Where the registry lives and who is acting, read when a command starts (never at import)."""

from __future__ import annotations

import getpass
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

DB_FILE = "reunite.sqlite3"
DEMO_FILE = "demo.sqlite3"


@dataclass(frozen=True)
class Settings:
    home: Path
    db_url: str
    actor: str

    @classmethod
    def load(cls, env: Mapping[str, str] | None = None, db: str | None = None,
             demo: bool = False) -> Settings:
        env = os.environ if env is None else env
        home = Path(env.get("REUNITE_HOME") or user_data_dir("reunite", appauthor=False))
        default = home / (DEMO_FILE if demo else DB_FILE)
        url = db or env.get("REUNITE_DB") or f"sqlite:///{default}"
        return cls(home=home, db_url=url, actor=env.get("REUNITE_USER") or _os_user())


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
