import { CHECKS_TITLE } from "./outputs";
import { COLOURS, COLOUR_ORDER } from "../core";
import { DEFAULT_WEIGHTS } from "../core";
import { S251_LINES, type S251Section } from "../core";
import { EHCP_CATEGORIES, PRIMARY_NEEDS, ageGroupName, type AgeGroupId, type EhcpCategoryId } from "../core";
import { DEFAULT_TOLERANCE, OVERRIDE_END, STABILITY_GRANT_CUT_OFF, STABILITY_GRANT_SHARE, STABILITY_GRANT_YEAR, formatDate, serialFromYmd, yearLabel } from "../core";
import { columnLetters, rowRanges, scorecardLayout, sheetPrefix } from "../core/table";
import { type WorkbookOperation, uniqueSheetName } from "../port";

/**
 * The workbook templates: a RAG key, an action plan, a savings plan, a DSG budget corkscrew and a
 * checks sheet with a master check, each as a list of port operations so the task pane (Office),
 * `hnb demo` (a file) and the browser preview (memory) build exactly the same workbook.
 *
 * They are filled with the made-up Northshire figures of the shared samples, tidied, so a new
 * user sees every formula working; every check on the checks sheet passes.
 */

export type TemplateName = "rag-key" | "action-plan" | "savings-plan" | "ehcp-numbers" | "hn-monitoring" | "dsg-budget" | "scorecard" | "checks";

export const TEMPLATE_TITLES: Record<TemplateName, string> = {
  "rag-key": "RAG Key",
  "action-plan": "Action Plan",
  "savings-plan": "Savings Plan",
  "ehcp-numbers": "EHCP Numbers",
  "hn-monitoring": "HN Monitoring",
  "dsg-budget": "DSG Budget",
  scorecard: "Scorecard",
  checks: "Checks",
};

// The EHCP numbers come before the monitoring, whose independent top-ups read their cost, and the
// monitoring before the DSG budget, whose spending line for the year reads its forecast: a sheet a
// formula names must be there when the formula is written.
export const ALL_TEMPLATES: TemplateName[] = ["rag-key", "action-plan", "savings-plan", "ehcp-numbers", "hn-monitoring", "dsg-budget", "scorecard", "checks"];

/** £ figures with negatives in brackets, as council papers print them. */
export const MONEY_FORMAT = "£#,##0;(£#,##0)";
/** Figures in £000 (the unit is in the heading): brackets for negatives, no £ on every cell. */
export const THOUSANDS_FORMAT = "#,##0;(#,##0)";
export const DATE_FORMAT = "dd/mm/yyyy";
export const PERCENT_FORMAT = "0%";

/** Names the templates define, so formulas read as words: =HNB.RAG(H4, RAGKey). */
export const NAMES = {
  key: "RAGKey",
  statuses: "RAGStatuses",
  weights: "RAGWeights",
  reportDate: "ReportDate",
  masterCheck: "MasterCheck",
  forecastOutturn: "HNForecastOutturn",
} as const;


const SYNONYMS_SHOWN = 5;

export interface TemplateOptions {
  /** The report date OVERDUE judges by (an Excel date); default 31 March 2025, the samples' year end. */
  reportDate?: number;
}

export interface TemplateBuild {
  operations: WorkbookOperation[];
  /** The sheet each template was given (names in use are not reused). */
  sheets: Partial<Record<TemplateName, string>>;
}

/**
 * Operations that insert the named templates as new sheets, never touching existing ones. The
 * action plan, savings plan and checks use the RAG key's named ranges, so asking for any of them
 * brings the key too when it is not asked for.
 */
export function buildTemplates(names: TemplateName[], existingSheets: string[], options: TemplateOptions = {}): TemplateBuild {
  const wanted = new Set(names);
  // A workbook that has the RAG Key sheet already has its names (RAGKey…): the other templates
  // use them, and a second key would clash with them.
  const hasKey = existingSheets.some((s) => s.toLowerCase() === TEMPLATE_TITLES["rag-key"].toLowerCase());
  if (hasKey) wanted.delete("rag-key");
  else if (["action-plan", "savings-plan", "scorecard", "checks"].some((n) => wanted.has(n as TemplateName))) wanted.add("rag-key");
  if (wanted.has("checks")) {
    wanted.add("action-plan");
    wanted.add("savings-plan");
    wanted.add("ehcp-numbers");
    wanted.add("hn-monitoring");
    wanted.add("dsg-budget");
  }
  const taken = [...existingSheets];
  const sheets: Partial<Record<TemplateName, string>> = {};
  for (const name of ALL_TEMPLATES) {
    if (!wanted.has(name)) continue;
    sheets[name] = uniqueSheetName(TEMPLATE_TITLES[name], taken);
    taken.push(sheets[name]!);
  }
  const operations: WorkbookOperation[] = [];
  const reportDate = options.reportDate ?? serialFromYmd(2025, 3, 31);
  if (sheets["rag-key"]) operations.push(...ragKeySheet(sheets["rag-key"]));
  if (sheets["action-plan"]) operations.push(...actionPlanSheet(sheets["action-plan"], reportDate));
  if (sheets["savings-plan"]) operations.push(...savingsPlanSheet(sheets["savings-plan"]));
  if (sheets["ehcp-numbers"]) operations.push(...ehcpNumbersSheet(sheets["ehcp-numbers"]));
  // The EHCP numbers added with the monitoring give it the cost of independent placements for the year.
  if (sheets["hn-monitoring"]) operations.push(...monitoringSheet(sheets["hn-monitoring"], sheets["ehcp-numbers"]));
  // With the monitoring in the same workbook, the DSG budget's spending for the year is its forecast;
  // with the EHCP numbers added too, the later years' spending moves with the cost of placements.
  const linked = sheets["hn-monitoring"] !== undefined || existingSheets.some((s) => s.toLowerCase() === TEMPLATE_TITLES["hn-monitoring"].toLowerCase());
  if (sheets["dsg-budget"]) operations.push(...dsgBudgetSheet(sheets["dsg-budget"], linked, linked ? sheets["ehcp-numbers"] : undefined));
  if (sheets.scorecard) operations.push(...scorecardSheet(sheets.scorecard));
  if (sheets.checks) operations.push(...checksSheet(sheets as Required<typeof sheets>));
  return { operations, sheets };
}

function ref(sheet: string, range: string): string {
  return `${sheetPrefix(sheet)}!${range}`;
}

// ---------------------------------------------------------------------------------------------
// RAG key

function ragKeySheet(sheet: string): WorkbookOperation[] {
  const rows = COLOUR_ORDER.map((c) => [c, COLOURS[c].description, COLOURS[c].synonyms.filter((s) => s.length > 1).slice(0, SYNONYMS_SHOWN).join("; ")]);
  const ops: WorkbookOperation[] = [
    { kind: "addSheet", name: sheet },
    { kind: "write", sheet, at: "A1", values: [["Status", "Description", "Also written as (separate with ;)"], ...rows] },
    { kind: "write", sheet, at: "F1", values: [["Status", "Savings weight"], ...COLOUR_ORDER.map((c) => [c, DEFAULT_WEIGHTS[c]!])], numberFormats: ["@", PERCENT_FORMAT] },
    { kind: "font", sheet, range: "A1:C1", bold: true },
    { kind: "font", sheet, range: "F1:G1", bold: true },
    { kind: "columnWidths", sheet, widths: [{ column: "A", width: 10 }, { column: "B", width: 38 }, { column: "C", width: 48 }, { column: "F", width: 10 }, { column: "G", width: 15 }] },
    { kind: "namedRange", name: NAMES.key, sheet, range: "A2:C6" },
    { kind: "namedRange", name: NAMES.statuses, sheet, range: "A2:A6" },
    { kind: "namedRange", name: NAMES.weights, sheet, range: "F2:G6" },
    {
      kind: "write",
      sheet,
      at: "A8",
      values: [
        ["Edit the descriptions and add your council's own words for each status in column C: HNB.RAG, the checks and the RAG drop-downs use this key."],
        ["Savings weights are how much of a saving counts in the risk-adjusted totals (HNB.SAVINGSBYYEAR) at each status."],
      ],
    },
  ];
  COLOUR_ORDER.forEach((c, i) => {
    ops.push({ kind: "fill", sheet, range: `A${i + 2}`, colour: COLOURS[c].fill });
    ops.push({ kind: "font", sheet, range: `A${i + 2}`, colour: COLOURS[c].text, bold: true });
  });
  return ops;
}

