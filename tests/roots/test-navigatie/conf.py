extensions = ["stand"]
language = "nl"
project = "Navigatie"
html_theme = "furo"
