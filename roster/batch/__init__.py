"""``roster batch``: many units' plans solved at once on Dask distributed (design §10).

Each unit's plan is independent: one task per unit (:mod:`roster.batch.task`), a local
cluster by default or an existing one (:mod:`roster.batch.run`). What a worker is sent is
the plan's files as bytes, and what it sends back is the outputs of ``roster solve`` as
bytes, so workers need not share the client's disk. The city's table and page:
:mod:`roster.batch.city`.
"""
