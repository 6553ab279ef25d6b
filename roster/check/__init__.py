"""Judging a finished roster without the solver, in one report (:func:`judge.judge`): broken
rules (``violations``), posts short of people and what keeps each person away (``gaps``,
``why``), and hours with nobody on watch (``watch``)."""
