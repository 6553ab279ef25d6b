"""Benchmarks: public instances read into plans for the same engine (design §8).

``roster.bench.curtois`` reads the Curtois & Qu shift-scheduling instances and runs them;
``roster bench curtois`` is its command. Figures go to ``benchmarks/RESULTS.md``, never into
timed assertions in tests.
"""
