"""A child process for the crash harness: a stream of audited writes until it is killed.

    python -m tests.crash.writer DATABASE SEED

Prints ``ready`` once the database is open, then after each service call returns (its
transaction committed) one line: ``c ID`` for a created organization, ``u ID VERSION`` for
an update. Every line is flushed at once, so the parent knows exactly what was acknowledged.
"""

from __future__ import annotations

import sys

from app.models import OrganizationKind
from app.models.database import open_database
from app.services.organizations import (
    OrganizationInput,
    create_organization,
    update_organization,
)
from app.services.workspace import Workspace

USER = "crash-writer"


def main(path: str, seed: str) -> None:
    db = open_database(path)
    ws = Workspace(db, user_name=USER)
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        org_id = create_organization(
            ws,
            OrganizationInput(f"Org {seed}-{n}", OrganizationKind.NONPROFIT, notes="x" * (n % 700)),
        )
        print(f"c {org_id}", flush=True)
        if n % 3 == 0:
            update_organization(
                ws, org_id, OrganizationInput(f"Org {seed}-{n} edited", OrganizationKind.SCHOOL), 1
            )
            print(f"u {org_id} 2", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
