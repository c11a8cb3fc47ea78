import { WORK_LIMITS, grouped } from "../core";

/** What import and check take in at most, and what happens beyond it: the same for both. */
const LIMITS = `Limits: up to ${grouped(WORK_LIMITS.rows)} rows a sheet and ${grouped(WORK_LIMITS.cells)} cells in all, from a file
of up to ${WORK_LIMITS.bytes / 1024 / 1024} MB. A larger input is refused at the start, naming the limit
it passed: copy the table's own rows to a file of their own. At these limits
an import takes under half a minute and 2.7 GB of memory, a check a few
seconds and 1 GB; long work shows its steps on stderr.
`;

/** The command line's help, in the words a finance officer would use. */

export const GENERAL_HELP = `hnb: import and check SEND High Needs recovery plans and DSG budget tables

Usage:
  hnb read <file> [--kind <kind>] [--json]
  hnb import <input>... --out <file.xlsx> [--force] [--realign] [--kind <kind>] [--as-of YYYY-MM-DD] [--no-checks]
  hnb check <file> [--as-of YYYY-MM-DD] [--kind <kind>] [--json]
  hnb calc <file.xlsx> --out <file.xlsx> [--force]
  hnb summary <file> --out <paper.html | paper.md | paper.xlsx> [--as-of YYYY-MM-DD] [--kind <kind>] [--force]
  hnb compare <earlier> <later> [--out <paper.html | paper.md | paper.xlsx>] [--kind <kind>] [--force]
  hnb demo --out <demo.xlsx> [--force] [--no-calc] [--as-of YYYY-MM-DD]
  hnb fix <file.xlsx> --out <file.xlsx> [--statuses] [--text-from-fills] [--fills-from-text] [--lists] [--yes]
  hnb help [read | import | check | calc | summary | compare | demo | fix]
  hnb --version

Commands:
  read     Show how the add-in reads each table in a file: its kind and why, unit,
           heading lines, label column, what each figure column means, each row's role,
           and every total with the figure stated and the figure worked out.
  import   Read the tables in files pasted or saved out of council papers and write them
           to a tidy workbook: one Excel table per sheet, £ and date formats, RAG statuses
           as your key names them, a checks sheet of HNB formulas beside each table, and
           an "Import notes" sheet.
  check    Run every check on every table in a file and list what it finds, cell by cell:
           totals that do not add up, RAG statuses outside the key, dates that cannot be
           read or have passed, corkscrews that do not carry forward, and more.
  calc     Work out every HNB formula in a workbook and store the results in it, so
           LibreOffice and other programs without the add-in show the figures.
  summary  Build the Schools Forum paper from a workbook's tables: each initiative's lead,
           RAG and latest comment, actions by status, savings by year and the deficit with
           and without the recovery plan, as HTML for Word, Markdown or a Summary sheet.
  compare  Say what has moved since the last paper: statuses moved, actions completed,
           added, dropped and newly overdue, savings re-profiled, forecasts moved and by
           how much, the deficit then and now, each in a sentence to table.
  fix      Write RAG statuses the key's way, turn colour-only statuses into text, or colour
           statuses by their text, in a copy of a workbook: every change is listed first,
           and logged with its old value on an "HNB change log" sheet.
  demo     Write a workbook with every template (RAG key, action plan, savings plan, High
           Needs monitoring, DSG budget with the Stability Grant, scorecard, checks) filled
           with made-up figures, to try the add-in's formulas.

Files:  .xlsx (every sheet), .tsv or .txt (tab-separated, as Excel and Word copy),
        .csv (comma- or semicolon-separated).

Exit status:  0 done, no errors found; 1 check found errors (calc: some formulas
              could not be worked out); 2 a file could not be read, or the command was
              not right.

Run "hnb help <command>" for a command's options.
`;

