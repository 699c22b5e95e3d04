// Start the NHS.UK frontend components (header menu, error summary focus, skip link, ...).
import { initAll } from "../vendor/nhsuk-frontend/nhsuk-frontend.min.js";

// Every htmx request carries the CSRF token the page was rendered with (<meta name="csrf-token">).
const csrfToken = document.querySelector('meta[name="csrf-token"]')?.content;
document.body.addEventListener("htmx:configRequest", (event) => {
  if (csrfToken) event.detail.headers["X-CSRFToken"] = csrfToken;
});

initAll();
document.body.addEventListener("htmx:afterSwap", (event) => initAll({ scope: event.detail.target }));
