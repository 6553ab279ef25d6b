"""Judging a finished roster without the solver: broken rules, hours with nobody on watch, gaps
and why they stayed open."""
