"""Webhook signing secrets in the Standard Webhooks form: `whsec_` + base64 of the key bytes.

That form is what the spec's reference libraries take: a receiver hands the very string it
was given to `standardwebhooks.Webhook(secret)` and verifies. monitor.alert also signs with
any other string (its UTF-8 bytes as the key), which only a receiver told so can check;
`secret_problem` says what a standard verifier makes of such a secret, for `monitor check`.
"""

from __future__ import annotations

import base64
import binascii
import secrets

PREFIX = "whsec_"
# the spec asks for 24 to 64 random bytes; 32 is the HMAC-SHA256 block's natural key size
KEY_BYTES = 32


def new_secret() -> str:
    """A fresh random secret in the spec's form, e.g. for `export WEBHOOK_SECRET=...`."""
    return PREFIX + base64.b64encode(secrets.token_bytes(KEY_BYTES)).decode("ascii")


def secret_problem(secret: str) -> str | None:
    """What a standard verifier will do with `secret` when it is not in the spec's form.

    None for a proper `whsec_<base64>` secret. The text never repeats the secret.
    """
    if not secret.startswith(PREFIX):
        return (
            "is not in the Standard Webhooks form whsec_<base64>: monitor signs with its raw "
            "bytes, but standard verifiers (standardwebhooks.Webhook(secret) and the other "
            "reference libraries) base64-decode it, get another key and reject every alert; "
            "a receiver must use Webhook(secret.encode()) instead. "
            "Make a secret in the standard form with `monitor secret`"
        )
    encoded = secret[len(PREFIX) :]
    try:
        key = base64.b64decode(encoded + "=" * (-len(encoded) % 4), validate=True)
    except (binascii.Error, ValueError):
        return (
            "starts with whsec_ but the rest is not base64: no alert can be signed with it "
            "(every webhook delivery fails). Make one with `monitor secret`"
        )
    if not key:
        return "is empty after whsec_: no alert can be signed with it; run `monitor secret`"
    return None
