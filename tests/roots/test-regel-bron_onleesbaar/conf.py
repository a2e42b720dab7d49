extensions = ["stand"]
language = "nl"
project = "Testroot"
stand_bronnen = [
    {
        "organisatie": "Dienst Nergens (fictief)",
        "needs_json": "bronnen/nergens/needs.json",
        "site": "https://nergens.example/stand/",
    }
]
