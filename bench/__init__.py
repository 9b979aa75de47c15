"""The benchmark of issue 13: `make bench` (python -m bench). Not part of the test suite."""
