import { spawnSync } from "child_process";

/** A program's path when it is on PATH (LibreOffice, poppler's pdftotext), else null: tests skip visibly without it. */
export function onPath(command: string): string | null {
  const found = spawnSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" });
  return found.status === 0 && found.stdout.trim() ? found.stdout.trim() : null;
}

export const office = onPath("libreoffice") ?? onPath("soffice");
export const pdftotext = onPath("pdftotext");
export const pdftoppm = onPath("pdftoppm");
