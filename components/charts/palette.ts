/** Series styles: colour from the theme's CSS variables plus a dash pattern and marker, so runs differ without colour too. */
export const SERIES_COLORS = ["var(--bad)", "var(--accent)", "var(--good)", "var(--focus)"] as const;
export const SERIES_DASHES = ["", "7 4", "2 3", "10 3 2 3"] as const;

export function seriesStyle(index: number): { color: string; dash: string } {
  return {
    color: SERIES_COLORS[index % SERIES_COLORS.length] as string,
    dash: SERIES_DASHES[index % SERIES_DASHES.length] as string,
  };
}
