"""README is a promise to readers and newcomers: its sharing table names every URL parameter a page reads."""

from pathlib import Path

import pytest

from vnintegration.dashboard.registry import PAGES

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    start = README.index(f"## {title}")
    end = README.find("\n## ", start + 1)
    return README[start:end if end > 0 else None]


def table_rows(text: str) -> dict[str, str]:
    """First cell's first word (without backticks) -> the rest of the row, for each row of the tables in `text`."""
    rows = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.lstrip().startswith("|") and len(cells) > 1:
            rows[cells[0].split(" ")[0].strip("`")] = "|".join(cells[1:])
    return rows


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_the_sharing_table_names_every_parameter_of_each_page(page):
    rows = table_rows(section("Sharing a view"))
    row = rows.get(f"/{page.url_path}")
    assert row is not None or not page.params, f"no row for /{page.url_path} in README's Sharing a view"
    missing = [p for p in page.params if f"`{p}`" not in (row or "")]
    assert missing == [], f"/{page.url_path}: README does not name {missing}"
