/**
 * The dialog the ribbon's Count findings opens (count-command.ts): the check's counts, from its
 * address, and two buttons that tell the add-in what to do next. Plain DOM, no React: it is
 * opened from the ribbon and should show at once. Its words are set as text, never as HTML.
 */

/** What the dialog says, from its address's query. */
export function countText(search: string): { summary: string; detail: string; failed: string } {
  const query = new URLSearchParams(search);
  return { summary: query.get("summary") ?? "", detail: query.get("detail") ?? "", failed: query.get("failed") ?? "" };
}

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
  doc.getElementById("open")?.addEventListener("click", () => send("open-check"));
  doc.getElementById("close")?.addEventListener("click", () => send("close"));
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
