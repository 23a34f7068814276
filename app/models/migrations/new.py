"""Draft a new migration from the difference between the models and the newest schema.

    python -m app.models.migrations.new "what changed"

Builds a scratch SQLite database at the current head, lets Alembic compare it with the
models and writes versions/NNNN_<slug>.py. Review the file, then set ``HEAD`` in
``app/models/migrations/__init__.py`` to its revision id.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

from app.models import migrations


def main(message: str) -> None:
    config = migrations.alembic_config()
    # The revision id already holds the slug; Alembic's default name would repeat it.
    config.set_main_option("file_template", "%%(rev)s")
    head = ScriptDirectory.from_config(config).get_current_head() or "0000"
    number = int(head.split("_")[0]) + 1
    slug = re.sub(r"[^a-z0-9]+", "_", message.lower()).strip("_")[:40]
    with tempfile.TemporaryDirectory() as tmp:
        engine = create_engine(f"sqlite:///{Path(tmp) / 'scratch.sqlite'}")
        migrations.upgrade(engine)
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.revision(
                config, message=message, autogenerate=True, rev_id=f"{number:04d}_{slug}"
            )
        engine.dispose()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    main(sys.argv[1])
