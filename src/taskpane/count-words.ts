/**
 * What Count findings (count-command.ts) tells its dialog (findings.ts) and hears back: the
 * check's words in the dialog's address, and the two messages its buttons send. One place for
 * both pages, and nothing else here, so the dialog's own script stays a few hundred bytes.
 */

/** What the dialog says: the check's words, never anything to run. */
export interface CountWords {
  /** "1 error, 10 warnings, 0 notes." (the check's own wording) */
  summary: string;
  /** "In 4 tables; deadlines judged as of 31 March 2025, the report date at …" */
  detail: string;
  /** Set when the check could not be run: what went wrong, in words. */
  failed?: string;
}

/** The messages the dialog's buttons send (Office's messageParent). */
export const DIALOG_MESSAGES = { openCheck: "open-check", close: "close" } as const;

/** The dialog's address for these words. */
export function countDialogUrl(page: string, words: CountWords): string {
  const url = new URL(page);
  url.searchParams.set("summary", words.summary);
  url.searchParams.set("detail", words.detail);
  if (words.failed) url.searchParams.set("failed", words.failed);
  return url.toString();
}

/** The words from the dialog's address ("" for any not given). */
export function countText(search: string): Required<CountWords> {
  const query = new URLSearchParams(search);
  return { summary: query.get("summary") ?? "", detail: query.get("detail") ?? "", failed: query.get("failed") ?? "" };
}
