"""Field encryption for free text at rest: AES-256-GCM with a key id per value.

The stored form is ``v1:<key id>:<base64 nonce+ciphertext>``. The key id lets an
operator rotate the secret key and still read older values during re-encryption.
"""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import Text
from sqlalchemy.types import TypeDecorator

FORMAT = "v1"


class MissingKeyError(RuntimeError):
    """No key is loaded, or a value was written with a key we do not have."""


def derive_key(secret: str, purpose: bytes) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"mend", info=purpose)
    return hkdf.derive(secret.encode("utf-8"))


@dataclass
class Keyring:
    current_id: str = ""
    keys: dict[str, bytes] = field(default_factory=dict)

    def load(self, secret: str, *, old_secrets: tuple[str, ...] = ()) -> None:
        self.keys.clear()
        for value in (*old_secrets, secret):
            key = derive_key(value, b"field-encryption-v1")
            key_id = "k" + hashlib.sha256(key).hexdigest()[:8]
            self.keys[key_id] = key
            self.current_id = key_id

    def encrypt(self, plaintext: str) -> str:
        if not self.current_id:
            raise MissingKeyError("no encryption key loaded")
        nonce = os.urandom(12)
        sealed = AESGCM(self.keys[self.current_id]).encrypt(
            nonce, plaintext.encode("utf-8"), self.current_id.encode()
        )
        return f"{FORMAT}:{self.current_id}:{base64.b64encode(nonce + sealed).decode()}"

    def decrypt(self, stored: str) -> str:
        version, key_id, payload = stored.split(":", 2)
        if version != FORMAT or key_id not in self.keys:
            raise MissingKeyError(f"cannot decrypt a value sealed with key {key_id!r}")
        raw = base64.b64decode(payload)
        plain = AESGCM(self.keys[key_id]).decrypt(raw[:12], raw[12:], key_id.encode())
        return plain.decode("utf-8")


keyring = Keyring()


class EncryptedText(TypeDecorator[str]):
    """A text column that is only ever stored encrypted."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Any) -> str | None:
        return None if value is None else keyring.encrypt(value)

    def process_result_value(self, value: str | None, dialect: Any) -> str | None:
        return None if value is None else keyring.decrypt(value)
