// Leaves a toast (cookie ld.toast, as the server writes it) for the static page an interactive page is about to load.
export function leave(name, value) {
  const secure = location.protocol === "https:" ? "; secure" : "";
  document.cookie = `${name}=${encodeURIComponent(value)}; path=/; max-age=60; samesite=lax${secure}`;
}
