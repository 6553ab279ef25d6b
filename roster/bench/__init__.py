"""Benchmarks: public instances read into plans for the same engine (design §8).

``roster.bench.curtois`` runs the Curtois & Qu shift-scheduling instances (read by
``curtois_instance``, made plans by ``curtois_plan``); ``roster bench curtois`` is its
command. Figures go to ``benchmarks/RESULTS.md``, never into timed assertions in tests.
"""
