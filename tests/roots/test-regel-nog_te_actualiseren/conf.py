extensions = ["stand"]
language = "nl"
project = "Testroot"
# The publication check, as `stand controleer --publicatie` runs it (sphinx-build -t publicatie).
tags.add("publicatie")  # noqa: F821 (Sphinx puts ``tags`` in conf.py's namespace)
