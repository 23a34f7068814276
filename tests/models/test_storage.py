"""Network-share detection from mount tables (sample text: no real network mount needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.models import storage
from app.models.storage import network_reason, parse_bsd_mount, parse_mountinfo

MOUNTINFO = """\
22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
45 22 0:40 / /mnt/office rw,relatime shared:30 - cifs //nas/office rw,vers=3.1.1
46 22 0:41 / /mnt/office/local\\040copy rw shared:31 - ext4 /dev/sdb1 rw
47 22 0:42 / /home/maria/remote rw,nosuid - fuse.sshfs maria@server:/srv rw
48 22 0:43 / /srv/nfs rw - nfs4 fileserver:/export rw
garbage line without separator
"""

MACOS_MOUNT = """\
/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)
//maria@nas._smb._tcp.local/Office on /Volumes/Office (smbfs, nodev, nosuid, mounted by maria)
/dev/disk5s1 on /Volumes/USB Stick (msdos, local, nodev, nosuid, noowners)
"""


def test_mountinfo_longest_mount_point_decides() -> None:
    mounts = parse_mountinfo(MOUNTINFO)
    assert len(mounts) == 5
    reason = network_reason(mounts, Path("/mnt/office/2026/desk.sqlite"))
    assert reason == "a network share (cifs from //nas/office)"
    assert network_reason(mounts, Path("/mnt/office/local copy/desk.sqlite")) is None  # \040
    assert network_reason(mounts, Path("/home/maria/desk.sqlite")) is None
    assert network_reason(mounts, Path("/mnt/officeX/desk.sqlite")) is None  # not a prefix
    assert "fuse.sshfs" in (network_reason(mounts, Path("/home/maria/remote/d.sqlite")) or "")
    assert "nfs4" in (network_reason(mounts, Path("/srv/nfs/d.sqlite")) or "")


def test_macos_mount_output() -> None:
    mounts = parse_bsd_mount(MACOS_MOUNT)
    assert ("/Volumes/USB Stick", "msdos", "/dev/disk5s1") in mounts
    assert "smbfs" in (network_reason(mounts, Path("/Volumes/Office/desk.sqlite")) or "")
    assert network_reason(mounts, Path("/Volumes/USB Stick/desk.sqlite")) is None
    assert network_reason(mounts, Path("/Users/maria/desk.sqlite")) is None


def test_windows_unc_paths() -> None:
    assert storage._windows_reason(r"\\server\share\desk.sqlite") is not None
    assert storage._windows_reason(r"\\?\UNC\server\share\desk.sqlite") is not None


def test_local_disk_gives_no_warning(tmp_path: Path) -> None:
    assert storage.network_warning(tmp_path / "desk.sqlite") is None


def test_warning_recommends_postgresql(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(storage, "is_network_path", lambda path: "a network share (cifs)")
    text = storage.network_warning(tmp_path / "desk.sqlite")
    assert text is not None and "PostgreSQL mode" in text and "desk.sqlite" in text
