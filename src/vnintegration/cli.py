"""`vnintegration validate [DIR]` and the other commands. Exit 0 when clean, 1 on errors."""

from __future__ import annotations

import argparse
import json
import sys

from vnintegration import __version__
from vnintegration.core.problems import problems_markdown
from vnintegration.core.validate import validate_dir
from vnintegration.extract.cli import add_extract_parser


def _validate(args: argparse.Namespace) -> int:
    dataset = validate_dir(args.data_dir)
    report = dataset.report
    if args.json:
        print(json.dumps({"valid": report.valid, "stats": report.stats, "problems": report.to_rows()},
                         ensure_ascii=False, indent=2))
    else:
        for problem in report.problems:
            print(problem)
        print(report.summary())
    return int(not report.valid)


def _docs_problems(args: argparse.Namespace) -> int:
    sys.stdout.write(problems_markdown())
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vnintegration", description=__doc__)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check a data directory against every rule of data/README.md")
    validate.add_argument("data_dir", nargs="?", default="data", help="the data directory (default: data)")
    validate.add_argument("--json", action="store_true", help="print the report as JSON")
    validate.set_defaults(run=_validate)
    docs = commands.add_parser("docs-problems", help="print docs/problems.md, generated from the problem catalogue")
    docs.set_defaults(run=_docs_problems)
    add_extract_parser(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a reader gets one line, never a traceback
        print(f"vnintegration: internal error: {type(exc).__name__}: {exc} "
              "(please report it with the command you ran)", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
