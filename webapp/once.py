"""One-time submission keys: a retried creation POST creates nothing new.

When the answer to a POST is lost after the commit (a dropped connection, a double
click, the browser's "resend"), the same form comes in again. Creation forms carry a
random key, made when the form is rendered; the view claims it in the same transaction
that creates the object, so the second arrival finds it and goes where the first went.

Use (template, inside the creation form)::

    {{ once_key_field() }}          {# hidden input "once_key", a fresh key per render #}

Use (view, after the form validated, just before creating)::

    from webapp import once

    claim = once.claim()            # flushes the key row in this transaction
    if claim.earlier_url is not None:
        return redirect(claim.earlier_url)  # a retry: nothing is created
    thing = create_the_thing(); db.session.flush()
    claim.done(url_for("area.detail", thing_id=thing.id))
    db.session.commit()

`claim()` reads the key from `request.form["once_key"]`. A POST without a key (an old
page, an API test) is not deduplicated: `claim.earlier_url` is None and `done()` does
nothing. Two simultaneous arrivals of one key: the second waits for the first's
commit, hits the unique constraint, rolls back and gets the first's URL. A key sent by
another user is refused (400): keys are not guessable, so this is tampering. Keys older
than `KEEP_DAYS` are pruned as new ones come in.
"""
from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from flask import Flask, abort, request, url_for
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from .extensions import db
from .models import SubmissionKey
from .models.base import utcnow

FIELD_NAME = "once_key"
KEEP_DAYS = 30
_KEY_SHAPE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def new_key() -> str:
    return secrets.token_urlsafe(24)


def key_field() -> Markup:
    """The hidden input a creation form carries; a fresh key at every render."""
    return Markup('<input type="hidden" name="%s" value="%s">') % (FIELD_NAME, new_key())


@dataclass
class Claim:
    """This request's hold on its key; `earlier_url` is set when the key was used before."""

    row: SubmissionKey | None = None
    earlier_url: str | None = None
    _done: bool = field(default=False, repr=False)

    def done(self, result_url: str) -> None:
        """Record where the first submission led, in the creating transaction."""
        if self.row is not None:
            self.row.result_url = result_url[:500]
            self._done = True


def claim(key: str | None = None) -> Claim:
    """Claim the submitted one-time key, or find where its first use led."""
    key = key if key is not None else request.form.get(FIELD_NAME, "")
    if not key:
        return Claim()
    if not _KEY_SHAPE.match(key):
        abort(400)
    earlier = _earlier(key)
    if earlier is not None:
        return earlier
    row = SubmissionKey(key=key, user_id=current_user.id)
    db.session.add(row)
    try:
        db.session.flush()
    except IntegrityError:
        # The same key arrived twice at once and the other request committed first.
        db.session.rollback()
        return _earlier(key) or abort(400)
    _prune()
    return Claim(row=row)


def _earlier(key: str) -> Claim | None:
    row = db.session.scalar(select(SubmissionKey).where(SubmissionKey.key == key))
    if row is None:
        return None
    if row.user_id != current_user.id:
        abort(400)
    return Claim(earlier_url=row.result_url or url_for("main.home"))


def _prune() -> None:
    cutoff = utcnow() - timedelta(days=KEEP_DAYS)
    db.session.execute(delete(SubmissionKey).where(SubmissionKey.user_id == current_user.id,
                                                   SubmissionKey.created_at < cutoff))


def init_app(app: Flask) -> None:
    """Make `once_key_field()` (and `fresh_token()`, a random token) available to templates."""
    app.add_template_global(key_field, "once_key_field")
    app.add_template_global(new_key, "fresh_token")
