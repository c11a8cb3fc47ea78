/**
 * How the pane keeps its reads of the workbook from piling up in Excel (issue 25, item 2).
 *
 *  - One reading of the workbook in flight at a time: `oneReadAtATime` makes every read of the
 *    pane wait for the one before it to finish. A read that is no longer wanted (its screen's work
 *    was cancelled, or a newer read took its place) is told so through its signal, and the office
 *    adapter then starts no further round trip for it, so the wait is at most one sync.
 *  - Excel's change events come in bursts (a paste of a column is one event per sheet touched; a
 *    co-author's typing is one event per cell), and `worksheets.onChanged` brings co-authors'
 *    edits too. `coalesce` turns a burst into one call once the workbook has been quiet for a
 *    moment, so a screen that follows the workbook reads it once per burst, not once per event.
 */
import { ReadCancelled, type ReadOptions, type SheetRead, type WorkbookPort } from "../port";

/** How long the workbook must be quiet after a change event before a screen reads it again. */
export const CHANGE_QUIET_MS = 500;
/** However long a stream of edits goes on, a screen following the workbook reads it at least this often. */
export const CHANGE_MAX_WAIT_MS = 5000;

/**
 * The port with its reads one at a time: a read waits until the read before it has settled
 * (answered, failed or stopped), and is not started at all if its own signal was aborted
 * meanwhile. Writes, listings and selecting go straight through.
 */
export function oneReadAtATime(port: WorkbookPort): WorkbookPort {
  let last: Promise<unknown> = Promise.resolve();
  const readSheets = (names?: string[], options: ReadOptions = {}): Promise<SheetRead[]> => {
    const before = last;
    const read = before.then(
      () => startRead(port, names, options),
      () => startRead(port, names, options),
    );
    last = read.catch(() => undefined);
    return read;
  };
  const serial: WorkbookPort = {
    listSheets: () => port.listSheets(),
    readSheets,
    apply: (operations) => port.apply(operations),
    select: (sheet, address) => port.select(sheet, address),
  };
  if (port.watchChanges) serial.watchChanges = (onChange) => port.watchChanges!(onChange);
  return serial;
}

function startRead(port: WorkbookPort, names: string[] | undefined, options: ReadOptions): Promise<SheetRead[]> {
  if (options.signal?.aborted) return Promise.reject(new ReadCancelled());
  return port.readSheets(names, options);
}

export interface Coalescer {
  /** A change happened: `fire` runs once things are quiet (or the longest wait is up). */
  poke(): void;
  /** Forgets a pending call (the pane is going away). */
  cancel(): void;
}

/**
 * Calls `fire` once after a burst of pokes: when `quietMs` have passed with no new poke, or
 * `maxWaitMs` after the first poke of the burst, whichever comes first.
 */
export function coalesce(fire: () => void, quietMs = CHANGE_QUIET_MS, maxWaitMs = CHANGE_MAX_WAIT_MS): Coalescer {
  let quiet: ReturnType<typeof setTimeout> | null = null;
  let longest: ReturnType<typeof setTimeout> | null = null;
  const clear = () => {
    if (quiet !== null) clearTimeout(quiet);
    if (longest !== null) clearTimeout(longest);
    quiet = longest = null;
  };
  const go = () => {
    clear();
    fire();
  };
  return {
    poke: () => {
      if (quiet !== null) clearTimeout(quiet);
      quiet = setTimeout(go, quietMs);
      longest ??= setTimeout(go, maxWaitMs);
    },
    cancel: clear,
  };
}
