"""docs/limits.md shows the limits as their fields declare them."""

from pathlib import Path

from roster.plan.limits import limits_markdown

DOC = Path(__file__).resolve().parents[1] / "docs" / "limits.md"


def test_the_limits_table_in_the_docs_is_the_fields_own() -> None:
    assert DOC.read_text(encoding="utf-8").endswith(limits_markdown())