/** Status shown as text and fill, never colour alone: each status's cells take its colour. */
function statusFills(sheet: string, range: string): WorkbookOperation[] {
  return COLOUR_ORDER.map((c) => ({ kind: "conditionalFill" as const, sheet, range, text: c, fill: COLOURS[c].fill, font: COLOURS[c].text }));
}

// ---------------------------------------------------------------------------------------------
// Action plan

const d = serialFromYmd;

const ACTIONS: unknown[][] = [
  ["A1", "Single referral route for SEND and early help", "Families tell their story once", "Demand rises while systems change", "JB", d(2024, 4, 1), d(2024, 9, 30), "Blue", "Live since September."],
  ["A2", "Answer inclusion referrals within 10 working days", "Schools get advice before exclusion", "Staff vacancies", "KP", d(2024, 6, 1), d(2025, 6, 30), "Green", "Draft standard written."],
  ["A3", "Clear the backlog of educational psychology assessments", "Backlog under 20 cases", "Locum costs", "KP/RD", d(2024, 9, 1), d(2025, 9, 30), "Red", "Backlog rising: 46 cases. Escalated to the SEND board."],
  ["A4", "Audit 20 EHCPs a term for outcomes quality", "Plans have SMART outcomes", "Audit capacity", "RD", d(2024, 9, 1), d(2025, 8, 31), "Amber", "First audit done; 12 of 20 good."],
  ["B1", "Open 16-place resourced provision at Hillside", "Fewer out-of-county placements", "Building works", "LM", d(2025, 1, 1), d(2025, 8, 31), "Amber", "Building works started."],
  ["B2", "Review top-up bandings with schools", "Bandings agreed by Schools Forum", "Schools' agreement", "LM/AT", d(2024, 11, 1), d(2025, 7, 31), "Green", "Task group meets monthly."],
  ["B3", "Secure health contribution to complex packages", "Joint funding agreed for 5 cases", "ICB budget pressures", "AT", d(2025, 4, 1), d(2026, 3, 31), "Grey", "Not started: due to begin in April."],
  ["B4", "Year 9 preparing-for-adulthood reviews", "All Year 9 reviews include PfA outcomes", "Review timeliness", "SW", d(2025, 1, 1), d(2025, 7, 31), "Green", "Guidance issued to SENCOs."],
];

const LEGEND = "Jane Bloggs (JB), Kamal Patel (KP), Rosa Diaz (RD), Lee Morgan (LM), Anita Thomas (AT), Sam Wright (SW)";

/** Rows of the action plan table: the header on row 3 under the report date. */
const ACTION_HEADER_ROW = 3;

function actionPlanSheet(sheet: string, reportDate: number): WorkbookOperation[] {
  const first = ACTION_HEADER_ROW + 1;
  const last = ACTION_HEADER_ROW + ACTIONS.length;
  // Yes or No rather than TRUE/FALSE (or a blank): a viewer without the add-in shows cached text, and
  // a word reads better than a boolean in a paper.
  const rows = ACTIONS.map((row, i) => [...row, `=IF(HNB.OVERDUE(G${first + i},H${first + i},${NAMES.reportDate},${NAMES.key}),"Yes","No")`]);
  return [
    { kind: "addSheet", name: sheet },
    { kind: "write", sheet, at: "A1", values: [["Report date", reportDate]], numberFormats: ["@", DATE_FORMAT] },
    { kind: "font", sheet, range: "A1", bold: true },
    { kind: "namedRange", name: NAMES.reportDate, sheet, range: "B1" },
    {
      kind: "write",
      sheet,
      at: `A${ACTION_HEADER_ROW}`,
      values: [["Ref", "Action", "Expected outcomes", "Risks", "Lead", "Start date", "End date", "RAG", "Progress", "Overdue"]],
    },
    { kind: "write", sheet, at: `A${first}`, values: rows, formulas: true, numberFormats: ["@", "@", "@", "@", "@", DATE_FORMAT, DATE_FORMAT, "@", "@", "General"] },
    { kind: "addTable", sheet, range: `A${ACTION_HEADER_ROW}:J${last}`, name: "ActionPlan", style: "TableStyleMedium2" },
    { kind: "listValidation", sheet, range: `H${first}:H${last}`, source: `=${NAMES.statuses}` },
    ...statusFills(sheet, `H${first}:H${last}`),
    { kind: "conditionalFill", sheet, range: `J${first}:J${last}`, text: "Yes", fill: COLOURS.Red.fill, font: COLOURS.Red.text },
    { kind: "write", sheet, at: `A${last + 2}`, values: [[LEGEND]] },
    { kind: "columnWidths", sheet, widths: [
      { column: "A", width: 6 }, { column: "B", width: 44 }, { column: "C", width: 32 }, { column: "D", width: 26 },
      { column: "E", width: 8 }, { column: "F", width: 12 }, { column: "G", width: 12 }, { column: "H", width: 9 },
      { column: "I", width: 40 }, { column: "J", width: 9 },
    ] },
    { kind: "freeze", sheet, rows: ACTION_HEADER_ROW },
  ];
}

// ---------------------------------------------------------------------------------------------
// Savings plan

export const SAVINGS_YEARS = ["2024/25", "2025/26", "2026/27"];

const SAVINGS: unknown[][] = [
  ["Autism outreach team", "Recruit 2 specialist teachers", d(2025, 9, 30), "Green", "Head of SEND", 40_000, 95_000, 120_000, "8 placements avoided x £15,000 uplift = £120,000"],
  ["Autism outreach team", "Outreach offer to all 42 primary schools", d(2025, 1, 31), "Blue", "Head of SEND", null, null, null, null],
  ["Early years inclusion fund", "Set up fund and panel", d(2025, 5, 31), "Amber", "Early Years SEND Manager", 25_000, 60_000, 80_000, "10 children x £6,000 = £60,000"],
  ["Independent placement review", "Review all 64 independent placements at annual review", d(2025, 3, 31), "Red", "Head of Commissioning", 150_000, 300_000, 300_000, "6 moves x £50,000 difference = £300,000"],
  ["Independent placement review", "Agree fixed-term placement contracts", d(2025, 6, 30), "Amber", "Head of Commissioning", null, null, null, null],
  ["Post-16 pathways", "Supported internships with 3 employers", d(2026, 8, 31), "Grey", "Post-16 SEND Lead", null, 50_000, 100_000, "Reduce out-of-county college places by 5"],
  ["Alternative provision framework", "Commission AP framework", d(2025, 11, 30), "Amber", "Strategic Lead AP", -10_000, 45_000, 45_000, "Year 1 is a net cost"],
  ["Transport review", "Independent travel training", d(2025, 12, 31), "Green", "Transport Manager", 20_000, 30_000, 30_000, "40 x £750 = £30,000"],
];

