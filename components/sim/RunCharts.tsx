/**
 * The charts of a set of runs on the server (answer pages, drills, the lab's first results): the
 * "sim" words in the page's language around RunChartsView, which the lab also draws in the browser.
 */
import { getLocale, getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/locales";
import { RunChartsView, type RunChartsViewProps } from "./RunChartsView";
import styles from "./sim.module.css";

export type { AxisMarker } from "./RunChartsView";

type Props = RunChartsViewProps & {
  /** required inside "use cache" (no request to read it from); else the request's language */
  lang?: Locale;
};

export async function RunCharts({ lang, ...view }: Props) {
  const t = await getTranslations({ locale: lang ?? (await getLocale()), namespace: "sim" });
  return <RunChartsView t={t} {...view} />;
}

export function ChartSkeleton({ label, tall = false }: { label: string; tall?: boolean }) {
  return (
    <div className={`${styles.skeleton} ${tall ? styles.tall : ""}`} role="status" aria-label={label}>
      <span className="skeleton" />
    </div>
  );
}
