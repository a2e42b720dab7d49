/* A table wider than the screen scrolls inside furo's .table-wrapper. Without a link
   in it, a keyboard cannot reach it to scroll (WCAG 2.1.1), so while such a table
   scrolls its wrapper is a named region with a tab stop of its own. */
(() => {
  const MARK = "standScroll";
  // A caption's permalink (.headerlink) is hidden until hovered: it takes no focus.
  const FOCUSABLE = "a[href]:not(.headerlink), button, input, select, textarea, [tabindex]";
  // The table's caption, else the heading of its section: regions need distinct names.
  const name = (wrapper) => {
    const caption = wrapper.querySelector("caption");
    const heading = wrapper
      .closest("section")
      ?.querySelector(":scope > :is(h1, h2, h3, h4, h5, h6)");
    const text = (element) =>
      [...element.childNodes]
        .filter((child) => !child.classList?.contains("headerlink"))
        .map((child) => child.textContent)
        .join("")
        .trim();
    if (caption) return text(caption);
    return heading ? `Tabel bij ‘${text(heading)}’` : "Tabel";
  };
  const update = () => {
    for (const wrapper of document.querySelectorAll("article .table-wrapper")) {
      const scrolls =
        wrapper.scrollWidth > wrapper.clientWidth && !wrapper.querySelector(FOCUSABLE);
      if (scrolls && !wrapper.hasAttribute("tabindex")) {
        wrapper.dataset[MARK] = "";
        wrapper.tabIndex = 0;
        wrapper.setAttribute("role", "region");
        wrapper.setAttribute("aria-label", name(wrapper));
      } else if (!scrolls && MARK in wrapper.dataset) {
        delete wrapper.dataset[MARK];
        for (const name of ["tabindex", "role", "aria-label"]) wrapper.removeAttribute(name);
      }
    }
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", update);
  } else {
    update();
  }
  window.addEventListener("resize", update);
})();
