import { quote, valueError } from "./errors";

/**
 * A share or rate: `0.05`, `5%`, `5 %`, `12.5%`. Numbers above 1 (or below -1) are refused
 * rather than guessed at: is 5 meant as 5% or 500%?
 */
export function readShare(raw: unknown, what: string): number {
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) throw valueError(`${what} must be a number such as 5% or 0.05.`);
    if (Math.abs(raw) > 1) {
      throw valueError(`${what} is ${raw}: write it as a percentage (${raw}%) or a fraction (${raw / 100}).`);
    }
    return raw;
  }
  if (typeof raw === "string") {
    const m = /^\s*([+-]?\d+(?:\.\d+)?|[+-]?\.\d+)\s*(?:(%)\s*)?$/.exec(raw);
    if (m) {
      const n = Number(m[1]);
      if (m[2]) return n / 100;
      if (Math.abs(n) <= 1) return n;
      throw valueError(`${what} is ${quote(raw)}: write it as a percentage (${n}%) or a fraction (${n / 100}).`);
    }
  }
  if (raw === null || raw === undefined || raw === "") return 0;
  throw valueError(`${what} (${quote(raw)}) is not a percentage.`);
}
