"""Ed25519 keys and signed checkpoints for the evidence log (pure; no Django).

A checkpoint is written in the C2SP ``tlog-checkpoint`` / signed-note text format, so it can be
checked offline with our code or with any signed-note verifier::

    <origin>\\n
    <tree size in decimal>\\n
    <base64 of the 32-byte root hash>\\n
    \\n
    \u2014 <key name> <base64(4-byte key id || 64-byte Ed25519 signature)>\\n

The signature covers the body (the first three lines, newline-terminated). The key id is the first
4 bytes of SHA-256(key name || "\\n" || 0x01 || public key), and the exportable *verifier key* is
``<name>+<key id hex>+<base64(0x01 || public key)>``.

Private keys at rest are wrapped with AES-256-GCM under a key derived by HKDF-SHA256 from a
secret (the Django SECRET_KEY in the app), with a random salt and nonce per wrap.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

ED25519_ALG = b"\x01"
SIGNATURE_DASH = "\u2014"
WRAP_MAGIC = b"AKv1"
WRAP_INFO = b"amicable workspace signing key v1"
_SALT, _NONCE = 16, 12


class SigningError(ValueError):
    """Raised for a malformed key, note or wrapped key, or a signature that does not verify."""


@dataclass(frozen=True)
class Checkpoint:
    """A parsed checkpoint note: what it claims and the signatures on it."""

    origin: str
    size: int
    root: bytes
    body: str
    signatures: tuple[tuple[str, bytes, bytes], ...]  # (key name, key id, signature)


def generate_private_key() -> bytes:
    """Return a new raw 32-byte Ed25519 private key."""
    return Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )


def _private(raw: bytes) -> Ed25519PrivateKey:
    if len(raw) != 32:
        raise SigningError(f"an Ed25519 private key is 32 bytes, got {len(raw)}")
    return Ed25519PrivateKey.from_private_bytes(raw)


def public_key_of(private_key: bytes) -> bytes:
    """Return the raw 32-byte public key for a raw private key."""
    return _private(private_key).public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )


def _check_name(name: str) -> None:
    if not name or any(c.isspace() for c in name) or "+" in name:
        raise SigningError(f"key name {name!r} must be non-empty with no spaces and no '+'")


def key_id(name: str, public_key: bytes) -> bytes:
    """Return the 4-byte signed-note key id of (name, public key)."""
    _check_name(name)
    return hashlib.sha256(name.encode() + b"\n" + ED25519_ALG + public_key).digest()[:4]


def verifier_key(name: str, public_key: bytes) -> str:
    """Return the exportable verifier key string ``name+keyid+base64(alg||key)``."""
    if len(public_key) != 32:
        raise SigningError(f"an Ed25519 public key is 32 bytes, got {len(public_key)}")
    b64 = base64.b64encode(ED25519_ALG + public_key).decode()
    return f"{name}+{key_id(name, public_key).hex()}+{b64}"


def parse_verifier_key(text: str) -> tuple[str, bytes]:
    """Return (name, public key) from a verifier key string, checking its key id."""
    parts = text.strip().split("+", 2)  # base64 itself may contain "+"
    if len(parts) != 3:
        raise SigningError("a verifier key has the form name+keyid+base64key")
    name, kid_hex, b64 = parts
    try:
        raw = base64.b64decode(b64, validate=True)
        kid = bytes.fromhex(kid_hex)
    except (binascii.Error, ValueError):
        raise SigningError("verifier key is not valid hex/base64") from None
    if len(raw) != 33 or raw[:1] != ED25519_ALG:
        raise SigningError("verifier key is not an Ed25519 key")
    if key_id(name, raw[1:]) != kid:
        raise SigningError("verifier key id does not match its name and key")
    return name, raw[1:]


def checkpoint_body(origin: str, size: int, root: bytes) -> str:
    """Return the signed body of a checkpoint for (origin, size, root)."""
    if not origin or "\n" in origin:
        raise SigningError("checkpoint origin must be one non-empty line")
    if size < 0:
        raise SigningError("checkpoint tree size cannot be negative")
    if len(root) != 32:
        raise SigningError(f"root hash must be 32 bytes, got {len(root)}")
    return f"{origin}\n{size}\n{base64.b64encode(root).decode()}\n"


def sign_checkpoint(origin: str, size: int, root: bytes, *, name: str, private_key: bytes) -> str:
    """Return a signed checkpoint note for (origin, size, root)."""
    body = checkpoint_body(origin, size, root)
    sig = _private(private_key).sign(body.encode())
    kid = key_id(name, public_key_of(private_key))
    return f"{body}\n{SIGNATURE_DASH} {name} {base64.b64encode(kid + sig).decode()}\n"


def parse_checkpoint(note: str) -> Checkpoint:
    """Return the parsed checkpoint note; raise SigningError when it is malformed."""
    body, sep, sig_block = note.partition("\n\n")
    if not sep or not sig_block.endswith("\n"):
        raise SigningError("checkpoint has no signature block")
    lines = body.split("\n")
    if len(lines) < 3:
        raise SigningError("checkpoint body needs origin, size and root lines")
    origin, size_text, root_b64 = lines[0], lines[1], lines[2]
    if not size_text.isdigit() or (size_text.startswith("0") and size_text != "0"):
        raise SigningError(f"checkpoint size {size_text!r} is not a decimal number")
    try:
        root = base64.b64decode(root_b64, validate=True)
    except binascii.Error:
        raise SigningError("checkpoint root is not base64") from None
    if len(root) != 32:
        raise SigningError("checkpoint root is not 32 bytes")
    sigs = []
    for line in sig_block[:-1].split("\n"):
        parts = line.split(" ")
        if len(parts) != 3 or parts[0] != SIGNATURE_DASH:
            raise SigningError(f"malformed signature line {line!r}")
        try:
            raw = base64.b64decode(parts[2], validate=True)
        except binascii.Error:
            raise SigningError("signature is not base64") from None
        if len(raw) < 5:
            raise SigningError("signature is too short")
        sigs.append((parts[1], raw[:4], raw[4:]))
    return Checkpoint(origin, int(size_text), root, body + "\n", tuple(sigs))


def verify_checkpoint(note: str, *, name: str, public_key: bytes) -> Checkpoint:
    """Return the parsed checkpoint when it carries a valid signature by (name, public key).

    Raises SigningError naming what is wrong otherwise.
    """
    cp = parse_checkpoint(note)
    kid = key_id(name, public_key)
    try:
        pub = Ed25519PublicKey.from_public_bytes(public_key)
    except ValueError:
        raise SigningError("public key is not a valid Ed25519 key") from None
    mine = [s for n, k, s in cp.signatures if n == name and k == kid]
    if not mine:
        raise SigningError(f"checkpoint has no signature by key {name}+{kid.hex()}")
    for sig in mine:
        try:
            pub.verify(sig, cp.body.encode())
            return cp
        except InvalidSignature:
            continue
    raise SigningError(f"signature by {name}+{kid.hex()} does not verify")


def _wrap_key(secret: bytes, salt: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=WRAP_INFO).derive(secret)


def wrap_private_key(private_key: bytes, secret: str | bytes) -> bytes:
    """Return ``private_key`` encrypted under a key derived from ``secret``."""
    _private(private_key)
    secret_b = secret.encode() if isinstance(secret, str) else secret
    if not secret_b:
        raise SigningError("cannot wrap a key with an empty secret")
    salt, nonce = os.urandom(_SALT), os.urandom(_NONCE)
    ct = AESGCM(_wrap_key(secret_b, salt)).encrypt(nonce, private_key, WRAP_MAGIC)
    return WRAP_MAGIC + salt + nonce + ct


def unwrap_private_key(blob: bytes, secret: str | bytes) -> bytes:
    """Return the raw private key from ``wrap_private_key`` output; SigningError if it fails."""
    secret_b = secret.encode() if isinstance(secret, str) else secret
    if not blob.startswith(WRAP_MAGIC) or len(blob) < len(WRAP_MAGIC) + _SALT + _NONCE + 16 + 32:
        raise SigningError("wrapped key has an unknown format")
    head = len(WRAP_MAGIC)
    salt, nonce = blob[head : head + _SALT], blob[head + _SALT : head + _SALT + _NONCE]
    try:
        raw = AESGCM(_wrap_key(secret_b, salt)).decrypt(nonce, blob[head + _SALT + _NONCE :], WRAP_MAGIC)
    except InvalidTag:
        raise SigningError(
            "wrapped key cannot be opened with this secret (was SECRET_KEY changed?)"
        ) from None
    return raw
