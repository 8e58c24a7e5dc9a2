// The board's drag and drop. Without it every card keeps its "Move to…" link (keyboard and no-JS path).
(() => {
  "use strict";

  const dialog = () => document.getElementById("ld-move-dialog");
  const boardOf = (node) => node.closest("[data-board]");

  // Reload the board as the server sees it: counts, sums and the card back in its column after a refusal.
  const refresh = (board) => {
    if (!board || !window.htmx) return Promise.resolve();
    return htmx.ajax("GET", board.dataset.refreshUrl, { target: "#board", select: "#board", swap: "outerHTML" });
  };

  const token = (board) => board.querySelector("[data-board-token] input[name=__RequestVerificationToken]")?.value ?? "";

  const post = async (board, body) => {
    const response = await fetch("/board/move", { method: "POST", body, headers: { Accept: "text/html" }, credentials: "same-origin" });
    const text = await response.text();
    if (response.status === 422) {
      showDialog(board, text);
      return;
    }
    const ok = response.ok;
    window.ldToast(ok || (response.headers.get("Content-Type")?.startsWith("text/plain") && text) ? text : "The lead could not be moved.", ok ? "success" : "error");
    // Closing the dialog refreshes the board (its close handler); otherwise refresh here.
    if (dialog()?.open) dialog().close();
    else await refresh(board);
  };

  const showDialog = (board, html) => {
    const box = dialog();
    if (!box) return;
    box.innerHTML = html;
    const form = box.querySelector("form");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      post(board, new FormData(form));
    });
    box.querySelector("[data-dialog-cancel]")?.addEventListener("click", () => box.close());
    if (!box.open) {
      box.addEventListener("close", () => refresh(board), { once: true });
      box.showModal();
    }
    (box.querySelector(".is-invalid") ?? box.querySelector("input:not([type=hidden]), select"))?.focus();
  };

  const move = (board, card, stageId) => {
    card.classList.add("is-moving");
    const body = new FormData();
    body.append("leadId", card.dataset.leadId);
    body.append("stageId", stageId);
    body.append("__RequestVerificationToken", token(board));
    post(board, body).catch(() => {
      window.ldToast("The server could not be reached; nothing was moved.", "error");
      refresh(board);
    });
  };

  const init = (root) => {
    if (!window.Sortable) return;
    root.querySelectorAll("[data-board] [data-cards]").forEach((list) => {
      if (list.dataset.sortable) return;
      list.dataset.sortable = "true";
      Sortable.create(list, {
        group: "board",
        sort: false,
        animation: 150,
        draggable: ".ld-kcard",
        ghostClass: "is-ghost",
        delayOnTouchOnly: true,
        delay: 150,
        onEnd: (event) => {
          if (event.from !== event.to) move(boardOf(event.to), event.item, event.to.dataset.stageId);
        },
      });
    });
  };

  document.addEventListener("DOMContentLoaded", () => init(document));
  document.addEventListener("htmx:load", (event) => init(event.detail.elt));
})();
