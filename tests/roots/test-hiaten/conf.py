extensions = ["stand"]
language = "nl"
project = "Testroot met hiaten"
# The gaps are the point of this root: the views must show them. Its needs have no
# text, and a title with HTML tests that the views escape it.
suppress_warnings = ["stand.dilemma_zonder_oplossing", "stand.tekst_ontbreekt", "stand.html"]
