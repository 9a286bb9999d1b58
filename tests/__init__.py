"""electionboard test suite."""
