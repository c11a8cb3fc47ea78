/**
 * Dates as Excel serial numbers (the 1900 date system: 1 = 1 January 1900, and 45,566 is
 * 1 October 2024), financial years (1 April – 31 March) and academic years
 * (1 September – 31 August).
 */

const MS_PER_DAY = 86_400_000;
/** Days from Excel's day 0 (30 December 1899, allowing for its phantom 29 February 1900) to 1970. */
const EXCEL_EPOCH_OFFSET = 25_569;

export function serialFromYmd(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY + EXCEL_EPOCH_OFFSET;
}

/** Today, on this machine's calendar, as an Excel serial: what a check judges deadlines by when the workbook gives no report date. */
export function todaySerial(now: Date = new Date()): number {
  return serialFromYmd(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

export interface Ymd {
  year: number;
  month: number;
  day: number;
}

export function ymdFromSerial(serial: number): Ymd {
  const d = new Date(Math.round((Math.floor(serial) - EXCEL_EPOCH_OFFSET) * MS_PER_DAY));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_LENGTHS[month - 1]!;
}

export function endOfMonth(year: number, month: number): number {
  return serialFromYmd(year, month, daysInMonth(year, month));
}

/** The serial range Excel can show as a date: 1 January 1900 to 31 December 9999. */
export function isDateSerial(value: number): boolean {
  return Number.isFinite(value) && value >= 1 && value < 2_958_466;
}

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** A month's name in full, 1 = January: in messages, without the cost of a locale lookup. */
export function monthName(month: number): string {
  return MONTH_NAMES[month - 1] ?? String(month);
}

/** `1 September 2024`: the UK long form used in messages. */
export function formatDate(serial: number): string {
  const { year, month, day } = ymdFromSerial(serial);
  return `${day} ${MONTH_NAMES[month - 1]} ${year}`;
}

export type YearStyle = "long" | "short";

/** The year in which the financial year holding this date began: April starts a new one. */
export function financialYearStart(serial: number): number {
  const { year, month } = ymdFromSerial(serial);
  return month >= 4 ? year : year - 1;
}

/** The year in which the academic year holding this date began: September starts a new one. */
export function academicYearStart(serial: number): number {
  const { year, month } = ymdFromSerial(serial);
  return month >= 9 ? year : year - 1;
}

/** `2021/22` (long) or `21/22` (short) for the year beginning in startYear. */
export function yearLabel(startYear: number, style: YearStyle = "long"): string {
  const next = String((startYear + 1) % 100).padStart(2, "0");
  if (style === "short") return `${String(startYear % 100).padStart(2, "0")}/${next}`;
  return `${startYear}/${next}`;
}

export function parseYearStyle(raw: unknown): YearStyle | null {
  if (raw === null || raw === undefined || raw === "") return "long";
  const t = String(raw).trim().toLowerCase();
  if (t === "long" || t === "yyyy/yy" || t === "full") return "long";
  if (t === "short" || t === "yy/yy") return "short";
  return null;
}

/** A two-digit year as councils mean it: 00–69 is 2000–2069, 70–99 is 1970–1999. */
export function expandYear(twoOrFour: number, digits: number): number {
  if (digits >= 3) return twoOrFour;
  return twoOrFour < 70 ? 2000 + twoOrFour : 1900 + twoOrFour;
}

const YEAR_PAIR =
  /^(?:fy|ay|financial year|academic year)?\s*('?)(\d{2}|\d{4})\s*(?:\/|-|–|—|to)\s*(\d{2}|\d{4})$/i;

/**
 * The start year of a year label: `2021/22`, `21/22`, `2021-22`, `2021 to 2022`, `FY21/22`,
 * `2021/2022`. The second year must follow the first. Returns null for anything else.
 */
export function parseYearLabel(raw: unknown): number | null {
  if (typeof raw !== "string") return null;
  const m = YEAR_PAIR.exec(raw.trim());
  if (!m) return null;
  const first = expandYear(Number(m[2]), m[2]!.length);
  const second = Number(m[3]);
  const expected = m[3]!.length === 4 ? first + 1 : (first + 1) % 100;
  return second === expected ? first : null;
}

/** Finds a year label inside a heading such as `24/25 Target Savings` or `Savings 2024-25 (£)`. */
export function findYearLabel(raw: unknown): number | null {
  if (typeof raw !== "string") return null;
  const re = /(?:fy\s*)?(\d{4}|\d{2})\s*(?:\/|-|–|to)\s*(\d{4}|\d{2})(?!\d)/gi;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    const start = parseYearLabel(`${m[1]}/${m[2]}`);
    if (start !== null) return start;
  }
  return null;
}
