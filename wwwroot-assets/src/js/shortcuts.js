// "/" puts the cursor in the global search box, unless the user is typing somewhere (or holds a modifier).
export function focusOnSlash(selector) {
  if (window.ldSearchShortcut) return;
  window.ldSearchShortcut = true;
  document.addEventListener('keydown', event => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    const target = event.target;
    if (target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
    const box = document.querySelector(selector);
    if (!box || box.offsetParent === null) return;
    event.preventDefault();
    box.focus();
  });
}
