"""Qt user interface: the board, its poller and export. Qt lives only here."""
