"""Entry point for ``python -m electionboard``."""

import sys

from electionboard.cli import main

if __name__ == "__main__":
    sys.exit(main())
