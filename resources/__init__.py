"""Files the program ships with: translations, fonts, style sheets, icons, document samples."""
