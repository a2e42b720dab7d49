"""Benchmark harness: generated contract-following trees and a build-time runner.

``python -m bench.generate`` writes a tree, ``python -m bench.run`` measures it.
See ``bench/README.md``.
"""
