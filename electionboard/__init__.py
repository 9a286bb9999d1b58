"""electionboard: an election-night results board for studio displays."""

APP_ID = "org.electionboard.ElectionBoard"
APP_NAME = "electionboard"
APP_DISPLAY_NAME = "Election Board"
__version__ = "0.1.0"
