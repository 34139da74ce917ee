"""The dispute ledger (矛盾纠纷台账, Art. 74–76; seed 003's weekly screening).

Every dispute the station intervenes in — from a dispute alert or found on a visit —
is one record with its parties, risk, the body responsible for mediating it, a deadline
and a state; follow-up visits and state changes are appended, never overwritten. Calls
the board links as repeats of the same quarrel are carried over to the record of the
quarrel instead of opening a new one.
"""
