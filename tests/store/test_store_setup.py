"""First-time setup of a SQLite store is serialised across processes by a lock file beside it."""

from __future__ import annotations

import fcntl
import subprocess
import sys
import time
from pathlib import Path

from kronika.store import open_store
from tests.conftest import ROOT

# Opens the store at argv[1] once the wall clock reaches argv[2], so that processes start together.
_OPEN = """
import sys, time
from kronika.store import open_store
start = float(sys.argv[2])
while time.time() < start:
    pass
with open_store(sys.argv[1]) as st:
    print(st.count_documents())
"""


def _spawn(url: str, start: float) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", _OPEN, url, str(start)], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_store_setup_two_processes_on_a_fresh_file(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    start = time.time() + 2.0  # after both interpreters have imported Kronika
    procs = [_spawn(url, start) for _ in range(2)]
    outs = [p.communicate(timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err for _, err in outs]
    assert [out.strip() for out, _ in outs] == ["0", "0"]
    with open_store(url) as st:  # one schema, usable by a third process
        assert st.count_documents() == 0


def test_store_setup_waits_for_the_lock_holder(tmp_path: Path):
    db = tmp_path / "held.db"
    with open(f"{db}.lock", "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)  # as another process in the middle of setting up this store
        proc = _spawn(f"sqlite:///{db}", 0.0)
        time.sleep(3.0)
        assert proc.poll() is None, "setup went ahead while another process held the setup lock"
        assert not db.exists() or db.stat().st_size == 0
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert out.strip() == "0"
