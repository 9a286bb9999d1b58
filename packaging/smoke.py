"""Smoke test of what a studio installs: the frozen tarball and the wheel.

Each is run as a user would run it, headless (Qt's offscreen platform), in a
throwaway HOME whose XDG folders are the only place it may write: ``--version``,
``summary --json`` of the bundled night, ``export`` to a PNG whose size and
pixels are checked here (a PNG reader in the standard library, so the check
needs nothing the app brings), and for the frozen app also the board's first
frames, ``replay`` serving the bundled night and a ``desk`` action. The frozen
folder is made read-only and must be byte-for-byte unchanged afterwards (root
ignores the read-only bits, so the comparison is what proves it; as root the
export and the board also run as ``nobody``, for whom the bits hold).

Usage: ``smoke.py --frozen dist/electionboard-V-linux-x86_64.tar.gz`` and/or
``smoke.py --wheel dist/electionboard-V-py3-none-any.whl``. Run by
``make dist-check``.
"""

from __future__ import annotations

import argparse
import json
import os
import pwd
import shutil
import signal
import stat
import struct
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request
import venv
import zlib
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from electionboard import APP_NAME, __version__  # noqa: E402

SAMPLE_RELATIVE = ("samples", "la2022", "19.json")
"""The bundled night's final snapshot, as found inside the installed app."""
TIMEOUT = 180.0
"""Seconds any one command may take before the smoke test fails."""
Pixel = tuple[int, int, int, int]


class SmokeError(Exception):
    """What the installed app did wrong; the message says what."""


def _check(condition: object, message: str) -> None:
    if not condition:
        raise SmokeError(message)


def _environment(home: Path) -> dict[str, str]:
    """A user with nothing but empty XDG folders, headless."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("XDG_", "PYTHON", "VIRTUAL_ENV", "ELECTIONBOARD_"))
    }
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        QT_QPA_PLATFORM="offscreen",
    )
    return env


def _completed(
    command: Sequence[str], env: dict[str, str], cwd: Path
) -> subprocess.CompletedProcess[str]:
    """Run one command to its end, whatever its exit status."""
    return subprocess.run(
        list(command),
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def _run(command: Sequence[str], env: dict[str, str], cwd: Path) -> str:
    """Run one command; its stdout, or SmokeError with its stderr."""
    done = _completed(command, env, cwd)
    _check(
        done.returncode == 0,
        f"{' '.join(command[1:]) or command[0]} exited {done.returncode}:\n"
        f"{done.stderr[-3000:]}",
    )
    return done.stdout


def _png_pixels(
    path: Path, points: Sequence[tuple[int, int]]
) -> tuple[tuple[int, int], list[Pixel]]:
    """The size of an 8-bit RGBA/RGB PNG and the RGBA of the given points."""
    data = path.read_bytes()
    _check(data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG")
    offset, idat, header = 8, b"", b""
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        body = data[offset + 8 : offset + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        offset += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    _check(depth == 8 and colour in (2, 6), f"{path}: unexpected PNG type")
    channels = 4 if colour == 6 else 3
    stride = width * channels
    raw = zlib.decompress(idat)
    last_row = max(y for _x, y in points)
    rows: list[bytearray] = []
    previous = bytearray(stride)
    for y in range(last_row + 1):
        start = y * (stride + 1)
        kind, row = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        _unfilter(kind, row, previous, channels)
        rows.append(row)
        previous = row
    pixels: list[Pixel] = []
    for x, y in points:
        values = tuple(rows[y][x * channels : x * channels + channels])
        pixels.append((*values, 255) if channels == 3 else values)  # type: ignore[arg-type]
    return (width, height), pixels


def _unfilter(kind: int, row: bytearray, above: bytearray, bpp: int) -> None:
    """Undo one row's PNG filter in place (RFC 2083, section 6)."""
    if kind == 0:
        return
    for i in range(len(row)):
        left = row[i - bpp] if i >= bpp else 0
        up = above[i]
        if kind == 1:
            row[i] = (row[i] + left) & 0xFF
        elif kind == 2:
            row[i] = (row[i] + up) & 0xFF
        elif kind == 3:
            row[i] = (row[i] + (left + up) // 2) & 0xFF
        else:
            corner = above[i - bpp] if i >= bpp else 0
            guess = left + up - corner
            pa, pb, pc = abs(guess - left), abs(guess - up), abs(guess - corner)
            best = left if pa <= pb and pa <= pc else up if pb <= pc else corner
            row[i] = (row[i] + best) & 0xFF


def _near(pixel: Pixel, want: Pixel, tolerance: int = 12) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, want, strict=True))


