/** One answer-page scenario, problem and fixes run in parallel on the server through the sim service. */
import "server-only";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { LabeledResult } from "@/lib/charts/series";
import { labHref } from "@/lib/lab/state";
import { parseSimConfig, type SimConfig } from "@/lib/sim";
import { simService } from "@/lib/sim-service/index.server";
import { RunCharts } from "./RunCharts";
import styles from "./sim.module.css";

export type ScenarioRun = { label: string; config: unknown; role: "problem" | "fix" };

export async function ScenarioSimulation({ runs, id }: { runs: ScenarioRun[]; id: string }) {
  const t = await getTranslations("sim");
  const parsed = runs.map((r) => ({ ...r, parsed: parseSimConfig(r.config) }));
  const bad = parsed.find((p) => !p.parsed.ok);
  if (bad && !bad.parsed.ok)
    return (
      <p role="alert" className="form-error">
        {t("scenarioInvalid", { label: bad.label, error: bad.parsed.errors.map((e) => e.message).join("; ") })}
      </p>
    );
  const configs = parsed.map((p) => (p.parsed as { ok: true; config: SimConfig }).config);
  const results = await Promise.all(configs.map((c) => simService.result(c)));
  const labeled: LabeledResult[] = parsed.map((p, i) => ({
    id: `${id}-${i}`,
    label: `${t(p.role === "problem" ? "problem" : "fix")}: ${p.label}`,
    role: p.role,
    result: results[i] as LabeledResult["result"],
  }));
  return (
    <div className={styles.scenarioBody}>
      <RunCharts runs={labeled} testId={`scenario-charts-${id}`} />
      <p>
        <Link href={labHref(configs.slice(0, 3))} className="button secondary" data-testid="open-in-lab">
          {t("openInLab")}
        </Link>
        {configs.length > 3 ? <span className="muted"> {t("labFirstThree")}</span> : null}
      </p>
    </div>
  );
}
