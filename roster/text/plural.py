"""English plurals in catalogue templates: ``{count|post|posts}`` is "post" when ``count`` is
1 and "posts" otherwise, so "1 critical post short" and "2 critical posts short" come from one
template. Chinese templates have no such fields."""

from __future__ import annotations

import re
from collections.abc import Mapping

_CHOICE = re.compile(r"\{(\w+)\|([^|{}]*)\|([^|{}]*)\}")


def inflect(template: str, values: Mapping[str, object]) -> str:
    """The template with each ``{name|one|many}`` replaced by the form ``values[name]`` needs
    (the other fields are left for ``str.format``)."""

    def choose(match: re.Match[str]) -> str:
        one = values.get(match.group(1)) == 1
        return (match.group(2) if one else match.group(3)).replace("{", "{{").replace("}", "}}")

    return _CHOICE.sub(choose, template)


class Template(str):
    """A catalogue template whose ``format`` also chooses plural forms (see ``inflect``)."""

    __slots__ = ()

    def format(self, *args: object, **kwargs: object) -> str:
        """``str.format`` after the plural forms are chosen."""
        return inflect(str(self), kwargs).format(*args, **kwargs)
