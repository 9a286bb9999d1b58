"""The studio: stacks of boards, preview and program, and the output window."""
