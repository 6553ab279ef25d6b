"""roster: duty rosters for small offices on CP-SAT (generate, repair, check)."""

from roster.check import check, tier_costs
from roster.index import PlanIndex
from roster.model import Plan
from roster.roster import Roster
from roster.solve import SolverConfig, SolveResult, Status, solve

__version__ = "0.1.0"

__all__ = [
    "Plan",
    "PlanIndex",
    "Roster",
    "SolveResult",
    "SolverConfig",
    "Status",
    "__version__",
    "check",
    "solve",
    "tier_costs",
]
