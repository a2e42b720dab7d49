extensions = ["stand"]
language = "nl"
project = "Testroot"
stand_organisatie = "Dienst Epsilon (fictief)"
