"""The frozen app's entry point: the same ``main`` as the ``electionboard`` script."""

import sys

from electionboard.cli import main

if __name__ == "__main__":
    sys.exit(main())
