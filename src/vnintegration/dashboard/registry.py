"""The pages of the dashboard, in one table: app.py's navigation, the URL parameters each page reads, and the
tests' page lists all come from here. A new page is a module in pages/, a row here, and its strings in
present/i18n.py (its title key).

A page's URL parameters are its row's `params`, besides `lang` (every page): its parser reads those and no
others (urls.page_params). What each one means and takes is README's "Sharing a view" table (tests/test_readme.py
checks that it names them all). The parsers: views.py (Overview, Trends, Compare, Sources, lang),
partners_state.py, peers_state.py, trade_state.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PAGES_DIR = Path(__file__).resolve().parent / "pages"


@dataclass(frozen=True)
class Page:
    name: str                    # module in pages/ (without .py)
    url_path: str                # /<url_path>; the first page is the landing page at /
    title_key: str               # its title in present/i18n.py
    params: tuple[str, ...] = ()  # the URL parameters it reads besides lang

    @property
    def file(self) -> Path:
        return PAGES_DIR / f"{self.name}.py"


PAGES: tuple[Page, ...] = (
    Page("overview", "overview", "page_overview", ("span",)),
    Page("brief", "brief", "page_brief"),
    Page("trends", "trends", "page_trends", ("ind", "from", "to", "tf", "view", "ev", "src")),
    Page("compare", "compare", "page_compare", ("a", "b")),
    Page("partners", "partners", "page_partners", ("tab", "partner", "year", "from", "color")),
    Page("trade", "trade", "page_trade", ("view", "year", "flow", "partner", "from", "to", "product")),
    Page("sources", "sources", "page_sources", ("q", "ind", "src", "st", "y", "fig")),
    Page("peers", "peers", "page_peers", ("countries", "ind", "from", "to", "tf")),
    Page("import", "import", "page_import"),
)

BY_NAME = {page.name: page for page in PAGES}
