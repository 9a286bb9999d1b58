"""Pack the PyInstaller folder as dist/electionboard-<version>-linux-x86_64.tar.gz.

The desktop entry, the icon and the script that installs both for the user go
beside the program, so the unpacked folder is the whole install.
"""

from __future__ import annotations

import shutil
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from electionboard import APP_ID, APP_NAME, __version__  # noqa: E402

LINUX = ROOT / "packaging" / "linux"


def main() -> int:
    """Add the desktop files to dist/electionboard and tar it; print the path."""
    folder = ROOT / "dist" / APP_NAME
    if not (folder / APP_NAME).is_file():
        print(f"no frozen app in {folder}: run PyInstaller first", file=sys.stderr)
        return 1
    applications = folder / "share" / "applications"
    icons = folder / "share" / "icons" / "hicolor" / "scalable" / "apps"
    for target in (applications, icons):
        target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(LINUX / f"{APP_ID}.desktop", applications)
    shutil.copy2(LINUX / f"{APP_ID}.svg", icons)
    shutil.copy2(LINUX / "install-desktop-entry.sh", folder)
    tarball = ROOT / "dist" / f"{APP_NAME}-{__version__}-linux-x86_64.tar.gz"
    with tarfile.open(tarball, "w:gz") as archive:
        archive.add(folder, arcname=APP_NAME)
    size = sum(
        p.stat().st_size
        for p in folder.rglob("*")
        if p.is_file() and not p.is_symlink()
    )
    print(
        f"{tarball.relative_to(ROOT)}: {tarball.stat().st_size / 2**20:.0f} MiB "
        f"packed, {size / 2**20:.0f} MiB unpacked"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
