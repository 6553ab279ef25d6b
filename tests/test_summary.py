"""The plan summary of ``roster validate``, with its numbers worked out by hand."""

from __future__ import annotations

from pathlib import Path

from roster.io import load_plan
from roster.plan.model import Priority, Role
from roster.plan.summary import Load, render, summarize
from tests.plan_files import appended, write_plan


def test_small_plan_in_numbers(tmp_path: Path) -> None:
    summary = summarize(load_plan(write_plan(tmp_path / "plan")))
    # Three days, Monday to Wednesday; day and night shifts of 12 hours.
    assert (summary.days, summary.first.isoformat(), summary.last.isoformat()) == (
        3,
        "2026-03-02",
        "2026-03-04",
    )
    assert summary.staff_by_role == {Role.LEADER: 1, Role.CADRE: 2, Role.VOLUNTEER: 1}
    # Ann has a profile and Bob a 30-hour cap; Cat's "no_nights = no" changes nothing.
    assert summary.staff_with_limits == 2
    # Per week (x 7/3): critical = B's night, 3 in the period; high = A and B by day, 6;
    # the duty-leader row (normal) asks for no one more on A's day posts; low = one
    # shopping run.
    assert summary.load == (
        Load(Priority.CRITICAL, 7, 84),
        Load(Priority.HIGH, 14, 168),
        Load(Priority.NORMAL, 0, 0),
        Load(Priority.LOW, 7 / 3, 28),
    )
    assert (summary.hours_needed, summary.hours_urgent) == (120, 108)
    # Ann: no nights, 24 h a week (pregnant). Bob: his 30 h cap. Cat: absent all Tuesday,
    # so 2 days of at most one 12 h shift (10 h rest rules out day + night). Dan: 3 x 12.
    assert summary.hours_available == 24 + 30 + 24 + 36
    (night,) = summary.critical
    assert (night.demand.place, night.demand.shift, night.able) == ("unmanaged", "N", 3)


def test_render_in_both_languages(tmp_path: Path) -> None:
    summary = summarize(load_plan(write_plan(tmp_path / "plan")))
    english = render(summary, "en").splitlines()
    assert english[:3] == [
        "small",
        "Period: 2 Mar to 4 Mar (3 days)",
        "People: 4 (leaders 1, cadres 2, volunteers 1); 2 with personal limits",
    ]
    assert (
        "Capacity: 120 person-hours needed (108 critical or high), at most 114 available under "
        "the limits" in english
    )
    assert "  Not all demand can be met: at least 6 person-hours will stay open." in english
    assert "  unmanaged compounds · night · every day · 1 needed: 3 people" in english
    chinese = render(summary, "zh")
    assert "周期：3月2日至3月4日（3天）" in chinese
    assert "  无物业小区 · night · 每天 · 需要1人：3人" in chinese


def test_own_limits_a_stricter_one_overrules_are_listed(tmp_path: Path) -> None:
    """Fay's own 60 h a week and "no" to nights do not apply under her profile's 24 h and no
    nights: validate says so. Bob's own 30 h (under the plan's 48) and Cat's "no" to nights
    (nothing else says) apply, and are not listed."""
    folder = write_plan(tmp_path / "plan", appended("staff.csv", "a5,Fay,cadre,,pregnant,,,60,no"))
    summary = summarize(load_plan(folder))
    assert summary.not_applied == (("Fay", ("max_hours_per_week", "no_nights")),)
    english = render(summary, "en").splitlines()
    assert english[-3:-1] == [
        "Own limits in the staff list that do not apply (the settings or a profile set a "
        "stricter one, which applies):",
        "  Fay: max_hours_per_week, no_nights",
    ]
    assert "  Fay：max_hours_per_week、no_nights" in render(summary, "zh").splitlines()
