"""Sealed bid figures: AES-GCM encryption of one party's figure in one round. Pure Python.

A figure is stored as `v1.<base64url(nonce || ciphertext+tag)>`. The key is derived with HKDF-SHA256
from the server secret and the round id, so every round has its own key; the party ("freelancer" or
"client") is bound in as associated data, so a sealed figure cannot be copied onto the other party's
column or another round and still open. Nothing here logs or formats the figure.

What this protects: the figures never sit in the database (or its backups and dumps) in plain sight.
What it does not: the server process can open both figures (it must, to resolve the round); changing
SECRET_KEY makes open rounds unreadable (docs/negotiation.md says to close rounds before rotating it).
"""

from __future__ import annotations

import base64
import os
from decimal import Decimal, InvalidOperation

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

PREFIX = "v1."
PARTIES = ("freelancer", "client")


class SealError(ValueError):
    """A sealed figure that cannot be opened (wrong key, round, party, or tampered)."""


def _key(secret: str, round_id: int) -> bytes:
    hkdf = HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=b"amicable.bid-figure",
        info=f"bid-round:{round_id}".encode(),
    )
    return hkdf.derive(secret.encode("utf-8"))


def _aad(round_id: int, party: str) -> bytes:
    if party not in PARTIES:
        raise ValueError(f"party must be one of {PARTIES}")
    return f"round={round_id};party={party}".encode()


def seal_figure(figure: Decimal, *, secret: str, round_id: int, party: str) -> str:
    """Return the figure encrypted for storage (a different text on every call: random nonce)."""
    if not isinstance(figure, Decimal) or not figure.is_finite():
        raise ValueError("figure must be a finite Decimal")
    nonce = os.urandom(12)
    sealed = AESGCM(_key(secret, round_id)).encrypt(nonce, str(figure).encode(), _aad(round_id, party))
    return PREFIX + base64.urlsafe_b64encode(nonce + sealed).decode("ascii")


def open_figure(token: str, *, secret: str, round_id: int, party: str) -> Decimal:
    """Return the figure sealed by `seal_figure` for this round and party, or raise SealError."""
    if not token.startswith(PREFIX):
        raise SealError("Not a sealed figure.")
    try:
        raw = base64.urlsafe_b64decode(token[len(PREFIX) :].encode("ascii"))
        plain = AESGCM(_key(secret, round_id)).decrypt(raw[:12], raw[12:], _aad(round_id, party))
        return Decimal(plain.decode())
    except (InvalidTag, ValueError, InvalidOperation):
        raise SealError("The sealed figure cannot be opened with this key, round and party.") from None
