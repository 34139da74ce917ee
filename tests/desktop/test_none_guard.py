import sys

from PySide6.QtCore import QObject

from desktop import none_guard


def test_void_calls_no_longer_endanger_none(qapp):
    none_guard.protect_none()
    before = sys.getrefcount(None)
    probe = QObject()
    for _ in range(100_000):  # far more than None has references on an unguarded 3.11
        probe.setObjectName("x")
    after = sys.getrefcount(None)
    if none_guard.faulty():
        assert before >= none_guard.RESERVE
        assert after > none_guard.RESERVE // 2
    else:
        assert after >= before - 10


def test_signal_emits_no_longer_endanger_true(qapp):
    from PySide6.QtCore import Signal

    class Emitter(QObject):
        ping = Signal(bool)

    none_guard.protect_none()
    emitter = Emitter()
    emitter.ping.connect(lambda _flag: None)
    before = sys.getrefcount(True)
    for _ in range(20_000):  # an unguarded 3.11 has a few thousand references to True
        emitter.ping.emit(False)
    after = sys.getrefcount(True)
    if none_guard.bools_faulty():
        assert before >= none_guard.RESERVE and sys.getrefcount(False) >= none_guard.RESERVE
        assert after > none_guard.RESERVE // 2
    else:
        assert after >= before - 10
