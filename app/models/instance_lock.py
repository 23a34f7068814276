"""One program per SQLite file: a lock file beside the database, held while it is open.

``desk.sqlite.lock`` is created atomically (``O_CREAT | O_EXCL``) and holds JSON naming the
holder: host, user, process id, since when (UTC) and program version. The holder also keeps
an OS advisory lock on it (``flock`` on POSIX, ``msvcrt.locking`` on Windows), which the
OS drops when the process ends however it ends, so a live holder is detected reliably.

A lock file whose advisory lock can be taken (or, where the file system has no advisory
locks, whose holder was on this host and is no longer running) is *stale*: the program that
held it crashed or was killed. It is taken over, and its old content is kept on the lock
(``recovered``) — the previous session ended uncleanly, so the caller runs a full
integrity check. The lock file thus doubles as the clean-shutdown marker.

A process that exits normally (even without closing the database) removes its lock files;
only a crash, a kill or a power cut leaves one behind.

Opens within one process are re-entrant: instances are processes, and one process may
legitimately open the same file twice (the UI reopening a file, a test fixture and the code
under test). A per-process registry counts them; the file is released with the last one.
"""

from __future__ import annotations

import atexit
import contextlib
import errno
import getpass
import json
import os
import socket
import sys
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from app import __version__
from app.models.errors import DatabaseInUseError, DatabaseReadOnlyError

LOCK_SUFFIX = ".lock"
# Windows byte-range locks stop other processes reading the locked bytes: lock one far
# beyond the JSON so that a second instance can still read who holds the file.
_WINDOWS_LOCK_OFFSET = 1 << 30


