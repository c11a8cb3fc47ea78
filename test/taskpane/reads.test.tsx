/**
 * @jest-environment jsdom
 */
// Reading the workbook as it changes (issue 25, item 2): Excel's change events come in bursts and
// bring co-authors' edits too; the pane reads once a burst has died down, one read at a time, a
// read no longer wanted stops at its next round trip, and Cancel stops the syncs that follow.
// Excel is the recording fake (test/workbook/office-fake.ts), each round trip taking `latencyMs`
// of jest's fake timers, so the test decides when each answer arrives.
import { readFileSync } from "fs";
import { join } from "path";
import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { parseDelimited } from "../../src/core/table/delimited";
import { App } from "../../src/taskpane/App";
import { requestScreen, takeScreenRequest } from "../../src/taskpane/commands";
import { CheckScreen } from "../../src/taskpane/screens/Check";
import { CHANGE_MAX_WAIT_MS, CHANGE_QUIET_MS, coalesce, oneReadAtATime } from "../../src/taskpane/reads";
import { OfficeWorkbook } from "../../src/adapters/office/office";
import { MemoryWorkbook } from "../../src/adapters/memory/memory";
import type { ReadOptions, SheetRead, WorkbookPort } from "../../src/port";
import { renderPane } from "../helpers/pane";
import { FakeExcel } from "../workbook/office-fake";

jest.setTimeout(60_000);

const SHEET = "savings-plan-messy";
const sample = () => ({ name: SHEET, values: parseDelimited(readFileSync(join(__dirname, "../fixtures/samples", `${SHEET}.tsv`), "utf8"), "\t") });
const EXCEL = { kind: "excel" as const, officeHost: "Excel" };

/**
 * Lets `ms` of fake time pass, with React's updates and the promises they wait on. React applies
 * what the timers set off as the act ends, so work that starts then (a read) starts in the next.
 */
async function pass(ms: number): Promise<void> {
  await act(async () => {
    await jest.advanceTimersByTimeAsync(ms);
  });
}

/** What a change has set off gets going (React's updates applied, the read started). */
const settle = () => pass(1);

/** The fake Excel with the savings sample, its adapter, and a spy on the adapter's reads. */
function excelWithPlan(latencyMs = 0) {
  const excel = FakeExcel.fromGrids([sample()]);
  excel.latencyMs = latencyMs;
  const port = new OfficeWorkbook(excel.run, { requirements: null });
  const reads = jest.spyOn(port, "readSheets");
  return { excel, port, reads };
}

/** The App in Excel, opened at Paper (as the ribbon's Paper button opens it), its paper prepared. */
async function paperInExcel(port: WorkbookPort, excel: FakeExcel) {
  requestScreen("paper");
  renderPane(<App host={EXCEL} port={port} />);
  for (let i = 0; i < 100 && !screen.queryByRole("region", { name: "The paper" }); i++) await pass(100);
  expect(screen.getByRole("region", { name: "The paper" }).textContent).toContain("Autism outreach team");
  // Watching for edits, once the first show has registered the handler.
  for (let i = 0; i < 50 && excel.changeHandlers.size === 0; i++) await pass(10);
  expect(excel.changeHandlers.size).toBe(1);
}

beforeEach(() => {
  jest.useFakeTimers();
  takeScreenRequest();
});

afterEach(() => {
  jest.useRealTimers();
});

describe("a burst of edits in Excel", () => {
  test("50 change events in a burst give one read of the workbook, once it has been quiet for a moment", async () => {
    const { excel, port, reads } = excelWithPlan();
    await paperInExcel(port, excel);
    const before = reads.mock.calls.length;
    expect(before).toBe(1);
    // A co-author pastes down a column: 50 events, 20 ms apart.
    for (let i = 0; i < 50; i++) {
      act(() => excel.userEdit(SHEET, "A2", i === 49 ? "Marker after the burst" : `Edit ${i}`, { source: "Remote" }));
      await pass(20);
    }
    await pass(CHANGE_QUIET_MS - 100);
    await settle();
    expect(reads).toHaveBeenCalledTimes(before);
    await pass(100);
    await settle();
    expect(reads).toHaveBeenCalledTimes(before + 1);
    await pass(10_000);
    expect(reads).toHaveBeenCalledTimes(before + 1);
    await waitFor(() => expect(screen.getByRole("region", { name: "The paper" }).textContent).toContain("Marker after the burst"));
  });

  test("the echo of the add-in's own change is not read again; a co-author's edit is", async () => {
    const { excel, port, reads } = excelWithPlan();
    await paperInExcel(port, excel);
    const before = reads.mock.calls.length;
    act(() => excel.userEdit(SHEET, "A2", "Written by the add-in", { source: "Local", triggerSource: "ThisLocalAddin" }));
    await pass(2 * CHANGE_QUIET_MS);
    await settle();
    expect(reads).toHaveBeenCalledTimes(before);
    act(() => excel.userEdit(SHEET, "A3", "Typed by a co-author", { source: "Remote" }));
    await pass(2 * CHANGE_QUIET_MS);
    await settle();
    expect(reads).toHaveBeenCalledTimes(before + 1);
  });
});

