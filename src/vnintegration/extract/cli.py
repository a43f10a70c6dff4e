"""`vnintegration extract FILE|-`: candidate rows from an article, as CSV on stdout.

    vnintegration extract article.txt > candidates.csv
    curl -s URL | vnintegration extract - --date 2025-08-26 --source-id baophapluat-2025-08
    vnintegration extract article.txt --events     # candidate events.csv rows instead
    vnintegration extract article.html --text > sources/x.txt   # the cleaned text the quotes come from

Rows are in observations.csv's columns (with `partner` and `product`: the partner code of partners.csv and
the product code of products.csv, read from --data; blank = all) plus `confidence`; events in events.csv's.
Messages (what was cleaned, the article date used, how many figures were left out)
go to stderr. Exit 0 with the rows, 1 with one clear line when the input cannot be
used (missing, empty, over the size cap, not UTF-8 text, not Vietnamese).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from vnintegration.core.validate import validate_dir
from vnintegration.extract.figures import candidates_csv, catalog_from_frame, events_csv, extract
from vnintegration.extract.i18n import notice_text
from vnintegration.extract.text import MAX_BYTES, ArticleError, decode_article


def add_extract_parser(commands) -> None:
    parser = commands.add_parser(
        "extract", help="candidate observations (or events) from a Vietnamese article, as CSV",
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", help="the article: a UTF-8 .txt (or .html) file, or - for stdin")
    parser.add_argument("--events", action="store_true", help="print candidate events.csv rows instead")
    parser.add_argument("--text", action="store_true", help="print the cleaned text (save it as the source file)")
    parser.add_argument("--year", type=int, default=None, help="year to assume when the text names none")
    parser.add_argument("--date", type=_iso_date, default=None,
                        help="the article's date, YYYY-MM-DD (dates counts and ranks; else read from the text)")
    parser.add_argument("--published", default="", help="published date as in sources.csv (2025-08 or 2025-08-26)")
    parser.add_argument("--source-id", default="", help="fill source_id with this id")
    parser.add_argument("--data", default="data", help="data directory for the indicator catalog (default: data)")
    parser.add_argument("--all", action="store_true",
                        help="also print figures with no catalog indicator or a period the data model cannot hold")
    parser.add_argument("--no-header", action="store_true", help="rows only, ready to append to the CSV")
    parser.set_defaults(run=run_extract)


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def _fail(message: str) -> int:
    print(f"vnintegration extract: {message}", file=sys.stderr)
    return 1


def _read(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read(MAX_BYTES + 1)
    path = Path(name)
    if not path.is_file():
        raise ArticleError("missing", f"no such file: {name}")
    with path.open("rb") as handle:
        return handle.read(MAX_BYTES + 1)


def run_extract(args: argparse.Namespace) -> int:
    try:
        data = _read(args.file)
        text = decode_article(data)
    except ArticleError as exc:
        return _fail(exc.message)
    except OSError as exc:
        return _fail(f"cannot read {args.file}: {exc.strerror or exc}")
    if not Path(args.data).is_dir():
        return _fail(f"no data directory {args.data!r} for the indicator catalog; pass --data DIR")
    dataset = validate_dir(args.data)
    if len(dataset.indicators) == 0:
        return _fail(f"no valid indicators in {args.data}/indicators.csv; run `vnintegration validate {args.data}`")
    try:
        result = extract(text, catalog_from_frame(dataset.indicators), year=args.year, article_date=args.date,
                         published=args.published, source_id=args.source_id, reference=dataset.observations,
                         include_all=args.all, data_dir=args.data)
    except ArticleError as exc:
        return _fail(exc.message)
    for code in ("empty", "not-vietnamese"):
        if code in result.notices:
            return _fail(notice_text(code, "en"))
    for code in result.notices:
        print(f"note: {notice_text(code, 'en')}", file=sys.stderr)
    if result.article_date and result.article_date_from:
        year = " (its year is the latest the text names)" if result.article_year_guessed else ""
        print(f"note: article date {result.article_date.isoformat()}, read from \"{result.article_date_from}\"{year}; "
              "pass --date to change it", file=sys.stderr)
    if result.hidden and not args.all:
        print(f"note: {result.hidden} figure(s) left out (no catalog indicator, or a period the data model "
              "cannot hold); --all shows them", file=sys.stderr)
    if args.text:
        sys.stdout.write(result.text)
    elif args.events:
        sys.stdout.write(events_csv(result, header=not args.no_header))
    else:
        sys.stdout.write(candidates_csv(result, header=not args.no_header))
    return 0
