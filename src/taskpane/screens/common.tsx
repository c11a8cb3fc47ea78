import { MessageBar, MessageBarBody, MessageBarTitle, Spinner, makeStyles, tokens } from "@fluentui/react-components";
import { useCallback, useState } from "react";
import type { WorkbookPort } from "../../workbook/port";

/** What every screen is given: the workbook port and a way to say the workbook changed. */
export interface ScreenProps {
  port: WorkbookPort;
  /** Call after each apply, so Home and the preview read the workbook again. */
  onChanged: () => void;
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
  scroll: {
    overflowX: "auto",
    maxWidth: "100%",
  },
});

/** An error in plain words, with what to do next. */
export function problemText(error: unknown, next: string): string {
  const message = error instanceof Error ? error.message : String(error);
  return `${message.replace(/\.?$/, ".")} ${next}`;
}

export interface Task {
  busy: boolean;
  error: string | null;
  /** Runs `work`, showing the spinner; a failure becomes `error`, said with `next` (what to do next). */
  run: (work: () => Promise<void>, next: string) => Promise<void>;
  clearError: () => void;
}

/** Busy and error state for a screen's one long operation at a time. */
export function useTask(): Task {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async (work: () => Promise<void>, next: string) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(problemText(e, next));
    } finally {
      setBusy(false);
    }
  }, []);
  const clearError = useCallback(() => setError(null), []);
  return { busy, error, run, clearError };
}

/** The spinner while a task runs, and its error if it failed. */
export function TaskStatus({ task, label }: { task: Task; label: string }) {
  return (
    <>
      {task.busy && <Spinner size="tiny" label={label} />}
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