describe("a read in flight when the workbook changes again", () => {
  test("is superseded: it starts no further sync, the next read waits for it, and what it read is never shown", async () => {
    // Each round trip takes 600 ms. A read of the sample, its sheets known from the first, is two:
    // the used ranges (the sheet names confirmed with them), then the cells.
    const { excel, port, reads } = excelWithPlan(600);
    await paperInExcel(port, excel);
    let active = 0;
    let most = 0;
    const perRead: number[] = [];
    const inner = reads.getMockImplementation() ?? OfficeWorkbook.prototype.readSheets;
    reads.mockImplementation(function (this: OfficeWorkbook, names?: string[], options?: ReadOptions) {
      active++;
      most = Math.max(most, active);
      perRead.push(excel.syncCount);
      return inner.call(port, names, options).finally(() => active--);
    });
    const shown: string[] = [];
    const observer = new MutationObserver(() => shown.push(screen.queryByRole("region", { name: "The paper" })?.textContent ?? ""));
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    const before = reads.mock.calls.length;

    act(() => excel.userEdit(SHEET, "A2", "Marker A", { source: "Remote" }));
    // Quiet for a moment: the read of Marker A starts (t ≈ 550 ms), its first round trip answered at t ≈ 1,150 ms.
    await pass(CHANGE_QUIET_MS + 50);
    await settle();
    expect(reads).toHaveBeenCalledTimes(before + 1);
    const superseded = reads.mock.calls[before]![1]!.signal!;
    act(() => excel.userEdit(SHEET, "A2", "Marker B", { source: "Remote" }));
    // Quiet again (t ≈ 1,050 ms): a newer read is asked for while Marker A's first round trip is under way.
    await pass(CHANGE_QUIET_MS);
    await settle();
    expect(superseded.aborted).toBe(true);
    await pass(10_000);
    observer.disconnect();

    expect(reads).toHaveBeenCalledTimes(before + 2);
    // Marker A's read stopped after the sync under way: it never asked for the cells. Marker B's
    // made both of its syncs, after it. (perRead: the syncs made before each read started.)
    expect(perRead).toHaveLength(2);
    expect(perRead[1]! - perRead[0]!).toBe(1);
    expect(excel.syncCount - perRead[1]!).toBe(2);
    expect(most).toBe(1);
    expect(screen.getByRole("region", { name: "The paper" }).textContent).toContain("Marker B");
    expect(shown.some((text) => text.includes("Marker A"))).toBe(false);
  });
});

describe("Cancel", () => {
  test("during a read of several syncs stops the syncs that follow, and says nothing was changed", async () => {
    const excel = FakeExcel.fromGrids([sample()]);
    excel.latencyMs = 400;
    const port = new OfficeWorkbook(excel.run, { requirements: null });
    renderPane(<CheckScreen port={port} onChanged={jest.fn()} onChecked={jest.fn()} onSelected={jest.fn()} changes={0} />);
    fireEvent.click(screen.getByRole("button", { name: "Run" }));
    // Cancel is offered after a moment (t = 300 ms); at t = 450 ms the read is in its second sync.
    await pass(450);
    expect(excel.syncCount).toBe(2);
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.getByText("Stopped. Nothing was changed in the workbook.")).toBeTruthy();
    await pass(10_000);
    // The sync on its way when Cancel was pressed came back; none was started after it.
    expect(excel.syncCount).toBe(2);
    expect(screen.queryByText(/^Checked as of/)).toBeNull();
  });
});

describe("one read in flight at a time", () => {
  test("a read waits for the one before it, and one cancelled while waiting never reaches the workbook", async () => {
    const memory = MemoryWorkbook.fromGrids([sample()]);
    const started: string[] = [];
    const release: (() => void)[] = [];
    const slow: WorkbookPort = Object.assign(Object.create(memory) as MemoryWorkbook, {
      readSheets: (names?: string[]) => {
        started.push(names?.[0] ?? "all");
        return new Promise<SheetRead[]>((resolve) => release.push(() => resolve(memory.readSheets(names))));
      },
    });
    const serial = oneReadAtATime(slow);
    const first = serial.readSheets(["first"]);
    const dropped = new AbortController();
    const second = serial.readSheets(["second"], { signal: dropped.signal });
    const third = serial.readSheets(["third"]);
    await pass(0);
    expect(started).toEqual(["first"]);
    dropped.abort();
    release.shift()!();
    await expect(first).rejects.toThrow(/no sheet called "first"/);
    await expect(second).rejects.toMatchObject({ name: "ReadCancelled" });
    await pass(0);
    expect(started).toEqual(["first", "third"]);
    release.shift()!();
    await expect(third).rejects.toThrow(/no sheet called "third"/);
  });

  test("coalesce: one call per burst, and one at least every so often however long the edits go on", async () => {
    let calls = 0;
    const burst = coalesce(() => calls++);
    for (let i = 0; i < 50; i++) {
      burst.poke();
      await pass(10);
    }
    expect(calls).toBe(0);
    await pass(CHANGE_QUIET_MS);
    expect(calls).toBe(1);
    // An edit every 100 ms for 12 s: never quiet, so a call every CHANGE_MAX_WAIT_MS.
    for (let t = 0; t < 12_000; t += 100) {
      burst.poke();
      await pass(100);
    }
    expect(calls).toBe(1 + Math.floor(12_000 / CHANGE_MAX_WAIT_MS));
    burst.cancel();
    await pass(10_000);
    expect(calls).toBe(1 + Math.floor(12_000 / CHANGE_MAX_WAIT_MS));
  });
});
