/**
 * Work done in units, so that a caller on a thread others share can pause between them: each
 * `yield` ends a unit (a sheet read, a table checked). The command line and the tests run the
 * steps straight through with `finish`; the task pane, where the custom functions wait on the same
 * thread, gives the event loop a turn between units (src/taskpane/work). Either way the result is
 * the same value: the units are the same code, in the same order.
 */
export type Steps<T> = Generator<void, T, unknown>;

/**
 * Steps that may also wait on something outside (a chosen file being unpacked): a unit that
 * yields a promise is resumed with the promise's value once it settles, and its rejection is
 * thrown where it was yielded. Only the pane's runners (src/taskpane/work) run these.
 */
export type WorkSteps<T> = Generator<void | Promise<unknown>, T, unknown>;

/** Waits on `promise` within WorkSteps, giving its value. */
export function* awaiting<T>(promise: Promise<T>): WorkSteps<T> {
  return (yield promise) as T;
}

/** Runs the steps to the end at once and gives their result. */
export function finish<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * Runs WorkSteps to the end, waiting where they wait; `between`, when given, runs after each unit
 * (told whether the unit waited) and may pause or stop the run by throwing.
 */
export async function finishWaiting<T>(steps: WorkSteps<T>, between?: (waited: boolean) => void | Promise<void>): Promise<T> {
  let sent: { value: unknown } | { error: unknown } = { value: undefined };
  for (;;) {
    const next: IteratorResult<void | Promise<unknown>, T> = "error" in sent ? steps.throw(sent.error) : steps.next(sent.value);
    if (next.done) return next.value;
    sent = { value: undefined };
    const waited = next.value instanceof Promise;
    if (waited) {
      try {
        sent = { value: await next.value };
      } catch (error) {
        sent = { error };
      }
    }
    if (between) await between(waited);
  }
}
