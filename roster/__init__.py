"""roster: duty rosters for small offices on CP-SAT (generate, repair, check)."""

from roster.check.violations import check, tier_costs
from roster.engine.solve import solve
from roster.plan.index import PlanIndex
from roster.plan.model import Plan
from roster.result import SolverConfig, SolveResult, Status
from roster.roster import Roster

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
