"""The on-air board: one scene laid out at broadcast raster."""
