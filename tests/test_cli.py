from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import DATA, set_cell

from vnintegration.cli import main


def test_validate_clean_exits_0(capsys):
    assert main(["validate", str(DATA)]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("valid: 0 error(s)")


def test_validate_prints_file_line_column_and_exits_1(mini, capsys):
    set_cell(mini / "observations.csv", 0, "value", "1.234,5")
    assert main(["validate", str(mini)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == ("observations.csv:2: value: write the number without thousands grouping, "
                      "with . as the decimal mark (1.234,5)")
    assert out[-1].startswith("invalid: 1 error(s)")


def test_warnings_do_not_fail(mini, capsys):
    set_cell(mini / "observations.csv", 0, "months", "7")  # partial year beside... nothing: still valid
    assert main(["validate", str(mini)]) == 0


def test_json_report(mini, capsys):
    (mini / "events.csv").unlink()
    assert main(["validate", "--json", str(mini)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is False
    assert report["problems"][0]["code"] == "missing-file"
    assert report["problems"][0]["advice"]


def test_missing_directory_is_a_message_not_a_traceback(tmp_path):
    run = subprocess.run([sys.executable, "-m", "vnintegration", "validate", str(tmp_path / "x")],
                         capture_output=True, text=True)
    assert run.returncode == 1
    assert "does not exist" in run.stdout
    assert "Traceback" not in run.stdout + run.stderr


def test_non_numeric_year_is_reported(mini, capsys):
    set_cell(mini / "observations.csv", 1, "year", "năm 2024")
    assert main(["validate", str(mini)]) == 1
    assert "observations.csv:3: year: not a year between 1900 and 2100 (năm 2024)" in capsys.readouterr().out


def test_docs_problems_prints_the_generated_catalogue(capsys):
    from vnintegration.core.problems import problems_markdown

    assert main(["docs-problems"]) == 0
    assert capsys.readouterr().out == problems_markdown()


def test_a_row_lost_to_a_long_cell_fails_validation_and_is_counted(mini, capsys):
    set_cell(mini / "observations.csv", 1, "note", "x" * 200_000)
    assert main(["validate", str(mini)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("observations.csv:3: note: the cell holds 200,000 characters, over the cap of 131,072")
    assert out[-1].startswith("invalid: 1 error(s)") and out[-1].endswith(" 4 observations, 1 sources, 1 events, "
                                                                          "1 row(s) not read")
