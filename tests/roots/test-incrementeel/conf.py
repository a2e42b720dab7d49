extensions = ["stand"]
language = "nl"
project = "Testroot incrementeel"
html_theme = "furo"
