"""Words and layout for air and for the desk, with no Qt.

How a race is phrased for a board, where things sit on the raster, and what
the desk's forms and lists say are decided here as plain data, so every
screen's words and geometry are tested without a display. ``ui`` draws them.
"""
