"""Files the program ships with: message catalogues, translations, fonts, style sheets, icons,
document samples."""
