"""A native night never loads the other formats' parsers; they load when asked."""

from __future__ import annotations

import json
import subprocess
import sys

from electionboard.resource_paths import sample_snapshots

PROBE = """
import json, sys
from electionboard.sources import detect_format, parse_feed
data = open(sys.argv[1], "rb").read()
parse_feed(data)
before = sorted(m for m in sys.modules if m.startswith("electionboard.sources.")
                or m in ("csv", "zipfile", "pyexpat"))
assert detect_format(b"race_id,candidate_id,votes\\n").name == "csv"
after = sorted(m for m in sys.modules if m.startswith("electionboard.sources."))
print(json.dumps({"before": before, "after": after}))
"""


def test_the_native_parser_alone_reads_a_native_feed() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(sample_snapshots()[0])],
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(done.stdout)
    for unneeded in ("ap", "clarity", "csvfeed"):
        assert f"electionboard.sources.{unneeded}" not in found["before"]
    assert not {"csv", "zipfile", "pyexpat"} & set(found["before"])
    # Sniffing a CSV document loads each parser it has to ask, in order.
    assert "electionboard.sources.csvfeed" in found["after"]
    assert "electionboard.sources.clarity" in found["after"]
