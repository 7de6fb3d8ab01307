"""``onrecord serve`` (``onrecord.commands.serve``): loopback by default with the token from
the environment, a warning off loopback without one, named hosts, and bad settings refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the serve extra is not installed (pip install -e '.[dev]')")

from fastapi.testclient import TestClient  # noqa: E402

from onrecord.cli import main  # noqa: E402
from onrecord.store import open_store  # noqa: E402
from support.serve import error_of  # noqa: E402


@pytest.fixture
def db(tmp_path: Path) -> str:
    """An empty store that is there, as `onrecord ingest` leaves one."""
    path = tmp_path / "s.db"
    open_store(str(path)).close()
    return str(path)


def test_serve_command_binds_to_loopback_with_env_token(
    monkeypatch: pytest.MonkeyPatch, db: str
) -> None:
    import uvicorn

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    monkeypatch.setenv("ONRECORD_TOKEN", "from-env")
    assert main(["serve", "--db", db, "--workers", "0", "--no-model"]) == 0
    assert (seen["host"], seen["port"]) == ("127.0.0.1", 8000)
    assert seen["app"].state.onrecord.config.token == "from-env"
    # Not entered as a context manager: no lifespan, so no pipeline is loaded.
    c = TestClient(seen["app"], base_url="http://127.0.0.1:8000")
    assert c.get("/documents").status_code == 200
    error_of(c.get("/documents", headers={"host": "rebind.evil.example"}), 400)


def test_serve_command_warns_off_loopback_without_token(
    monkeypatch: pytest.MonkeyPatch, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    import uvicorn

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    monkeypatch.delenv("ONRECORD_TOKEN", raising=False)
    assert main(["serve", "--db", db, "--host", "0.0.0.0"]) == 0
    assert "without a token" in capsys.readouterr().err
    c = TestClient(seen["app"], base_url="http://203.0.113.5:8000")
    assert c.get("/health", headers={"host": "203.0.113.5:8000"}).status_code == 200


def test_serve_command_allows_named_hosts(monkeypatch: pytest.MonkeyPatch, db: str) -> None:
    import uvicorn

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    argv = ["serve", "--db", db, "--allow-host", "quotes.example"]
    assert main(argv) == 0
    c = TestClient(seen["app"], base_url="http://quotes.example")
    assert c.get("/health").status_code == 200
    error_of(c.get("/health", headers={"host": "other.example"}), 400)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--db", "/no/such/dir/s.db", "--create"], "no such directory"),
        (["--workers", "-1"], "--workers"),
        (["--port", "99999"], "--port must be 0-65535 (0: any free port), not 99999"),
        (["--port", "-1"], "--port must be 0-65535"),
        (["--model", "no_such_pipeline_xyz"], "cannot find the spaCy pipeline"),
    ],
)
def test_serve_command_refuses_bad_settings(
    db: str, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    args = ["serve", "--db", db, *extra]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1  # one line, no traceback


def test_serve_refuses_a_store_that_is_not_there_unless_asked_to_create(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import uvicorn

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    missing = tmp_path / "missing.db"
    assert main(["serve", "--db", str(missing)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"onrecord: error: no store at {missing}: run `onrecord ingest`")
    assert "--create" in err and err.count("\n") == 1
    # The store named by the environment, or the default ./onrecord.db, the same way.
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ONRECORD_DB", raising=False)
    assert main(["serve"]) == 2
    assert "no store at onrecord.db (the default" in capsys.readouterr().err
    monkeypatch.setenv("ONRECORD_DB", str(missing))
    assert main(["serve"]) == 2
    assert not missing.exists() and not (tmp_path / "onrecord.db").exists() and not seen
    # Asked for, it is made, empty, and served.
    assert main(["serve", "--db", str(missing), "--create"]) == 0
    assert missing.exists()
    c = TestClient(seen["app"], base_url="http://127.0.0.1:8000")
    assert c.get("/documents").json()["total"] == 0