export const SAVINGS_LAYOUT = {
  first: 2,
  last: 1 + SAVINGS.length,
  // A blank row between the table and its stated total: Excel grows a table into the row under it.
  totalRow: 3 + SAVINGS.length,
  statusColumn: "D",
  yearColumns: ["F", "G", "H"],
};

function savingsPlanSheet(sheet: string): WorkbookOperation[] {
  const { first, last, totalRow } = SAVINGS_LAYOUT;
  // The stated total is typed, as a paper states it; the checks sheet tests it against the rows.
  const stated = SAVINGS_LAYOUT.yearColumns.map((_, y) => SAVINGS.reduce((sum, row) => sum + ((row[5 + y] as number | null) ?? 0), 0));
  return [
    { kind: "addSheet", name: sheet },
    {
      kind: "write",
      sheet,
      at: "A1",
      values: [["Initiative", "Milestone", "Target date", "RAG", "Lead", ...SAVINGS_YEARS.map((y) => `${y} savings`), "Savings note"]],
    },
    { kind: "write", sheet, at: `A${first}`, values: SAVINGS, numberFormats: ["@", "@", DATE_FORMAT, "@", "@", MONEY_FORMAT, MONEY_FORMAT, MONEY_FORMAT, "@"] },
    { kind: "addTable", sheet, range: `A1:I${last}`, name: "SavingsPlan", style: "TableStyleMedium2" },
    { kind: "write", sheet, at: `A${totalRow}`, values: [["Total savings projection", null, null, null, null, ...stated]], numberFormats: ["@", "@", "@", "@", "@", MONEY_FORMAT, MONEY_FORMAT, MONEY_FORMAT] },
    { kind: "font", sheet, range: `A${totalRow}:H${totalRow}`, bold: true },
    { kind: "listValidation", sheet, range: `D${first}:D${last}`, source: `=${NAMES.statuses}` },
    ...statusFills(sheet, `D${first}:D${last}`),
    { kind: "columnWidths", sheet, widths: [
      { column: "A", width: 30 }, { column: "B", width: 44 }, { column: "C", width: 12 }, { column: "D", width: 9 },
      { column: "E", width: 24 }, { column: "F", width: 15 }, { column: "G", width: 15 }, { column: "H", width: 15 }, { column: "I", width: 44 },
    ] },
    { kind: "freeze", sheet, rows: 1 },
  ];
}

// ---------------------------------------------------------------------------------------------
// Strategy scorecard

/**
 * The scorecard's columns, shared with the import of a pasted scorecard (core/table's
 * SCORECARD_LAYOUT): targets as the strategy writes them, read for each year by HNB.TARGET;
 * actuals by quarter; the status by HNB.KPISTATUS against the target for the year its heading
 * names; the trend by HNB.TREND.
 */
const SCORECARD_ROWS: { ref: string; perspective: string; objective: string; measure: string; baseline: number; target: string; actuals: (number | null)[]; direction: "Higher" | "Lower"; unit: "%" | "£" | "count" }[] = [
  { ref: "S1", perspective: "Stakeholder", objective: "Better outcomes at key stages", measure: "Pupils with EHCPs reaching the expected standard at KS2", baseline: 0.12, target: "2026: 15%; 2027: 18%", actuals: [0.12, 0.14, 0.13, null], direction: "Higher", unit: "%" },
  { ref: "S2", perspective: "Stakeholder", objective: "Parents are satisfied", measure: "Parents satisfied with their child's EHCP", baseline: 0.52, target: "65% 2026; 80% 2027", actuals: [0.55, 0.58, 0.63, null], direction: "Higher", unit: "%" },
  { ref: "S3", perspective: "Stakeholder", objective: "Fewer tribunals", measure: "Tribunal appeals registered (rolling 12 months)", baseline: 14, target: "11 by 2025/26; 50% reduction by 2026-27", actuals: [13, 12, 11, null], direction: "Lower", unit: "count" },
  { ref: "I1", perspective: "Internal business", objective: "Identify needs earlier", measure: "Pupils identified at SEN support", baseline: 0.085, target: "12% by 2025/26; 15% by 2027", actuals: [0.091, 0.098, 0.104, null], direction: "Higher", unit: "%" },
  { ref: "I2", perspective: "Internal business", objective: "Local specialist places", measure: "Children with EHCPs placed out of county", baseline: 0.43, target: "38% by 2025/26; 30% by 2026/27", actuals: [0.42, 0.4, 0.39, null], direction: "Lower", unit: "%" },
  { ref: "I3", perspective: "Internal business", objective: "Local specialist places", measure: "New placements within 20 miles", baseline: 0.62, target: "70% by 2025/26; 80% by 2028", actuals: [0.66, 0.71, 0.72, null], direction: "Higher", unit: "%" },
  { ref: "F1", perspective: "Financial", objective: "Reduce independent placement costs", measure: "Independent placement spend (forecast outturn)", baseline: 9_600_000, target: "£9.4m by 2025/26; 5% reduction 2026-27", actuals: [9_700_000, 9_550_000, 9_500_000, null], direction: "Lower", unit: "£" },
  { ref: "F2", perspective: "Financial", objective: "Personal budgets", measure: "EHCPs with a personal budget", baseline: 0, target: "10% by 2025/26; 25% by 2027/28", actuals: [0.03, 0.06, 0.11, null], direction: "Higher", unit: "%" },
];

export const SCORECARD_YEARS = ["2025/26", "2026/27", "2027/28"];
export const SCORECARD_PERIODS = ["Q1 2025/26", "Q2 2025/26", "Q3 2025/26", "Q4 2025/26"];

/** A scorecard row's figures take its unit's format: 52%, 8.5%, £9,600,000, 14. */
export function indicatorFormat(unit: "%" | "£" | "count" | null, values: readonly (number | null)[]): string {
  if (unit === "%") return values.some((v) => v !== null && Math.abs(v * 100 - Math.round(v * 100)) > 1e-9) ? "0.0%" : PERCENT_FORMAT;
  if (unit === "£") return MONEY_FORMAT;
  return "#,##0.##";
}

function scorecardSheet(sheet: string): WorkbookOperation[] {
  const layout = scorecardLayout(SCORECARD_YEARS, SCORECARD_PERIODS, SCORECARD_YEARS[0]!, NAMES.key);
  const last = 1 + SCORECARD_ROWS.length;
  const rows = SCORECARD_ROWS.map((r, i) => layout.row(2 + i, { ref: r.ref, perspective: r.perspective, objective: r.objective, measure: r.measure, baseline: r.baseline, baselineYear: "2024/25", target: r.target, actuals: r.actuals, direction: r.direction, tolerance: DEFAULT_TOLERANCE }));
  const ops: WorkbookOperation[] = [
    { kind: "addSheet", name: sheet },
    { kind: "write", sheet, at: "A1", values: [layout.headers] },
    { kind: "write", sheet, at: "A2", values: rows, formulas: true, numberFormats: layout.formats.map((f, c) => (layout.formulaColumns.includes(c) || f !== "text" ? "General" : "@")) },
  ];
  SCORECARD_ROWS.forEach((r, i) => {
    const format = indicatorFormat(r.unit, [r.baseline, ...r.actuals]);
    for (const range of rowRanges(layout.figureColumns, 2 + i)) ops.push({ kind: "numberFormat", sheet, range, format });
  });
  ops.push(
    { kind: "addTable", sheet, range: `A1:${layout.lastColumn}${last}`, name: "Scorecard", style: "TableStyleMedium2" },
    { kind: "listValidation", sheet, range: `${layout.column("status")}2:${layout.column("status")}${last}`, source: `=${NAMES.statuses}` },
    { kind: "listValidation", sheet, range: `${layout.column("direction")}2:${layout.column("direction")}${last}`, source: ["Higher", "Lower"] },
    ...statusFills(sheet, `${layout.column("status")}2:${layout.column("status")}${last}`),
    { kind: "write", sheet, at: `A${last + 2}`, values: layout.explanation.map((t) => [t]) },
    { kind: "columnWidths", sheet, widths: layout.widths },
    { kind: "freeze", sheet, rows: 1 },
  );
  return ops;
}

