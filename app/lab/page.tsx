/**
 * The lab: every engine knob in a GET form, the whole state in the URL (see lib/lab/state.ts),
 * up to three configs compared on the same charts, rendered on the server.
 */
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { LabForm, type SlotState } from "@/components/lab/LabForm";
import styles from "@/components/lab/lab.module.css";
import { ChartSkeleton, RunCharts } from "@/components/sim/RunCharts";
import type { LabeledResult } from "@/lib/charts/series";
import { applyLabOp, LAB_SLOTS, labParamsFromConfigs, sanitize, slotParams } from "@/lib/lab/state";
import { configFromSearchParams, configToSearchParams, MODELS, parseSimConfig, type SimConfig } from "@/lib/sim";
import { simService } from "@/lib/sim-service/simulations.server";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("lab");
  return { title: t("title") };
}

function at(obj: unknown, path: string): unknown {
  let node = obj;
  for (const part of path.split(".")) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function describeConfig(c: SimConfig): string {
  if (c.model === "mlp")
    return [
      `MLP ${c.depth}×${c.width}`,
      c.activation,
      c.init === "normal" || c.init === "uniform" ? `${c.init}(${c.initStd})` : c.init,
      c.norm !== "none" ? `${c.norm}norm` : "",
      c.residual ? "residual" : "",
      c.precision !== "fp64" ? c.precision : "",
    ]
      .filter(Boolean)
      .join(", ");
  if (c.model === "transformer")
    return [
      `Transformer ${c.depth} blocks, d=${c.dModel}`,
      `${c.heads} heads, T=${c.seqLen}`,
      `${c.norm === "none" ? "no" : c.norm}-LN`,
      c.attentionScale === "none" ? "unscaled scores" : "",
      c.init === "small" ? "init N(0, 0.02²)" : "",
      c.precision !== "fp64" ? c.precision : "",
    ]
      .filter(Boolean)
      .join(", ");
  const extra =
    c.model === "rnn"
      ? [`ρ=${c.spectralRadius}`, c.recurrentInit !== "gaussian" ? c.recurrentInit : "", c.activation]
          .filter(Boolean)
          .join(" ")
      : c.model === "lstm"
        ? `forget bias ${c.forgetBias}`
        : "";
  return [
    `${c.model.toUpperCase()} T=${c.steps}`,
    `hidden ${c.hidden}`,
    extra,
    c.precision !== "fp64" ? c.precision : "",
  ]
    .filter(Boolean)
    .join(", ");
}

type SlotRun = SlotState & { config: SimConfig | null };

function readSlots(query: Record<string, string | string[] | undefined>): SlotRun[] {
  const present = slotParams(query);
  const slots = present.length > 0 ? present : [{ slot: LAB_SLOTS[0], params: new Map([["model", ["mlp"]]]) }];
  return slots.map(({ slot, params }) => {
    const { flat, trainOn } = sanitize(params);
    const raw = configFromSearchParams(flat) as Record<string, unknown>;
    if (trainOn && raw.train === undefined) raw.train = {};
    const parsed = parseSimConfig(raw);
    const lastOf = (v: string | string[] | undefined) => (Array.isArray(v) ? v[v.length - 1] : v);
    const modelRaw = lastOf(flat.model);
    const model = (MODELS as readonly string[]).includes(modelRaw ?? "") ? (modelRaw as string) : "mlp";
    const defaults = parseSimConfig({ model, train: {} });
    const value = (key: string): string => {
      const fromUrl = lastOf(flat[key]);
      if (fromUrl !== undefined) return fromUrl;
      const v = at(parsed.ok ? parsed.config : undefined, key) ?? at(defaults.ok ? defaults.config : undefined, key);
      return v === undefined ? "" : String(v);
    };
    return {
      slot,
      model,
      value,
      training: trainOn,
      errors: parsed.ok ? [] : parsed.errors,
      config: parsed.ok ? parsed.config : null,
    };
  });
}

async function LabResults({ slots }: { slots: SlotRun[] }) {
  const t = await getTranslations("lab");
  const valid = slots.flatMap((s) => (s.config ? [{ slot: s.slot, config: s.config }] : []));
  if (valid.length === 0) return <p className="muted">{t("nothingToRun")}</p>;
  const results = await Promise.all(valid.map((v) => simService.result(v.config)));
  const runs: LabeledResult[] = valid.map((v, i) => ({
    id: v.slot,
    label: `${v.slot.toUpperCase()}: ${describeConfig(v.config)}`,
    role: "config",
    result: results[i] as LabeledResult["result"],
  }));
  const csvHref = `/api/simulate/csv?${labParamsFromConfigs(valid.map((v) => v.config)).toString()}`;
  return (
    <div className={styles.results}>
      <RunCharts runs={runs} testId="lab-charts" />
      <h2>{t("downloads")}</h2>
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
  const [query, t] = await Promise.all([searchParams, getTranslations("lab")]);
  const op = query.op;
  if (typeof op === "string") redirect(`/lab?${applyLabOp(query, op).toString()}`);

  const slots = readSlots(query);
  const fieldLabel = (path: string) => {
    const key = `field_${path.replace(/\./g, "_")}`;
    return t.has(key as "field_depth") ? t(key as "field_depth") : path;
  };
  const invalid = slots.filter((s) => s.errors.length > 0);
  const valid = slots.filter((s) => s.config).map((s) => s.config as SimConfig);
  const tall = valid.some((c) => c.train !== undefined);

  return (
    <article>
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      <LabForm slots={slots} />
      {invalid.length > 0 && (
        <section
          role="alert"
          aria-labelledby="lab-errors"
          className={`panel ${styles.errors}`}
          data-testid="lab-errors"
        >
          <h2 id="lab-errors">{t("invalidHeading")}</h2>
          <ul>
            {invalid.flatMap((s) =>
              s.errors.map((e) => (
                <li key={`${s.slot}-${e.path}-${e.message}`} data-slot={s.slot} data-path={e.path}>
                  <strong>{t("configN", { slot: s.slot.toUpperCase() })}</strong> —{" "}
                  {e.path ? <strong>{fieldLabel(e.path)}</strong> : t("wholeConfig")}: {e.message}
                </li>
              )),
            )}
          </ul>
          <p className="muted">{t("engineMessageNote")}</p>
        </section>
      )}
      <section aria-labelledby="lab-results" className="panel">
        <h2 id="lab-results">{t("results")}</h2>
        <Suspense key={JSON.stringify(valid)} fallback={<ChartSkeleton label={t("results")} tall={tall} />}>
          <LabResults slots={slots} />
        </Suspense>
        {valid.length > 0 && (
          <p>
            <Link href={`/lab?${labParamsFromConfigs(valid).toString()}`} data-testid="share-link">
              {t("shareLink")}
            </Link>
          </p>
        )}
      </section>
    </article>
  );
}
