"""Errors that reach a user: each carries a message that names the problem."""


class ReuniteError(Exception):
    """Base class of every error shown to a user as a clear message."""

    exit_code = 1


class InvalidInput(ReuniteError):
    """A value given at an entry point is malformed or impossible."""

    exit_code = 2


class NotFound(ReuniteError):
    """A referenced record does not exist."""

    exit_code = 3


class LockedError(ReuniteError):
    """The registry could not be unlocked (no or wrong passphrase, wrong key)."""

    exit_code = 4


class TamperedData(ReuniteError):
    """A stored ciphertext failed authentication: corrupted, tampered or moved."""

    exit_code = 5


class NotInitialised(ReuniteError):
    """The database has no key material: `reunite init` has not been run."""

    exit_code = 6
