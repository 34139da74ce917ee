"""Rosters: A/B pairs, absences, substitutes, coverage, the duty rota, staffing and the work calendar."""
