"""``onrecord claims`` and ``GET /claims``: link a store's claims, search them by meaning,
show who is behind one."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient

from onrecord.document import Document
from onrecord.pipeline import _article
from onrecord.serve.app import create_app
from onrecord.store import open_store
from support.cli import run_cli

TEXTS = (
    "Mayor Tom Reyes said the harbour ferry will keep running through the winter.",
    '"The harbour ferry will keep running through the winter," Reyes told reporters.',
)


@pytest.fixture
def claims_db(tmp_path: Path) -> str:
    from onrecord.pipeline import load_pipeline

    nlp = load_pipeline(use_model=False, claims=True)
    db = str(tmp_path / "claims.db")
    with open_store(db) as store:
        for i, text in enumerate(TEXTS):
            doc = Document(text=text, id=f"d{i}", metadata={"date": f"2024-03-0{i + 1}"})
            store.add_article(_article(nlp(text), doc))
        store.commit()
    return db


def test_cli_links_searches_and_shows_a_claim(
    claims_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run_cli("claims", "--db", claims_db, "--link", capsys=capsys)
    assert code == 0 and out.startswith("linked 2 claims; 1 new corpus claims, 1 in all")
    code, out = run_cli("claims", "ferry runs in winter", "--db", claims_db, "--format", "json",
                        capsys=capsys)  # fmt: skip
    hits = json.loads(out)
    assert code == 0 and hits[0]["n_claims"] == 2
    code, out = run_cli("claims", "--id", str(hits[0]["id"]), "--db", claims_db, capsys=capsys)
    assert code == 0 and out.count("  + ") == 2 and "Tom Reyes" in out
    code, out = run_cli("claims", "--id", "999", "--db", claims_db, capsys=capsys)
    assert code == 1 and "no corpus claim 999" in out


def test_cli_claims_without_a_question_is_a_usage_error(
    claims_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run_cli("claims", "--db", claims_db, capsys=capsys)
    assert code == 2 and "--link" in out


def test_api_claims(claims_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    run_cli("claims", "--db", claims_db, "--link", capsys=capsys)
    with TestClient(create_app(claims_db, nlp_factory=lambda: None)) as client:
        hits = client.get("/claims", params={"q": "the ferry keeps running"}).json()["items"]
        assert hits and hits[0]["n_claims"] == 2
        claim = client.get(f"/claims/{hits[0]['id']}").json()
        assert [v["doc_id"] for v in claim["voices"]] == ["d0", "d1"]
        assert claim["first"] == {"doc_id": "d0", "published": "2024-03-01"}
        assert client.get("/claims/999").status_code == 404
        assert client.get("/claims", params={"q": " "}).status_code == 422


def test_reader_claim_page_and_the_articles_link_to_it(
    claims_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    run_cli("claims", "--db", claims_db, "--link", capsys=capsys)
    with TestClient(create_app(claims_db, nlp_factory=lambda: None)) as client:
        cid = client.get("/claims", params={"q": "the ferry keeps running"}).json()["items"][0][
            "id"
        ]
        page = client.get(f"/reader/claims/{cid}").text
        assert page.count('<li class="result voice">') == 2
        assert 'href="/reader/articles/d0#attr-' in page and "2024-03-01" in page
        article = client.get("/reader/articles/d1").text
        assert f'href="/reader/claims/{cid}"' in article
        assert client.get("/reader/claims/999").status_code == 404


def test_linking_on_a_dask_cluster_links_as_this_process_does(
    claims_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("distributed", reason="needs dask[distributed]")
    import shutil

    here = str(tmp_path / "here.db")
    shutil.copy(claims_db, here)
    code, local = run_cli("claims", "--db", here, "--link", capsys=capsys)
    code_dask, dask = run_cli("claims", "--db", claims_db, "--link", "--engine", "dask",
                              "--workers", "2", capsys=capsys)  # fmt: skip
    assert code == code_dask == 0
    assert dask == local and dask.startswith("linked 2 claims; 1 new corpus claims")
    with open_store(here) as a, open_store(claims_db) as b:
        ids_a, vectors_a = a.corpus_vectors()
        ids_b, vectors_b = b.corpus_vectors()
    # The same vectors wherever they were embedded: each text alone, the same model.
    assert ids_a == ids_b and np.array_equal(vectors_a, vectors_b)


def test_cluster_options_without_the_dask_engine_are_a_usage_error(
    claims_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from onrecord.cli import main

    code = main(["claims", "--db", claims_db, "--link", "--workers", "2"])
    assert code != 0 and "--engine dask" in capsys.readouterr().err
