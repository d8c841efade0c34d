/**
 * Series styles: a colour from the theme's series palette plus a dash pattern, so runs differ
 * without colour too. The palette never contains a verdict colour (--verdict-*): red, green and
 * violet mean exploding, healthy and vanishing wherever they appear, and only that.
 */
export const SERIES_COLORS = ["var(--series-1)", "var(--series-2)", "var(--series-3)", "var(--series-4)"] as const;
export const SERIES_DASHES = ["", "7 4", "2 3", "10 3 2 3"] as const;

export function seriesStyle(index: number): { color: string; dash: string } {
  return {
    color: SERIES_COLORS[index % SERIES_COLORS.length] as string,
    dash: SERIES_DASHES[index % SERIES_DASHES.length] as string,
  };
}
