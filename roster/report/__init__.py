"""What leaders read: the printable workbook, the one-page HTML report, and what ``roster
check`` prints (``terminal``) and writes (``check_csv``).

``tables`` and ``fairness`` compute plain rows from a roster and its checks (recomputed from
the roster and the plan, never from solver internals); ``xlsx`` and ``html`` only lay them
out, so the two outputs always say the same thing. Every label comes from
``roster.text.i18n.CATALOGUE``.

Privacy: these outputs show people's limits ("no nights, at most 24 h/week"), never the
profile a limit comes from ("pregnant") nor an absence's reason.
"""
