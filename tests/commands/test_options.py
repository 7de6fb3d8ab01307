"""Options several commands share (``onrecord.commands.options``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.commands.options import check_output, unwritable_reason
from onrecord.errors import OnrecordError


def test_unwritable_reason_says_why_or_nothing(tmp_path: Path) -> None:
    (tmp_path / "old.csv").write_text("a,b\n")
    (tmp_path / "file").write_text("x")
    assert unwritable_reason(tmp_path / "new.csv") is None
    assert unwritable_reason(tmp_path / "old.csv") is None  # overwritten, as asked
    assert unwritable_reason(tmp_path) == "is a directory"
    assert unwritable_reason(tmp_path / "no" / "x.csv") == f"no such directory {tmp_path / 'no'}"
    not_a_folder = tmp_path / "file"
    assert unwritable_reason(not_a_folder / "x.csv") == f"{not_a_folder} is not a directory"


def test_check_output_names_the_option_and_the_path(tmp_path: Path) -> None:
    check_output("--out", tmp_path / "x.csv")
    with pytest.raises(OnrecordError, match=r"^--json .*/no/x\.json: cannot write there: no such"):
        check_output("--json", str(tmp_path / "no" / "x.json"))
    assert list(tmp_path.iterdir()) == []  # checking writes nothing