export const READ_HELP = `hnb read: how the add-in reads the tables in a file

Usage:
  hnb read <file> [--kind <kind>] [--json]

Finds each table by its shape, not by its heading words: a band of rows with
figures (or statuses) against labels, the heading lines above it however many
lines they wrap over, a units line, section rows, notes, and totals found by
their arithmetic as well as their words (a row that adds up the rows above it is
a total whatever its label says; a row called "Total" that does not add up is
reported). For each table it says:
  - the kind (action-plan, savings-plan, deficit, budget-lines, budget-by-block,
    movement, reserve, scorecard, ehcp-numbers, other) and why;
  - the unit (£, £000, £m, count, %, mixed), heading lines and label column;
  - each figure column and what it means (budget, forecast, outturn, variance,
    previous, movement, brought-forward, carried-forward, year:2025/26, …);
  - each row's role (data, subtotal, total, section, note, heading);
  - each total: the figure stated, the figure worked out, whether they agree;
  - rows across to a total column, and variances in the table's own convention.
Where a copy dropped blank cells, or a heading lost its corner cell, the notes
say where each figure was placed.

Options:
  --kind <kind>  read every table as this kind (Read as), with notes on what does
                 not fit.
  --json         the reading as JSON: { "file", "tables": [ { "sheet", "kind",
                 "unit", "headingRows", "labelColumn", "figureColumns", "rows",
                 "totals", "crossFoot", "variances", "notes" } ] }; lines and
                 columns are numbered from 1, as the sheet or the pasted text has them.

Exit status: 0 when the file could be read (whatever it holds); 2 when it could not.
${LIMITS}`;

export const IMPORT_HELP = `hnb import: tidy tables pasted out of council papers into an Excel workbook

Usage:
  hnb import <input>... --out <file.xlsx> [--force] [--realign] [--kind <kind>] [--as-of YYYY-MM-DD] [--no-checks]

Reads every table in each input (.xlsx, .tsv, .txt, .csv): recovery-plan savings tables,
action plans with RAG statuses, DSG deficit tables and strategy scorecards. Writes one sheet
per table holding an Excel table with £ amounts (negatives in brackets), dd/mm/yyyy dates and
the statuses as the key names them; the stated total, lead legend and RAG key lines stay below
the table. Every cell read is kept: cells past the last heading or under no heading in columns
of their own, anything else on the "Import notes" sheet, quoted in full. The notes list, cell by
cell, what needs a person first, then what could not be read, what was inferred and what was
kept only there.
Text that looks like a formula (starting =, +, - or @) is kept as text. A cell longer than
the 32,767 characters Excel holds keeps its start in the table and the rest in the notes.

${LIMITS}
After each table's sheet comes its checks sheet, "Checks (<sheet>)": HNB formulas over the
table's cells, with a master check in B1 counting the checks that fail. A savings plan's stated
total for each year against its rows, its RAG statuses against the key and its savings by
year, as stated and risk-adjusted; an action plan's statuses against the key, its actions by
status and how many are overdue at the report date; a DSG deficit table's corkscrew, its
deficit path with and without the recovery plan and its first year out of deficit. A
scorecard has none. The results are worked out and stored as "hnb calc" does, so the file
shows them without the add-in; in Excel with the add-in they follow every edit.

Options:
  -o, --out <file.xlsx>  the workbook to write (required)
  -f, --force            replace --out if it already exists
      --realign          move cells of rows pasted out of line back under their headers
                         (without it they are kept as laid out and listed in the notes)
      --kind <kind>      read every table as action-plan, savings-plan, deficit (years
                         across: the DSG corkscrew), budget or budget-lines (lines by
                         budget, outturn and variance, by block or by scenario) or
                         scorecard when the guess from the headings is wrong; or, read
                         by its shape and written as lines with their totals checked,
                         as budget-by-block, movement, reserve, ehcp-numbers or other
                         (without --kind, tables the headings miss are read so too)
      --as-of <date>     the report date overdue actions are counted at (2025-03-31 or
                         31/03/2025); without it, the report date the paper states
                         ("position as at 30 September 2025"), else left for you to type
      --no-checks        write the tables without their checks sheets
  -h, --help             show this help

Example:
  hnb import savings-plan.tsv action-plan.csv --out "Recovery plan 2024-25.xlsx"
`;

export const CHECK_HELP = `hnb check: list what is wrong in the tables of a file, at their cells

Usage:
  hnb check <file> [--as-of YYYY-MM-DD] [--kind <kind>] [--json]

Runs every check on every table in the file (.xlsx, .tsv, .txt, .csv) and lists the
findings by severity (errors, warnings, information) with the cell each one is about.
One rule found on three or more cells of a column is one line naming the cells.
Tables its heading words miss (a budget by block, a reserve, a movement, EHCP
numbers, any labelled figures) are read by their shape, and their totals, rows
across to a total column and variances checked at the cells as pasted.

${LIMITS}
Options:
      --as-of <date>  the report date, for deadlines that have passed: 2025-04-01 or
                      01/04/2025 (without it, the workbook's own report date, found
                      beside a "Report date" or "As at" label; with neither, deadlines
                      are not judged)
      --kind <kind>   read every table as this kind: action-plan, savings-plan, deficit,
                      budget-lines, budget-by-block, movement, reserve, scorecard,
                      ehcp-numbers or other
      --json          print {"asOf": {"date", "from"} or null, "findings": [...],
                      "groups": [...]} and nothing else, for other programs: every
                      finding on its own, and the folded lines as groups
  -h, --help          show this help

Exit status:  0 no errors found (warnings and information may be listed);
              1 errors found; 2 the file could not be read, or the command was not right.

Example:
  hnb check "Recovery plan.xlsx" --as-of 2025-04-01
`;

