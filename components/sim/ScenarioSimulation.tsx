/** One answer-page scenario: the problem and its fixes, run in parallel on the server by the page, charted here. */
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { LabeledResult } from "@/lib/charts/series";
import type { Locale } from "@/lib/i18n/locales";
import { labHref } from "@/lib/lab/state";
import { differingKnobs, scenarioKnob } from "@/lib/questions/scenario-knob";
import type { ConfigRuns } from "@/lib/sim-service/simulations.server";
import { RunCharts } from "./RunCharts";
import styles from "./sim.module.css";

export type ScenarioRun = { label: string; role: "problem" | "fix" };

/** `runs[i]` labels the i-th config of `simulations` (the page starts them; this awaits them inside Suspense). */
export async function ScenarioSimulation({
  id,
  runs,
  simulations,
  lang,
  explore = false,
}: {
  id: string;
  runs: ScenarioRun[];
  simulations: Promise<ConfigRuns>;
  lang: Locale;
  /** offer the page's one inline control on this chart (a knob the problem and its fix differ in) */
  explore?: boolean;
}) {
  const [t, outcome] = await Promise.all([getTranslations({ locale: lang, namespace: "sim" }), simulations]);
  if (!outcome.ok)
    return (
      <p role="alert" className="form-error">
        {t("scenarioInvalid", {
          label: runs[outcome.index]?.label ?? "",
          error: outcome.errors.map((e) => e.message).join("; "),
        })}
      </p>
    );
  const { configs, results } = outcome;
  const [problem, fix] = configs;
  const knob = explore && problem && fix ? scenarioKnob(problem, differingKnobs(problem, fix)) : null;
  const labeled: LabeledResult[] = runs.map((r, i) => ({
    id: `${id}-${i}`,
    label: `${t(r.role === "problem" ? "problem" : "fix")}: ${r.label}`,
    role: r.role,
    result: results[i] as LabeledResult["result"],
  }));
  return (
    <div className={styles.scenarioBody}>
      <RunCharts lang={lang} runs={labeled} annotate knob={knob} testId={`scenario-charts-${id}`} />
      <p>
        <Link href={labHref(configs.slice(0, 3))} className="button secondary" data-testid="open-in-lab">
          {t("openInLab")}
        </Link>
        {configs.length > 3 ? <span className="muted"> {t("labFirstThree")}</span> : null}
      </p>
    </div>
  );
}
