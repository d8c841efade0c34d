"use client";
/**
 * The lab in the browser (ADR 29). The GET form is the whole state, as without JavaScript; with
 * it, every knob re-runs the configs it changed and redraws the charts in place: small runs in a
 * Web Worker here (lib/lab/runner.ts decides by the cost model), large ones on the server. A run
 * superseded by a newer knob is cancelled. The URL follows the form (one history entry per
 * change, so Back and Forward step through them), and presets, Add and Remove change it too.
 */
import { useTranslations } from "next-intl";
import { type FormEvent, memo, type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { RunChartsView } from "@/components/sim/RunChartsView";
import type { LabeledResult } from "@/lib/charts/series";
import { createBrowserRunner } from "@/lib/lab/browser-runner";
import { describeConfig } from "@/lib/lab/describe";
import { fieldProblem } from "@/lib/lab/field-errors";
import { labelKey } from "@/lib/lab/fields";
import { layerStrip } from "@/lib/lab/layer-strip";
import { PRESETS, presetHref } from "@/lib/lab/presets";
import type { RunProblem } from "@/lib/lab/run-problem";
import type { LabRunner, Where } from "@/lib/lab/runner";
import { type LabSlotView, readLabSlots } from "@/lib/lab/slots";
import { applyLabOp, labParamsFromConfigs, MAX_LAB_CONFIGS } from "@/lib/lab/state";
import { configToSearchParams, type SimResult } from "@/lib/sim";
import { LabFields } from "./LabFields";
import { LayerStrip } from "./LayerStrip";
import styles from "./lab.module.css";
import { describeWords, type LabT, runProblemWords } from "./words";

/** Typing in a number field waits this long for the next key; a select, radio or Enter runs at once. */
const TYPING_DEBOUNCE_MS = 60;

type Shown = { runs: (LabeledResult & { json: string })[]; where: Where[] };
type Status =
  | { kind: "idle" }
  | { kind: "running" }
  | { kind: "done"; where: Where }
  | { kind: "failed"; slot: LabSlotView; problem: RunProblem };

/** The form's fields as the lab's query: what a GET submission would send, without empty values. */
function formQuery(form: HTMLFormElement): string {
  const out = new URLSearchParams();
  for (const [k, v] of new FormData(form)) if (typeof v === "string" && v.trim() !== "" && k !== "op") out.append(k, v);
  return out.toString();
}

const narrow = () => typeof window !== "undefined" && window.matchMedia("(max-width: 700px)").matches;

export function LabApp({ initialQuery, serverResults }: { initialQuery: string; serverResults: ReactNode }) {
  const t = useTranslations("lab") as unknown as LabT;
  const [query, setQuery] = useState(initialQuery);
  const [formGeneration, setFormGeneration] = useState(0);
  const [shown, setShown] = useState<Shown | null>(null);
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const runner = useRef<LabRunner | null>(null);
  const ran = useRef(initialQuery);
  const delay = useRef(0);
  /** the number field being typed in (its keystrokes share a history entry) */
  const typingField = useRef<string | null>(null);
  /** the query last written to the URL */
  const written = useRef(initialQuery);
  const resultsRef = useRef<HTMLElement>(null);
  const slots = useMemo(() => readLabSlots(new URLSearchParams(query)), [query]);

  useEffect(() => {
    runner.current = createBrowserRunner();
    const onPop = () => {
      written.current = window.location.search.replace(/^\?/, "");
      setQuery(written.current);
      setFormGeneration((g) => g + 1);
      typingField.current = null;
    };
    window.addEventListener("popstate", onPop);
    return () => {
      window.removeEventListener("popstate", onPop);
      runner.current?.dispose();
    };
  }, []);

  // Run whenever the query changes (after the first render, whose results the server drew).
  useEffect(() => {
    if (query === ran.current) return;
    const wait = delay.current;
    delay.current = 0;
    let live = true;
    const timer = window.setTimeout(() => {
      ran.current = query;
      const r = runner.current;
      if (!r) return;
      const valid = slots.filter(
        (s): s is LabSlotView & { config: NonNullable<LabSlotView["config"]> } => s.config !== null,
      );
      for (const lane of ["a", "b", "c"]) if (!valid.some((s) => s.slot === lane)) r.cancel(lane);
      if (valid.length === 0) {
        setShown({ runs: [], where: [] });
        setStatus({ kind: "idle" });
        return;
      }
      setStatus({ kind: "running" });
      Promise.all(valid.map((s) => r.run(s.slot, s.config))).then((outcomes) => {
        if (!live) return;
        if (outcomes.some((o) => o.status === "cancelled")) return;
        const failedAt = outcomes.findIndex((o) => o.status === "failed");
        const failed = outcomes[failedAt];
        if (failed?.status === "failed")
          return setStatus({ kind: "failed", slot: valid[failedAt] as LabSlotView, problem: failed.problem });
        const words = describeWords(t);
        const runs = valid.map((s, i) => {
          const o = outcomes[i];
          const json = o?.status === "done" ? o.json : "{}";
          return {
            id: s.slot,
            label: `${s.slot.toUpperCase()}: ${describeConfig(s.config, words)}`,
            role: "config" as const,
            result: JSON.parse(json) as SimResult,
            json,
          };
        });
        const where = outcomes.map((o) => (o.status === "done" ? o.where : "browser"));
        setShown({ runs, where });
        setStatus({ kind: "done", where: where.includes("server") ? "server" : "browser" });
      });
    }, wait);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [query, slots, t]);

  const go = useCallback((next: string, how: "push" | "replace", remount: boolean) => {
    written.current = next;
    const url = `/lab${next ? `?${next}` : ""}`;
    if (how === "push") window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
    setQuery(next);
    if (remount) setFormGeneration((g) => g + 1);
  }, []);

  // React's onChange: every keystroke of a number field, every pick of a select or radio.
  const onChange = (e: FormEvent<HTMLFormElement>) => {
    const next = formQuery(e.currentTarget);
    if (next === written.current) return;
    const target = e.target;
    const typing = target instanceof HTMLInputElement && target.type === "number" ? target.name : null;
    delay.current = typing ? TYPING_DEBOUNCE_MS : 0;
    // a run of keystrokes in one field is one history entry
    go(next, typing !== null && typing === typingField.current ? "replace" : "push", false);
    typingField.current = typing;
  };

  const showResults = () => {
    if (narrow()) resultsRef.current?.scrollIntoView({ block: "start" });
  };

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter;
    const op = submitter instanceof HTMLButtonElement && submitter.name === "op" ? submitter.value : null;
    const current = formQuery(e.currentTarget);
    typingField.current = null;
    if (op) {
      go(applyLabOp(new URLSearchParams(current), op).toString(), "push", true);
      return;
    }
    if (current !== query) go(current, "push", false);
    showResults();
  };

  const valid = slots.flatMap((s) => (s.config ? [s.config] : []));
  const invalid = slots.filter((s) => s.errors.length > 0);
  return (
    <>
      <section aria-labelledby="lab-presets" className={styles.presets}>
        <h2 id="lab-presets">{t("presetsHeading")}</h2>
        <p className={styles.hint}>{t("presetsIntro")}</p>
        <ul className={styles.presetList}>
          {PRESETS.map((p) => {
            const href = presetHref(p);
            return (
              <li key={p.id}>
                <a
                  href={href}
                  data-testid={`preset-${p.id}`}
                  onClick={(e) => {
                    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
                    e.preventDefault();
                    typingField.current = null;
                    go(new URL(href, window.location.href).searchParams.toString(), "push", true);
                    showResults();
                  }}
                >
                  <strong>{t(`preset_${p.id}_title`)}</strong>
                  <span>{t(`preset_${p.id}_what`)}</span>
                </a>
              </li>
            );
          })}
        </ul>
      </section>
      <form
        id="lab-form"
        method="get"
        action="/lab"
        className={styles.form}
        aria-label={t("formLabel")}
        // the browser must not restore edited values on Back: the form follows the URL
        autoComplete="off"
        onChange={onChange}
        onSubmit={onSubmit}
      >
        <div className={styles.slots} key={formGeneration}>
          {slots.map((s) => (
            <fieldset key={s.slot} className={styles.slot} data-slot={s.slot}>
              <legend>{t("configN", { slot: s.slot.toUpperCase() })}</legend>
              <LabFields s={s} />
            </fieldset>
          ))}
        </div>
        <noscript>
          <p className={styles.hint}>{t("modelHint")}</p>
        </noscript>
        <div className="button-row">
          <button type="submit" className="button">
            {t("run")}
          </button>
          {slots.length < MAX_LAB_CONFIGS && (
            <button type="submit" name="op" value="add" className="button secondary">
              {t("addConfig")}
            </button>
          )}
          {slots.length > 1 &&
            slots.map((s) => (
              <button key={s.slot} type="submit" name="op" value={`remove-${s.slot}`} className="button secondary">
                {t("removeConfig", { slot: s.slot.toUpperCase() })}
              </button>
            ))}
        </div>
      </form>
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
              s.errors.map((e) => {
                const p = fieldProblem(s.model, e);
                return (
                  <li key={`${s.slot}-${e.path}-${e.message}`} data-slot={s.slot} data-path={e.path}>
                    <strong>{t("configN", { slot: s.slot.toUpperCase() })}</strong> —{" "}
                    {e.path ? (
                      <a href={`#${s.slot}-${e.path.replace(/\./g, "-")}`}>{t(labelKey(e.path))}</a>
                    ) : (
                      t("wholeConfig")
                    )}
                    : {t(p.key, p.values)}
                  </li>
                );
              }),
            )}
          </ul>
          <p className="muted">{t("engineMessageNote")}</p>
        </section>
      )}
      <section aria-labelledby="lab-results" className="panel" ref={resultsRef}>
        <h2 id="lab-results">{t("results")}</h2>
        <p className={styles.hint}>{t("chartShows")}</p>
        <p className={styles.status} role="status" data-testid="lab-status" data-status={status.kind}>
          {status.kind === "running"
            ? t("running")
            : status.kind === "done"
              ? t(status.where === "server" ? "doneServer" : "doneBrowser")
              : status.kind === "failed"
                ? runProblemWords(t, status.slot.slot, status.slot.model, status.problem)
                : ""}
        </p>
        {shown === null ? (
          serverResults
        ) : shown.runs.length === 0 ? (
          <p className="muted">{t("nothingToRun")}</p>
        ) : (
          <ClientResults shown={shown} t={t} />
        )}
        {valid.length > 0 && (
          <p>
            <a href={`/lab?${labParamsFromConfigs(valid).toString()}`} data-testid="share-link">
              {t("shareLink")}
            </a>
          </p>
        )}
      </section>
    </>
  );
}

