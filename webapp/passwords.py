"""Password hashing (Argon2id) and the password policy.

Policy, after NIST SP 800-63B: at least 12 characters, no composition rules, and
passwords that are common or easy to guess are refused.
"""
from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_babel import gettext as _
from zxcvbn import zxcvbn
from zxcvbn.frequency_lists import FREQUENCY_LISTS

MIN_LENGTH = 12
MAX_LENGTH = 256
ZXCVBN_MAX = 72
_hasher = PasswordHasher()
# Hashed when the account is unknown, so a miss costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not the password of anyone at all")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


@lru_cache(maxsize=1)
def _common_passwords() -> frozenset[str]:
    return frozenset(FREQUENCY_LISTS["passwords"])


def policy_problem(password: str, user_inputs: list[str] = ()) -> str | None:
    """Why `password` is refused, or None if it is acceptable."""
    if len(password) < MIN_LENGTH:
        return _("Use at least %(n)d characters. A few unrelated words make a good password.",
                 n=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        return _("Use at most %(n)d characters.", n=MAX_LENGTH)
    if password.lower() in _common_passwords():
        return _("This password is too common. Choose one that others would not guess.")
    # zxcvbn spots keyboard walks, repeats, dates and the user's own name or email. It
    # refuses input over 72 characters: judge the first 72 (a longer password only adds).
    if zxcvbn(password[:ZXCVBN_MAX], user_inputs=list(user_inputs))["score"] < 3:
        return _("This password is too easy to guess. Add another word or two.")
    return None
