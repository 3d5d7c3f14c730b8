"""Settings of one web application instance, given to create_app (never read at import)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from reunite.store.registry import utc_now


@dataclass(frozen=True)
class WebSettings:
    db_url: str
    passphrase: str
    idle_timeout: timedelta = timedelta(minutes=30)
    session_lifetime: timedelta = timedelta(hours=12)
    secure_cookies: bool = False  # set behind HTTPS: cookies get the Secure flag
    clock: Callable[[], datetime] = utc_now
