// The board's cards drag with the mouse, the pen, and the finger. Blazor hears the drag (dragstart on the card, drop on
// a column, dragend); this script, installed once for the document, adds what the browsers leave out.
export function dragCards() {
  if (window.ldBoardDrag) return;
  window.ldBoardDrag = true;
  const draggable = target => target instanceof Element ? target.closest('.ld-kcard[draggable=true]') : null;

  // Firefox starts a drag only when it carries some data.
  document.addEventListener('dragstart', event => {
    const card = draggable(event.target);
    if (!card || !event.dataTransfer) return;
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData('text/plain', card.getAttribute('aria-label') ?? '');
  });

  // Touch screens send no drag events: a long press picks a card up, the finger lifted over a column drops it there
  // (the same events, so the page does not know the difference). A finger that moves before the press is long scrolls.
  let picked = null;
  let timer = 0;
  // Blazor reads the drag's dataTransfer: the event carries an empty one.
  const send = (name, target) => target.dispatchEvent(new DragEvent(name, { bubbles: true, cancelable: true, dataTransfer: new DataTransfer() }));
  document.addEventListener('touchstart', event => {
    const card = draggable(event.target);
    if (!card || event.touches.length !== 1) return;
    timer = setTimeout(() => {
      picked = card;
      send('dragstart', card);
      navigator.vibrate?.(20);
    }, 400);
  }, { passive: true });
  let over = null; // the column under the finger, marked for the eye
  const columnAt = touch => touch ? document.elementFromPoint(touch.clientX, touch.clientY)?.closest('section.ld-column') ?? null : null;
  const mark = column => {
    if (column === over) return;
    over?.removeAttribute('data-touch-over');
    column?.setAttribute('data-touch-over', '');
    over = column;
  };
  document.addEventListener('touchmove', event => {
    if (!picked) {
      clearTimeout(timer);
      return;
    }
    event.preventDefault(); // the page does not scroll under a card being carried
    mark(columnAt(event.touches[0]));
  }, { passive: false });
  const end = event => {
    clearTimeout(timer);
    if (!picked) return;
    event.preventDefault(); // no click on the card's link when it is put down
    const column = event.type === 'touchend' ? columnAt(event.changedTouches[0]) : null;
    mark(null);
    if (column) send('drop', column);
    send('dragend', picked);
    picked = null;
  };
  document.addEventListener('touchend', end, { passive: false });
  document.addEventListener('touchcancel', end, { passive: false });
}
