// Start the NHS.UK frontend components (header menu, error summary focus, skip link, ...).
import { initAll } from "../vendor/nhsuk-frontend/nhsuk-frontend.min.js";

// Every htmx request carries the CSRF token the page was rendered with (<meta name="csrf-token">).
const csrfToken = document.querySelector('meta[name="csrf-token"]')?.content;
document.body.addEventListener("htmx:configRequest", (event) => {
  if (csrfToken) event.detail.headers["X-CSRFToken"] = csrfToken;
});

initAll();
document.body.addEventListener("htmx:afterSwap", (event) => initAll({ scope: event.detail.target }));

// "Copy the link" buttons: <button data-copy-target="id-of-input">; the input stays for copying by hand.
document.body.addEventListener("click", (event) => {
  const button = event.target.closest("[data-copy-target]");
  const input = button && document.getElementById(button.dataset.copyTarget);
  if (!input) return;
  input.select();
  navigator.clipboard?.writeText(input.value).then(() => { button.textContent = "Link copied"; }, () => {});
});

// Mention suggestions: <button data-mention="Name"> puts "@Name " into the message box (data-mention-field) at
// the cursor; without JavaScript the name is there to type.
document.body.addEventListener("click", (event) => {
  const button = event.target.closest("[data-mention]");
  const field = button && document.querySelector("textarea[data-mention-field]");
  if (!field) return;
  const text = `@${button.dataset.mention} `;
  const at = field.selectionStart ?? field.value.length;
  const before = field.value.slice(0, at);
  const spacer = before && !/\s$/.test(before) ? " " : "";
  field.value = before + spacer + text + field.value.slice(field.selectionEnd ?? at);
  field.focus();
  const cursor = (before + spacer + text).length;
  field.setSelectionRange(cursor, cursor);
});
