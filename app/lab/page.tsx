/**
 * The lab: every engine knob in a GET form, the whole state in the URL (lib/lab/state.ts), up to
 * three configs compared on the same charts. The server draws the first results (and every result
 * without JavaScript); in the browser, LabApp re-runs the engine on each knob (ADR 29).
 */
import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { LabApp } from "@/components/lab/LabApp";
import { LayerStrip } from "@/components/lab/LayerStrip";
import styles from "@/components/lab/lab.module.css";
import { describeWords, type LabT } from "@/components/lab/words";
import { ChartSkeleton, RunCharts } from "@/components/sim/RunCharts";
import type { LabeledResult } from "@/lib/charts/series";
import { clientKey } from "@/lib/http/request";
import { describeConfig } from "@/lib/lab/describe";
import { layerStrip } from "@/lib/lab/layer-strip";
import { type LabSlotView, readLabSlots } from "@/lib/lab/slots";
import { applyLabOp, labParamsFromConfigs } from "@/lib/lab/state";
import { configToSearchParams, type SimResult } from "@/lib/sim";
import { isSimRefusal } from "@/lib/sim-service/service";
import { simService } from "@/lib/sim-service/simulations.server";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("lab");
  return { title: t("title") };
}

async function LabResults({ slots, client }: { slots: LabSlotView[]; client: string }) {
  const t = (await getTranslations("lab")) as unknown as LabT;
  const valid = slots.flatMap((s) => (s.config ? [{ slot: s.slot, config: s.config }] : []));
  if (valid.length === 0) return <p className="muted">{t("nothingToRun")}</p>;
  let results: SimResult[];
  try {
    // the page's configs are one request of this visitor's (one after another in one of its slots)
    const outs = await simService.runMany(
      valid.map((v) => v.config),
      { lane: "public", client },
    );
    results = outs.map((o) => JSON.parse(o.json) as SimResult);
  } catch (error) {
    if (!isSimRefusal(error)) throw error;
    return (
      <p role="alert" className="form-error" data-testid="lab-refused">
        {t(`refused.${error.reason}`, { seconds: error.retryAfterS })}
      </p>
    );
  }
  const words = describeWords(t);
  const runs: LabeledResult[] = valid.map((v, i) => ({
    id: v.slot,
    label: `${v.slot.toUpperCase()}: ${describeConfig(v.config, words)}`,
    role: "config",
    result: results[i] as LabeledResult["result"],
  }));
  const csvHref = `/api/simulate/csv?${labParamsFromConfigs(valid.map((v) => v.config)).toString()}`;
  return (
    <div className={styles.results}>
      <h3 className={styles.stripHeading}>{t("stripHeading")}</h3>
      <p className={styles.hint}>{t("stripExplain")}</p>
      {runs.map((r) => (
        <LayerStrip
          key={r.id}
          slot={r.id}
          axis={r.result.model === "mlp" || r.result.model === "transformer" ? "layer" : "step"}
          cells={layerStrip(r.result)}
        />
      ))}
      <RunCharts runs={runs} testId="lab-charts" />
      <h3>{t("downloads")}</h3>
      <div className={styles.downloads}>
        <a href={csvHref} download="gradlab-lab.csv" data-testid="download-csv">
          {t("downloadCsv")}
        </a>
        {valid.map((v) => (
          <a
            key={v.slot}
            href={`/api/simulate?${configToSearchParams(v.config).toString()}`}
            download={`gradlab-${v.slot}.json`}
            data-testid={`download-json-${v.slot}`}
          >
            {t("downloadJson", { slot: v.slot.toUpperCase() })}
          </a>
        ))}
      </div>
    </div>
  );
}

export default async function LabPage({ searchParams }: Props) {
  const [query, t, requestHeaders] = await Promise.all([searchParams, getTranslations("lab"), headers()]);
  const op = query.op;
  if (typeof op === "string") redirect(`/lab?${applyLabOp(query, op).toString()}`);

  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) params.append(k, one);
  const slots = readLabSlots(params);
  const valid = slots.flatMap((s) => (s.config ? [s.config] : []));
  const tall = valid.some((c) => c.train !== undefined);

  return (
    <article>
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      <LabApp
        initialQuery={params.toString()}
        serverResults={
          <Suspense key={JSON.stringify(valid)} fallback={<ChartSkeleton label={t("results")} tall={tall} />}>
            <LabResults slots={slots} client={clientKey(requestHeaders)} />
          </Suspense>
        }
      />
    </article>
  );
}
