"""Is a file on a network share? SQLite's locking is unreliable there (best effort, no Qt).

Linux reads ``/proc/self/mountinfo``, macOS the output of ``mount``; each takes the longest
mount point containing the path and looks at its file system type. Windows looks for a UNC
path or a mapped network drive.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path, PurePath

NETWORK_FILESYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "smb2", "afpfs", "webdav", "davfs", "9p",
    "afs", "ceph", "glusterfs", "lustre", "gpfs", "ncpfs", "coda", "ocfs2", "gfs2",
    "fuse.sshfs", "fuse.davfs2", "fuse.rclone", "fuse.glusterfs", "fuse.cephfs", "fuse.s3fs",
})
DRIVE_REMOTE = 4


def is_network_path(path: Path) -> str | None:
    """Why ``path`` is on a network share (e.g. ``"a cifs share (//nas/office)"``), or None."""
    try:
        if sys.platform == "win32":
            return _windows_reason(str(path))
        if sys.platform.startswith("linux"):
            table = Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="replace")
            return network_reason(parse_mountinfo(table), path)
        if sys.platform == "darwin":
            table = subprocess.run(
                ["/sbin/mount"], capture_output=True, text=True, timeout=5, check=False
            ).stdout
            return network_reason(parse_bsd_mount(table), path)
    except (OSError, subprocess.SubprocessError, ValueError, AttributeError):
        return None
    return None


def network_warning(path: Path) -> str | None:
    """The warning to show for a database file on a network share, or None."""
    reason = is_network_path(path)
    if reason is None:
        return None
    return (
        f"{path.name} is on {reason}. SQLite files are not safe to share over a network: "
        "locking is unreliable there, and a dropped connection can damage the file. For "
        "several users, use PostgreSQL mode (a postgresql+psycopg:// database); for one, "
        "keep the file on this computer's own disk."
    )


Mount = tuple[str, str, str]  # mount point, file system type, source


def parse_mountinfo(text: str) -> list[Mount]:
    """``/proc/self/mountinfo`` lines -> (mount point, fs type, source)."""
    mounts: list[Mount] = []
    for line in text.splitlines():
        before, sep, after = line.partition(" - ")
        fields, rest = before.split(), after.split()
        if not sep or len(fields) < 5 or len(rest) < 2:
            continue
        mounts.append((_unescape(fields[4]), rest[0], _unescape(rest[1])))
    return mounts


_BSD_LINE = re.compile(r"^(?P<source>.+?) on (?P<point>.+) \((?P<type>[^,)]+)[,)]")


def parse_bsd_mount(text: str) -> list[Mount]:
    """macOS ``mount`` lines (``//u@nas/share on /Volumes/share (smbfs, nodev, ...)``)."""
    mounts: list[Mount] = []
    for line in text.splitlines():
        match = _BSD_LINE.match(line.strip())
        if match:
            mounts.append((match["point"], match["type"].strip(), match["source"]))
    return mounts


def network_reason(mounts: list[Mount], path: Path) -> str | None:
    best: Mount | None = None
    target = PurePath(os.path.abspath(path))
    for mount in mounts:
        point = PurePath(mount[0])
        if (target == point or point in target.parents) and (
            best is None or len(mount[0]) >= len(best[0])
        ):
            best = mount
    if best is None:
        return None
    fstype = best[1].lower()
    if fstype in NETWORK_FILESYSTEMS or fstype.split(".")[-1] in NETWORK_FILESYSTEMS:
        return f"a network share ({fstype} from {best[2]})"
    return None


def _unescape(field: str) -> str:
    """mountinfo writes space, tab, newline and backslash as octal escapes (``\\040``)."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m[1], 8)), field)


def _windows_reason(raw: str) -> str | None:
    text = raw.replace("/", "\\")
    if text.upper().startswith("\\\\?\\UNC\\") or (
        text.startswith("\\\\") and not text.startswith(("\\\\?\\", "\\\\.\\"))
    ):
        return "a network share (a \\\\server\\share path)"
    drive = os.path.splitdrive(os.path.abspath(raw))[0]
    if len(drive) == 2 and drive[1] == ":":
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        if kernel32.GetDriveTypeW(f"{drive}\\") == DRIVE_REMOTE:
            return f"a network drive ({drive})"
    return None
