"""Random tokens that are stored only as hashes, and compared in constant time."""

from __future__ import annotations

import hashlib
import hmac
import secrets


def new_token(nbytes: int = 32) -> str:
    """Return a fresh URL-safe random token (shown to the user once, never stored)."""
    return secrets.token_urlsafe(nbytes)


def token_hash(token: str) -> str:
    """Return the hex SHA-256 of a token: what is stored at rest."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_matches(token: str, stored_hash: str) -> bool:
    """True when `token` hashes to `stored_hash`, compared in constant time."""
    return hmac.compare_digest(token_hash(token), stored_hash)