def check_export_and_summary(program: list[str], sample: Path, work: Path) -> None:
    """``summary --json`` and ``export`` of the bundled night's final snapshot."""
    env = _environment(work / "home")
    summary = json.loads(_run([*program, "summary", str(sample), "--json"], env, work))
    mayor = summary["races"][0]
    _check(mayor["id"] == "la-mayor", f"first race is {mayor['id']}")
    _check(mayor["precincts_reporting"] == 250, "not all 250 precincts reporting")
    _check(mayor["total_votes"] == 646046, f"total votes {mayor['total_votes']}")
    png = work / "board.png"
    _run([*program, "export", str(sample), "--out", str(png)], env, work)
    (size, (corner, banner)) = _png_pixels(png, [(0, 0), (1800, 1000)])
    _check(size == (1920, 1080), f"exported PNG is {size}, not 1920x1080")
    # The dark theme's background_top (#061024) in the corner; the call
    # banner's yellow low in the frame, right of its words.
    _check(_near(corner, (6, 16, 36, 255)), f"corner pixel {corner}")
    _check(
        banner[0] > 200 and banner[1] > 150 and banner[2] < 100 and banner[3] == 255,
        f"banner pixel {banner} is not the call banner's yellow",
    )
    print(f"  summary --json and export: 1920x1080, corner {corner}, banner {banner}")


def check_screens_and_server_store(
    program: list[str], sample: Path, work: Path
) -> None:
    """The screens the registry imports by name, the county map's shapes, and
    the PostgreSQL store imported only for a URL: all inside the build."""
    env = _environment(work / "home")
    for screen in ("bigboard", "map"):
        png = work / f"{screen}.png"
        _run(
            [*program, "export", str(sample), "--screen", screen, "--out", str(png)],
            env,
            work,
        )
        (size, _) = _png_pixels(png, [(0, 0)])
        _check(size == (1920, 1080), f"{screen} PNG is {size}, not 1920x1080")
    unreachable = "postgresql://smoke@127.0.0.1:9/none"
    done = _completed(
        [*program, "desk", "--store", unreachable, "--operator", "smoke", "log"],
        env,
        work,
    )
    _check(
        done.returncode == 1 and "unreachable" in done.stderr,
        f"desk on a database URL: exit {done.returncode}: {done.stderr[-500:]}",
    )
    print("  big board and county map exported; the PostgreSQL store is built in")


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every path under folder with its size and modification time."""
    return {
        str(path.relative_to(folder)): (path.lstat().st_size, path.lstat().st_mtime_ns)
        for path in folder.rglob("*")
    }


def _set_read_only(folder: Path, *, read_only: bool) -> None:
    write = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
    for path in [folder, *folder.rglob("*")]:
        if path.is_symlink():
            continue
        mode = path.stat().st_mode
        path.chmod(mode & ~write if read_only else mode | stat.S_IWUSR)


def _check_replay(program: list[str], env: dict[str, str], work: Path) -> None:
    """``replay`` serves the bundled night over HTTP until interrupted."""
    server = subprocess.Popen(
        [*program, "replay", "--port", "0", "--speed", "100"],
        env=env,
        cwd=work,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        url = server.stdout.readline().strip()
        _check(url.startswith("http://127.0.0.1:"), f"replay printed {url!r}")
        with urllib.request.urlopen(url, timeout=30) as answer:
            feed = json.loads(answer.read())
        _check(feed["races"][0]["id"] == "la-mayor", "replay served another feed")
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    _check(server.returncode == 0, f"replay exited {server.returncode} on Ctrl+C")
    print(f"  replay served the bundled night at {url}")


def _check_as_other_user(program: list[str], sample: Path, work: Path) -> None:
    """As root, also run as ``nobody``, for whom the read-only bits really hold."""
    if os.geteuid() != 0 or shutil.which("runuser") is None:
        return
    try:
        nobody = pwd.getpwnam("nobody")
    except KeyError:
        return
    home = work / "nobody"
    home.mkdir()
    os.chown(home, nobody.pw_uid, nobody.pw_gid)
    work.chmod(0o755)
    env = _environment(home)
    as_nobody = ["runuser", "-u", "nobody", "--", "env", *_assignments(env)]
    png = home / "board.png"
    _run([*as_nobody, *program, "export", str(sample), "--out", str(png)], env, home)
    _run([*as_nobody, *program, "--operator", "smoke", "--quit-after", "2"], env, home)
    _check(png.is_file(), "export as nobody wrote no PNG")
    print("  as nobody (read-only bits enforced): export and the board ran")


def _assignments(env: dict[str, str]) -> list[str]:
    """The variables that runuser's fresh environment must be given again."""
    names = ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME")
    return [f"{name}={env[name]}" for name in (*names, "QT_QPA_PLATFORM")]