export const CALC_HELP = `hnb calc: store the results of HNB formulas in a workbook, for viewers without the add-in

Usage:
  hnb calc <file.xlsx> --out <file.xlsx> [--force] [--dotted]

Works out every formula that calls an HNB function (=HNB.RAG(F2), =HNB.DEFICITPATH(...)),
with the same functions as the add-in, and writes a copy of the workbook holding each result
as the cell's saved value, so LibreOffice, file previews and other programs show figures
instead of #NAME?. Cell and range references, other sheets, named ranges, table columns and
everyday functions around HNB ones (SUM, IF, COUNTIF...) are worked out too, and so are other
formulas that use HNB results. A result of several cells fills the cells to its right and
below, as in Excel 365; it is saved as values in those cells. Errors are saved as error values
(#VALUE!, #N/A) and listed with their reasons.

HNB calls are written the way Excel saves an add-in's functions in a file,
_xldudf_HNB_RAG(F2); --dotted keeps them as typed. Which form Excel with the add-in
recalculates is not yet tested: see docs/excel-files.md.

Options:
  -o, --out <file.xlsx>  the workbook to write (required; it may be the input, with --force)
  -f, --force            replace --out if it already exists
      --dotted           write HNB calls as typed, HNB.RAG(F2)
  -h, --help             show this help

Exit status:  0 done; 1 done, but some formulas could not be worked out (they are listed
              and left as they were); 2 the file could not be read, or the command was not
              right.

Example:
  hnb calc "Recovery plan.xlsx" --out "Recovery plan (with figures).xlsx"
`;

export const SUMMARY_HELP = `hnb summary: the Schools Forum paper from a workbook's tables

Usage:
  hnb summary <file> --out <paper.html | paper.md | paper.xlsx> [--as-of YYYY-MM-DD] [--title <text>] [--kind <kind>] [--since <last paper>] [--force]

The paper opens with its title (the workbook's own, ending ": paper for Schools Forum"), the
date it is as at (or, in bold, that no report date was given) and the headline figures in a
few sentences; then a section per table; then how the figures were read (what was guessed,
out of line or not read, each said once); and, last, where the figures are in the workbook
(the only place cells and row numbers are named).

Reads every action plan, savings plan, deficit table, budget table and strategy scorecard in
the file (.xlsx, .tsv, .txt or .csv) and writes the paper:
  - progress by initiative, one line each (a name a PDF wrapped over lines is one): the
    name (a long one cut at its first sentence, in full in the closing appendix), the lead
    (every initial expanded through the legend, or all left as initials where one is not in
    it; dates glued to them dropped), the RAG status rolled up worst-of over its rows, and
    the latest comment (by date where the comments carry dates); a plan written as a
    summary table and its detail gives one line per initiative, with a word where the
    summary's own status differs from what its milestones roll up to;
  - actions by status, saying so where the statuses were cell colours lost on paste;
  - with a date, the overdue actions as hnb check counts them, with end date and status;
  - savings by year: the stated total, the total of the initiatives and the risk-adjusted
    total (Blue and Green in full, Amber at half, Red and Grey at nothing), with rows the
    paper had out of line and any total that differs explained;
  - the High Needs DSG deficit with and without the recovery plan, the plan's impact row
    and how it is read, and the recovery year, with a chart;
  - each strategy scorecard: every indicator's latest actual against its target for the
    year of the report date (or the next target due), its status (the sheet's own, else
    worked out as HNB.KPISTATUS does) and trend, by perspective, with the counts by status;
  - what could not be read.
.html is ready to paste into Word (status as text on its colour, never colour alone);
.md is Markdown; .xlsx is the workbook with a Summary sheet added.

Options:
  -o, --out <file>       the paper to write (required)
      --as-of <date>     the date the paper is "as at" (2025-03-31 or 31/03/2025); without
                         it, the workbook's report date. --as-at is another name for it
      --title <text>     the paper's title
      --kind <kind>      read every table as this kind (Read as): action-plan,
                         savings-plan, deficit, budget-lines, budget-by-block, movement,
                         reserve, scorecard, ehcp-numbers or other
      --since <file>     the last paper (.xlsx, .tsv, .txt or .csv): adds a "Since <its date>"
                         section saying what has moved, as hnb compare does
  -f, --force            replace --out if it already exists
  -h, --help             show this help

Example:
  hnb summary tidy.xlsx --out "Schools Forum paper.html" --as-of 2025-03-31 --since "March paper.xlsx"
`;

