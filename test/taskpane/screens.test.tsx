/**
 * @jest-environment jsdom
 */
// One screen is rendered per test, as the user sees it, unless the test is about what the App
// does between screens (tabs, the browser preview, what Home and Check share, Excel's change
// events): those render the whole App, at the end of this file. Logic of a hook (useTask,
// useImport) is tested on the hook. One file, because each jsdom test file pays some seconds to
// load Fluent UI. Rendering goes through test/helpers/pane.tsx, which says what CSS is kept.
import { readFileSync } from "fs";
import { join } from "path";
import { act, fireEvent, renderHook, screen, waitFor, within } from "@testing-library/react";
import { parseDelimited } from "../../src/core/table/delimited";
import { App } from "../../src/taskpane/App";
import { CheckScreen, readAsOf } from "../../src/taskpane/screens/Check";
import { FixScreen } from "../../src/taskpane/screens/Fix";
import { HomeScreen } from "../../src/taskpane/screens/Home";
import { ImportScreen, useImport } from "../../src/taskpane/screens/Import";
import { PaperScreen } from "../../src/taskpane/screens/Paper";
import { TemplatesScreen } from "../../src/taskpane/screens/Templates";
import { CANCEL_AFTER_MS, problemText, useTask } from "../../src/taskpane/screens/common";
import { WriteStopped } from "../../src/port";
import { serialFromYmd } from "../../src/core/years";
import { MemoryWorkbook } from "../../src/adapters/memory/memory";
import { CHANGE_LOG_SHEET } from "../../src/app/changes";
import type { WorkbookPort } from "../../src/port";
import { renderPane } from "../helpers/pane";
import { SLICED, type WorkRunner } from "../../src/taskpane/work";
import { FakeExcel } from "../workbook/office-fake";
import { OfficeWorkbook } from "../../src/adapters/office/office";

// Generous for a loaded 2-core runner; a test here takes well under a second.
jest.setTimeout(30_000);

const SAMPLES = join(__dirname, "../fixtures/samples");
const sample = (name: string) => readFileSync(join(SAMPLES, `${name}.tsv`), "utf8");
const grid = (name: string) => ({ name, values: parseDelimited(sample(name), "\t") });

// Each screen as App renders it, its props in one place (Home's and Check's are about to change).
// What App passes and does between screens is tested with the App below.
const renderHome = (port: WorkbookPort, onChanged = jest.fn()) => renderPane(<HomeScreen port={port} onChanged={onChanged} version={0} lastCheck={null} />);
const renderTemplates = (port: WorkbookPort, onChanged = jest.fn()) => renderPane(<TemplatesScreen port={port} onChanged={onChanged} version={0} />);
const renderImport = (port: WorkbookPort, onChanged = jest.fn()) => renderPane(<ImportScreen port={port} onChanged={onChanged} />);
const renderCheck = (port: WorkbookPort) => renderPane(<CheckScreen port={port} onChanged={jest.fn()} onChecked={() => undefined} onSelected={() => undefined} changes={0} />);
const renderFix = (port: WorkbookPort, onChanged = jest.fn()) => renderPane(<FixScreen port={port} onChanged={onChanged} />);
const renderPaper = (port: WorkbookPort, onChanged = jest.fn()) => renderPane(<PaperScreen port={port} onChanged={onChanged} />);

function renderApp(port: WorkbookPort, memory: MemoryWorkbook | null) {
  return renderPane(<App host={{ kind: "browser", officeHost: null }} port={port} memory={memory} />);
}

type User = ReturnType<typeof renderPane>["user"];

async function openTab(user: User, name: string) {
  await user.click(within(screen.getByRole("tablist", { name: "Screens" })).getByRole("tab", { name }));
}

/** Pastes `text` into Import's box, as a user does with Ctrl+V. */
async function pasteIntoImport(user: User, text: string) {
  await user.click(screen.getByRole("textbox", { name: /Paste a table/ }));
  await user.paste(text);
}

/** Types the As of date on Check and runs it. */
async function runCheck(user: User, asOf: string) {
  const date = screen.getByLabelText("As of");
  await user.clear(date);
  if (asOf) await user.type(date, asOf);
  await user.click(screen.getByRole("button", { name: "Run" }));
}

describe("Home", () => {
  test("Home lists the tables the reader finds in the workbook", async () => {
    renderHome(MemoryWorkbook.fromGrids([grid("savings-plan-messy"), grid("dsg-budget")]));
    const tables = await screen.findByRole("table", { name: "Tables found" });
    expect(within(tables).getByText("Savings plan")).toBeTruthy();
    expect(within(tables).getByText("DSG budget (deficit)")).toBeTruthy();
  });

  test("Home shows the report date and re-enters HNB formulas that show #NAME?", async () => {
    const workbook = new MemoryWorkbook();
    await workbook.apply([
      { kind: "addSheet", name: "Plan" },
      { kind: "write", sheet: "Plan", at: "A1", values: [["Report date", "31/03/2025"], ["Green", "=HNB.RAG(A2)"]], formulas: true },
    ]);
    workbook.setCachedValues("Plan", "B2", [["#NAME?"]]);
    const onChanged = jest.fn();
    const { user, rerender } = renderHome(workbook, onChanged);
    expect(await screen.findByText("Report date: 31 March 2025, from Plan!B1, beside “Report date”. Check judges deadlines by it.")).toBeTruthy();
    await user.click(await screen.findByRole("button", { name: "Review the formula to re-enter" }));
    const listed = await screen.findByRole("list", { name: "Formulas to re-enter" });
    expect(listed.textContent).toMatch(/^Plan!B2: formula “=HNB.RAG\(A2\)” → “=HNB.RAG\(A2\)”/);
    expect(workbook.sheet(CHANGE_LOG_SHEET)).toBeUndefined();
    await user.click(screen.getByRole("button", { name: "Re-enter 1 formula" }));
    await screen.findByText("Re-entered 1 formula.");
    expect(workbook.sheet(CHANGE_LOG_SHEET)!.cell("D2").value).toBe("Formula");
    // Written again: the formula as it was, its stale #NAME? gone until Excel works it out.
    expect(workbook.sheet("Plan")!.cell("B2").formula).toBe("=HNB.RAG(A2)");
    expect(workbook.sheet("Plan")!.cell("B2").value).toBeNull();
    // The screen says the workbook changed; App then gives it a new version and Home reads again.
    expect(onChanged).toHaveBeenCalledTimes(1);
    rerender(<HomeScreen port={workbook} onChanged={onChanged} version={1} lastCheck={null} />);
    await waitFor(() => expect(screen.queryByRole("button", { name: "Review the formula to re-enter" })).toBeNull());
  });
});

