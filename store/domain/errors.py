"""Errors the store raises. Each carries one sentence a person can act on.

The CLI prints ``str(error)`` on one line and exits 2; the app shows it in a
notification or under a form field. None of them wraps a traceback.
"""

from __future__ import annotations


class StoreError(Exception):
    """Base class: something the user can be told in one sentence."""


class FileRefused(StoreError):
    """The database file cannot be opened (for writing, at least)."""


class PathProblem(FileRefused):
    """The path is a folder, or its folder does not exist."""


class EmptyFile(FileRefused):
    """An existing file of zero bytes: we refuse to guess what it was meant to be."""


class NotSQLite(FileRefused):
    """The file is not an SQLite database at all."""


class CorruptFile(FileRefused):
    """An SQLite file that is truncated or fails ``PRAGMA quick_check``."""


class ForeignDatabase(FileRefused):
    """A healthy SQLite database that some other program made."""


class NewerVersion(FileRefused):
    """The file carries migrations this version of Quorate does not know."""


class LockedFile(FileRefused):
    """Another program holds a write lock on the file."""


class ReadOnlyFile(StoreError):
    """A write was attempted on a database opened read-only."""


class DiskFull(StoreError):
    """The disk filled up during a write; the write was rolled back."""


class WriteFailed(StoreError):
    """Any other failure of a write; the write was rolled back."""


class NotFound(StoreError):
    """A record asked for by id does not exist."""


class InUse(StoreError):
    """A record cannot be removed because others refer to it."""


class FileMoved(StoreError):
    """The database file was moved or deleted while open: nothing more is written to
    it (a write would go to a file no longer where the chair will look)."""


class NotNow(StoreError):
    """The record is not in a state for this: no one leaves a meeting that has not
    started, a cancelled meeting does not start."""


class InvalidValue(StoreError):
    """One or more fields failed validation.

    ``errors`` maps each field name to a short message, so a form can show each
    message under its own field.
    """

    def __init__(self, errors: dict[str, str]):
        self.errors = dict(errors)
        parts = [f"{field}: {message}" for field, message in self.errors.items()]
        super().__init__("; ".join(parts))
