"""Skills: a post whose every demand row names a skill (a shopping run needs shoppers, a
driving errand needs drivers) is only taken by people with at least one of those skills.

A gate post with a duty-leader row *and* a plain row is open to everyone: the leader need
is a coverage goal (``coverage``), not a bar to the others.
"""

from __future__ import annotations

from roster.plan.index import Person, PlanIndex, Post
from roster.rules import Rule
from roster.text.i18n import Text
from roster.text.labels import skill_list


class Skills(Rule):
    """Posts that need a skill are only taken by people who have it."""

    name = "skills"
    title = {"en": "Skills required", "zh": "技能要求"}
    hard = True
    messages = {"missing": {"en": "cannot {skill}", "zh": "不会{skill}"}}

    def forbids(self, index: PlanIndex, person: Person, post: Post) -> Text | None:
        needed = post.required_skills
        if needed and needed.isdisjoint(person.staff.skills):
            return self.text("missing", skill=skill_list(sorted(needed)))
        return None
