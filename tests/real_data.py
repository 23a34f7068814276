"""Where the shared real-world exports are (../shared/real-data; see its SOURCES.md).

Set PARTNERSHIP_DESK_REAL_DATA to use another copy. Tests that need the files skip with
a reason when none is found (and are never copied into the project).
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CANDIDATES = [
    Path(os.environ["PARTNERSHIP_DESK_REAL_DATA"])
    if os.environ.get("PARTNERSHIP_DESK_REAL_DATA")
    else None,
    ROOT.parent / "shared" / "real-data",
    Path("/work/shared/real-data"),
]
REAL_DATA = next((p for p in CANDIDATES if p is not None and p.is_dir()), CANDIDATES[1])
