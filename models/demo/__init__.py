"""A fictional station to try the program with; the same seed gives the same data."""
