"""Who may do what: permissions, the role table and the error for a refused action.

Decisions (see README, "Accounts and roles"):
- viewer: VIEW only. Exports copy personal data out of the program, so they need EXPORT,
  which viewers lack; a viewer who needs lists on paper asks an editor.
- editor: VIEW, EDIT, IMPORT, EXPORT.
- admin: everything, including DELETE_PERMANENTLY, MANAGE_USERS and BACKUP_RESTORE.
- SEE_SENSITIVE: admins, and any user whose account has ``can_see_sensitive``.
"""

from __future__ import annotations

import enum

from app.models.users import Role


class Permission(enum.Enum):
    VIEW = "view"
    EDIT = "edit"
    DELETE_PERMANENTLY = "delete permanently"
    IMPORT = "import"
    EXPORT = "export"
    MANAGE_USERS = "manage users"
    BACKUP_RESTORE = "back up and restore"
    SEE_SENSITIVE = "see sensitive notes"
    VIEW_AUDIT = "read the audit log"


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.VIEWER: frozenset({Permission.VIEW}),
    Role.EDITOR: frozenset(
        {Permission.VIEW, Permission.EDIT, Permission.IMPORT, Permission.EXPORT}
    ),
    Role.ADMIN: frozenset(Permission),
}

# What the refusal message says the role may not do.
_DOING = {
    Permission.VIEW: "view records",
    Permission.EDIT: "change records",
    Permission.DELETE_PERMANENTLY: "delete records permanently",
    Permission.IMPORT: "import or undo imports",
    Permission.EXPORT: "export data",
    Permission.MANAGE_USERS: "manage user accounts",
    Permission.BACKUP_RESTORE: "make backups or restore them",
    Permission.SEE_SENSITIVE: "see sensitive notes",
    Permission.VIEW_AUDIT: "read the audit log",
}


def allowed(role: Role, can_see_sensitive: bool, permission: Permission) -> bool:
    if permission is Permission.SEE_SENSITIVE and can_see_sensitive:
        return True
    return permission in ROLE_PERMISSIONS[role]


class AccessDenied(Exception):
    """The signed-in user's role lacks a permission; nothing was changed."""

    def __init__(self, role: Role, permission: Permission) -> None:
        self.role = role
        self.permission = permission
        self.message = f"Your role ({role.value}) may not {_DOING[permission]}."
        super().__init__(self.message)
