"""How the plan's own words read in each language: skills (``lead;shop;survey;drive``) and
errands the plan names with a common English word ("shopping", "survey"). Anything else is
shown as the plan writes it: a plan that calls its errand "采买" keeps "采买"."""

from __future__ import annotations

from collections.abc import Iterable

from roster.text.i18n import CATALOGUE, Lang, Text


def skill_text(skill: str) -> Text:
    """A skill's label in both languages: "lead" -> 带班 / duty leader."""
    entry = CATALOGUE.get(f"skill_{skill.strip().casefold()}")
    return Text(entry) if entry else _verbatim(skill)


def errand_text(errand: str) -> Text:
    """An errand's label in both languages: "shopping" -> 采买 / shopping; an errand the
    catalogue does not know keeps the plan's own name."""
    entry = CATALOGUE.get(f"errand_{errand.strip().casefold()}")
    return Text(entry) if entry else _verbatim(errand)


def skill_list(skills: Iterable[str]) -> Text:
    """Skills by their labels, joined with "/": 采买/走访."""
    names = {f"s{i}": skill_text(skill) for i, skill in enumerate(skills)}
    template = "/".join(f"{{{key}}}" for key in names)
    return Text({"en": template, "zh": template}, names)


def skill_label(skill: str, lang: Lang) -> str:
    """A skill's label in ``lang``."""
    return skill_text(skill).render(lang)


def errand_label(errand: str, lang: Lang) -> str:
    """An errand's label in ``lang``."""
    return errand_text(errand).render(lang)


def _verbatim(word: str) -> Text:
    escaped = word.replace("{", "{{").replace("}", "}}")
    return Text({"en": escaped, "zh": escaped})
