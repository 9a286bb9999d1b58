"""Screens other than the race board: big board, lower third, ticker, trend,
balance of power and county map, each a scene at broadcast raster."""
