"""The duty shift: handing it over (交接班) from one duty officer to the next."""