@dataclass(frozen=True)
class LockInfo:
    """Who holds (or held) a database file."""

    host: str
    user: str
    pid: int
    since: str  # UTC, ISO 8601
    version: str = ""

    @classmethod
    def current(cls) -> LockInfo:
        return cls(
            host=socket.gethostname(),
            user=_user_name(),
            pid=os.getpid(),
            since=datetime.now(UTC).isoformat(timespec="seconds"),
            version=__version__,
        )

    @classmethod
    def parse(cls, raw: bytes) -> LockInfo | None:
        try:
            data = json.loads(raw.decode("utf-8"))
            return cls(
                host=str(data["host"]),
                user=str(data["user"]),
                pid=int(data["pid"]),
                since=str(data["since"]),
                version=str(data.get("version", "")),
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            return None

    def to_json(self) -> bytes:
        return json.dumps(self.__dict__, indent=1).encode("utf-8")

    def since_text(self) -> str:
        """``since`` in this computer's local time, e.g. ``2026-11-25 09:14``."""
        try:
            return datetime.fromisoformat(self.since).astimezone().strftime("%Y-%m-%d %H:%M")
        except ValueError:
            return self.since

    def describe(self) -> str:
        return f"{self.user} on {self.host} (process {self.pid}) since {self.since_text()}"


class _HeldLock:
    """The lock file of one database, held by this process."""

    def __init__(self, path: Path, fd: int, recovered: LockInfo | None) -> None:
        self.path = path
        self.fd = fd
        self.recovered = recovered
        self.count = 0


class InstanceLock:
    """One open's share of this process's lock on a database file; release once."""

    def __init__(self, key: Path, held: _HeldLock) -> None:
        self._key = key
        self._held: _HeldLock | None = held
        self.path = held.path
        # Only the open that took over a stale lock reports it (and runs the full check).
        self.recovered = held.recovered if held.count == 0 else None

    @property
    def unclean_shutdown(self) -> bool:
        """True if a stale lock was taken over: the last session ended unexpectedly."""
        return self.recovered is not None

    def release(self) -> None:
        with _registry_guard:
            held, self._held = self._held, None
            if held is None:
                return
            held.count -= 1
            if held.count > 0:
                return
            del _registry[self._key]
            _unlock_and_remove(held)


_registry: dict[Path, _HeldLock] = {}
_registry_guard = threading.Lock()


@atexit.register
def _release_all() -> None:
    """A normal interpreter exit is a clean shutdown even if nobody called close()."""
    with _registry_guard:
        for held in _registry.values():
            _unlock_and_remove(held)
        _registry.clear()


def lock_path_for(database: Path) -> Path:
    return database.with_name(database.name + LOCK_SUFFIX)


def acquire(database: Path) -> InstanceLock:
    """Hold ``database`` for this process, or raise DatabaseInUseError / DatabaseReadOnlyError."""
    key = database.resolve()
    with _registry_guard:
        held = _registry.get(key)
        if held is None:
            held = _acquire_file(key, lock_path_for(key))
            _registry[key] = held
        lock = InstanceLock(key, held)
        held.count += 1
        return lock


def _acquire_file(database: Path, path: Path) -> _HeldLock:
    for _attempt in range(5):
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            held = _take_over(database, path)
            if held is not None:
                return held
            continue  # the file went away meanwhile: try creating it again
        except OSError as error:
            raise _cannot_create(database, path, error) from None
        if not _try_advisory_lock(fd) and _advisory_locks_work(fd):
            os.close(fd)  # another process found our empty file and locked it first
            raise _in_use(database, path, _read_info(path))
        _write_info(fd)
        return _HeldLock(path, fd, recovered=None)
    raise _in_use(database, path, _read_info(path))


def _take_over(database: Path, path: Path) -> _HeldLock | None:
    """Take an existing lock file if its holder is gone; None if it vanished meanwhile."""
    try:
        fd = os.open(path, os.O_RDWR)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise _cannot_create(database, path, error) from None
    try:
        info = LockInfo.parse(_read_fd(fd))
        locked = _try_advisory_lock(fd)
        if not locked and (_advisory_locks_work(fd) or not _holder_is_gone(info, path)):
            raise _in_use(database, path, info)
        if not _same_file(fd, path):
            _NO_LOCKS.discard(fd)
            os.close(fd)  # released and removed while we waited: start over
            return None
        _write_info(fd)
    except BaseException:
        _NO_LOCKS.discard(fd)
        with contextlib.suppress(OSError):
            os.close(fd)
        raise
    return _HeldLock(path, fd, recovered=info)


def _write_info(fd: int) -> None:
    os.lseek(fd, 0, os.SEEK_SET)
    os.ftruncate(fd, 0)
    os.write(fd, LockInfo.current().to_json())
    os.fsync(fd)


def _read_fd(fd: int) -> bytes:
    os.lseek(fd, 0, os.SEEK_SET)
    return os.read(fd, 64 * 1024)


def _read_info(path: Path) -> LockInfo | None:
    try:
        return LockInfo.parse(path.read_bytes()[: 64 * 1024])
    except OSError:
        return None


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except OSError:
        return False


def _holder_is_gone(info: LockInfo | None, path: Path) -> bool:
    """Without advisory locks: gone only if it ran on this host and its process has ended."""
    if info is None or info.host != socket.gethostname():
        return False
    return not _process_alive(info.pid)


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        return True  # no cheap, reliable test; the advisory lock decides on Windows
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


# -- advisory locks --------------------------------------------------------------------
_NO_LOCKS: set[int] = set()  # descriptors on file systems without advisory locks


def _try_advisory_lock(fd: int) -> bool:
    """True if this process now holds the OS lock (or the file system offers none)."""
    try:
        if sys.platform == "win32":
            import msvcrt

            os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        if error.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL):
            _NO_LOCKS.add(fd)
            return False
        return False  # EWOULDBLOCK / EACCES: a live holder
    return True


def _advisory_locks_work(fd: int) -> bool:
    return fd not in _NO_LOCKS


def _unlock_and_remove(held: _HeldLock) -> None:
    """Remove the file while still holding its lock (POSIX), then let go."""
    _NO_LOCKS.discard(held.fd)
    if sys.platform == "win32":
        with contextlib.suppress(OSError):
            os.close(held.fd)  # Windows cannot remove an open file
        with contextlib.suppress(OSError):
            held.path.unlink()
        return
    with contextlib.suppress(OSError):
        held.path.unlink()
    with contextlib.suppress(OSError):
        os.close(held.fd)


# -- messages --------------------------------------------------------------------------
def _in_use(database: Path, path: Path, info: LockInfo | None) -> DatabaseInUseError:
    who = f"by {info.describe()}" if info else "by another program"
    return DatabaseInUseError(
        f"{database} is open in Partnership Desk {who}. Close it there first; if that "
        "computer crashed, the lock clears itself once its program is no longer running. "
        f"(The lock file is {path.name}.)"
    )


def _cannot_create(database: Path, path: Path, error: OSError) -> DatabaseReadOnlyError:
    reason = error.strerror or str(error)
    return DatabaseReadOnlyError(
        f"{database} cannot be opened: Partnership Desk needs to write in {database.parent} "
        f"(to create {path.name}), but cannot: {reason}. Copy the file to a folder you may "
        "write to, or ask for write permission."
    )


def _user_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some containers)
        return "unknown"
