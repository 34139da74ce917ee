"""Assessment (考核评价): the regulation's indicators computed from the work records."""
