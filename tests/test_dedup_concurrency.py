"""Re-clustering beside other commands: two dedups, an ingest and a merge at once, killed or not."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from dedup_helpers import corpus

from factcheck.cli import cli
from factcheck.store import Store

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
FACTCHECK = [sys.executable, "-m", "factcheck"]


def write_jsonl(path: Path, texts: list[str], size: int, prefix: str) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for n, start in enumerate(range(0, len(texts), size)):
            body = "\n\n".join([f"{prefix} report {n} from the wire desk.", *texts[start : start + size]])
            handle.write(json.dumps({"text": body, "title": f"{prefix} {n}"}) + "\n")
    return path


def factcheck(*args: str) -> Result:
    """A command run in this process (the concurrent ones run as processes of their own)."""
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def claims(db: Path) -> dict[str, str]:
    with Store(db) as store:
        return {m.id: m.claim_id or "" for m in store.iter_mentions()}


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A clustered database, a file to ingest, another database to merge, and the reference:
    the same commands run one after the other."""
    root = tmp_path_factory.mktemp("concurrent")
    texts = corpus(seed=8, claims=100)
    files = {
        "ingest": write_jsonl(root / "ingest.jsonl", texts[: len(texts) // 2], 8, "Ingest"),
        "other_jsonl": write_jsonl(root / "other.jsonl", texts[len(texts) // 2 :], 8, "Other"),
    }
    base, other, reference = root / "base.db", root / "other.db", root / "reference.db"
    assert factcheck("ingest", str(SEEDS), "--db", str(base)).exit_code == 0
    assert factcheck("ingest", str(SEEDS), str(files["other_jsonl"]), "--db", str(other)).exit_code == 0
    assert factcheck("dedup", "--threshold", "95", "--db", str(other)).exit_code == 0  # other claims
    reference.write_bytes(base.read_bytes())
    for args in (["ingest", str(files["ingest"])], ["merge", str(other)], ["dedup"]):
        done = factcheck(*args, "--db", str(reference))
        assert done.exit_code == 0, done.stderr
    return {"base": base, "other": other, "reference": reference, **files}


def commands(setup: dict[str, Path], db: Path) -> list[list[str]]:
    return [
        [*FACTCHECK, "dedup", "--db", str(db)],
        [*FACTCHECK, "dedup", "--db", str(db)],
        [*FACTCHECK, "ingest", str(setup["ingest"]), "--db", str(db)],
        [*FACTCHECK, "merge", str(setup["other"]), "--db", str(db)],
    ]


def test_two_dedups_an_ingest_and_a_merge_at_once(setup: dict[str, Path], tmp_path: Path) -> None:
    db = tmp_path / "main.db"
    db.write_bytes(setup["base"].read_bytes())
    running = [
        subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for c in commands(setup, db)
    ]
    for process in running:
        _out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
    checked = factcheck("check", "--db", str(db))
    assert checked.exit_code == 0, checked.stderr
    assert claims(db) == claims(setup["reference"])


@pytest.mark.parametrize("seed", [1, 2])
def test_killed_at_random_the_database_stays_whole_and_the_next_run_recovers(
    setup: dict[str, Path], tmp_path: Path, seed: int
) -> None:
    rng = random.Random(seed)
    db = tmp_path / "main.db"
    db.write_bytes(setup["base"].read_bytes())
    running = [
        subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for c in commands(setup, db)
    ]
    victims = rng.sample(range(len(running)), k=rng.randint(1, len(running)))
    deadline = time.monotonic()
    for victim in sorted(victims, key=lambda _v: rng.random()):
        time.sleep(max(0.0, deadline + rng.uniform(0.3, 2.5) - time.monotonic()))
        if running[victim].poll() is None:
            os.kill(running[victim].pid, signal.SIGKILL)
    for process in running:
        process.wait(timeout=300)
    checked = factcheck("check", "--db", str(db))
    assert checked.exit_code == 0, checked.stderr  # whole after every commit
    for command in commands(setup, db)[1:]:  # the next runs finish the work
        done = factcheck(*command[len(FACTCHECK) :])
        assert done.exit_code == 0, done.stderr
    checked = factcheck("check", "--db", str(db))
    assert checked.exit_code == 0, checked.stderr
    assert claims(db) == claims(setup["reference"])
