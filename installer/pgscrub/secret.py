"""Where the masking secret comes from: --secret-file, then PGSCRUB_SECRET.

It is never written to the database. psql users set it for their session only,
ideally with PGOPTIONS='-c anon.secret=...' so that it is not a logged statement.
"""

from __future__ import annotations

import os
from pathlib import Path

from pgscrub.errors import PgscrubError

MIN_SECRET_LENGTH = 16

# Used by `pgscrub demo` and the tests only: a published key protects nothing.
DEMO_SECRET = "pgscrub-DEMO-SECRET-not-for-real-data"

ENV_VAR = "PGSCRUB_SECRET"


def load_secret(secret_file: Path | None = None, *, required: bool = True) -> str | None:
    """Read the secret; refuse a missing, empty or short one with a hint."""
    if secret_file is not None:
        try:
            value = secret_file.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise PgscrubError(
                f"cannot read the secret file {secret_file}: {exc.strerror}",
                "pass a readable file to --secret-file (chmod 600, owned by the operator)",
            ) from exc
        source = f"the secret file {secret_file}"
    else:
        value = os.environ.get(ENV_VAR, "").strip()
        source = ENV_VAR
    if not value:
        if not required:
            return None
        raise PgscrubError(
            "no masking secret",
            f"set {ENV_VAR} or pass --secret-file FILE (for example: "
            "openssl rand -base64 32 > pgscrub.key); keep the same secret across runs so joins stay stable",
        )
    if len(value) < MIN_SECRET_LENGTH:
        raise PgscrubError(
            f"the masking secret from {source} is shorter than {MIN_SECRET_LENGTH} characters",
            "use a random secret of 32 characters or more (openssl rand -base64 32)",
        )
    return value
