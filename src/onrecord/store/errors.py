"""What the store raises: a leaf module, so every backend and the package can import it."""

from __future__ import annotations

from onrecord.errors import OnrecordError


class StoreError(OnrecordError):
    """The store cannot be opened or used."""


class StoreConflict(StoreError):
    """A document id is already stored with a different text."""
