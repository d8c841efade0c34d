import { describe, expect, it } from "vitest";
import { logRows, rowFields } from "@/lib/charts/log-rows";
import { logBands } from "@/lib/charts/log-scale";

describe("logRows (the rows LogLines draws)", () => {
  it("keeps every point: underflow and non-finite values on their bands, raw values alongside", () => {
    const lines = [
      { key: "a", values: [1e-3, 0, 1e2] },
      { key: "b", values: [null, 5] },
    ];
    const bands = logBands(lines.flatMap((l) => l.values));
    const { rows, hasUnderflow, hasNonFinite } = logRows(lines, bands);
    expect(rows.map((r) => r.x)).toEqual([1, 2, 3]);
    expect(hasUnderflow).toBe(true);
    expect(hasNonFinite).toBe(true);
    const a = rowFields("a");
    const b = rowFields("b");
    expect(rows.map((r) => r[a.kind])).toEqual(["ok", "underflow", "ok"]);
    expect(rows[1]?.[a.y]).toBe(bands.floor);
    expect(rows[1]?.[a.raw]).toBe(0);
    expect(rows[0]?.[b.y]).toBe(bands.ceil);
    expect(rows[0]?.[b.raw]).toBeNull();
    // a shorter line has no fields past its end (recharts then draws nothing there)
    expect(rows[2] && b.y in rows[2]).toBe(false);
  });

  it("says when there is nothing special to label", () => {
    const lines = [{ key: "a", values: [1, 2, 3] }];
    expect(logRows(lines, logBands([1, 2, 3]))).toMatchObject({ hasUnderflow: false, hasNonFinite: false });
    expect(logRows([], logBands([])).rows).toEqual([]);
  });
});
