import type { CliIo } from "./io";

/** Work that has run this long, or input this large, says on stderr what it is doing. */
const QUIET_FOR_MS = 2_000;
const BIG_INPUT_BYTES = 5 * 1024 * 1024;

/**
 * What a long command is doing, one line a step on stderr ("hnb: checking 3 tables…"), so a
 * minute's work is not a silent terminal. Quiet for small inputs and quick work, as most runs
 * are: steps are shown once the command has run a few seconds or its input is large. The work
 * between steps blocks, so a step says what is starting, not a percentage.
 */
export class Progress {
  private readonly started: number;
  private shown = false;

  constructor(
    private readonly io: CliIo,
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
  }

  /** Notes an input's size: a large one is shown from its first step. */
  input(bytes: number): void {
    if (bytes >= BIG_INPUT_BYTES) this.shown = true;
  }

  step(text: string): void {
    if (!this.shown && this.now() - this.started < QUIET_FOR_MS) return;
    this.shown = true;
    const seconds = Math.round((this.now() - this.started) / 1000);
    this.io.stderr.write(`hnb: ${text}… (${seconds} s)\n`);
  }
}
