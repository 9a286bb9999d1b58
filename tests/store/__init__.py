"""Tests of the operator desk's store; a package so child processes can import it."""
