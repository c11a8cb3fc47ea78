/**
 * Work done in units, so that a caller on a thread others share can pause between them: each
 * `yield` ends a unit (a sheet read, a table checked). The command line and the tests run the
 * steps straight through with `finish`; the task pane, where the custom functions wait on the same
 * thread, gives the event loop a turn between units (src/taskpane/work). Either way the result is
 * the same value: the units are the same code, in the same order.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs the steps to the end at once and gives their result. */
export function finish<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
