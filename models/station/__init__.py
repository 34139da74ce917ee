"""The station's directory: the station, its teams, beats and people, and its clock."""