// ---------------------------------------------------------------------------------------------
// EHCP numbers: the DSG management plan's children and young people, and what they cost

/** January census years: the first two actual (SEN2), the rest the plan's forecasts. Each falls in the DSG budget's year of the same column. */
export const EHCP_YEARS = [2024, 2025, 2026, 2027, 2028];
export const EHCP_ACTUALS = 2;

/** The year headings: "January 2026 (forecast)" marks a forecast, which HNB.EHCPCHECK reads. */
export function ehcpYearHeadings(years: readonly number[] = EHCP_YEARS, actuals = EHCP_ACTUALS): string[] {
  return years.map((y, i) => (i < actuals ? `January ${y}` : `January ${y} (forecast)`));
}

/** Made-up Northshire EHCPs by category and January (summary), unit costs (£ a year) and how each category splits by age and need. */
const EHCP_FIGURES: Record<EhcpCategoryId, { caseload: number[]; unitCost: number[]; ages: Partial<Record<AgeGroupId, number>>; needs: number[] }> = {
  mainstream: { caseload: [110, 122, 134, 146, 158], unitCost: [6000, 6200, 6400, 6600, 6800], ages: { under5: 4, "5to10": 48, "11to15": 38, "16to19": 10 }, needs: [30, 3, 10, 0, 4, 0, 14, 30, 1, 5, 2, 1, 0] },
  resourced: { caseload: [16, 18, 20, 23, 26], unitCost: [12000, 12400, 12800, 13200, 13600], ages: { under5: 2, "5to10": 50, "11to15": 40, "16to19": 8 }, needs: [45, 6, 8, 0, 3, 0, 8, 28, 0, 0, 2, 0, 0] },
  special: { caseload: [52, 56, 60, 62, 65], unitCost: [22000, 22600, 23200, 23800, 24400], ages: { under5: 4, "5to10": 36, "11to15": 38, "16to19": 18, "20to25": 4 }, needs: [38, 2, 10, 1, 5, 6, 12, 6, 16, 0, 2, 2, 0] },
  independent: { caseload: [32, 34, 35, 37, 39], unitCost: [48000, 50000, 52000, 54000, 56000], ages: { "5to10": 22, "11to15": 56, "16to19": 20, "20to25": 2 }, needs: [50, 2, 2, 0, 2, 2, 34, 4, 2, 0, 1, 1, 0] },
  ap: { caseload: [6, 7, 8, 7, 6], unitCost: [16000, 16400, 16800, 17200, 17600], ages: { "5to10": 18, "11to15": 72, "16to19": 10 }, needs: [10, 0, 6, 0, 2, 0, 70, 8, 0, 2, 0, 2, 0] },
  post16: { caseload: [30, 34, 38, 41, 42], unitCost: [9000, 9200, 9400, 9600, 9800], ages: { "16to19": 80, "20to25": 20 }, needs: [30, 3, 18, 0, 5, 3, 14, 10, 10, 4, 2, 1, 0] },
  other: { caseload: [4, 5, 5, 4, 5], unitCost: [8000, 8200, 8400, 8600, 8800], ages: { under5: 10, "5to10": 30, "11to15": 30, "16to19": 20, "20to25": 10 }, needs: [30, 0, 10, 0, 10, 10, 20, 10, 10, 0, 0, 0, 0] },
};

