from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

import models.station.transfer  # noqa: F401
from models.accounts.actor import Actor
from models.errors import Refused
from models.station.people import Officer
from models.storage import db, transfer


def officers(engine: Engine) -> int:
    with db.session_scope(engine) as session:
        return session.scalar(select(func.count(Officer.id))) or 0


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_officers_round_trip(engine: Engine, station: Actor, tmp_path: Path, suffix: str) -> None:
    kind = transfer.kind_named("officers")
    out = tmp_path / f"officers{suffix}"
    with db.session_scope(engine) as session:
        exported = transfer.write_rows(out, kind, kind.exporter(session, station))
    rows = transfer.read_rows(out, kind)
    assert len(rows) == exported == officers(engine)
    with db.session_scope(engine) as session:
        assert transfer.import_rows(session, station, kind, rows, update=True) == exported


def test_bad_row_aborts_the_whole_import(engine: Engine, station: Actor, tmp_path: Path) -> None:
    kind = transfer.kind_named("officers")
    path = tmp_path / "new.csv"
    path.write_text("警号,姓名,电话\n801,甲一,13800138000\n802,,13800138001\n803,丙三,999\n",
                    encoding="utf-8")
    before = officers(engine)
    rows = transfer.read_rows(path, kind)
    with pytest.raises(transfer.ImportRejected) as caught, db.session_scope(engine) as session:
        transfer.import_rows(session, station, kind, rows, update=False)
    assert caught.value.row == 3 and caught.value.field == "name"
    assert [(r["row"], r["field"]) for r in caught.value.payload["rejected"]] == [
        (3, "name"), (4, "phone")]
    assert officers(engine) == before


def test_beats_with_forward_adjacency(engine: Engine, station: Actor, tmp_path: Path) -> None:
    path = tmp_path / "beats.csv"
    path.write_text("code,name,communities,adjacent\nB71,甲警务区,甲社区,B72\nB72,乙警务区,乙社区,\n",
                    encoding="utf-8")
    kind = transfer.kind_named("beats")
    with db.session_scope(engine) as session:
        transfer.import_rows(session, station, kind, transfer.read_rows(path, kind), update=False)
    from models.station import directory

    with db.session_scope(engine) as session:
        b72 = directory.beat_by_code(session, station.station_id, "B72")
        assert [b.code for b in b72.adjacent] == ["B71"]


def test_unknown_column_and_kind(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("code,name,shoe_size\n1,a,40\n", encoding="utf-8")
    with pytest.raises(Refused, match="shoe_size") as caught:
        transfer.read_rows(path, transfer.kind_named("officers"))
    assert caught.value.row == 1
    with pytest.raises(Refused, match="unknown kind"):
        transfer.kind_named("cars")
