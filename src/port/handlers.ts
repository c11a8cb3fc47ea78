/**
 * Handling each kind of operation through a record with one entry per kind, rather than a
 * switch: a switch compiles with a kind left out and then ignores that kind at run time, where a
 * record typed `Handlers<…>` does not compile until every kind has its handler. The planner and
 * every adapter dispatch this way, so a kind added to WorkbookOperation is refused by the
 * compiler until each of them handles it.
 */

/** One handler for each kind of the union `Op`, taking that kind's own operation type. */
export type Handlers<Op extends { kind: string }, R, Args extends unknown[] = []> = {
  [K in Op["kind"]]: (op: Extract<Op, { kind: K }>, ...args: Args) => R;
};

/**
 * Whether `handlers` has a handler of its own for `kind`. The kind may come from outside (an
 * operation list from JSON), and a plain lookup would find "toString" or "constructor" on the
 * record's prototype.
 */
export function handles(handlers: object, kind: unknown): boolean {
  return typeof kind === "string" && Object.prototype.hasOwnProperty.call(handlers, kind);
}

/** Calls the handler for `op`'s kind; throws for a kind the record has none for. */
export function dispatch<Op extends { kind: string }, R, Args extends unknown[]>(
  handlers: Handlers<Op, R, Args>,
  op: Op,
  ...args: Args
): R {
  if (!handles(handlers, op.kind)) throw new Error(`There is no handler for the operation "${String(op.kind)}".`);
  // The record pairs each kind with its own operation type, a correlation TypeScript cannot
  // follow through an index by a union of kinds: the one widening is here, not in every caller.
  const handler = handlers[op.kind as Op["kind"]] as (op: Op, ...args: Args) => R;
  return handler(op, ...args);
}