/** A whole number split by weights, the largest remainders rounded up: the parts add to it exactly. */
function spread(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  const order = exact.map((v, i) => ({ i, rest: v - Math.floor(v) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  const short = total - parts.reduce((a, b) => a + b, 0);
  for (let k = 0; k < short; k++) parts[order[k]!.i]! += 1;
  return parts;
}

/** Where the EHCP numbers' rows fall, worked out once for the sheet, the links and the checks. */
export function ehcpLayout() {
  const lastColumn = columnLetters(EHCP_YEARS.length);
  let row = 4;
  const ageHeader = row++;
  const byAge = EHCP_CATEGORIES.map((category) => {
    const heading = row++;
    const lines = category.ages.map((age) => ({ age, row: row++ }));
    return { category, heading, lines, total: row++ };
  });
  const ageLast = row - 1;
  row++;
  const needHeader = row++;
  const byNeed = EHCP_CATEGORIES.map((category) => {
    const heading = row++;
    const lines = PRIMARY_NEEDS.map((need) => ({ need, row: row++ }));
    return { category, heading, lines, total: row++ };
  });
  const needLast = row - 1;
  row++;
  const summaryHeader = row++;
  const summary = EHCP_CATEGORIES.map(() => row++);
  const summaryTotal = row++;
  row++;
  const unitHeader = row++;
  const units = EHCP_CATEGORIES.map(() => row++);
  row++;
  const costHeader = row++;
  const costs = EHCP_CATEGORIES.map(() => row++);
  const costTotal = row++;
  return {
    lastColumn,
    ageHeader, byAge, ageRange: `A${ageHeader}:${lastColumn}${ageLast}`,
    needHeader, byNeed, needRange: `A${needHeader}:${lastColumn}${needLast}`,
    summaryHeader, summary, summaryTotal, caseload: `B${summary[0]}:${lastColumn}${summary[summary.length - 1]}`,
    unitHeader, units, unitCosts: `B${units[0]}:${lastColumn}${units[units.length - 1]}`,
    costHeader, costs, costTotal, cost: `B${costs[0]}:${lastColumn}${costs[costs.length - 1]}`,
    notes: costTotal + 2,
    /** The cost of independent placements in a January's column, and the total cost of placements. */
    independentCost: (column: string) => `${column}${costs[EHCP_CATEGORIES.findIndex((c) => c.id === "independent")]}`,
  };
}

function ehcpNumbersSheet(sheet: string): WorkbookOperation[] {
  const layout = ehcpLayout();
  const { lastColumn } = layout;
  const years = ehcpYearHeadings();
  const cols = EHCP_YEARS.map((_, i) => columnLetters(i + 1));
  const counts = EHCP_YEARS.map(() => "#,##0");
  const bold: string[] = [];
  const header = (row: number, title: string): WorkbookOperation => {
    bold.push(`A${row}:${lastColumn}${row}`);
    return { kind: "write", sheet, at: `A${row}`, values: [[title, ...years]] };
  };
  const sumRow = (first: number, last: number) => cols.map((c) => `=SUM(${c}${first}:${c}${last})`);
  const ageRows: unknown[][] = [];
  for (const block of layout.byAge) {
    const f = EHCP_FIGURES[block.category.id];
    const split = f.caseload.map((n) => spread(n, block.category.ages.map((a) => f.ages[a] ?? 0)));
    ageRows.push([block.category.name, ...cols.map(() => null)]);
    block.lines.forEach((line, i) => ageRows.push([ageGroupName(line.age), ...split.map((parts) => parts[i]!)]));
    ageRows.push(["Total", ...sumRow(block.lines[0]!.row, block.lines[block.lines.length - 1]!.row)]);
    bold.push(`A${block.heading}`, `A${block.total}:${lastColumn}${block.total}`);
  }
  const needRows: unknown[][] = [];
  for (const block of layout.byNeed) {
    const f = EHCP_FIGURES[block.category.id];
    const split = f.caseload.map((n) => spread(n, f.needs));
    needRows.push([block.category.name, ...cols.map(() => null)]);
    block.lines.forEach((line, i) => needRows.push([line.need.name, ...split.map((parts) => parts[i]!)]));
    needRows.push(["Total", ...sumRow(block.lines[0]!.row, block.lines[block.lines.length - 1]!.row)]);
    bold.push(`A${block.heading}`, `A${block.total}:${lastColumn}${block.total}`);
  }
  // The summary: each category's EHCPs (its total by age group), and the total of them all by primary need.
  const summaryRows = [
    ...layout.byAge.map((block) => [block.category.name, ...cols.map((c) => `=${c}${block.total}`)]),
    ["Total EHCPs", ...cols.map((c) => `=${layout.byNeed.map((block) => `${c}${block.total}`).join("+")}`)],
  ];
  bold.push(`A${layout.summaryTotal}:${lastColumn}${layout.summaryTotal}`, `A${layout.costTotal}:${lastColumn}${layout.costTotal}`);
  const unitRows = EHCP_CATEGORIES.map((c) => [c.name, ...EHCP_FIGURES[c.id].unitCost]);
  const costRows = EHCP_CATEGORIES.map((c, i) => [c.name, ...(i === 0 ? [`=HNB.PLACEMENTCOST(${layout.caseload},${layout.unitCosts})`] : [])]);
  const money = EHCP_YEARS.map(() => MONEY_FORMAT);
  return [
    { kind: "addSheet", name: sheet },
    {
      kind: "write",
      sheet,
      at: "A1",
      values: [
        ["EHCPs by placement category, age group and primary need (DSG management plan)"],
        [`EHCPs at the January census (age on 31 August): January ${EHCP_YEARS[0]} to ${EHCP_YEARS[EHCP_ACTUALS - 1]} actual (SEN2), the years marked forecast the plan's. Each January falls in the financial year of the same column on the DSG Budget sheet (January 2026 in 2025/26). DfE's categories, age groups and primary needs, in DfE's order.`],
      ],
    },
    { kind: "font", sheet, range: "A1", bold: true },
    header(layout.ageHeader, "EHCPs by age group"),
    { kind: "write", sheet, at: `A${layout.ageHeader + 1}`, values: ageRows, formulas: true, numberFormats: ["@", ...counts] },
    header(layout.needHeader, "EHCPs by primary need"),
    { kind: "write", sheet, at: `A${layout.needHeader + 1}`, values: needRows, formulas: true, numberFormats: ["@", ...counts] },
    header(layout.summaryHeader, "EHCPs by placement category"),
    { kind: "write", sheet, at: `A${layout.summaryHeader + 1}`, values: summaryRows, formulas: true, numberFormats: ["@", ...counts] },
    header(layout.unitHeader, "Average cost per EHCP (£ a year)"),
    { kind: "write", sheet, at: `A${layout.unitHeader + 1}`, values: unitRows, numberFormats: ["@", ...money] },
    header(layout.costHeader, "Cost of placements (£): EHCPs × average cost"),
    // One spilling formula: caseload × unit cost for every category and year.
    { kind: "write", sheet, at: `A${layout.costHeader + 1}`, values: costRows, formulas: true },
    { kind: "numberFormat", sheet, range: layout.cost, format: MONEY_FORMAT },
    { kind: "write", sheet, at: `A${layout.costTotal}`, values: [["Total cost of placements", ...sumRow(layout.costs[0]!, layout.costs[layout.costs.length - 1]!)]], formulas: true, numberFormats: ["@", ...money] },
    {
      kind: "write",
      sheet,
      at: `A${layout.notes}`,
      values: [
        [`The cost of NMSS or independent placements for ${MONITORING_YEAR} (January 2026) is the HN Monitoring's forecast for line 1.2.3, in £000.`],
        [`The DSG Budget's placement costs for ${DSG_YEARS[3]} and ${DSG_YEARS[4]} are the HN Monitoring's forecast outturn for ${MONITORING_YEAR} plus the change in the total cost of placements since then: a change in caseload or unit cost moves the deficit path.`],
      ],
    },
    ...bold.map((range): WorkbookOperation => ({ kind: "font", sheet, range, bold: true })),
    { kind: "columnWidths", sheet, widths: [{ column: "A", width: 62 }, ...cols.map((column) => ({ column, width: 22 }))] },
    { kind: "freeze", sheet, rows: 0, columns: 1 },
  ];
}

// ---------------------------------------------------------------------------------------------
// DSG budget: the corkscrew, in £000

export const DSG_YEARS = ["2023/24", "2024/25", "2025/26", "2026/27", "2027/28"];

export const DSG_LAYOUT = {
  years: "B1:F1",
  broughtForward: "B3:F3",
  movements: "B4:F7",
  carriedForward: "B8:F8",
  impact: "B9:F9",
  /**
   * The grant block sits above the deficit paths: a formula engine works out a spilling formula
   * before any cell below and to the right of it is read, and the paths read the grant line.
   * Its figures stand under the year they belong to: the deficit at the cut-off under 2025/26.
   * The sources come next, before the paths, so that reading the sheet finds them under the table.
   */
  grant: { heading: 11, deficit: "D12", ineligible: "D13", share: "D14", eligible: "D15", grant: "D16", residual: "D17" },
  unmitigated: "B27:F27",
  mitigated: "B28:F28",
  schoolsBlock: "B30:F30",
  transfer: "B4:F4",
  /** The High Needs Stability Grant's line: income in 2026/27, the year it is received. */
  grantLine: "B7:F7",
  /** The deficit at 31 March 2026 as each source gives it, and SOURCECHECK over them. */
  sources: { heading: 19, labels: "A20:A24", figures: "D20:D24", check: "D25" },
  /** The deficit at 31 March 2028, the end of the statutory override, without and with the recovery plan. */
  overrideEnd: { unmitigated: "F32", mitigated: "F33" },
};

/** The sources DfE compares the deficit across (explanatory note, 9 February 2026). */
export const DEFICIT_SOURCES = ["s251 outturn", "DSG note in the accounts (draft)", "DSG note in the accounts (published)", "S151 officer's DSG assurance", "Revenue outturn"];

// ---------------------------------------------------------------------------------------------
// High Needs budget monitoring by section 251 line, in £000

/** The monitoring's year: the DSG budget's 2025/26 column, whose spending line reads its forecast. */
export const MONITORING_YEAR = "2025/26";

/** Budget and forecast outturn (£000) of each section 251 line, by code: the lines and their names are core's S251_LINES, DfE's. */
const MONITORING_FIGURES: Record<string, [number, number]> = {
  "1.0.2": [1640, 1640],
  "1.2.1": [1020, 1110],
  "1.2.2": [1380, 1450],
  "1.2.3": [1650, 1820],
  "1.2.4": [200, 190],
  "1.2.5": [380, 375],
  "1.2.6": [95, 95],
  "1.2.7": [310, 330],
  "1.2.8": [120, 115],
  "1.2.9": [40, 40],
  "1.2.10": [55, 55],
  "1.2.11": [70, 82],
  "1.2.13": [160, 178],
};

const MONITORING_SECTIONS: { section: S251Section; title: string; subtotal?: string }[] = [
  { section: "place", title: "Place funding" },
  { section: "top-up", title: "Top-up funding", subtotal: "Subtotal top-up funding" },
  { section: "other", title: "Other High Needs spending" },
];

/** Section 251 lines in DfE's words and order: code, description, budget, forecast outturn (£000). */
const MONITORING_LINES: { section: string; lines: [string, string, number, number][]; subtotal?: string }[] = MONITORING_SECTIONS.map(({ section, title, subtotal }) => ({
  section: title,
  lines: S251_LINES.filter((l) => l.section === section).map((l): [string, string, number, number] => {
    const [budget, forecast] = MONITORING_FIGURES[l.code] ?? [0, 0];
    return [l.code, l.name, budget, forecast];
  }),
  ...(subtotal ? { subtotal } : {}),
}));

const MONITORING_ALLOCATION = -6690;

/** The line whose forecast is the cost of NMSS or independent placements, and the monitoring year's column on the EHCP and DSG sheets. */
const INDEPENDENT_LINE = "1.2.3";
const MONITORING_COLUMN = "D";

/** Where the monitoring's rows fall, worked out once for the sheet and the checks that read it. */
function monitoringLayout() {
  const header = 3;
  let row = header + 1;
  const rows: { kind: "section" | "line" | "subtotal"; row: number; values: unknown[] }[] = [];
  const lineRows: number[] = [];
  for (const block of MONITORING_LINES) {
    rows.push({ kind: "section", row: row++, values: [null, block.section] });
    const first = row;
    for (const [code, description, budget, forecast] of block.lines) {
      rows.push({ kind: "line", row, values: [code, description, budget, forecast] });
      lineRows.push(row++);
    }
    if (block.subtotal) rows.push({ kind: "subtotal", row: row++, values: [null, block.subtotal, `=SUM(C${first}:C${row - 2})`, `=SUM(D${first}:D${row - 2})`] });
  }
  const total = row;
  return { header, rows, lineRows, total, allocation: total + 1, position: total + 2 };
}

/** The lines' cells of a column as SUM's arguments, runs joined: "C5,C7:C9,C12:C20". */
function lineCells(column: string, rows: number[]): string {
  const runs: string[] = [];
  let start = rows[0]!;
  rows.forEach((r, i) => {
    const next = rows[i + 1];
    if (next === r + 1) return;
    runs.push(start === r ? `${column}${r}` : `${column}${start}:${column}${r}`);
    if (next !== undefined) start = next;
  });
  return runs.join(",");
}

function monitoringSheet(sheet: string, ehcp?: string): WorkbookOperation[] {
  const { header, rows, lineRows, total, allocation, position } = monitoringLayout();
  const figures = (r: number) => [`=HNB.VARIANCE(C${r},D${r})`, `=IF(C${r}=0,"",E${r}/C${r})`];
  // With the EHCP numbers, 1.2.3's forecast is the cost of NMSS or independent placements for the year (£ to £000).
  const forecastOf = (values: unknown[]) => (ehcp && values[0] === INDEPENDENT_LINE ? [...values.slice(0, 3), `=${ref(ehcp, ehcpLayout().independentCost(MONITORING_COLUMN))}/1000`] : values);
  const body = rows.map(({ kind, row, values }) => (kind === "section" ? [...values, null, null, null, null] : [...forecastOf(values), ...figures(row)]));
  const ops: WorkbookOperation[] = [
    { kind: "addSheet", name: sheet },
    { kind: "write", sheet, at: "A1", values: [[`High Needs budget monitoring ${MONITORING_YEAR} (£000)`], ["Forecast at month 7 (October 2025). Variance is forecast outturn less budget: an overspend is positive, an underspend in brackets."]] },
    { kind: "font", sheet, range: "A1", bold: true },
    { kind: "write", sheet, at: `A${header}`, values: [["Line", "Description", "Budget", "Forecast Outturn", "Variance", "% Variance"]] },
    { kind: "font", sheet, range: `A${header}:F${header}`, bold: true },
    { kind: "write", sheet, at: `A${header + 1}`, values: body, formulas: true, numberFormats: ["@", "@", THOUSANDS_FORMAT, THOUSANDS_FORMAT, THOUSANDS_FORMAT, "0.0%;(0.0%)"] },
    {
      kind: "write",
      sheet,
      at: `A${total}`,
      values: [
        [null, "Total High Needs expenditure", `=SUM(${lineCells("C", lineRows)})`, `=SUM(${lineCells("D", lineRows)})`, ...figures(total)],
        // A percentage of income, or of a planned overspend, reads as nonsense: the variance alone.
        [null, "High Needs Block allocation", MONITORING_ALLOCATION, MONITORING_ALLOCATION, figures(allocation)[0], null],
        [null, "In-year High Needs overspend / (underspend)", `=C${total}+C${allocation}`, `=D${total}+D${allocation}`, figures(position)[0], null],
      ],
      formulas: true,
      numberFormats: ["@", "@", THOUSANDS_FORMAT, THOUSANDS_FORMAT, THOUSANDS_FORMAT, "0.0%;(0.0%)"],
    },
    { kind: "namedRange", name: NAMES.forecastOutturn, sheet, range: `D${total}` },
    { kind: "columnWidths", sheet, widths: [{ column: "A", width: 8 }, { column: "B", width: 72 }, { column: "C", width: 11 }, { column: "D", width: 17 }, { column: "E", width: 11 }, { column: "F", width: 12 }] },
    { kind: "freeze", sheet, rows: header },
  ];
  for (const r of rows) if (r.kind !== "line") ops.push({ kind: "font", sheet, range: `A${r.row}:F${r.row}`, bold: true });
  ops.push({ kind: "font", sheet, range: `A${total}:F${total}`, bold: true }, { kind: "font", sheet, range: `A${position}:F${position}`, bold: true });
  return ops;
}

function dsgBudgetSheet(sheet: string, linked = false, ehcp?: string): WorkbookOperation[] {
  const cols = DSG_YEARS.map((_, i) => columnLetters(i + 1));
  const cutOff = cols[DSG_YEARS.indexOf(yearLabel(STABILITY_GRANT_YEAR - 1))]!;
  const grantYear = DSG_YEARS.indexOf(yearLabel(STABILITY_GRANT_YEAR));
  const g = DSG_LAYOUT.grant;
  const src = DSG_LAYOUT.sources;
  // Each year's brought forward is the year before's carried forward, by formula: the corkscrew.
  const broughtForward = cols.map((_, i) => (i === 0 ? 812 : `=${cols[i - 1]}8`));
  const carriedForward = cols.map((c) => `=SUM(${c}3:${c}7)`);
  // The grant is income (in brackets) in the year it is received, and only then.
  const grantLine = cols.map((_, i) => (i === grantYear ? `=-${g.grant}` : null));
  const money = cols.map(() => THOUSANDS_FORMAT);
  return [
    { kind: "addSheet", name: sheet },
    { kind: "write", sheet, at: "A1", values: [["High Needs DSG (£000)", ...DSG_YEARS], [null, ...DSG_YEARS.map(() => "£000")]] },
    { kind: "font", sheet, range: "A1:F2", bold: true },
    {
      kind: "write",
      sheet,
      at: "A3",
      values: [
        ["High Needs DSG B/Fwd Deficit / (Surplus)", ...broughtForward],
        ["Transfer From Schools Block", -150, -150, -150, -150, -150],
        ["High Needs Allocation", -6120, -6430, -6690, -6950, -7210],
        // 2025/26's spending is the High Needs monitoring's forecast outturn when that sheet is in the workbook.
        ["Placement costs", 6540, 7020, linked ? `=${NAMES.forecastOutturn}` : 7480, ...placementCostsAfter(ehcp, [7910, 8380])],
        ["High Needs Stability Grant", ...grantLine],
        ["High Needs DSG C/Fwd Deficit / (Surplus)", ...carriedForward],
        ["Recovery Plan Impact", -45, -120, -210, -260, -300],
      ],
      formulas: true,
      numberFormats: ["@", ...money],
    },
    { kind: "font", sheet, range: "A8:F8", bold: true },
    // Figures under the year they belong to (the cut-off's, 2025/26); the grant is income the year after.
    {
      kind: "write",
      sheet,
      at: `A${g.heading}`,
      values: [
        [`High Needs Stability Grant (GOV.UK explanatory note, 9 February 2026): towards the deficit at ${formatDate(STABILITY_GRANT_CUT_OFF)}`],
        [`Deficit at ${formatDate(STABILITY_GRANT_CUT_OFF)} (C/Fwd ${yearLabel(STABILITY_GRANT_YEAR - 1)})`],
        ["Less: not High Needs (early years overspend, equal pay)"],
        ["Share of the eligible deficit paid"],
        ["Eligible deficit"],
        [`High Needs Stability Grant (income in ${yearLabel(STABILITY_GRANT_YEAR)})`],
        ["Residual deficit after the grant"],
      ],
    },
    {
      kind: "write",
      sheet,
      at: g.deficit,
      values: [[`=${cutOff}8`], [62], [STABILITY_GRANT_SHARE], [`=${g.deficit}-${g.ineligible}`], [`=HNB.STABILITYGRANT(${g.deficit},${g.ineligible},${g.share})`], [`=${g.deficit}-${g.grant}`]],
      formulas: true,
      numberFormats: [THOUSANDS_FORMAT],
    },
    { kind: "numberFormat", sheet, range: g.share, format: PERCENT_FORMAT },
    { kind: "font", sheet, range: `A${g.heading}`, bold: true },
    {
      kind: "write",
      sheet,
      at: `A${DSG_LAYOUT.unmitigated.slice(1).split(":")[0]}`,
      values: [
        ["Deficit path without the recovery plan (unmitigated)", `=HNB.DEFICITPATH(B3,${DSG_LAYOUT.movements})`],
        ["Deficit path with the recovery plan (mitigated)", `=HNB.DEFICITPATH(B3,${DSG_LAYOUT.movements},${DSG_LAYOUT.impact})`],
      ],
      formulas: true,
    },
    { kind: "numberFormat", sheet, range: `${DSG_LAYOUT.unmitigated.split(":")[0]}:${DSG_LAYOUT.mitigated.split(":")[1]}`, format: THOUSANDS_FORMAT },
    { kind: "write", sheet, at: `A${DSG_LAYOUT.schoolsBlock.slice(1).split(":")[0]}`, values: [["Schools Block", 40_000, 41_000, 42_000, 43_000, 44_000]], numberFormats: ["@", ...money] },
    {
      kind: "write",
      sheet,
      at: `A${src.heading}`,
      values: [[`Deficit at ${formatDate(STABILITY_GRANT_CUT_OFF)} by source (DfE uses the lowest where they differ)`], ...DEFICIT_SOURCES.map((label) => [label]), ["The sources agree"]],
    },
    { kind: "write", sheet, at: src.figures.split(":")[0]!, values: [...DEFICIT_SOURCES.map(() => [2162]), [`=HNB.SOURCECHECK(${src.figures},${src.labels})`]], formulas: true, numberFormats: [THOUSANDS_FORMAT] },
    { kind: "font", sheet, range: `A${src.heading}`, bold: true },
    {
      kind: "write",
      sheet,
      at: `A${DSG_LAYOUT.overrideEnd.unmitigated.slice(1)}`,
      values: [
        [`Deficit at ${formatDate(OVERRIDE_END)}, the end of the statutory override, without the recovery plan`],
        [`Deficit at ${formatDate(OVERRIDE_END)}, the end of the statutory override, with the recovery plan`],
      ],
    },
    {
      kind: "write",
      sheet,
      at: DSG_LAYOUT.overrideEnd.unmitigated,
      values: [[`=${DSG_LAYOUT.unmitigated.split(":")[1]}`], [`=${DSG_LAYOUT.mitigated.split(":")[1]}`]],
      formulas: true,
      numberFormats: [THOUSANDS_FORMAT],
    },
    {
      kind: "lineChart",
      sheet,
      at: "H2",
      title: "High Needs DSG deficit (£000): with and without the recovery plan",
      categories: DSG_LAYOUT.years,
      series: [
        { name: "Unmitigated", values: DSG_LAYOUT.unmitigated },
        { name: "Mitigated", values: DSG_LAYOUT.mitigated },
      ],
    },
    { kind: "columnWidths", sheet, widths: [{ column: "A", width: 48 }, ...cols.map((c) => ({ column: c, width: 11 }))] },
  ];
}

/**
 * The years after the monitoring's: with the EHCP numbers, the monitoring's forecast outturn plus
 * the change in the total cost of placements since the monitoring's year (£ to £000), so a change
 * in caseload or unit cost moves the deficit path; without them, as typed.
 */
function placementCostsAfter(ehcp: string | undefined, typed: number[]): (number | string)[] {
  if (!ehcp) return typed;
  const { costTotal } = ehcpLayout();
  const first = DSG_YEARS.indexOf(MONITORING_YEAR) + 1;
  return typed.map((_, i) => `=${NAMES.forecastOutturn}+(${ref(ehcp, `${columnLetters(first + i + 1)}${costTotal}`)}-${ref(ehcp, `${MONITORING_COLUMN}${costTotal}`)})/1000`);
}

// ---------------------------------------------------------------------------------------------
// Checks: every check's result, and a master check counting the failures

function checksSheet(sheets: Record<TemplateName, string>): WorkbookOperation[] {
  const sheet = sheets.checks;
  const sp = sheets["savings-plan"];
  const ap = sheets["action-plan"];
  const dsg = sheets["dsg-budget"];
  const { first, last, totalRow, statusColumn, yearColumns } = SAVINGS_LAYOUT;
  const apFirst = ACTION_HEADER_ROW + 1;
  const apLast = ACTION_HEADER_ROW + ACTIONS.length;
  const checks: [string, string][] = [
    ...yearColumns.map((c, y): [string, string] => [
      `Savings ${SAVINGS_YEARS[y]}: the stated total agrees with the rows`,
      `=HNB.TOTALCHECK(${ref(sp, `${c}${totalRow}`)},${ref(sp, `${c}${first}:${c}${last}`)})`,
    ]),
    ["Savings plan: every RAG status is in the key", `=HNB.RAGCHECK(${ref(sp, `${statusColumn}${first}:${statusColumn}${last}`)},${NAMES.key})`],
    ["Action plan: every RAG status is in the key", `=HNB.RAGCHECK(${ref(ap, `H${apFirst}:H${apLast}`)},${NAMES.key})`],
    ...monitoringChecks(sheets["hn-monitoring"], dsg),
    ["DSG budget: the deficit at 31 March 2026 is the same in every source", `=HNB.SOURCECHECK(${ref(dsg, DSG_LAYOUT.sources.figures)},${ref(dsg, DSG_LAYOUT.sources.labels)})`],
    [
      "DSG budget: the corkscrew carries forward and adds up",
      `=HNB.CORKSCREW(${ref(dsg, DSG_LAYOUT.broughtForward)},${ref(dsg, DSG_LAYOUT.movements)},${ref(dsg, DSG_LAYOUT.carriedForward)},${ref(dsg, DSG_LAYOUT.years)},1)`,
    ],
    ...ehcpChecks(sheets["ehcp-numbers"], sheets["hn-monitoring"], dsg),
  ];
  const checkFirst = 5;
  const checkLast = checkFirst + checks.length - 1;
  const infoRow = checkLast + 3;
  const info: [string, string][] = [
    ["DSG: first year out of deficit, with the recovery plan", `=HNB.RECOVERYYEAR(${ref(dsg, DSG_LAYOUT.mitigated)},${ref(dsg, DSG_LAYOUT.years)})`],
    ["DSG: 2024/25 transfer from the Schools Block", `=HNB.TRANSFERCHECK(${ref(dsg, "C4")},${ref(dsg, DSG_LAYOUT.schoolsBlock.replace(/^B(\d+):.*$/, "C$1"))})`],
    [`DSG: deficit at ${formatDate(OVERRIDE_END)}, the end of the statutory override, with the recovery plan`, `=${ref(dsg, DSG_LAYOUT.overrideEnd.mitigated)}`],
  ];
  // A blank row after the information, then the figures by year.
  const figuresRow = infoRow + info.length + 1;
  return [
    { kind: "addSheet", name: sheet },
    { kind: "write", sheet, at: "A1", values: [[CHECKS_TITLE]] },
    { kind: "write", sheet, at: "B1", values: [[`=SUM(C${checkFirst}:C${checkLast})`]], formulas: true },
    { kind: "namedRange", name: NAMES.masterCheck, sheet, range: "B1" },
    { kind: "font", sheet, range: "A1:B1", bold: true },
    { kind: "conditionalFill", sheet, range: "B1", text: "0", fill: COLOURS.Green.fill },
    { kind: "write", sheet, at: "A2", values: [["0 means every check below passes. A check that fails says why in its Result cell."]] },
    { kind: "write", sheet, at: `A${checkFirst - 1}`, values: [["Check", "Result", "Failing"]] },
    { kind: "font", sheet, range: `A${checkFirst - 1}:C${checkFirst - 1}`, bold: true },
    {
      kind: "write",
      sheet,
      at: `A${checkFirst}`,
      // "Passes" as text rather than TRUE, which viewers without the add-in cannot show.
      values: checks.map(([label, formula], i) => [label, `=IF(${formula.slice(1)}=TRUE(),"Passes",${formula.slice(1)})`, `=IF(B${checkFirst + i}="Passes",0,1)`]),
      formulas: true,
    },
    { kind: "write", sheet, at: `A${infoRow - 1}`, values: [["Information"]] },
    { kind: "font", sheet, range: `A${infoRow - 1}`, bold: true },
    {
      kind: "write",
      sheet,
      at: `A${infoRow}`,
      values: info,
      formulas: true,
    },
    // A blank row, then the figures by year: the table reader reads them as a table of their own.
    { kind: "write", sheet, at: `A${figuresRow}`, values: [["Savings by year", ...SAVINGS_YEARS]] },
    { kind: "font", sheet, range: `A${figuresRow}:D${figuresRow}`, bold: true },
    {
      kind: "write",
      sheet,
      at: `A${figuresRow + 1}`,
      values: [
        ["Total of the rows", ...yearColumns.map((c) => `=HNB.SAVINGSTOTAL(${ref(sp, `${c}${first}:${c}${last}`)})`)],
        ["Risk-adjusted (weighted by RAG status)", `=HNB.SAVINGSBYYEAR(${ref(sp, `F${first}:H${last}`)},${ref(sp, `${statusColumn}${first}:${statusColumn}${last}`)},${NAMES.weights},${NAMES.key})`],
      ],
      formulas: true,
    },
    { kind: "numberFormat", sheet, range: `B${figuresRow + 1}:D${figuresRow + 2}`, format: MONEY_FORMAT },
    { kind: "columnWidths", sheet, widths: [{ column: "A", width: 56 }, { column: "B", width: 60 }, { column: "C", width: 15 }, { column: "D", width: 15 }] },
  ];
}

/**
 * The EHCP numbers' checks: each category's two breakdowns agree (forecasts to within 1, rounded
 * cell by cell); the categories add to the total; cost is caseload × unit cost; and the links that
 * carry the cost to the monitoring's 1.2.3 and the DSG budget's later years hold.
 */
function ehcpChecks(sheet: string, monitoring: string, dsg: string): [string, string][] {
  const layout = ehcpLayout();
  const { total: monitoringTotal } = monitoringLayout();
  const independentRow = monitoringLayout().rows.find((r) => r.values[0] === INDEPENDENT_LINE)!.row;
  const first = DSG_YEARS.indexOf(MONITORING_YEAR) + 2;
  const later = [columnLetters(first), columnLetters(first + 1)];
  const costTotal = (c: string) => ref(sheet, `${c}${layout.costTotal}`);
  return [
    ["EHCP numbers: each category's EHCPs by age group and by primary need agree (forecasts to within 1)", `=HNB.EHCPCHECK(${ref(sheet, layout.ageRange)},${ref(sheet, layout.needRange)},1)`],
    [
      "EHCP numbers: the categories add to the total EHCPs",
      `=HNB.TOTALCHECK(SUM(${ref(sheet, `B${layout.summaryTotal}:${layout.lastColumn}${layout.summaryTotal}`)}),${ref(sheet, layout.caseload)})`,
    ],
    ["EHCP numbers: the cost of placements is EHCPs × average cost", `=HNB.TOTALCHECK(SUM(${ref(sheet, layout.cost)}),SUMPRODUCT(${ref(sheet, layout.caseload)},${ref(sheet, layout.unitCosts)}))`],
    [
      `HN monitoring: ${INDEPENDENT_LINE}'s forecast is the cost of NMSS or independent placements in ${MONITORING_YEAR}`,
      `=HNB.TOTALCHECK(${ref(monitoring, `D${independentRow}`)},${ref(sheet, layout.independentCost(MONITORING_COLUMN))}/1000)`,
    ],
    [
      `DSG budget: placement costs after ${MONITORING_YEAR} move with the cost of placements`,
      `=HNB.TOTALCHECK(${later.map((c) => ref(dsg, `${c}6`)).join("+")},2*${ref(monitoring, `D${monitoringTotal}`)}+(${later.map(costTotal).join("+")}-2*${costTotal(MONITORING_COLUMN)})/1000)`,
    ],
  ];
}

/** The monitoring's totals and in-year position, and the DSG budget's spending for the year reading its forecast. */
function monitoringChecks(sheet: string, dsg: string): [string, string][] {
  const { lineRows, total, allocation, position } = monitoringLayout();
  const year = DSG_YEARS.indexOf(MONITORING_YEAR);
  const spending = `${columnLetters(year + 1)}6`;
  return [
    ["HN monitoring: the total budget adds up from the lines", `=HNB.TOTALCHECK(${ref(sheet, `C${total}`)},SUM(${lineCells("C", lineRows).split(",").map((r) => ref(sheet, r)).join(",")}))`],
    ["HN monitoring: the total forecast outturn adds up from the lines", `=HNB.TOTALCHECK(${ref(sheet, `D${total}`)},SUM(${lineCells("D", lineRows).split(",").map((r) => ref(sheet, r)).join(",")}))`],
    ["HN monitoring: the in-year position is spending less the allocation", `=HNB.TOTALCHECK(${ref(sheet, `D${position}`)},SUM(${ref(sheet, `D${total}:D${allocation}`)}))`],
    [`DSG budget: ${MONITORING_YEAR} placement costs are the monitoring's forecast outturn`, `=HNB.TOTALCHECK(${ref(dsg, spending)},${NAMES.forecastOutturn})`],
  ];
}
