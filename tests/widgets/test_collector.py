import gc
import weakref

from widgets.collector import CycleCollector


def test_cycles_are_freed_by_the_timer_on_this_thread_not_automatically(qtbot) -> None:
    threshold = gc.get_threshold()
    try:
        collector = CycleCollector(interval_ms=10)
        assert not gc.isenabled()

        class Node:
            pass

        a, b = Node(), Node()
        a.other, b.other = b, a  # a cycle only the collector can free
        gone = weakref.ref(a)
        del a, b
        gc.set_threshold(0, *threshold[1:])  # any count is past it
        collector.threshold = gc.get_threshold()
        assert gone() is not None  # nothing collected it by itself
        qtbot.waitUntil(lambda: gone() is None, timeout=2000)
    finally:
        gc.set_threshold(*threshold)
        gc.enable()
