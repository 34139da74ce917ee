import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from models.dispatch.repeats import (
    EarlierCall,
    RepeatPolicy,
    call_keys,
    chinese_numeral,
    find_repeats,
    normalise_address,
    normalise_name,
    normalise_phone,
)

T0 = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)


def earlier(alert_id, days_ago, address=None, parties=(), phone=None, category="dispute"):
    return EarlierCall(
        alert_id=alert_id,
        number=f"X-{alert_id:04d}",
        received_at=T0 - days_ago * DAY,
        category=category,
        keys=call_keys(address, parties, caller_phone=phone),
    )


def test_addresses_written_differently_compare_equal():
    forms = [
        "青禾路十二号三栋201室",
        "青禾路 12 号 3 幢 201",
        "青禾路１２号３号楼２０１室门口",
        "青禾路12号，3栋201室附近",
    ]
    assert len({normalise_address(f) for f in forms}) == 1
    assert normalise_address("青禾路12号3栋201") != normalise_address("青禾路12号3栋202")


def test_vague_or_empty_addresses_link_nothing():
    assert normalise_address("") is None
    assert normalise_address("附近") is None
    assert normalise_address("路口") is None


def test_chinese_numerals():
    assert [chinese_numeral(t) for t in ("十二", "二十", "一百零五", "二〇三", "十")] == [
        12, 20, 105, 203, 10,
    ]  # fmt: skip


def test_names():
    assert normalise_name("  韩 晓 东 ") == "韩晓东"
    assert normalise_name("欧阳·明") == "欧阳明"
    assert normalise_name("王先生") is None
    assert normalise_name("匿名") is None
    assert normalise_name("李") is None


def test_phones():
    assert normalise_phone("+86 139-0000-1234") == "13900001234"
    assert normalise_phone("0086 13900001234") == "13900001234"
    assert normalise_phone("１３９００００１２３４") == "13900001234"
    assert normalise_phone("12") is None


def test_second_call_links_but_does_not_flag():
    keys = call_keys("青禾路12号3栋201", ["韩晓东"])
    finding = find_repeats(keys, "dispute", T0, [earlier(1, 3, address="青禾路十二号三栋201室")])
    assert [link.alert_id for link in finding.links] == [1]
    assert str(finding.links[0].phrases[0]) == "same address"
    assert finding.calls == 2
    assert not finding.repeated and not finding.offer_escalation


def test_third_call_flags_repeated_dispute_and_offers_escalation():
    keys = call_keys("青禾路12号3栋201", ["韩晓东", "邵美玲"])
    calls = [
        earlier(1, 20, address="青禾路12号3栋201"),
        earlier(2, 5, parties=["邵美玲"]),
    ]
    finding = find_repeats(keys, "dispute", T0, calls)
    assert finding.calls == 3
    assert finding.repeated and finding.offer_escalation
    assert finding.chain == (1, 2)
    assert [link.alert_id for link in finding.links] == [2, 1]  # newest first
    assert str(finding.links[0].phrases[0]) == "same party 邵美玲"
    assert "Art. 76" in str(finding.phrases[0])
    assert "Art. 74" in str(finding.phrases[1])


def test_links_chain_through_other_calls():
    keys = call_keys(None, ["韩晓东"])
    calls = [
        earlier(1, 9, address="柳岸小区5栋", parties=["邵美玲"]),
        earlier(2, 4, address="柳岸小区5栋", parties=["韩晓东"]),
    ]
    finding = find_repeats(keys, "dispute", T0, calls)
    assert [link.alert_id for link in finding.links] == [2]
    assert finding.chain == (1, 2)
    assert finding.repeated


def test_calls_outside_the_window_or_of_other_kinds_are_ignored():
    keys = call_keys("柳岸小区5栋", caller_phone="13900001234")
    calls = [
        earlier(1, 31, address="柳岸小区5栋"),
        earlier(2, 2, address="柳岸小区5栋", category="criminal_case"),
        earlier(3, 1, phone="139 0000 1234"),
    ]
    finding = find_repeats(keys, "dispute", T0, calls)
    assert finding.chain == (3,)
    assert str(finding.links[0].phrases[0]) == "same caller phone"
    wider = find_repeats(keys, "dispute", T0, calls, RepeatPolicy(window=40 * DAY))
    assert wider.chain == (1, 3)
    assert find_repeats(keys, "help", T0, calls).calls == 1


@given(st.permutations(list(range(1, 6))))
def test_order_of_earlier_calls_does_not_matter(order):
    keys = call_keys("柳岸小区5栋")
    calls = [earlier(i, i, address="柳岸小区5栋" if i % 2 else "青禾路8号") for i in order]
    calls += [earlier(10 + i, i, address="青禾路8号", parties=["韩晓东"]) for i in order[:1]]
    finding = find_repeats(keys, "dispute", T0, calls)
    assert finding.chain == (5, 3, 1)
    assert finding.calls == 4


@given(st.text(max_size=40))
def test_normalising_never_fails_and_is_idempotent(text):
    once = normalise_address(text)
    if once is not None:
        assert normalise_address(once) == once
    name = normalise_name(text)
    if name is not None:
        assert normalise_name(name) == name


def test_the_reasons_for_a_link_are_said_in_chinese():
    from models.dispatch.phrase import join
    from models.messages import phrase, word

    said = (word("repeat.same_address"), phrase("repeat.same_party", name="邵美玲"))
    assert join(said, "zh_CN") == "同一地址；同一当事人 邵美玲"
    assert join(said) == "same address; same party 邵美玲"