/**
 * The charts of the runs shown. Memoised on `shown`, which changes only when new results arrive:
 * the lab's other renders (each keystroke's URL, the status line's "Running…") skip the charts,
 * whose redraw is what a knob costs the main thread (docs/benchmarks.md).
 */
const ClientResults = memo(function ClientResults({ shown, t }: { shown: Shown; t: LabT }) {
  const tSim = useTranslations("sim");
  const configs = shown.runs.map((r) => r.result.meta.config);
  return (
    <div className={styles.results}>
      <h3 className={styles.stripHeading}>{t("stripHeading")}</h3>
      <p className={styles.hint}>{t("stripExplain")}</p>
      {shown.runs.map((r) => (
        <LayerStrip
          key={r.id}
          slot={r.id}
          axis={r.result.model === "mlp" || r.result.model === "transformer" ? "layer" : "step"}
          cells={layerStrip(r.result)}
        />
      ))}
      <RunChartsView runs={shown.runs} t={tSim} testId="lab-charts" />
      <h3>{t("downloads")}</h3>
      <div className={styles.downloads}>
        <a
          href={`/api/simulate/csv?${labParamsFromConfigs(configs).toString()}`}
          download="gradlab-lab.csv"
          data-testid="download-csv"
        >
          {t("downloadCsv")}
        </a>
        <JsonDownloads runs={shown.runs} t={t} />
      </div>
    </div>
  );
});

/**
 * Each run's JSON, made into a blob: URL only when its link is clicked (the click's default action
 * reads the href set here; before that it names the server's JSON of the same config). Making a Blob and its URL for every result on every knob cost the
 * main thread more than redrawing the charts (docs/benchmarks.md).
 */
function JsonDownloads({ runs, t }: { runs: Shown["runs"]; t: LabT }) {
  const made = useRef<string[]>([]);
  useEffect(
    () => () => {
      for (const u of made.current) URL.revokeObjectURL(u);
    },
    [],
  );
  return runs.map((r) => (
    <a
      key={r.id}
      // what it links to without the click handler: the server's JSON of the same config
      href={`/api/simulate?${configToSearchParams(r.result.meta.config).toString()}`}
      download={`gradlab-${r.id}.json`}
      data-testid={`download-json-${r.id}`}
      onClick={(e) => {
        const url = URL.createObjectURL(new Blob([r.json], { type: "application/json" }));
        made.current.push(url);
        e.currentTarget.href = url;
      }}
    >
      {t("downloadJson", { slot: r.id.toUpperCase() })}
    </a>
  ));
}
