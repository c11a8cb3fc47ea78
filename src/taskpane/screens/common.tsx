import { Button, MessageBar, MessageBarBody, MessageBarTitle, Spinner, makeStyles, tokens } from "@fluentui/react-components";
import { useCallback, useEffect, useRef, useState } from "react";
import type { WorkbookPort } from "../../port";
import { SLICED, type WorkRunner } from "../work";

/** What every screen is given: the workbook port and a way to say the workbook changed. */
export interface ScreenProps {
  port: WorkbookPort;
  /** Call after each apply, so Home and the preview read the workbook again. */
  onChanged: () => void;
  /** Where heavy work runs: the pane's worker, or slices of the pane's thread (the default). */
  work?: WorkRunner;
}

/** The screen's runner for heavy work. */
export function workOf(props: Pick<ScreenProps, "work">): WorkRunner {
  return props.work ?? SLICED;
}

export const useScreenStyles = makeStyles({
  screen: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
  },
  row: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
  },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
  },
  heading: {
    margin: 0,
  },
  /** Options one under another, each on its own line. */
  options: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
  },
  scroll: {
    overflowX: "auto",
    maxWidth: "100%",
  },
  /**
   * A drop-down as wide as the pane at most: a native select is otherwise as wide as its longest
   * option, which on Excel's narrow pane (320–350 px) ran off its side. The chosen option is cut
   * with an ellipsis; the open list shows each option whole.
   */
  fitSelect: {
    minWidth: 0,
    maxWidth: "100%",
    "& select": { minWidth: 0, maxWidth: "100%", textOverflow: "ellipsis" },
  },
});

/** An error in plain words, with what to do next. */
export function problemText(error: unknown, next: string): string {
  const message = error instanceof Error ? error.message : String(error);
  // A write Excel stopped part-way says itself what was made: the screen's own advice (which may
  // say nothing was changed) would not be true.
  if (error instanceof Error && error.name === "WriteStopped") return `${message.replace(/\.?$/, ".")} Look at those cells before trying again.`;
  // Input beyond the limits says itself what to do instead.
  if (error instanceof Error && error.name === "TooLarge") return message;
  return `${message.replace(/\.?$/, ".")} ${next}`;
}

/** Thrown inside a task's work when the user cancels it. */
export class Cancelled extends Error {
  constructor() {
    super("Cancelled");
    this.name = "Cancelled";
  }
}

/** What a task's work is given: ways to say how far it has got and to stop when cancelled. */
export interface Work {
  signal: AbortSignal;
  /** Says what is happening now, lets the page repaint, and stops here if the user cancelled. */
  step(label: string): Promise<void>;
  /** Waits for `promise` (a read from Excel, a file), or stops at once if the user cancels. */
  wait<T>(promise: Promise<T>): Promise<T>;
  /**
   * From here on the work writes to the workbook in one batch, which cannot be stopped half
   * way: Cancel is withdrawn, so the user is never told "stopped" about a write that happened.
   */
  committing(label: string): void;
}

export interface Task {
  busy: boolean;
  /** What the work is doing now, for the progress line. */
  label: string | null;
  /** Shown once work has run longer than a moment, until it starts writing. */
  cancellable: boolean;
  error: string | null;
  /** Set after the user cancelled: what was (not) done. */
  stopped: string | null;
  /** Runs `work`, showing progress; a failure becomes `error`, said with `next` (what to do next). */
  run: (work: (w: Work) => Promise<void>, next: string) => Promise<void>;
  cancel: () => void;
  clearError: () => void;
}

/** How long work runs before Cancel is offered: quick reads should not flash a button. */
export const CANCEL_AFTER_MS = 300;

const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Busy, progress, cancel and error state for a screen's one long operation at a time. */
export function useTask(): Task {
  const [busy, setBusy] = useState(false);
  const [label, setLabel] = useState<string | null>(null);
  const [cancellable, setCancellable] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [stopped, setStopped] = useState<string | null>(null);
  const current = useRef<{ controller: AbortController; committing: boolean } | null>(null);

  const run = useCallback(async (work: (w: Work) => Promise<void>, next: string) => {
    // A write in progress is never abandoned for new work: it finishes (or fails) and says so.
    if (current.current?.committing) return;
    current.current?.controller.abort();
    const controller = new AbortController();
    const mine = { controller, committing: false };
    current.current = mine;
    const live = () => current.current === mine;
    const aborted = new Promise<never>((_, reject) => controller.signal.addEventListener("abort", () => reject(new Cancelled()), { once: true }));
    aborted.catch(() => undefined);
    setBusy(true);
    setLabel(null);
    setError(null);
    setStopped(null);
    setCancellable(false);
    const timer = setTimeout(() => live() && !mine.committing && setCancellable(true), CANCEL_AFTER_MS);
    const w: Work = {
      signal: controller.signal,
      step: async (text) => {
        if (controller.signal.aborted) throw new Cancelled();
        if (live()) setLabel(text);
        await nextFrame();
        if (controller.signal.aborted) throw new Cancelled();
      },
      wait: (promise) => Promise.race([promise, aborted]),
      committing: (text) => {
        if (controller.signal.aborted) throw new Cancelled();
        mine.committing = true;
        if (live()) {
          setLabel(text);
          setCancellable(false);
        }
      },
    };
    try {
      await work(w);
    } catch (e) {
      if (!(e instanceof Cancelled) && live()) setError(problemText(e, next));
    } finally {
      clearTimeout(timer);
      if (live()) {
        current.current = null;
        setBusy(false);
        setLabel(null);
        setCancellable(false);
      }
    }
  }, []);

  const cancel = useCallback(() => {
    const mine = current.current;
    if (!mine || mine.committing) return;
    mine.controller.abort();
    // The screen is free at once; anything still arriving from Excel for the cancelled work is ignored.
    current.current = null;
    setBusy(false);
    setLabel(null);
    setCancellable(false);
    setStopped("Stopped. Nothing was changed in the workbook.");
  }, []);

  useEffect(() => () => current.current?.controller.abort(), []);

  const clearError = useCallback(() => setError(null), []);
  return { busy, label, cancellable, error, stopped, run, cancel, clearError };
}

/** Progress with Cancel while a task runs, its error if it failed, and a note if it was stopped. */
export function TaskStatus({ task, label }: { task: Task; label: string }) {
  const styles = useScreenStyles();
  return (
    <>
      {task.busy && (
        <div className={styles.row} role="status" aria-live="polite">
          <Spinner size="tiny" label={task.label ?? label} />
          {task.cancellable && (
            <Button size="small" onClick={task.cancel}>
              Cancel
            </Button>
          )}
        </div>
      )}
      {task.stopped && !task.busy && <Notice intent="info" title={task.stopped} />}
      {task.error && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Something went wrong</MessageBarTitle>
            {task.error}
          </MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}

/** A short success or information message. */
export function Notice({ intent = "success", title, children }: { intent?: "success" | "info" | "warning"; title: string; children?: React.ReactNode }) {
  return (
    <MessageBar intent={intent} layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {children}
      </MessageBarBody>
    </MessageBar>
  );
}