describe("Templates", () => {
  test("Templates inserts sheets into a memory workbook and says which", async () => {
    const workbook = new MemoryWorkbook();
    const onChanged = jest.fn();
    const { user } = renderTemplates(workbook, onChanged);
    await user.click(within(screen.getByRole("group", { name: "Templates to insert" })).getByRole("checkbox", { name: "Savings Plan" }));
    const toAdd = await screen.findByRole("list", { name: "Sheets to be added" });
    expect(within(toAdd).getByText("Savings Plan")).toBeTruthy();
    expect(within(toAdd).getByText("RAG Key")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Insert" }));
    await screen.findByText(/Added 2 sheets: /);
    expect(workbook.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(["RAG Key", "Savings Plan"]));
    expect(screen.getByRole("list", { name: "What changed" }).children.length).toBeGreaterThan(0);
    expect(onChanged).toHaveBeenCalledTimes(1);
  });
});

describe("Import", () => {
  test("Import of a table the headings miss reads it by its shape and writes it with its checks", async () => {
    const workbook = new MemoryWorkbook();
    const { user } = renderImport(workbook);
    const text = readFileSync(join(__dirname, "..", "fixtures", "preview", "ehcp-numbers.tsv"), "utf8");
    await pasteIntoImport(user, text);
    expect(await screen.findByRole("option", { name: "EHCP numbers (read by its shape) (the add-in’s guess)" })).toBeTruthy();
    await user.click(await screen.findByRole("button", { name: "Write to a new sheet" }));
    await screen.findByText("Wrote the table to a new sheet, “EHCP numbers”, its checks to “Checks (EHCP numbers)”, and its notes to “Import notes”.");
    expect(workbook.sheets.map((s) => s.name)).toEqual(["EHCP numbers", "Checks (EHCP numbers)", "Import notes"]);
  });

  test("Import of a pasted sample writes a new sheet and shows the notes", async () => {
    const workbook = MemoryWorkbook.fromGrids([grid("dsg-budget")]);
    const onChanged = jest.fn();
    const { user } = renderImport(workbook, onChanged);
    await pasteIntoImport(user, sample("action-plan-messy"));
    expect(await screen.findByRole("option", { name: "Action plan (the add-in’s guess)" })).toBeTruthy();
    const preview = await screen.findByRole("table", { name: "Preview rows" });
    expect(within(preview).getAllByText("Continues").length).toBeGreaterThan(0);
    // The legend row is labelled once, in the preview.
    expect(screen.getAllByText("Legend")).toEqual([within(preview).getByText("Legend")]);
    expect(within(screen.getByRole("region", { name: "Import notes" })).getAllByRole("listitem").length).toBeGreaterThan(0);
    expect(screen.getByRole("checkbox", { name: "Add a checks sheet with HNB formulas" })).toHaveProperty("checked", true);
    await user.click(await screen.findByRole("button", { name: "Write to a new sheet" }));
    await screen.findByText("Wrote the table to a new sheet, “Action plan”, its checks to “Checks (Action plan)”, and its notes to “Import notes”.");
    expect(workbook.sheets.map((s) => s.name)).toEqual(["dsg-budget", "Action plan", "Checks (Action plan)", "Import notes"]);
    const added = workbook.sheets[1]!;
    expect(added.tables).toHaveLength(1);
    // The checks sheet: passed over by the reader as the add-in's own, a master check, HNB formulas over the table's cells.
    const checks = workbook.sheet("Checks (Action plan)")!;
    expect(checks.cell("A1").value).toBe("Master check: checks failing");
    expect(checks.cell("B1").formula).toBe("=SUM(C5:C5)");
    expect(checks.cell("B5").formula).toContain("HNB.RAGCHECK('Action plan'!H2:H10,$E$5:$E$7)");
    expect(checks.cell("B8").formula).toBe(`=HNB.RAGCOUNT('Action plan'!H2:H10,"Green",$E$5:$E$7)`);
    expect(checks.cell("A3").value).toBe("Report date");
    expect(checks.cell("B14").formula).toContain("HNB.OVERDUE('Action plan'!G2,'Action plan'!H2,");
    expect(workbook.sheet("dsg-budget")).toBeTruthy();
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  test("Import judges overdue actions by the report date the paper states, and says where it found it", async () => {
    const workbook = new MemoryWorkbook();
    const { user } = renderImport(workbook);
    await pasteIntoImport(user, `SEND action plan: position as at 31 March 2025\n\n${sample("action-plan-messy")}`);
    await user.click(await screen.findByRole("button", { name: "Write to a new sheet" }));
    await screen.findByText(/Overdue actions are judged as of 31 March 2025, the report date at 'Pasted table'!A1/);
    const checks = workbook.sheet("Checks (Action plan)")!;
    expect(checks.cell("B3").value).toBe(45747);
  });

  test("Import without a report date in the paper asks for one on the checks sheet", async () => {
    const { user } = renderImport(new MemoryWorkbook());
    await pasteIntoImport(user, sample("action-plan-messy"));
    await user.click(await screen.findByRole("button", { name: "Write to a new sheet" }));
    await screen.findByText(/Type the report date in B3 on “Checks \(Action plan\)” to count the overdue actions/);
  });

  test("Import of a budget monitoring table writes its lines and a checks sheet of TOTALCHECK, VARIANCE and the in-year position", async () => {
    const workbook = new MemoryWorkbook();
    const { user } = renderImport(workbook);
    await pasteIntoImport(user, sample("hnb-budget-monitoring"));
    expect(await screen.findByRole("option", { name: "Budget lines (monitoring, blocks, scenarios) (the add-in’s guess)" })).toBeTruthy();
    await user.click(await screen.findByRole("button", { name: "Write to a new sheet" }));
    await screen.findByText("Wrote the table to a new sheet, “Budget”, its checks to “Checks (Budget)”, and its notes to “Import notes”.");
    const table = workbook.sheet("Budget")!;
    expect([table.cell("A7").value, table.cell("E7").value]).toEqual(["1.2.3", 1751]);
    const checks = workbook.sheet("Checks (Budget)")!;
    expect(checks.cell("B8").formula).toContain("HNB.TOTALCHECK(Budget!C15,SUM(Budget!C3,Budget!C5:C7,Budget!C9:C14))");
    expect(checks.cell("B20").formula).toBe('=HNB.VARIANCE(Budget!C7,Budget!D7,"outturn - budget")');
  });

  test("Import reads the table as the kind chosen when the guess is wrong, and writes it so", async () => {
    const workbook = new MemoryWorkbook();
    const { user } = renderImport(workbook);
    await pasteIntoImport(user, sample("dsg-budget"));
    const kind = await screen.findByRole("combobox", { name: "Read as" });
    expect(within(kind).getByRole("option", { name: "DSG budget (deficit) (the add-in’s guess)" })).toBeTruthy();
    await user.selectOptions(kind, "savings-plan");
    expect(await screen.findByText(/Read as a savings plan: chosen by you/)).toBeTruthy();
    // Without the checks sheet: the table and its notes only.
    await user.click(screen.getByRole("checkbox", { name: "Add a checks sheet with HNB formulas" }));
    await user.click(await screen.findByRole("button", { name: "Write to a new sheet" }));
    await screen.findByText("Wrote the table to a new sheet, “Savings plan”, and its notes to “Import notes”.");
    expect(workbook.sheets.map((s) => s.name)).toEqual(["Savings plan", "Import notes"]);
    expect(workbook.sheet("Import notes")!.cell("D2").value).toMatch(/^Read as a savings plan: chosen by you/);
    await user.selectOptions(kind, "action-plan");
    expect(screen.queryByText(/Wrote the table/)).toBeNull();
  });

  test("Import reads a table as a kind only its shape shows (Read as a reserve), and writes it with that kind's sheet and checks", async () => {
    const workbook = new MemoryWorkbook();
    const { user } = renderImport(workbook);
    await pasteIntoImport(user, ["Block\tAllocation 2025/26\tAllocation 2024/25", "Schools Block\t96,093\t94,000", "High Needs Block\t19,190\t18,000", "Early Years Block\t6,997\t6,500", "Total\t122,280\t118,500"].join("\n"));
    const kind = await screen.findByRole("combobox", { name: "Read as" });
    expect(within(kind).getByRole("option", { name: "Budget by DSG block (read by its shape) (the add-in’s guess)" })).toBeTruthy();
    // Every kind the reader knows is offered, the guess once.
    expect(within(kind).getAllByRole("option")).toHaveLength(10);
    await user.selectOptions(kind, "reserve");
    await user.click(await screen.findByRole("button", { name: "Write to a new sheet" }));
    await screen.findByText(/^Wrote the table to a new sheet, “Reserve”, its checks to “Checks \(Reserve\)”/);
    expect(workbook.sheet("Reserve")!.cell("A2").value).toBe("Schools Block");
    expect(workbook.sheet("Import notes")!.cell("D2").value).toMatch(/chosen by you/);
  });

  test("Import marks cells it could not read, numbered to their notes", async () => {
    const { user } = renderImport(new MemoryWorkbook());
    await pasteIntoImport(user, sample("savings-plan-messy"));
    const preview = await screen.findByRole("table", { name: "Preview rows" });
    const unread = within(preview).getAllByLabelText(/^not read: note \d+/);
    expect(unread.length).toBeGreaterThan(0);
    const number = Number(/note (\d+)/.exec(unread[0]!.getAttribute("aria-label") ?? "")![1]);
    const notes = screen.getByRole("region", { name: "Import notes" });
    const item = within(notes).getAllByRole("listitem").find((li) => li.getAttribute("value") === String(number));
    expect(item!.textContent).toMatch(/^Not read: /);
    expect(item!.closest("ol")!.getAttribute("aria-label")).toBe("Could not read");
  });

  test("Import shows rows put back in line, split and guessed, and lists first what needs a person", async () => {
    const { user } = renderImport(new MemoryWorkbook());
    await pasteIntoImport(user, sample("action-tracker-pdf"));
    const preview = await screen.findByRole("table", { name: "Preview rows" });
    const labelled = (label: string) => within(preview).getAllByText(label).map((b) => b.closest("tr")!.querySelector("th")!.textContent!.trim().split(/\s/)[0]);
    expect(labelled("Split")).toEqual(["6", "7", "8"]);
    expect(labelled("Guess")).toEqual(["10"]);
    expect(labelled("Wrapped line")).toContain("3");
    expect(within(preview).getAllByLabelText(/^needs a person: note \d+/).length).toBeGreaterThan(0);
    const groups = within(screen.getByRole("region", { name: "Import notes" })).getAllByRole("list").map((l) => l.getAttribute("aria-label"));
    expect(groups[0]).toBe("Needs a person");
    expect(groups.indexOf("Inferred")).toBeGreaterThan(0);
    const written = screen.getByRole("table", { name: "Rows as written" });
    expect(within(written).getAllByLabelText(/^moved from [A-Z]+\d+, as pasted$/).length).toBeGreaterThan(0);
  });

  test("Import of a paste with cells past the last heading writes them in a column that says so", async () => {
    const workbook = new MemoryWorkbook();
    const { user } = renderImport(workbook);
    await pasteIntoImport(user, sample("savings-plan-shifted"));
    const written = await screen.findByRole("table", { name: "Rows as written" });
    expect(within(written).getByText("Past the last heading (column O)")).toBeTruthy();
    await user.click(await screen.findByRole("button", { name: "Write to a new sheet" }));
    await screen.findByText(/Wrote the table to a new sheet/);
    const values = [...workbook.sheet("Savings plan")!.cells()].map((c) => c.cell.value);
    expect(values).toContain("Ready for a wider rollout next year.");
  });

  test("Import never swaps in another table when the one chosen cannot be read as the kind chosen", async () => {
    const { user } = renderImport(new MemoryWorkbook());
    await pasteIntoImport(user, `${sample("savings-plan-messy").trimEnd()}\n\n\n${sample("action-plan-messy")}`);
    const table = await screen.findByRole("combobox", { name: /^Table \(2 found\)/ });
    await user.selectOptions(table, "1");
    await user.selectOptions(screen.getByRole("combobox", { name: "Read as" }), "deficit");
    expect(await screen.findByText("Not readable as a DSG budget")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Write to a new sheet" })).toBeNull();
  });
  test("Import reads the chosen table again as the kind chosen, and never as another table on the paste", async () => {
    const { result } = renderHook(() => useImport({ port: new MemoryWorkbook(), onChanged: jest.fn() }));
    act(() => result.current.paste(`${sample("savings-plan-messy").trimEnd()}\n\n\n${sample("action-plan-messy")}`));
    // The reading is a job (src/taskpane/work): its tables come back a moment later.
    await waitFor(() => expect(result.current.found.map((f) => f.kind)).toEqual(["savings-plan", "action-plan"]));
    act(() => result.current.setTableIndex(1));
    const chosen = result.current.chosen!;
    expect(chosen.kind).toBe("action-plan");
    act(() => result.current.setKind("deficit"));
    // Nothing to preview while the table is read again.
    expect(result.current.choice).toBeNull();
    await waitFor(() => expect(result.current.choice).not.toBeNull());
    expect(result.current.choice!.table).toBeNull();
    expect(result.current.choice!.preview).toBeNull();
    act(() => result.current.setKind("savings-plan"));
    await waitFor(() => expect(result.current.choice?.table).toBeTruthy());
    const again = result.current.choice!.table!;
    expect([again.kind, again.headerRow, again.lastRow]).toEqual(["savings-plan", chosen.headerRow, chosen.lastRow]);
  });
});

describe("Import when laying out the table fails", () => {
  test("offers to lay the table out again, the choice unchanged, and then previews it", async () => {
    let fail = true;
    const flaky = {
      run: (job: string, input: unknown, signal?: AbortSignal) => {
        if (job === "importChoice" && fail) {
          fail = false;
          return Promise.reject(new Error("The worker stopped."));
        }
        return SLICED.run(job as never, input as never, signal);
      },
    } as WorkRunner;
    const { user } = renderPane(<ImportScreen port={new MemoryWorkbook()} onChanged={jest.fn()} work={flaky} />);
    await pasteIntoImport(user, sample("savings-plan-messy"));
    const again = await screen.findByRole("button", { name: "Lay out the table again" });
    expect(screen.queryByRole("table", { name: "Preview rows" })).toBeNull();
    // The options stay to hand while there is no preview.
    expect(screen.getByRole("checkbox", { name: "Move rows pasted out of line back under their headings" })).toBeTruthy();
    await user.click(again);
    expect(await screen.findByRole("table", { name: "Preview rows" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Lay out the table again" })).toBeNull();
  });
});

describe("Import of too much", () => {
  test("a paste beyond the limits is refused with the limit it passed, and the pane goes on working", async () => {
    const { result } = renderHook(() => useImport({ port: new MemoryWorkbook(), onChanged: jest.fn() }));
    act(() => result.current.paste(["Initiative\tRAG", ...Array.from({ length: 200_001 }, (_, i) => `I${i}\tGreen`)].join("\n")));
    // Refused where the paste is read (a job, off the functions' thread), a moment later.
    await waitFor(() => expect(result.current.tooLarge).toBe("Pasted table holds 200,002 rows; at most 200,000 rows of a sheet can be read at once: copy the table's own rows to a new workbook or text file and use that."));
    expect(result.current.found).toEqual([]);
    act(() => result.current.paste(sample("savings-plan-messy")));
    expect(result.current.tooLarge).toBeNull();
    await waitFor(() => expect(result.current.found.map((f) => f.kind)).toEqual(["savings-plan"]));
  });

  test("the file picker says up front how much the add-in reads", () => {
    renderImport(new MemoryWorkbook());
    expect(screen.getByText("The add-in reads up to 200,000 rows a sheet and 1,000,000 cells in all, from a file or paste of up to 50 MB.")).toBeTruthy();
  });
});

describe("Check", () => {
  test("Check lists the savings sample's findings by severity, and clicking one selects its cell", async () => {
    const workbook = MemoryWorkbook.fromGrids([grid("savings-plan-messy")]);
    const { user } = renderCheck(workbook);
    const date = screen.getByLabelText("As of");
    await user.clear(date);
    await user.type(date, "31/03/2025");
    expect(screen.getByText(/Read as 31 March 2025/)).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Run" }));
    const groups = await screen.findAllByRole("region", { name: /^(Errors|Warnings|Information)$/ });
    expect(groups.length).toBeGreaterThan(0);
    const first = within(groups[0]!).getAllByRole("button")[0]!;
    const label = first.textContent ?? "";
    expect(label).toMatch(/^'?savings-plan-messy'?!\$?[A-Z]+\d+\S/);
    await user.click(first);
    await waitFor(() => expect(workbook.selection?.sheet).toBe("savings-plan-messy"));
    expect(label).toContain(`!${workbook.selection!.address}`);
  });

  test("Check folds one rule on many cells of a column into one finding, with a button for each cell", async () => {
    const workbook = MemoryWorkbook.fromGrids([grid("action-plan-messy")]);
    const { user } = renderCheck(workbook);
    await runCheck(user, "01/11/2025");
    const overdue = await screen.findByRole("region", { name: "Warnings: Overdue" });
    expect(within(overdue).getAllByRole("listitem")).toHaveLength(1);
    expect(overdue.textContent).toContain("7 cells in column F (F3:F6, F9:F10, F12)");
    const cells = within(overdue).getByRole("group", { name: "The 7 cells" });
    expect(within(cells).getAllByRole("button").map((b) => b.textContent)).toEqual(["F3", "F4", "F5", "F6", "F9", "F10", "F12"].map((c) => `Go to ${c}`));
    await user.click(within(cells).getByRole("button", { name: "Go to F10" }));
    await waitFor(() => expect(workbook.selection).toEqual({ sheet: "action-plan-messy", address: "F10" }));
  });

  test("the As of box reads dates day first and refuses days that do not exist or a whole year", () => {
    expect(readAsOf("31/03/2025")).toBe(serialFromYmd(2025, 3, 31));
    expect(readAsOf("2025-03-31")).toBe(serialFromYmd(2025, 3, 31));
    expect(readAsOf("March 2025")).toBe(serialFromYmd(2025, 3, 31));
    expect(readAsOf("2025-02-30")).toBeNull();
    expect(readAsOf("2025-13-01")).toBeNull();
    expect(readAsOf("2025")).toBeNull();
    expect(readAsOf("")).toBeUndefined();
  });
});

describe("Fix", () => {
  test("Fix previews the changes, then applies them and writes the change log", async () => {
    const workbook = MemoryWorkbook.fromGrids([grid("savings-plan-messy")]);
    const onChanged = jest.fn();
    const { user } = renderFix(workbook, onChanged);
    await user.click(screen.getByRole("button", { name: "Preview changes" }));
    const preview = await screen.findByRole("list", { name: "Changes to make" });
    const n = preview.children.length;
    expect(n).toBeGreaterThan(0);
    expect(workbook.sheet(CHANGE_LOG_SHEET)).toBeUndefined();
    await user.click(screen.getByRole("button", { name: new RegExp(`^Apply ${n} change`) }));
    await screen.findByText(new RegExp(`Applied ${n} change`));
    const log = workbook.sheet(CHANGE_LOG_SHEET);
    expect(log).toBeTruthy();
    expect(log!.cell("A1").value).toBe("When");
    expect(log!.usedRange()!.bottom).toBe(n);
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  test("Fix can put a drop-down of the key's statuses on each status column", async () => {
    const workbook = MemoryWorkbook.fromGrids([grid("action-plan-messy")]);
    const { user } = renderFix(workbook);
    const fixes = screen.getByRole("group", { name: "Fixes" });
    for (const name of ["Write colour-only RAG statuses as text", "Write statuses the key’s way", "Fill each status with its colour"]) {
      await user.click(within(fixes).getByRole("checkbox", { name }));
    }
    await user.click(within(fixes).getByRole("checkbox", { name: /Add a drop-down of the key’s statuses/ }));
    await user.click(screen.getByRole("button", { name: "Preview changes" }));
    const preview = await screen.findByRole("list", { name: "Changes to make" });
    expect(preview.children).toHaveLength(1);
    expect(preview.textContent).toMatch(/^action-plan-messy!G2:G\d+: drop-down of Green, Amber, Red/);
    await user.click(screen.getByRole("button", { name: "Apply 1 change" }));
    await screen.findByText("Applied 1 change");
    expect(workbook.sheet("action-plan-messy")!.validationAt("G3")?.source).toEqual(["Green", "Amber", "Red"]);
  });

  test("Cancel stops a read Excel has not answered, and nothing is changed", async () => {
    const workbook = MemoryWorkbook.fromGrids([grid("savings-plan-messy")]);
    let release: () => void = () => undefined;
    const stalled = Object.create(workbook) as MemoryWorkbook;
    stalled.readSheets = () => new Promise((resolve) => (release = () => resolve(workbook.readSheets())));
    const onChanged = jest.fn();
    const { user } = renderFix(stalled, onChanged);
    await user.click(screen.getByRole("button", { name: "Preview changes" }));
    const cancel = await screen.findByRole("button", { name: "Cancel" }, { timeout: 2000 });
    await user.click(cancel);
    expect(await screen.findByText("Stopped. Nothing was changed in the workbook.")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Preview changes" })).toHaveProperty("disabled", false);
    release();
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByRole("list", { name: "Changes to make" })).toBeNull();
    expect(workbook.sheet(CHANGE_LOG_SHEET)).toBeUndefined();
    expect(onChanged).not.toHaveBeenCalled();
  });
});

describe("Paper", () => {
  test("Paper builds a Summary sheet", async () => {
    const workbook = MemoryWorkbook.fromGrids([grid("savings-plan-messy"), grid("dsg-budget")]);
    const onChanged = jest.fn();
    const { user } = renderPaper(workbook, onChanged);
    await user.click(screen.getByRole("button", { name: "Build the Summary sheet" }));
    await screen.findByText("Built the “Summary” sheet.");
    const summary = workbook.sheet("Summary");
    expect(summary).toBeTruthy();
    expect(summary!.cell("A1").value).toBe("Recovery plan and DSG deficit: paper for Schools Forum");
    expect(summary!.charts).toHaveLength(1);
    expect(onChanged).toHaveBeenCalledTimes(1);
  });
});

describe("Paper: the paper in the pane", () => {
  test("shows the paper it will copy and build, title and headline first", async () => {
    const workbook = MemoryWorkbook.fromGrids([grid("savings-plan-messy"), grid("dsg-budget")]);
    renderPaper(workbook);
    const view = await screen.findByRole("region", { name: "The paper" });
    // Under the screen's heading (h2): the paper's title at h3, its sections at h4.
    expect(within(view).getByRole("heading", { level: 3 }).textContent).toBe("Recovery plan and DSG deficit: paper for Schools Forum");
    expect(view.textContent).toContain("No report date was given: statuses are as the workbook holds them.");
    expect(within(view).getByRole("heading", { level: 4, name: "In brief" })).toBeTruthy();
    expect(view.textContent).toContain("Autism outreach team");
  });
});

describe("Paper: since the last paper", () => {
  const earlier = readFileSync(join(__dirname, "..", "fixtures", "earlier", "savings-plan-messy.tsv"), "utf8");

  test("a pasted last paper adds what has moved since, to the paper shown and to the Summary sheet built", async () => {
    const workbook = MemoryWorkbook.fromGrids([grid("savings-plan-messy")]);
    const { user } = renderPaper(workbook);
    await screen.findByRole("region", { name: "The paper" });
    fireEvent.change(screen.getByRole("textbox", { name: "Paste the last paper's table" }), { target: { value: earlier } });
    await screen.findByText(/^Comparing with the pasted table, as at 31 July 2024\.$/);
    const view = await screen.findByRole("region", { name: "The paper" });
    await waitFor(() => expect(within(view).getByRole("heading", { level: 4, name: "Since 31 July 2024" })).toBeTruthy());
    expect(view.textContent).toContain("“Independent placement review” moved from Amber to Red.");
    await user.click(screen.getByRole("button", { name: "Build the Summary sheet" }));
    await screen.findByText("Built the “Summary” sheet.");
    const column = [...workbook.sheet("Summary")!.cells()].filter((c) => c.column === 0).map((c) => c.cell.value);
    expect(column).toContain("Since 31 July 2024");
    expect(column).toEqual(expect.arrayContaining([expect.stringMatching(/^“Independent placement review” moved from Amber to Red\./)]));
  });

  test("Clear takes the last paper away again", async () => {
    const workbook = MemoryWorkbook.fromGrids([grid("savings-plan-messy")]);
    const { user } = renderPaper(workbook);
    fireEvent.change(screen.getByRole("textbox", { name: "Paste the last paper's table" }), { target: { value: earlier } });
    await screen.findByText(/^Comparing with the pasted table/);
    await user.click(screen.getByRole("button", { name: "Clear" }));
    const view = await screen.findByRole("region", { name: "The paper" });
    await waitFor(() => expect(within(view).queryByRole("heading", { name: "Since 31 July 2024" })).toBeNull());
  });
});

describe("Paper: copy for Word where the clipboard is blocked", () => {
  const original = { clipboard: Object.getOwnPropertyDescriptor(navigator, "clipboard"), item: (globalThis as { ClipboardItem?: unknown }).ClipboardItem, exec: document.execCommand };
  afterEach(() => {
    if (original.clipboard) Object.defineProperty(navigator, "clipboard", original.clipboard);
    else delete (navigator as unknown as { clipboard?: unknown }).clipboard;
    (globalThis as { ClipboardItem?: unknown }).ClipboardItem = original.item;
    document.execCommand = original.exec;
  });

  function stubClipboard(write: () => Promise<void>) {
    (globalThis as { ClipboardItem?: unknown }).ClipboardItem = class {
      constructor(readonly items: Record<string, Blob>) {}
    };
    const spy = jest.fn(write);
    Object.defineProperty(navigator, "clipboard", { configurable: true, value: { write: spy } });
    return spy;
  }

  /** Renders Paper, then sets the clipboard up as the test wants (user-event's setup puts a clipboard of its own in place). */
  async function ready(setUp: () => void) {
    const workbook = MemoryWorkbook.fromGrids([grid("savings-plan-messy"), grid("dsg-budget")]);
    renderPaper(workbook);
    setUp();
    const button = screen.getByRole("button", { name: "Copy paper for Word" });
    // Prepared before any click: the copy itself must not wait for the workbook.
    await waitFor(() => expect(button).toHaveProperty("disabled", false));
    return button;
  }

  test("the paper is prepared before the click and the Clipboard API is called within the click itself", async () => {
    let write: jest.Mock = jest.fn();
    const button = await ready(() => (write = stubClipboard(() => Promise.resolve())));
    fireEvent.click(button);
    // Synchronously: no await between the click and the write (Office on Mac drops the gesture otherwise).
    expect(write).toHaveBeenCalledTimes(1);
    await screen.findByText("Copied. Paste into Word to keep the tables.");
  });

  test("the clipboard's plain flavour is the paper's words, never its HTML", async () => {
    let write: jest.Mock = jest.fn();
    const button = await ready(() => (write = stubClipboard(() => Promise.resolve())));
    fireEvent.click(button);
    const item = (write.mock.calls[0] as unknown as [{ items: Record<string, Blob> }[]])[0][0]!;
    // jsdom's Blob has no text(): read as a browser would without it.
    const read = (blob: Blob) =>
      new Promise<string>((resolve) => {
        const reader = new FileReader();
        reader.onload = () => resolve(String(reader.result));
        reader.readAsText(blob);
      });
    const plain = await read(item.items["text/plain"]!);
    expect(plain).not.toMatch(/<[a-z]/i);
    expect(plain.split("\n")[0]).toBe("Recovery plan and DSG deficit: paper for Schools Forum");
    expect(plain).toContain("Autism outreach team");
    expect(await read(item.items["text/html"]!)).toContain("<table");
  });

  test("where the Clipboard API is refused, a selected off-screen copy is copied instead, and removed", async () => {
    const copied: string[] = [];
    const button = await ready(() => {
      stubClipboard(() => Promise.reject(new DOMException("blocked by permissions policy", "NotAllowedError")));
      document.execCommand = jest.fn(() => {
        copied.push(window.getSelection()?.toString() ?? "");
        return true;
      });
    });
    fireEvent.click(button);
    await screen.findByText("Copied. Paste into Word to keep the tables.");
    expect(copied[0]).toContain("Autism outreach team");
    expect(document.body.querySelectorAll("div[aria-hidden='true'] table")).toHaveLength(0);
  });

  test("where both are refused, the pane shows the paper to select and copy by hand", async () => {
    const button = await ready(() => {
      Object.defineProperty(navigator, "clipboard", { configurable: true, value: undefined });
      document.execCommand = jest.fn(() => false);
    });
    fireEvent.click(button);
    const view = await screen.findByRole("region", { name: "The paper, to select and copy" });
    expect(within(view).getAllByRole("table").length).toBeGreaterThan(0);
    expect(view.textContent).toContain("Autism outreach team");
    expect(screen.getByText("This copy of Excel does not let the add-in use the clipboard.")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Select the paper" }));
    expect(window.getSelection()?.toString()).toContain("Autism outreach team");
  });
});

describe("useTask: every screen's busy state, progress and Cancel", () => {
  test("a write Excel stopped part-way is reported as it was, never with the screen's \"nothing was changed\"", () => {
    const stopped = new WriteStopped("Excel stopped part-way through the change (An internal error has occurred). Made: Added sheet \"Big\".", ['Added sheet "Big"'], [], ["Wrote 1 row to Big!A1"]);
    expect(problemText(stopped, "Nothing was changed. Preview the changes again and apply them.")).toBe('Excel stopped part-way through the change (An internal error has occurred). Made: Added sheet "Big". Look at those cells before trying again.');
    expect(problemText(new Error("Excel is busy"), "Nothing was changed. Try again.")).toBe("Excel is busy. Nothing was changed. Try again.");
  });

  afterEach(() => jest.useRealTimers());

  test("Cancel is offered once work has run a moment; it frees the screen at once and what Excel sends later is ignored", async () => {
    jest.useFakeTimers();
    const { result } = renderHook(() => useTask());
    let answer: (value: string) => void = () => undefined;
    const after = jest.fn();
    let running: Promise<void> = Promise.resolve();
    act(() => {
      running = result.current.run(async (w) => after(await w.wait(new Promise<string>((resolve) => (answer = resolve)))), "Try again.");
    });
    expect(result.current).toMatchObject({ busy: true, cancellable: false });
    act(() => jest.advanceTimersByTime(CANCEL_AFTER_MS - 1));
    expect(result.current.cancellable).toBe(false);
    act(() => jest.advanceTimersByTime(1));
    expect(result.current.cancellable).toBe(true);
    act(() => result.current.cancel());
    expect(result.current).toMatchObject({ busy: false, cancellable: false, label: null, error: null, stopped: "Stopped. Nothing was changed in the workbook." });
    answer("late");
    await act(() => running);
    expect(after).not.toHaveBeenCalled();
    expect(result.current).toMatchObject({ busy: false, error: null, stopped: "Stopped. Nothing was changed in the workbook." });
  });

  test("once work starts writing, Cancel is withdrawn and ignored, no other work starts over it, and the write finishes", async () => {
    jest.useFakeTimers();
    const { result } = renderHook(() => useTask());
    let written: () => void = () => undefined;
    const done = jest.fn();
    let running: Promise<void> = Promise.resolve();
    act(() => {
      running = result.current.run(async (w) => {
        w.committing("Writing 2 changes…");
        await new Promise<void>((resolve) => (written = resolve));
        done();
      }, "Try again.");
    });
    expect(result.current).toMatchObject({ busy: true, label: "Writing 2 changes…" });
    act(() => jest.advanceTimersByTime(CANCEL_AFTER_MS * 2));
    expect(result.current.cancellable).toBe(false);
    act(() => result.current.cancel());
    expect(result.current).toMatchObject({ busy: true, stopped: null });
    const other = jest.fn(async () => undefined);
    await act(() => result.current.run(other, "Try again."));
    expect(other).not.toHaveBeenCalled();
    written();
    await act(() => running);
    expect(done).toHaveBeenCalledTimes(1);
    expect(result.current).toMatchObject({ busy: false, label: null, stopped: null, error: null });
  });

  test("a failure is said in words with what to do next", async () => {
    const { result } = renderHook(() => useTask());
    await act(() => result.current.run(async () => Promise.reject(new Error("The sheet “Plan” was not found")), "Run the check again."));
    expect(result.current).toMatchObject({ busy: false, error: "The sheet “Plan” was not found. Run the check again." });
    act(() => result.current.clearError());
    expect(result.current.error).toBeNull();
  });
});

describe("App", () => {
  test("started hidden by Excel to calculate, the pane reads and watches nothing; shown, it reads the workbook once", async () => {
    const excel = FakeExcel.fromGrids([{ name: "dsg-budget", values: parseDelimited(sample("dsg-budget")) }]);
    const port = new OfficeWorkbook(excel.run);
    const host = { kind: "excel" as const, officeHost: "Excel" };
    const { rerender } = renderPane(<App host={host} port={port} visible={false} />);
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    expect(excel.syncCount).toBe(0);
    expect(screen.queryByRole("tablist", { name: "Screens" })).toBeNull();
    rerender(<App host={host} port={port} visible={true} />);
    await screen.findByText(/1 sheets?: dsg-budget/);
    expect(excel.syncCount).toBeGreaterThan(0);
    // Hidden and shown again with nothing changed: nothing read.
    rerender(<App host={host} port={port} visible={false} />);
    const before = excel.syncCount;
    rerender(<App host={host} port={port} visible={true} />);
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    expect(excel.syncCount).toBe(before);
  });

  test("hidden and shown again after the workbook was edited, Home reads it afresh; with no edit, it does not", async () => {
    const memory = MemoryWorkbook.fromGrids([grid("dsg-budget")]);
    let edited: (() => void) | null = null;
    let reads = 0;
    const port: WorkbookPort = Object.assign(Object.create(memory) as MemoryWorkbook, {
      readSheets: (...args: Parameters<MemoryWorkbook["readSheets"]>) => {
        reads++;
        return memory.readSheets(...args);
      },
      watchChanges: async (onChange: () => void) => {
        edited = onChange;
        return async () => undefined;
      },
    });
    const host = { kind: "excel" as const, officeHost: "Excel" };
    const { rerender } = renderPane(<App host={host} port={port} visible={true} />);
    await screen.findByText(/1 sheets?: dsg-budget/);
    await waitFor(() => expect(edited).not.toBeNull());
    const first = reads;
    rerender(<App host={host} port={port} visible={false} />);
    act(() => edited!());
    rerender(<App host={host} port={port} visible={true} />);
    await waitFor(() => expect(reads).toBe(first + 1));
    rerender(<App host={host} port={port} visible={false} />);
    rerender(<App host={host} port={port} visible={true} />);
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    expect(reads).toBe(first + 1);
  });

  test("the tabs show one screen at a time, Home first", async () => {
    const workbook = MemoryWorkbook.fromGrids([grid("dsg-budget")]);
    const { user } = renderApp(workbook, workbook);
    const headings: [string, string][] = [
      ["Templates", "Templates"],
      ["Import", "Import a table"],
      ["Check", "Check"],
      ["Fix", "Fix"],
      ["Paper", "Paper for Schools Forum"],
      ["Home", "This workbook"],
    ];
    const tablist = screen.getByRole("tablist", { name: "Screens" });
    expect(within(tablist).getAllByRole("tab")).toHaveLength(6);
    for (const name of ["Home", "Templates", "Import", "Check", "Fix", "Paper"]) {
      expect(within(tablist).getByRole("tab", { name, selected: name === "Home" })).toBeTruthy();
    }
    // A tab not selected holds a hidden bold copy of its label (so it does not widen when chosen):
    // named by its label alone only while the CSS hiding the copy is kept (see test/helpers/pane.tsx).
    expect(within(tablist).getByRole("tab", { name: "Templates" }).textContent).toBe("TemplatesTemplates");
    expect(screen.getByRole("tabpanel", { name: "Home" })).toBeTruthy();
    expect(screen.getByRole("heading", { level: 2, name: "This workbook" })).toBeTruthy();
    for (const [tab, heading] of headings) {
      await openTab(user, tab);
      const panel = screen.getByRole("tabpanel", { name: tab });
      expect(within(panel).getAllByRole("heading", { level: 2 }).map((h) => h.textContent)).toEqual([heading]);
      expect(screen.getByRole("tab", { name: tab, selected: true })).toBeTruthy();
    }
  });

  test("the browser preview shows the workbook's sheets and follows changes", async () => {
    const workbook = MemoryWorkbook.fromGrids([grid("dsg-budget")]);
    const { user } = renderApp(workbook, workbook);
    expect(screen.getByRole("region", { name: "Cells of dsg-budget" })).toBeTruthy();
    await openTab(user, "Paper");
    await user.click(screen.getByRole("button", { name: "Build the Summary sheet" }));
    await screen.findByText("Built the “Summary” sheet.");
    const picker = screen.getByRole("combobox", { name: "Sheet" });
    expect(within(picker).getByRole("option", { name: "Summary" })).toBeTruthy();
  });

  test("Check judges deadlines by the report date Home found, and Home then shows the check's counts", async () => {
    const workbook = MemoryWorkbook.fromGrids([{ name: "Report", values: [["Report date", "31/03/2025"]] }, grid("action-plan-messy")]);
    const { user } = renderApp(workbook, workbook);
    expect(await screen.findByText("Report date: 31 March 2025, from Report!B1, beside “Report date”. Check judges deadlines by it.")).toBeTruthy();
    expect(screen.getByText("Last check: not run yet (see Check).")).toBeTruthy();
    await openTab(user, "Check");
    await runCheck(user, "");
    expect(await screen.findByText(/^Checked as of 31 March 2025, the report date at Report!B1, beside “Report date”: \d+ tables?, /)).toBeTruthy();
    const count = (title: string) => Number(/\((\d+)\)$/.exec(screen.queryByRole("heading", { level: 3, name: new RegExp(`^${title} \\(`) })?.textContent ?? "(0)")![1]);
    const [errors, warnings, info] = [count("Errors"), count("Warnings"), count("Information")];
    expect(errors + warnings + info).toBeGreaterThan(0);
    await openTab(user, "Home");
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
    expect(await screen.findByText(`Last check: as of 31 March 2025, the report date at Report!B1, beside “Report date”: ${plural(errors, "error")}, ${plural(warnings, "warning")}, ${plural(info, "note")}.`)).toBeTruthy();
  });

  test("Check says the workbook has changed since it ran when Excel reports an edit, until it runs again", async () => {
    const workbook = MemoryWorkbook.fromGrids([grid("savings-plan-messy")]);
    let edited: () => void = () => undefined;
    const watched = Object.create(workbook) as MemoryWorkbook & { watchChanges: (f: () => void) => Promise<() => Promise<void>> };
    watched.watchChanges = async (onChange) => {
      edited = onChange;
      return async () => undefined;
    };
    const { user } = renderApp(watched, null);
    await openTab(user, "Check");
    await user.type(screen.getByLabelText("As of"), "31/03/2025");
    await user.click(screen.getByRole("button", { name: "Run" }));
    await screen.findByText(/^Checked as of 31 March 2025/);
    // Selecting a finding's cell is not an edit.
    const first = (await screen.findAllByRole("button", { name: /!J13 / }))[0]!;
    await user.click(first);
    expect(screen.queryByText("The workbook has changed since this check")).toBeNull();
    act(() => edited());
    expect(await screen.findByText("The workbook has changed since this check")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Run again" }));
    await waitFor(() => expect(screen.queryByText("The workbook has changed since this check")).toBeNull());
  });
});
