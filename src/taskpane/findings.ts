/**
 * The dialog the ribbon's Count findings opens (count-command.ts): the check's counts, from its
 * address, and two buttons that tell the add-in what to do next. Plain DOM, no React: it is
 * opened from the ribbon and should show at once. Its words are set as text, never as HTML.
 */
import { DIALOG_MESSAGES, countText } from "./count-words";

/** Fills the page in from its address and wires its buttons to `send` (Office's messageParent). */
export function showCounts(doc: Document, search: string, send: (message: string) => void): void {
  const { summary, detail, failed } = countText(search);
  const set = (id: string, text: string) => {
    const node = doc.getElementById(id);
    if (!node) return;
    node.textContent = text;
    node.hidden = text === "";
  };
  if (summary) set("summary", summary);
  set("detail", detail);
  set("failed", failed);
  doc.getElementById("open")?.addEventListener("click", () => send(DIALOG_MESSAGES.openCheck));
  doc.getElementById("close")?.addEventListener("click", () => send(DIALOG_MESSAGES.close));
  doc.getElementById("open")?.focus();
}

if (typeof document !== "undefined") {
  const send = (message: string) => {
    try {
      Office.context.ui.messageParent(message);
    } catch {
      // Outside Office (the page opened on its own): nothing to tell.
    }
  };
  const start = () => showCounts(document, window.location.search, send);
  if (typeof Office !== "undefined" && typeof Office.onReady === "function") void Office.onReady(start);
  else start();
}
