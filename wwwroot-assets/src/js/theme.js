// Remembers the light/dark choice of the app bar's toggle for the server's next first paint (cookie ld.theme, a year).
export function remember(mode) {
  document.cookie = `ld.theme=${mode}; path=/; max-age=31536000; samesite=lax`;
}
