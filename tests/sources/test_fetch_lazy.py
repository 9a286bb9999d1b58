"""requests loads with the first URL fetched, not with the sources.

Importing requests and urllib3 took ~74 ms of a board's start; a board on a
file feed never needs them, and a URL feed needs them only on the poll worker.
pyshp (which loads urllib and http.client) waits for a county map's shapes.
"""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
import electionboard.sources
import electionboard.sources.ap_source
import electionboard.sources.polling
import electionboard.replay.recorder
import electionboard.sources.county_shapes
clients = ("requests", "urllib3", "shapefile")
loaded = sorted(name for name in clients if name in sys.modules)
print(",".join(loaded))
"""


def test_importing_the_sources_loads_no_http_client() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert done.stdout.strip() == ""
