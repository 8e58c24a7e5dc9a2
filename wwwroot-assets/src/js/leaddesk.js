// LeadDesk's small progressive enhancements. Every page works without this file.
(() => {
  "use strict";

  // Close an open <details> menu on Escape or on a click outside it.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    document.querySelectorAll("details.ld-menu[open]").forEach((menu) => {
      menu.removeAttribute("open");
      menu.querySelector("summary")?.focus();
    });
  });
  document.addEventListener("click", (event) => {
    document.querySelectorAll("details.ld-menu[open]").forEach((menu) => {
      if (!menu.contains(event.target)) menu.removeAttribute("open");
    });
  });

  // Forms and buttons with data-confirm ask before a destructive action.
  document.addEventListener("submit", (event) => {
    const message = event.submitter?.dataset.confirm ?? event.target.dataset.confirm;
    if (message && !window.confirm(message)) event.preventDefault();
  }, true);

  // After an htmx page swap, move focus to the new page's main region for screen-reader and keyboard users.
  document.addEventListener("htmx:afterSettle", (event) => {
    if (event.detail.boosted) document.getElementById("main")?.focus({ preventScroll: true });
  });
})();
