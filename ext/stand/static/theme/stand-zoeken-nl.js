/* Dutch for the search page's messages that Sphinx's Dutch catalogue leaves empty
   (searchtools.js). Loaded after translations.js, whose entries it extends. */
Documentation.addTranslations({
  locale: "nl",
  // Sphinx's "(n != 1)" yields a boolean, which indexes no entry of a plural pair:
  // every plural message then comes out empty.
  plural_expr: "Number(n != 1)",
  messages: {
    "Search finished, found one page matching the search query.": [
      "Zoeken klaar: één pagina gevonden.",
      "Zoeken klaar: ${resultCount} pagina's gevonden.",
    ],
    ", in ": ", in ",
  },
});
