"""Benchmarks of the policy Q&A assistant (``make bench``); not part of the test suite."""
