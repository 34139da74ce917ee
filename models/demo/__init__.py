"""A fictional station to try the program with; the same seed gives the same data."""

#: the demo accounts' password (admin, leader, duty …), shown on the sign-in panel of a demo station
DEMO_PASSWORD = "demo2026pass"
