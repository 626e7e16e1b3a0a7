// Inside Telegram: the Mini App's launch data is in the page's URL fragment (tgWebAppData),
// read here without Telegram's script (no third-party code on the page). It is sent once to
// /app/session, which sets the session cookie; then the page loads again, signed in.
(function () {
  "use strict";
  const theme = new URLSearchParams(location.hash.slice(1)).get("tgWebAppThemeParams");
  if (theme) {
    try {
      const p = JSON.parse(theme);
      const root = document.documentElement.style;
      if (p.bg_color) root.setProperty("--bg", p.bg_color);
      if (p.text_color) root.setProperty("--fg", p.text_color);
      if (p.hint_color) root.setProperty("--muted", p.hint_color);
      const card = p.secondary_bg_color || p.section_bg_color || p.bg_color;
      if (card) root.setProperty("--card", card);
      if (p.button_color) root.setProperty("--accent", p.button_color);
    } catch (e) { /* not JSON: keep the page's own colours */ }
  }
  const launch = new URLSearchParams(location.hash.slice(1)).get("tgWebAppData");
  if (!launch || !document.getElementById("signin")) return;
  fetch(location.pathname.replace(/\/$/, "") + "/session", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ init_data: launch }),
    credentials: "same-origin",
  }).then(function (answer) {
    if (answer.ok) location.reload();  // the same address, fragment and all: now signed in
  });
})();
