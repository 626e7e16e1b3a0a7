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
      // The button's text in Telegram's own colour for it: never white on a light button.
      if (p.button_text_color) root.setProperty("--accent-fg", p.button_text_color);
      if (p.link_color) root.setProperty("--link", p.link_color);
    } catch (e) { /* not JSON: keep the page's own colours */ }
  }
  // Tables marked sortable: a click on a header sorts by that column (numbers as numbers),
  // a second click reverses.
  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("th").forEach(function (th, column) {
      th.tabIndex = 0;
      th.addEventListener("click", function () {
        const body = table.tBodies[0];
        const up = th.dataset.order !== "up";
        table.querySelectorAll("th").forEach(function (other) { delete other.dataset.order; });
        th.dataset.order = up ? "up" : "down";
        const key = function (row) {  // a cell starting with a number sorts by it
          const text = row.cells[column].textContent.trim();
          const found = text.replace("\u2212", "-").match(/^[+-]?\d+(?:[.,]\d+)?/);
          return found ? parseFloat(found[0].replace(",", ".")) : text;
        };
        Array.from(body.rows)
          .sort(function (a, b) {
            const x = key(a), y = key(b);
            const order = typeof x === typeof y ? (x < y ? -1 : x > y ? 1 : 0) : (typeof x === "number" ? -1 : 1);
            return up ? order : -order;
          })
          .forEach(function (row) { body.appendChild(row); });
      });
    });
  });
  // The survey editor: a question's new type shows its own fields at once (without
  // scripts, "Check and preview" does the same).
  document.querySelectorAll("select[data-recheck]").forEach(function (select) {
    select.addEventListener("change", function () {
      const check = select.form.querySelector("button.default-action");
      if (check) select.form.requestSubmit(check);
    });
  });
  // A one-time link's page: its button is pressed here, so a person opening the link is
  // signed in at once, while a link preview or a scanner fetching it uses nothing up.
  const signIn = document.getElementById("signin-form");
  if (signIn) {
    signIn.submit();
    return;
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
