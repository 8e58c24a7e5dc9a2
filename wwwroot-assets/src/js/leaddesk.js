// LeadDesk's small progressive enhancements. Every page works without this file.
(() => {
  "use strict";

  // ---- Toasts: server ones (after a redirect) fade out; script ones use the same region.
  const toastRegion = () => document.getElementById("ld-toasts");

  const dismissLater = (toast) => {
    setTimeout(() => {
      toast.classList.add("is-leaving");
      setTimeout(() => toast.remove(), 400);
    }, toast.classList.contains("is-error") ? 9000 : 5000);
  };

  window.ldToast = (message, kind = "success") => {
    const region = toastRegion();
    if (!region || !message) return;
    const toast = document.createElement("div");
    toast.className = `ld-toast ${kind === "error" ? "is-error" : "is-success"}`;
    const icon = document.createElement("i");
    icon.className = `bi ${kind === "error" ? "bi-exclamation-triangle-fill" : "bi-check-circle-fill"}`;
    icon.setAttribute("aria-hidden", "true");
    const text = document.createElement("span");
    text.textContent = message;
    toast.append(icon, text);
    region.append(toast);
    dismissLater(toast);
  };

  const settle = (root) => root.querySelectorAll?.(".ld-toast:not([data-timed])").forEach((toast) => {
    toast.dataset.timed = "true";
    dismissLater(toast);
  });
  document.addEventListener("DOMContentLoaded", () => settle(document));
  document.addEventListener("htmx:afterSettle", () => settle(document));

  // A boosted link or form that lands on a page moved to interactive Blazor (issue 9) loads it whole: that page has its
  // own head (MudBlazor, Blazor's script) and must start its circuit, which a swap into this page cannot do. So do the
  // sign-in and error pages (their own stylesheet, no Bootstrap); an error page answering a form post replaces this
  // document as it came, since loading its address again would not repeat the post.
  document.addEventListener("htmx:beforeSwap", (event) => {
    const xhr = event.detail.xhr;
    if (!event.detail.boosted) return;
    const interactive = xhr.responseText.includes("_framework/blazor.web");
    const standalone = xhr.responseText.includes("css/account.css");
    if (!interactive && !standalone) return;
    event.detail.shouldSwap = false;
    if (standalone && xhr.status >= 400 && event.detail.requestConfig?.verb !== "get") {
      const page = new DOMParser().parseFromString(xhr.responseText, "text/html");
      document.replaceChild(document.adoptNode(page.documentElement), document.documentElement);
      return;
    }
    window.location.assign(xhr.responseURL || event.detail.pathInfo.finalRequestPath);
  });

  // A failed htmx request says why in its body (plain text from the server); show it.
  document.addEventListener("htmx:responseError", (event) => {
    const xhr = event.detail.xhr;
    const type = xhr.getResponseHeader("Content-Type") || "";
    const message = type.startsWith("text/plain") && xhr.responseText
      ? xhr.responseText
      : xhr.status === 404 ? "That lead no longer exists, or is not visible to you." : "That did not work. Reload the page and try again.";
    window.ldToast(message, "error");
  });

  // A secret shown once (a new API token) is selected on focus, ready to copy.
  document.addEventListener("focusin", (event) => {
    if (event.target.matches?.("[data-select-on-focus]")) event.target.select();
  });

  // ---- Close an open <details> menu or popover on Escape or on a click outside it.
  const openPanels = () => document.querySelectorAll("details.ld-menu[open], details.ld-popover[open]");
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    openPanels().forEach((panel) => {
      panel.removeAttribute("open");
      panel.querySelector("summary")?.focus();
    });
  });
  document.addEventListener("click", (event) => {
    openPanels().forEach((panel) => {
      if (!panel.contains(event.target)) panel.removeAttribute("open");
    });
  });

  // ---- Bulk actions on the lead list: select all, count, and confirm with the count.
  const selectedIds = () => document.querySelectorAll("input[name=ids][form=bulk]:checked");
  const syncBulk = () => {
    const form = document.getElementById("bulk");
    if (!form) return;
    const count = selectedIds().length;
    form.classList.toggle("has-selection", count > 0);
    const label = form.querySelector("[data-bulk-count]");
    if (label) label.textContent = count > 0 ? `${count} selected:` : "Select leads in the table, then";
    const all = document.querySelector("[data-select-all]");
    const boxes = document.querySelectorAll("input[name=ids][form=bulk]");
    if (all) {
      all.checked = boxes.length > 0 && count === boxes.length;
      all.indeterminate = count > 0 && count < boxes.length;
    }
  };
  document.addEventListener("change", (event) => {
    if (event.target.matches("[data-select-all]")) {
      document.querySelectorAll("input[name=ids][form=bulk]").forEach((box) => { box.checked = event.target.checked; });
    }
    if (event.target.matches("[data-select-all], input[name=ids][form=bulk]")) syncBulk();
  });
  document.addEventListener("htmx:afterSettle", syncBulk);
  document.addEventListener("DOMContentLoaded", syncBulk);

  // ---- Forms and buttons with data-confirm ask before a destructive action ({count}: selected leads).
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (form.id === "bulk" && selectedIds().length === 0) {
      event.preventDefault();
      window.ldToast("Select at least one lead first.", "error");
      return;
    }
    const message = event.submitter?.dataset.confirm ?? form.dataset.confirm;
    if (message && !window.confirm(message.replace("{count}", String(selectedIds().length)))) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  // After an htmx page swap, move focus to the new page's main region for screen-reader and keyboard users;
  // after a tab switch, to the tab now open.
  document.addEventListener("htmx:afterSettle", (event) => {
    if (event.detail.boosted) document.getElementById("main")?.focus({ preventScroll: true });
    else if (event.detail.elt?.id === "lead-tab") event.detail.elt.querySelector(".ld-tab.is-current")?.focus({ preventScroll: true });
  });
})();
