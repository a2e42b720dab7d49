extensions = ["stand"]
language = "nl"
project = "Testroot met hiaten"
# The gaps are the point of this root: the views must show them.
suppress_warnings = ["stand.dilemma_zonder_oplossing"]
