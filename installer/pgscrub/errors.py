"""One exception type for every refusal the user should read, with a hint saying what to do."""

from __future__ import annotations


class PgscrubError(Exception):
    """A failure explained to the user: one line of what is wrong, one of what to do.

    exit_code 1 means "the check found a problem" (a leak, a lint finding);
    exit_code 2 means "could not do what was asked" (bad input, no server, refused).
    """

    def __init__(self, message: str, hint: str | None = None, exit_code: int = 2):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.exit_code = exit_code

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\nhint: {self.hint}"
