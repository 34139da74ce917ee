"""Files the program ships beside its code: catalogues of messages, translations, fonts, icons, styles."""
