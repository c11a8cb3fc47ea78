/** Column letters as Excel shows them: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(column: number): string {
  let n = column + 1;
  let letters = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** "H12" for 0-based row 11, column 7. */
export function a1(row: number, column: number): string {
  return `${columnLetters(column)}${row + 1}`;
}

/** Columns of one sheet row as A1 ranges, neighbours joined: [4, 7, 8, 9] on row 3 is E3 and H3:J3. */
export function rowRanges(columns: readonly number[], row: number): string[] {
  const ranges: string[] = [];
  const sorted = [...columns].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    ranges.push(i === j ? `${columnLetters(sorted[i]!)}${row}` : `${columnLetters(sorted[i]!)}${row}:${columnLetters(sorted[j]!)}${row}`);
    i = j + 1;
  }
  return ranges;
}

/** A sheet name as a reference needs it: quoted when it has anything but letters, digits and _. */
export function sheetPrefix(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}

/** "'Savings plan'!H12" for a 0-based cell of a grid whose values start at `origin`. */
export function location(
  sheet: string,
  row: number,
  column: number,
  origin: { row: number; column: number } = { row: 0, column: 0 },
): string {
  return `${sheetPrefix(sheet)}!${a1(row + origin.row, column + origin.column)}`;
}

/** "'Savings plan'!J13" → { sheet: "Savings plan", address: "J13" }. */
export function splitLocation(location: string): { sheet: string; address: string } {
  const bang = location.lastIndexOf("!");
  if (bang < 0) return { sheet: "", address: location };
  let sheet = location.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, address: location.slice(bang + 1) };
}
