/**
 * The bearer token for servers started with `STALLSIM_TOKEN`: asked for once in a small dialog when the API
 * first answers 401, kept in `sessionStorage` (gone when the tab closes) and sent on write requests.
 */
import { h } from "./dom.ts";

const KEY = "stallsim.token";

export function storedToken(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function storeToken(token: string | null): void {
  try {
    if (token === null) sessionStorage.removeItem(KEY);
    else sessionStorage.setItem(KEY, token);
  } catch {
    // Storage can be disabled; the token then lives only as long as this request.
  }
}

let pending: Promise<string | null> | null = null;

/**
 * Asks the user for the token (one dialog at a time, however many requests are waiting); resolves to
 * the token, or null when the user cancels. `rejected` says a stored token was just refused.
 */
export function askForToken(rejected: boolean): Promise<string | null> {
  pending ??= showDialog(rejected).finally(() => (pending = null));
  return pending;
}

function showDialog(rejected: boolean): Promise<string | null> {
  return new Promise((resolve) => {
    const input = h("input", { type: "password", name: "token", autocomplete: "off", required: true });
    const dialog = h(
      "dialog",
      { class: "token-dialog", "aria-labelledby": "token-title" },
      h(
        "form",
        { method: "dialog" },
        h("h2", { id: "token-title" }, "Access token"),
        h(
          "p",
          {},
          rejected
            ? "The server refused the token. Enter the right one."
            : "This server protects runs with a token (STALLSIM_TOKEN). Enter it to go on; it is kept for this tab only.",
        ),
        h("label", {}, "Token ", input),
        h(
          "div",
          { class: "dialog-buttons" },
          h("button", { value: "cancel", formnovalidate: true }, "Cancel"),
          h("button", { value: "ok", class: "primary" }, "Use token"),
        ),
      ),
    );
    dialog.addEventListener("close", () => {
      const token = dialog.returnValue === "ok" ? input.value.trim() : "";
      dialog.remove();
      storeToken(token || null);
      resolve(token || null);
    });
    document.body.append(dialog);
    dialog.showModal();
    input.focus();
  });
}
