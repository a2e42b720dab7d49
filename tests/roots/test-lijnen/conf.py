extensions = ["stand"]
language = "nl"
project = "Testroot"
