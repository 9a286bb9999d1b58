"""Qt user interface: the board, its poller and export. Qt lives only here.

Importing it loads PySide6 and makes PySide's per-import source scan a file
read (``pyside_scan``) before the board's modules are imported.
"""

import PySide6  # noqa: F401 - loads shiboken, whose import hook is quickened

from electionboard.ui.pyside_scan import quicken_feature_scan

quicken_feature_scan()
