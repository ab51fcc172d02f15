"""One desktop client per data folder.

Two clients on one data folder would import the same file twice at once, race each other's vault and
settings and show each other stale data. The first client holds a lock file in the data folder
(:class:`QLockFile`: a crashed holder's lock is taken over, it records host and pid) and listens on a local
socket only this user can open; a second start hands its files (``botkyrka-namnd FIL.pdf`` or a file opened
from the file manager) to the first, which raises its window and imports them, and then exits.

The socket name is derived from the data folder's path, so clients on *different* data folders (another
``--data-dir``) run side by side.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

from PySide6.QtCore import QByteArray, QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from .. import log

_log = log.get("ui")

LOCK_NAME = ".instance.lock"
CONNECT_MS = 1500
MAX_MESSAGE = 1 << 20  # 1 MiB of file paths is far more than a file manager ever passes


def server_name(data_dir: Path) -> str:
    digest = hashlib.sha256(os.fsencode(Path(data_dir).resolve())).hexdigest()[:20]
    return f"botkyrka-namnd-{digest}"


class SingleInstance(QObject):
    """``acquire()`` True: this is the first client (keep the object alive); ``files_received`` then carries
    files handed over by later starts. ``acquire()`` False: another client runs; ``hand_over(files)``."""

    files_received = Signal(list)

    def __init__(self, data_dir: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.name = server_name(self.data_dir)
        self._lock = QLockFile(str(self.data_dir / LOCK_NAME))
        self._lock.setStaleLockTime(0)  # never stale by age; a dead holder (pid gone) is detected by Qt
        self._server: QLocalServer | None = None

    def acquire(self) -> bool:
        if not self._lock.tryLock(200):
            return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        QLocalServer.removeServer(self.name)  # a socket file left by a crashed first client
        if not server.listen(self.name):  # pragma: no cover - the lock is ours, so only a file-system error
            _log.warning(
                "single instance: cannot listen (%s); later starts will say the program is busy", server.errorString()
            )
        server.newConnection.connect(self._accept)
        self._server = server
        return True

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock.isLocked():
            self._lock.unlock()

    # -- the first client ---------------------------------------------------------------------------
    def _accept(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            sock = self._server.nextPendingConnection()
            buf = QByteArray()

            def read(sock=sock, buf=buf) -> None:
                buf.append(sock.readAll())
                if buf.size() > MAX_MESSAGE:
                    sock.abort()
                    return
                if not bytes(buf.data()).endswith(b"\n"):
                    return
                try:
                    msg = json.loads(bytes(buf.data()).decode("utf-8"))
                    files = [str(f) for f in msg.get("files", []) if isinstance(f, str)]
                except (ValueError, AttributeError):
                    sock.abort()
                    return
                sock.write(b"ok\n")
                sock.flush()
                sock.disconnectFromServer()
                _log.info("single instance: a second start handed over %d file(s)", len(files))
                self.files_received.emit(files)

            sock.readyRead.connect(read)
            sock.disconnected.connect(sock.deleteLater)

    # -- a later start ------------------------------------------------------------------------------
    def hand_over(self, files: list[str], *, timeout_ms: int = 5000) -> bool:
        """Send ``files`` (absolute paths; may be empty: the first client then just comes to the front) to the
        first client. True when it confirmed."""
        sock = QLocalSocket()
        sock.connectToServer(self.name)
        if not sock.waitForConnected(min(CONNECT_MS, timeout_ms)):
            return False
        payload = json.dumps({"files": [str(Path(f).resolve()) for f in files]}).encode("utf-8") + b"\n"
        sock.write(payload)
        if not sock.waitForBytesWritten(timeout_ms):
            return False
        reply = b""
        deadline = time.monotonic() + timeout_ms / 1000
        while not reply.endswith(b"\n") and time.monotonic() < deadline:
            if sock.bytesAvailable() or sock.waitForReadyRead(100):
                reply += bytes(sock.readAll().data())
            elif sock.state() != QLocalSocket.LocalSocketState.ConnectedState:
                reply += bytes(sock.readAll().data())
                break
        sock.abort()
        return reply.strip() == b"ok"
