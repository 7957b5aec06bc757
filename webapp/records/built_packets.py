"""Packets built on request, kept in the instance folder for their user for an hour."""
from __future__ import annotations

import json
import re
import secrets
import time
from pathlib import Path

from flask import current_app

KEEP_SECONDS = 3600
TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def _folder() -> Path:
    folder = Path(current_app.instance_path) / "packets"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def keep(user_id: int, download_name: str, data: bytes, partnership_id: int,
         fingerprint: str) -> str:
    """Store a built packet; returns the token of its download link.

    The partnership and a fingerprint of what the packet holds are kept with it: the
    download checks both again (sharing may have been turned off meanwhile).
    """
    _prune()
    token = secrets.token_urlsafe(18)
    base = _folder() / f"{user_id}-{token}"
    base.with_suffix(".pdf").write_bytes(data)
    base.with_suffix(".json").write_text(json.dumps({
        "name": download_name, "partnership": partnership_id, "fingerprint": fingerprint}))
    return token


def find(user_id: int, token: str) -> tuple[dict, Path] | None:
    """(name, partnership, fingerprint; file) of a packet this user built, if still kept."""
    if not TOKEN.match(token):
        return None
    base = _folder() / f"{user_id}-{token}"
    pdf, meta = base.with_suffix(".pdf"), base.with_suffix(".json")
    if not pdf.exists() or time.time() - pdf.stat().st_mtime > KEEP_SECONDS:
        return None
    return json.loads(meta.read_text()), pdf


def _prune() -> None:
    cutoff = time.time() - KEEP_SECONDS
    for path in _folder().iterdir():
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
