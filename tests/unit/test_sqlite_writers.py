"""SQLite writers queue in-process; every way a transaction ends lets the next one in."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from mend.db import make_engine, make_sessionmaker


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    eng = make_engine(f"sqlite:///{tmp_path / 'w.db'}")
    yield eng  # type: ignore[misc]
    eng.dispose()


def next_writer_gets_in(engine: Engine) -> bool:
    done = threading.Event()

    def write() -> None:
        with make_sessionmaker(engine)() as s:
            s.execute(text("select 1"))
            s.commit()
        done.set()

    threading.Thread(target=write, daemon=True).start()
    return done.wait(timeout=5)


@pytest.mark.parametrize("ending", ["commit", "rollback", "close", "dropped"])
def test_the_lock_is_handed_on(engine: Engine, ending: str) -> None:
    session = make_sessionmaker(engine)()
    session.execute(text("select 1"))
    if ending == "dropped":
        del session
        gc.collect()
    else:
        getattr(session, ending)()
    assert next_writer_gets_in(engine)


def test_a_second_writer_waits_for_the_first(engine: Engine) -> None:
    first = make_sessionmaker(engine)()
    first.execute(text("select 1"))
    done = threading.Event()

    def second() -> None:
        with make_sessionmaker(engine)() as s:
            s.execute(text("select 1"))
            s.commit()
        done.set()

    threading.Thread(target=second, daemon=True).start()
    assert not done.wait(timeout=0.3)
    first.commit()
    assert done.wait(timeout=5)
    first.close()
