"""Codes people read out or type: invite codes and one-time password codes.

Crockford's base32 (no I, L, O or U), in groups of four, so a code read over
the phone survives: typing is forgiving (lower case, spaces, O for 0, I or L
for 1). Only a SHA-256 hash of a code is stored; with 60 to 80 random bits, a
fast hash is enough (nobody can try 2^60 codes through a rate-limited form).
"""

from __future__ import annotations

import hashlib
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
SAME = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code(groups: int) -> str:
    """`groups` groups of 4 characters (5 random bits each), e.g. "K7QM-2XHD-9PZR"."""
    text = "".join(secrets.choice(ALPHABET) for _ in range(4 * groups))
    return "-".join(text[i:i + 4] for i in range(0, len(text), 4))


def normalize(typed: str) -> str:
    return "".join(typed.upper().split()).replace("-", "").translate(SAME)


def code_hash(typed: str) -> str:
    return hashlib.sha256(normalize(typed).encode()).hexdigest()


def secret_hash(value: str) -> str:
    """SHA-256 of a secret (a login token, a rate-limit key): what the database keeps instead."""
    return hashlib.sha256(value.encode()).hexdigest()
