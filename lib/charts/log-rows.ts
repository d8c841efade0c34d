/**
 * The data rows of a log-scale line chart (LogLines): one row per x (1, 2, …), and for each line
 * its plotted y (underflow and non-finite values on their bands), the kind of point and the raw
 * value for the tooltip and the data table. Pure, so the rule is tested without a browser.
 */
import { type LogBands, type PointKind, plotValue, type Raw } from "./log-scale";

export type LineValues = { key: string; values: readonly Raw[] };
export type LogRow = { x: number } & Record<string, number | string | null>;

/** The row fields of a line: its plotted y, its point kind, its raw value. */
export const rowFields = (key: string) => ({ y: key, kind: `${key}__k`, raw: `${key}__raw` });

export function logRows(
  lines: readonly LineValues[],
  bands: LogBands,
): { rows: LogRow[]; hasUnderflow: boolean; hasNonFinite: boolean } {
  const n = Math.max(0, ...lines.map((l) => l.values.length));
  let hasUnderflow = false;
  let hasNonFinite = false;
  const rows = Array.from({ length: n }, (_, i) => {
    const row: LogRow = { x: i + 1 };
    for (const l of lines) {
      if (i >= l.values.length) continue;
      const raw = l.values[i] ?? null;
      const p = plotValue(raw, bands);
      const f = rowFields(l.key);
      row[f.y] = p.y;
      row[f.kind] = p.kind satisfies PointKind;
      row[f.raw] = raw;
      if (p.kind === "underflow") hasUnderflow = true;
      if (p.kind === "nonfinite") hasNonFinite = true;
    }
    return row;
  });
  return { rows, hasUnderflow, hasNonFinite };
}