def check_frozen(tarball: Path) -> None:
    """Unpack the tarball read-only and run the frozen app every way it is used."""
    expected = f"{APP_NAME}-{__version__}-linux-x86_64.tar.gz"
    _check(tarball.name == expected, f"{tarball.name} is not named {expected}")
    # A failed check leaves the folder read-only: for a non-root user cleanup
    # then cannot remove it, which must not hide the failure.
    with tempfile.TemporaryDirectory(
        prefix="eb-frozen-", ignore_cleanup_errors=True
    ) as temp:
        work = Path(temp)
        with tarfile.open(tarball) as archive:
            archive.extractall(work / "opt", filter="tar")
        install = work / "opt" / APP_NAME
        program = [str(install / APP_NAME)]
        for extra in ("share/applications/org.electionboard.ElectionBoard.desktop",):
            _check((install / extra).is_file(), f"tarball has no {extra}")
        _set_read_only(install, read_only=True)
        before = _snapshot(install)
        env = _environment(work / "home")
        version = _run([*program, "--version"], env, work).strip()
        _check(version == __version__, f"--version printed {version!r}")
        print(f"  --version: {version}")
        sample = install / "_internal" / APP_NAME / "resources"
        sample = sample.joinpath(*SAMPLE_RELATIVE)
        _check(sample.is_file(), f"no bundled sample at {sample}")
        check_export_and_summary(program, sample, work)
        check_screens_and_server_store(program, sample, work)
        started = time.monotonic()
        _run([*program, "--operator", "smoke", "--quit-after", "3"], env, work)
        print(f"  board replayed the bundled night ({time.monotonic() - started:.1f}s)")
        _check_replay(program, env, work)
        said = _run(
            [
                *program,
                *("desk", "--data-dir", str(work / "home" / "data" / "desk")),
                *("--operator", "smoke", "--feed", str(sample)),
                *("call", "la-mayor", "bass", "caruso"),
            ],
            env,
            work,
        ).strip()
        print(f"  desk: {said}")
        written = sorted(
            str(p.relative_to(work / "home"))
            for p in (work / "home").rglob("*")
            if p.is_file()
        )
        _check(
            any(name.startswith("data/electionboard/") for name in written),
            f"nothing written under XDG_DATA_HOME: {written}",
        )
        print(f"  wrote only under the XDG folders: {written}")
        _check_as_other_user(program, sample, work)
        after = _snapshot(install)
        _set_read_only(install, read_only=False)
        changed = sorted(set(before.items()) ^ set(after.items()))
        _check(not changed, f"the install folder changed: {changed[:10]}")
        print("  install folder unchanged")


def check_wheel(wheel: Path) -> None:
    """Install the wheel into a fresh venv and export the sample inside it."""
    with tempfile.TemporaryDirectory(prefix="eb-wheel-") as temp:
        work = Path(temp)
        venv.create(work / "venv", with_pip=True)
        python = work / "venv" / "bin" / "python"
        _run(
            [str(python), "-m", "pip", "install", "--quiet", str(wheel)],
            dict(os.environ),
            work,
        )
        program = [str(work / "venv" / "bin" / APP_NAME)]
        env = _environment(work / "home")
        version = _run([*program, "--version"], env, work).strip()
        _check(version == __version__, f"--version printed {version!r}")
        site = _run(
            [
                str(python),
                "-c",
                "import electionboard, os;"
                "print(os.path.dirname(electionboard.__file__))",
            ],
            env,
            work,
        ).strip()
        sample = Path(site, "resources", *SAMPLE_RELATIVE)
        _check(sample.is_file(), f"the wheel has no sample at {sample}")
        check_export_and_summary(program, sample, work)
        check_screens_and_server_store(program, sample, work)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frozen", type=Path, help="the Linux tarball")
    parser.add_argument("--wheel", type=Path, help="the wheel")
    args = parser.parse_args(argv)
    if args.frozen is None and args.wheel is None:
        parser.error("give --frozen and/or --wheel")
    started = time.monotonic()
    checks = 0
    try:
        if args.frozen is not None:
            print(f"frozen app {args.frozen}")
            check_frozen(args.frozen.resolve())
            checks += 1
        if args.wheel is not None:
            print(f"wheel {args.wheel}")
            check_wheel(args.wheel.resolve())
            checks += 1
    except (SmokeError, subprocess.TimeoutExpired) as error:
        print(f"dist-check: FAILED: {error}", file=sys.stderr)
        return 1
    print(f"dist-check took {time.monotonic() - started:.0f}s")
    print(f"dist-check: {checks} passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