export const COMPARE_HELP = `hnb compare: what has moved since the last paper

Usage:
  hnb compare <earlier> <later> [--out <paper.html | paper.md | paper.xlsx>] [--kind <kind>] [--force]

Reads both papers (.xlsx, .tsv, .txt or .csv) as "hnb summary" does and says, part by
part, what has moved from the earlier to the later, each movement a sentence a clerk
could table:
  - initiatives, matched by ref and by name (word order, plurals, "&", acronyms such
    as "AP" for "Alternative Provision"; names that only share most of their words
    are matched as a guess, and the sentence says so): statuses moved, initiatives
    complete, added and dropped, leads changed;
  - actions by status, and overdue actions where the papers list them: newly
    overdue, no longer overdue, end dates moved;
  - savings by year: each year re-profiled, the total, and the risk-adjusted total;
  - each budget table: every line whose forecast (a heading with forecast, outturn
    or projected) or other figures moved, by how much, and the total movement;
  - the deficit with and without the recovery plan, then and now, and the recovery
    year;
  - each strategy scorecard: indicators whose status moved.
Figures are compared in one unit: £000 or £m is converted to the other paper's unit;
counts beside money are not compared, and the paper says why. A part where nothing
moved says so once. The section is headed "Since <the earlier paper's date>", or
"Since the last paper" where it gives none.
Without --out the Markdown is printed; .html is ready to paste into Word; .xlsx is a
new workbook with a "Since last paper" sheet (neither paper is ever written to).

Options:
  -o, --out <file>       the paper to write (.html, .md or .xlsx)
      --kind <kind>      read every table of both papers as this kind (Read as)
  -f, --force            replace --out if it already exists
  -h, --help             show this help

Example:
  hnb compare "Forum paper September.xlsx" "Forum paper January.xlsx" --out since.html
`;

export const DEMO_HELP = `hnb demo: a workbook with every template, to try the add-in

Usage:
  hnb demo --out <demo.xlsx> [--force] [--no-calc] [--as-of YYYY-MM-DD]

Writes the RAG Key, Action Plan, Savings Plan, HN Monitoring, DSG Budget (with the High
Needs Stability Grant line, the deficit by source and the deficit at 31 March 2028),
Scorecard and Checks sheets, filled with the made-up Northshire figures, exactly as the task
pane inserts them in Excel. The HNB formulas'
results are stored in the file (as hnb calc does), so it shows figures without the add-in;
--no-calc leaves them for Excel to work out.

Options:
  -o, --out <file.xlsx>  the workbook to write (required)
  -f, --force            replace --out if it already exists
      --no-calc          do not store the formulas' results
      --as-of <date>     the action plan's report date, which OVERDUE judges by
                         (default 31/03/2025)
  -h, --help             show this help
`;

export const FIX_HELP = `hnb fix: tidy RAG statuses in a copy of a workbook, with a change log

Usage:
  hnb fix <file.xlsx> --out <file.xlsx> [--statuses] [--text-from-fills] [--fills-from-text] [--lists] [--yes] [--force]

Lists every change first, then writes them to --out only when you agree (or with --yes),
adding a row per change to the "HNB change log" sheet: when, where, the old value and the
new one, and why. Statuses outside the key ("TBC") are never changed: a person decides those.

What to fix (one or more):
      --statuses          write statuses as the key names them ("On track" becomes Green)
      --text-from-fills   write a status that is only a fill colour as text
      --fills-from-text   colour each status cell in its status's colour
      --lists             put a drop-down of the key's statuses on each status column,
                          each status coloured as the key (replaces a drop-down already there)

Options:
  -o, --out <file.xlsx>   the fixed copy to write (required; it may be the input, with --force)
  -y, --yes               write without asking (the changes are still listed)
  -f, --force             replace --out if it already exists
  -h, --help              show this help
`;
