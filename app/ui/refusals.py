"""The errors by which a service refuses an action: shown to the user as a message.

Each means nothing was changed (or, for a full disk, nothing of this action was saved),
so the program goes on; anything else is a bug and is left to surface as one.
"""

from __future__ import annotations

from app.services.errors import ConflictError, NotFoundError, StorageError, ValidationError
from app.services.permissions import AccessDenied

REFUSALS: tuple[type[Exception], ...] = (
    ValidationError,
    ConflictError,
    NotFoundError,
    StorageError,
    AccessDenied,
)
