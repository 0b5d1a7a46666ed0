"""Files replaced atomically, and only when their bytes differ: one at a time, or a run's files all or nothing."""
from __future__ import annotations

import os
import signal
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


def write_if_changed(path: Path, text: str) -> bool:
    """Replace ``path`` atomically (temporary file, then rename) when its bytes differ. True if written.

    Writing only on change keeps ``mkdocs serve`` from seeing its own output as an edit and rebuilding forever.
    """
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _stage(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def write_all(files: dict[Path, str]) -> list[Path]:
    """Replace every file whose bytes differ, all or nothing; returns the paths written.

    Every new text is first written to a temporary file beside its target (where a full disk or a bad path
    fails), then the renames run with Ctrl-C held back until they are done; if one fails, the files already
    replaced get their old bytes back and folders made for new files go again. A failed run leaves the folder as
    it was, byte for byte.
    """
    changed = {path: text.encode("utf-8") for path, text in sorted(files.items()) if _differs(path, text)}
    staged: list[tuple[Path, str]] = []
    made: list[Path] = []
    done = False
    try:
        for path, data in changed.items():
            made += _make_parents(path.parent)
            staged.append((path, _stage(path, data)))
        with _ctrl_c_held():
            _swap_in(staged)
        done = True
    finally:
        for _, tmp in staged:
            Path(tmp).unlink(missing_ok=True)
        if not done:
            for folder in reversed(made):
                _rmdir_if_empty(folder)
    return list(changed)


def _differs(path: Path, text: str) -> bool:
    try:
        return path.read_bytes() != text.encode("utf-8")
    except FileNotFoundError:
        return True


def _make_parents(folder: Path) -> list[Path]:
    """Create ``folder`` and missing parents; return the ones created, outermost first."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for new in reversed(missing):
        new.mkdir()
    return list(reversed(missing))


def _rmdir_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass


def _stage(path: Path, data: bytes) -> str:
    """``data`` in a temporary file beside ``path`` (same file system, so the rename is atomic)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); the result should have the mode any new file gets.
        os.fchmod(fd, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_UMASK)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _swap_in(staged: list[tuple[Path, str]]) -> None:
    """Rename each staged file over its target; on any failure put back what was replaced."""
    replaced: list[tuple[Path, Path | None]] = []
    backups: list[Path] = []
    try:
        for path, tmp in staged:
            backup = None
            if path.exists():
                backup = path.with_name(f".{path.name}.{os.getpid()}.old")
                backups.append(backup)
                _keep_copy(path, backup)
            os.replace(tmp, path)
            replaced.append((path, backup))
    except BaseException:
        for path, backup in reversed(replaced):
            if backup is None:
                path.unlink(missing_ok=True)
            else:
                os.replace(backup, path)
        raise
    finally:
        for backup in backups:
            backup.unlink(missing_ok=True)


def _keep_copy(path: Path, backup: Path) -> None:
    backup.unlink(missing_ok=True)
    try:
        os.link(path, backup)  # a second name for the old bytes: nothing copied, and the target never missing
    except OSError:  # file systems without hard links
        backup.write_bytes(path.read_bytes())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _umask()  # read once: setting it to read it is not thread-safe


@contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Defer SIGINT over a short critical section, then deliver it. Only the main thread can set handlers."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[tuple] = []
    previous = signal.signal(signal.SIGINT, lambda *args: caught.append(args))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught and callable(previous):
        previous(*caught[0])
    elif caught and previous == signal.SIG_DFL:
        raise KeyboardInterrupt
