/** The command line's help, in the words a finance officer would use. */

export const GENERAL_HELP = `hnb: import and check SEND High Needs recovery plans and DSG budget tables

Usage:
  hnb import <input>... --out <file.xlsx> [--force] [--realign]
  hnb check <file> [--as-of YYYY-MM-DD] [--json]
  hnb help [import | check]
  hnb --version

Commands:
  import   Read the tables in files pasted or saved out of council papers and write them
           to a tidy workbook: one Excel table per sheet, £ and date formats, RAG statuses
           as your key names them, and an "Import notes" sheet.
  check    Run every check on every table in a file and list what it finds, cell by cell:
           totals that do not add up, RAG statuses outside the key, dates that cannot be
           read or have passed, corkscrews that do not carry forward, and more.

Files:  .xlsx (every sheet), .tsv or .txt (tab-separated, as Excel and Word copy),
        .csv (comma- or semicolon-separated).

Exit status:  0 done, no errors found; 1 check found errors;
              2 a file could not be read, or the command was not right.

Run "hnb help import" or "hnb help check" for their options.
`;

export const IMPORT_HELP = `hnb import: tidy tables pasted out of council papers into an Excel workbook

Usage:
  hnb import <input>... --out <file.xlsx> [--force] [--realign]

Reads every table in each input (.xlsx, .tsv, .txt, .csv): recovery-plan savings tables,
action plans with RAG statuses, and DSG deficit tables. Writes one sheet per table holding
an Excel table with £ amounts (negatives in brackets), dd/mm/yyyy dates and the statuses as
the key names them; the stated total, lead legend and RAG key lines stay below the table.
The "Import notes" sheet lists what was inferred and what could not be read, cell by cell.
Text that looks like a formula (starting =, +, - or @) is kept as text.

Options:
  -o, --out <file.xlsx>  the workbook to write (required)
  -f, --force            replace --out if it already exists
      --realign          move cells of rows pasted out of line back under their headers
                         (without it they are kept as laid out and listed in the notes)
  -h, --help             show this help

Example:
  hnb import savings-plan.tsv action-plan.csv --out "Recovery plan 2024-25.xlsx"
`;

export const CHECK_HELP = `hnb check: list what is wrong in the tables of a file, at their cells

Usage:
  hnb check <file> [--as-of YYYY-MM-DD] [--json]

Runs every check on every table in the file (.xlsx, .tsv, .txt, .csv) and lists the
findings by severity (errors, warnings, information) with the cell each one is about.

Options:
      --as-of <date>  the report date, for deadlines that have passed: 2025-04-01 or
                      01/04/2025 (without it, deadlines are not judged)
      --json          print {"findings": [...]} and nothing else, for other programs
  -h, --help          show this help

Exit status:  0 no errors found (warnings and information may be listed);
              1 errors found; 2 the file could not be read, or the command was not right.

Example:
  hnb check "Recovery plan.xlsx" --as-of 2025-04-01
`;
