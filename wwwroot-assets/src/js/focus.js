// Puts the keyboard focus back after a list was drawn again: on the first of the selectors that finds an enabled element.
export function focusFirst(selectors) {
  for (const selector of selectors) {
    const element = document.querySelector(selector);
    if (element && !element.disabled) {
      element.focus();
      return;
    }
  }
}
