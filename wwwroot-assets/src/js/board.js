// Board cards drag in every browser: Firefox starts a drag only when it carries some data. Blazor hears the drag itself
// (dragstart on the card, drop on the column); this only fills the drag's data, once for the whole document.
export function carryCards() {
  if (window.ldBoardDrag) return;
  window.ldBoardDrag = true;
  document.addEventListener('dragstart', event => {
    const card = event.target instanceof Element ? event.target.closest('.ld-kcard[draggable=true]') : null;
    if (!card || !event.dataTransfer) return;
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData('text/plain', card.getAttribute('aria-label') ?? '');
  });
}
