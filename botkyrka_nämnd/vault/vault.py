"""The sekretess vault: an SQLCipher database whose key is wrapped by passphrase + device secret.

Key hierarchy (SECURITY.md §2.3)::

    K_sek  (32 random bytes)  = raw SQLCipher key of vault.db
    X_priv (X25519)           = opens parts sealed while the vault was locked
    KEK    = HKDF-SHA256(ikm = Argon2id(passphrase, salt) || S_dev, info="botkyrka-vault-kek-v1")
    keys.json holds AESGCM(KEK, K_sek, aad="sek|v1|<vault-uuid>"), AESGCM(KEK, X_priv, aad="x25519|v1|..."),
              the X25519 public key, the Argon2 parameters and salt, and whether S_dev is in use.
    S_dev  (32 random bytes) lives in the OS keyring; empty when the keyring is unusable, and then the
              Argon2 cost is raised one step.

The keyring alone never opens the vault. A keyring that lost ``S_dev`` is an error, never a first run:
no key is generated and nothing on disk changes.

State machine: LOCKED --unlock(passphrase)--> UNLOCKED --lock()--> LOCKED. Unlocking unwraps the keys,
opens vault.db, checks it (``quick_check``) and migrates it. Locking checkpoints and closes the
connection, overwrites the key bytearrays with zeros and calls the lock listeners.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as _dt
import gc
import json
import os
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import sqlcipher3
import sqlite_utils

from .. import log, paths
from ..errors import DiskFull, DiskWriteError, VaultError
from ..sqlite_util import Fault, GuardedDatabase, classify, run_migrations
from . import crypto, keys, schema
from . import exceptions as ex
from . import keyfile as kfmod
from .backoff import Backoff
from .crypto import CryptoError, KdfParams, zero
from .keyfile import KeyFile, Wrapped, aad_sek, aad_x25519
from .keystore import KeyringKeyStore, KeyStore, KeyStoreUnavailable
from .passphrase import check_passphrase_policy, normalise
from .secrets import SecretRows

_log = log.get("vault")

VAULT_DB = "vault.db"
KEYS_JSON = "keys.json"
PENDING_SUFFIX = ".new"
MAX_BACKOFF_S = 300  # 1, 2, 4 ... 256, then 300 s between attempts


def _now_iso() -> str:
    return _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat()


def _translate(exc: BaseException) -> BaseException:
    """Map low-level database errors onto user errors (no paths, no SQL, no data in the message)."""
    fault = classify(exc)
    if fault is Fault.DISK_FULL:
        return DiskFull(
            "Disken är full: inget sparades i valvet. Frigör utrymme och försök igen.",
            "The disk is full: nothing was saved in the vault. Free some space and try again.",
        )
    if fault is Fault.CORRUPT:
        return ex.database_corrupt()
    if fault in (Fault.WRITE_FAILED, Fault.SYNC_FAILED):
        return DiskWriteError(
            "Kunde inte skriva valvet till disken (in- eller utmatningsfel): det är osäkert om ändringen "
            "sparades. Kontrollera disken och försök igen.",
            "Could not write the vault to the disk (I/O error): the change may not have been saved. Check the "
            "disk and try again.",
        )
    return exc


class Vault(SecretRows):
    """The sekretess vault of one data directory.

    ``keystore`` defaults to the OS keyring (:class:`KeyringKeyStore`); ``kdf`` to the production
    Argon2id parameters (tests pass ``KdfParams.fast()``); ``clock`` is the monotonic clock used for the
    wrong-passphrase back-off (tests pass a fake one). ``unlock`` never sleeps: during back-off it raises
    ``BackoffActive`` with the remaining seconds. The back-off lives in this object (it resets when the
    program restarts; wrong attempts never change anything on disk).
    """

    def __init__(
        self,
        data_dir: Path | None = None,
        keystore: KeyStore | None = None,
        *,
        kdf: KdfParams | None = None,
        clock: Callable[[], float] = time.monotonic,
    ):
        super().__init__()
        self._data_dir = Path(data_dir) if data_dir is not None else None
        self.keystore: KeyStore = keystore if keystore is not None else KeyringKeyStore()
        self.kdf = (kdf or KdfParams.default()).validate()
        self._clock = clock
        self._conn: sqlcipher3.Connection | None = None
        self._db: sqlite_utils.Database | None = None
        self._k_sek: bytearray | None = None
        self._x_priv: bytearray | None = None
        self._keyfile: KeyFile | None = None
        self._backoff = Backoff(lambda: self.keys_path.with_name(".vault-backoff.json"), clock)
        self._listeners: list[Callable[[], None]] = []

    # -- locations ---------------------------------------------------------------------------------
    @property
    def data_dir(self) -> Path:
        return self._data_dir if self._data_dir is not None else paths.data_dir()

    @property
    def db_path(self) -> Path:
        return self._data_dir / VAULT_DB if self._data_dir is not None else paths.vault_path()

    @property
    def keys_path(self) -> Path:
        return self._data_dir / KEYS_JSON if self._data_dir is not None else paths.keys_path()

    @property
    def _pending_path(self) -> Path:
        return self.db_path.with_name(self.db_path.name + PENDING_SUFFIX)

    def _ensure_dir(self) -> None:
        d = self.data_dir
        d.mkdir(parents=True, exist_ok=True, mode=0o700)
        if os.name == "posix" and (d.stat().st_mode & 0o777) != 0o700:
            with contextlib.suppress(OSError):
                d.chmod(0o700)

    def _check_permissions(self) -> None:
        """Signal-style start check: the key file and database files are private (0600); temporary
        key files left by a crash during an atomic write are removed (the real keys.json is intact)."""
        for stale in self.keys_path.parent.glob(f".{self.keys_path.name}.*.tmp"):
            with contextlib.suppress(OSError):
                stale.unlink()
        if os.name != "posix":
            return
        db = self.db_path
        for p in (self.keys_path, db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
            with contextlib.suppress(FileNotFoundError):
                if p.stat().st_mode & 0o077:
                    p.chmod(0o600)
                    _log.warning("tightened permissions of a vault file to 0600")

    # -- state -------------------------------------------------------------------------------------
    def exists(self) -> bool:
        """True when a vault has been set up here (its key file exists)."""
        return self.keys_path.exists()

    @property
    def unlocked(self) -> bool:
        return self._conn is not None

    @property
    def conn(self) -> sqlcipher3.Connection:
        """The raw SQLCipher connection (autocommit mode; write inside :meth:`transaction`)."""
        self._require()
        return self._conn

    @property
    def db(self) -> sqlite_utils.Database:
        """``sqlite_utils.Database`` over the vault connection, for tables owned by other packages
        (the secret FTS index, annotations on secret parts). Unlocked only."""
        self._require()
        return self._db  # type: ignore[return-value]

    @property
    def vault_id(self) -> str:
        kf = self._keyfile or self._load_keyfile()
        return kf.vault_id

    def _require(self) -> sqlcipher3.Connection:
        conn = self._conn
        if conn is None:
            raise ex.locked()
        return conn

    def add_lock_listener(self, callback: Callable[[], None]) -> None:
        """``callback()`` runs after every :meth:`lock` (the UI clears its views and caches)."""
        self._listeners.append(callback)

    def status(self) -> dict[str, Any]:
        """Secret-free state for the UI and ``vault status``.

        ``keyring``: ``"ok"`` (device secret in use and present; for a vault not yet set up: the keyring
        is usable), ``"unavailable"`` (passphrase-only vault, or no usable keyring for a new one),
        ``"missing_secret"`` (keys.json says the device secret is in use but the keyring has none:
        unlock is refused) or ``"unreachable"`` (in use, but the keyring cannot be used now: locked,
        prompt dismissed, no backend; unlock is refused).
        """
        with self._lock:
            st: dict[str, Any] = {
                "exists": self.exists(),
                "unlocked": self.unlocked,
                "keyring": None,
                "kdf": None,
                "kdf_meets_floor": None,
                "device_secret": None,
                "keyring_backend": self.keystore.backend_name,
                "recorded_backend": None,
                "backoff_remaining": self._backoff.remaining(),
            }
            if not st["exists"]:
                usable = self.keystore.usable()
                params = self.kdf if usable else self.kdf.stepped_up()
                st.update(
                    keyring="ok" if usable else "unavailable",
                    kdf=params.as_dict(),
                    kdf_meets_floor=params.meets_floor(),
                    orphan_database=self.db_path.exists(),
                )
                return st
            try:
                kf = self._keyfile or self._load_keyfile()
            except VaultError as exc:
                st["error"] = exc.code
                return st
            st.update(
                kdf=kf.kdf.as_dict(),
                kdf_meets_floor=kf.kdf.meets_floor(),
                device_secret=kf.device_secret_in_use,
                recorded_backend=kf.keyring_backend,
            )
            if not kf.device_secret_in_use:
                st["keyring"] = "unavailable"
            elif self.unlocked:
                st["keyring"] = "ok"
            else:
                try:
                    value = self.keystore.get(kf.vault_id)
                except KeyStoreUnavailable:
                    st["keyring"] = "unreachable"
                else:
                    st["keyring"] = "ok" if value is not None else "missing_secret"
            return st

    # -- keys --------------------------------------------------------------------------------------
    def _load_keyfile(self) -> KeyFile:
        if not self.keys_path.exists():
            raise ex.missing()
        return kfmod.load(self.keys_path)

    def _kdf_for(self, device_secret_in_use: bool, at_least: KdfParams | None = None) -> KdfParams:
        params = self.kdf if device_secret_in_use else self.kdf.stepped_up()
        if at_least is not None:  # never lower the cost of an existing vault
            params = KdfParams(m=max(params.m, at_least.m), t=max(params.t, at_least.t), p=max(params.p, at_least.p))
        return params

    def tag_key(self, purpose: str) -> bytes | None:
        """A key for keyed digests that the public store may hold without becoming an oracle (see
        :func:`.keys.tag_key`); None when the vault has no device secret."""
        return keys.tag_key(self.keystore, self._load_keyfile, purpose)

    # -- database ----------------------------------------------------------------------------------
    def _open_db(
        self, path: Path, k_sek: bytearray, *, create: bool = False, check: bool = True
    ) -> sqlcipher3.Connection:
        """Open and key ``path``; verify it decrypts, is not from the future and passes quick_check,
        then set the pragmas and migrate. Nothing is written before the checks pass."""
        if create:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600))
        conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=5.0)
        try:
            conn.execute("PRAGMA cipher_log_level = NONE")  # else SQLCipher prints ERROR CORE lines
            conn.execute(f"PRAGMA key = \"x'{bytes(k_sek).hex()}'\"")
            conn.execute("PRAGMA cipher_memory_security = ON")  # wipe freed memory (process-wide, one-way)
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                version = conn.execute("PRAGMA user_version").fetchone()[0]
            except sqlcipher3.DatabaseError:
                _log.error("vault database does not open with its key (damaged or replaced); not modified")
                raise ex.database_corrupt() from None
            if version == 0 and not create:  # an emptied file, or not ours: never "migrate" it into a new vault
                _log.error("vault database is empty or has no schema; refused, not modified")
                raise ex.database_corrupt()
            if version > schema.LATEST:
                _log.error("vault database schema %d is newer than %d; refused", version, schema.LATEST)
                raise ex.database_too_new(version, schema.LATEST)
            if check and not create:
                try:
                    rows = conn.execute("PRAGMA quick_check").fetchall()
                except sqlcipher3.DatabaseError:
                    rows = None
                if rows != [("ok",)]:
                    _log.error("vault quick_check failed; database not modified")
                    raise ex.database_corrupt()
            for pragma in (
                "journal_mode=DELETE" if create else "journal_mode=WAL",
                "synchronous=FULL",
                "fullfsync=ON",
                "secure_delete=ON",
                "temp_store=MEMORY",
                "foreign_keys=ON",
                "busy_timeout=5000",
            ):
                conn.execute(f"PRAGMA {pragma}")
            if version < schema.LATEST:
                self._migrate(conn, version)
        except BaseException:
            with contextlib.suppress(sqlcipher3.Error):
                conn.close()
            raise
        return conn

    @staticmethod
    def _migrate(conn: sqlcipher3.Connection, current: int) -> None:
        run_migrations(conn, schema.MIGRATIONS, current, schema.LATEST, what="vault", log=_log, errors=sqlcipher3.Error)

    def _prove_database(self, k_sek: bytearray) -> None:
        """Open vault.db on a second connection with ``k_sek`` (no writes): proof that a new wrap works."""
        conn = sqlcipher3.connect(str(self.db_path), isolation_level=None, check_same_thread=False, timeout=5.0)
        try:
            conn.execute("PRAGMA cipher_log_level = NONE")
            conn.execute(f"PRAGMA key = \"x'{bytes(k_sek).hex()}'\"")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError:
            raise ex.database_corrupt() from None
        finally:
            conn.close()

    def _finish_pending_setup(self, k_sek: bytearray) -> None:
        """Complete an ``init`` that was interrupted after keys.json was written (see :meth:`init`)."""
        if self.db_path.exists():
            return
        pending = self._pending_path
        if not pending.exists():
            raise ex.database_missing()
        conn = self._open_db(pending, k_sek, check=True)
        conn.close()
        os.replace(pending, self.db_path)
        kfmod._fsync_dir(self.db_path.parent)
        _log.info("completed an interrupted vault setup")

    def _attach(self, kf: KeyFile, k_sek: bytearray, x_priv: bytearray) -> None:
        conn = self._open_db(self.db_path, k_sek)
        self._conn = conn
        self._db = GuardedDatabase(conn, guard=self._lock)
        self._k_sek, self._x_priv, self._keyfile = k_sek, x_priv, kf
        self._depth = 0

    # -- lifecycle ---------------------------------------------------------------------------------
    def init(self, passphrase: str) -> None:
        """Create keys.json and vault.db; refuses when either exists. Leaves the vault unlocked.

        Order, so that a crash at any point never leaves a vault that looks usable but is not: the
        database is created as ``vault.db.new`` (its key exists only in memory, so a leftover of this
        step is unreadable garbage and is removed by the next ``init``), then keys.json is written
        atomically (the commit point), then the database is renamed into place. A crash after the
        commit point is completed by the next ``unlock``.
        """
        with self._lock, self._creation_lock():
            check_passphrase_policy(passphrase)
            passphrase = normalise(passphrase)
            if self.keys_path.exists():
                raise ex.already_exists()
            if self.db_path.exists():
                raise ex.orphan_database()
            self._ensure_dir()
            pending = self._pending_path
            for stale in (pending, pending.with_name(pending.name + "-journal")):
                with contextlib.suppress(FileNotFoundError):
                    stale.unlink()  # from an init that crashed before its keys.json existed

            vault_id = str(uuid.uuid4())
            k_sek = crypto.random_key()
            x_priv, x_pub = crypto.generate_x25519()
            s_dev, in_use = keys.provision_device_secret(self.keystore, vault_id)
            params = self._kdf_for(in_use)
            salt = os.urandom(crypto.SALT_LEN)
            kek = crypto.derive_kek(passphrase, salt, params, s_dev)
            zero(s_dev)
            committed = False
            try:
                kf = KeyFile(
                    vault_id=vault_id,
                    created_at=_now_iso(),
                    kdf=params,
                    salt=salt,
                    device_secret_in_use=in_use,
                    keyring_backend=self.keystore.backend_name,
                    keyring_service=getattr(self.keystore, "service", ""),
                    x25519_public=x_pub,
                    wrapped_sek=Wrapped(*crypto.wrap(kek, k_sek, aad_sek(vault_id))),
                    wrapped_x25519=Wrapped(*crypto.wrap(kek, x_priv, aad_x25519(vault_id))),
                )
                self._open_db(pending, k_sek, create=True).close()
                try:
                    kfmod.create(self.keys_path, kf)
                except FileExistsError:
                    raise ex.already_exists() from None
                committed = True
                # Prove the written file opens before anything relies on it.
                on_disk = kfmod.load(self.keys_path)
                keys.verify_wrap(on_disk, kek, k_sek, x_priv)
                os.replace(pending, self.db_path)
                kfmod._fsync_dir(self.db_path.parent)
                self._attach(on_disk, k_sek, x_priv)
            except BaseException:
                zero(k_sek)
                zero(x_priv)
                if not committed:
                    for stale in (pending, pending.with_name(pending.name + "-journal")):
                        with contextlib.suppress(OSError):
                            stale.unlink()
                raise
            finally:
                zero(kek)
            _log.info(
                "vault created (kdf m=%d t=%d p=%d, device secret %s)",
                params.m,
                params.t,
                params.p,
                "in use" if in_use else "unavailable",
            )

    @contextlib.contextmanager
    def _creation_lock(self) -> Iterator[None]:
        """Only one ``init`` per data folder at a time, across processes: a second one waits, then finds the
        vault and refuses (never replaces the first vault and its acknowledged writes)."""
        self._ensure_dir()
        try:
            import fcntl
        except ImportError:  # Windows: a byte-range lock on a lock file (directories cannot be opened)
            import msvcrt

            fd = os.open(self.data_dir / ".vault-init.lock", os.O_RDWR | os.O_CREAT, 0o600)
            try:
                # the msvcrt stubs define these only when checking for win32
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # type: ignore[attr-defined,unused-ignore]
                yield
            finally:
                os.close(fd)
            return
        # POSIX: lock the data folder itself, so no lock file is left behind
        fd = os.open(self.data_dir, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)

    def unlock(self, passphrase: str) -> None:
        """Open the vault. Raises BackoffActive, WrongPassphrase, KeyringUnavailable, VaultMissing,
        VaultCorrupt or VaultTooNew; on any of them nothing on disk has changed."""
        with self._lock:
            if self.unlocked:
                return
            passphrase = normalise(passphrase)
            self._backoff.check()
            kf = self._load_keyfile()
            if not self.db_path.exists() and not self._pending_path.exists():
                raise ex.database_missing()
            self._check_permissions()
            s_dev = keys.device_secret(self.keystore, kf)
            try:
                kek = crypto.derive_kek(passphrase, kf.salt, kf.kdf, s_dev)
            finally:
                zero(s_dev)
            try:
                k_sek, x_priv = keys.unwrap_all(kf, kek, self.keystore, self._backoff)
            finally:
                zero(kek)
            try:
                self._finish_pending_setup(k_sek)
                self._attach(kf, k_sek, x_priv)
            except BaseException:
                zero(k_sek)
                zero(x_priv)
                raise
            self._backoff.reset()
            _log.info("vault unlocked")

    def lock(self) -> None:
        """Checkpoint and close the connection, zero the keys, then call the lock listeners."""
        with self._lock:
            conn = self._conn
            self._conn = None
            self._db = None
            if conn is not None:
                with contextlib.suppress(sqlcipher3.Error):
                    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                with contextlib.suppress(sqlcipher3.Error):
                    conn.close()
            zero(self._k_sek)
            zero(self._x_priv)
            self._k_sek = self._x_priv = self._keyfile = None
            self._depth = 0
            if conn is not None:
                del conn
                gc.collect()
                _log.info("vault locked")
        for callback in list(self._listeners):
            try:
                callback()
            except Exception as exc:  # a broken listener must not keep the vault half-locked
                _log.error("lock listener failed: %s", type(exc).__name__)

    close = lock

    def change_passphrase(self, old: str, new: str) -> None:
        """Rewrap K_sek and X_priv under a new passphrase (and the current Argon2 parameters, never
        lower than the stored ones). The new wrap is proven (it unwraps, and the database opens with the
        result) before keys.json is replaced atomically; the old wrap is not kept anywhere, since the
        reason for a change may be that the old passphrase leaked. The device secret is kept."""
        with self._lock:
            check_passphrase_policy(new)
            old, new = normalise(old), normalise(new)
            self._backoff.check()
            kf = self._load_keyfile()
            s_dev = keys.device_secret(self.keystore, kf)
            k_sek = x_priv = kek_old = kek_new = None
            try:
                kek_old = crypto.derive_kek(old, kf.salt, kf.kdf, s_dev)
                k_sek, x_priv = keys.unwrap_all(kf, kek_old, self.keystore, self._backoff)
                self._backoff.reset()
                params = self._kdf_for(kf.device_secret_in_use, at_least=kf.kdf)
                salt = os.urandom(crypto.SALT_LEN)
                kek_new = crypto.derive_kek(new, salt, params, s_dev)
                new_kf = dataclasses.replace(
                    kf,
                    kdf=params,
                    salt=salt,
                    wrapped_sek=Wrapped(*crypto.wrap(kek_new, k_sek, aad_sek(kf.vault_id))),
                    wrapped_x25519=Wrapped(*crypto.wrap(kek_new, x_priv, aad_x25519(kf.vault_id))),
                )
                # Prove the new wrap before replacing the old one: it unwraps (after a JSON round
                # trip) to the same keys, and the database opens with the unwrapped K_sek.
                self._finish_pending_setup(k_sek)
                keys.verify_wrap(KeyFile.from_json(json.loads(json.dumps(new_kf.to_json()))), kek_new, k_sek, x_priv)
                self._prove_database(k_sek)
                kfmod.save(self.keys_path, new_kf)
                keys.verify_wrap(kfmod.load(self.keys_path), kek_new, k_sek, x_priv)
                if self._keyfile is not None:
                    self._keyfile = new_kf
            finally:
                for buf in (s_dev, kek_old, kek_new, k_sek, x_priv):
                    zero(buf)
            _log.info("vault passphrase changed (kdf m=%d t=%d p=%d)", params.m, params.t, params.p)

    # -- transactions (SQLiteDatabase.transaction) ------------------------------------------------
    _driver_error = sqlcipher3.Error

    def _connection(self) -> sqlcipher3.Connection:
        return self._require()

    def _translate(self, exc: BaseException) -> BaseException:
        return _translate(exc)

    def integrity_check(self) -> list[str]:
        """Full check for idle time: ``integrity_check`` + ``cipher_integrity_check``; [] when healthy."""
        with self._lock:
            conn = self._require()
            problems = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall() if r[0] != "ok"]
            problems += [r[0] for r in conn.execute("PRAGMA cipher_integrity_check").fetchall()]
            return problems

    # -- sealing -----------------------------------------------------------------------------------
    def seal(self, payload: bytes) -> bytes:
        """Encrypt ``payload`` to the vault's public key. Works while locked (no passphrase needed)."""
        kf = self._keyfile or self._load_keyfile()
        return crypto.seal(payload, kf.x25519_public)

    def open_sealed(self, blob: bytes) -> bytes:
        """Decrypt a blob made by :meth:`seal`. Unlocked only; VaultError when it does not authenticate."""
        with self._lock:
            self._require()
            try:
                return crypto.open_sealed(blob, self._x_priv)  # type: ignore[arg-type]
            except CryptoError:
                raise ex.sealed_invalid() from None
