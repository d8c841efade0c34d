"use client";
/**
 * The first chart of an answer page with its one inline control: a slider over the knob the
 * scenario varies (lib/questions/scenario-knob.ts). Moving it reruns the problem's config with
 * that value through GET /api/simulate (valid values only, on a grid shared by every learner so
 * runs are cached once) and redraws the chart with the new run beside problem and fix.
 */
import { useTranslations } from "next-intl";
import { useEffect, useId, useReducer } from "react";
import { GradientChart } from "@/components/charts/GradientChart";
import type { Marker } from "@/components/charts/LogLines";
import { annotationMessage, gradientAnnotation } from "@/lib/charts/annotation";
import { type ProfileData, profileData } from "@/lib/charts/series";
import type { ScenarioKnob } from "@/lib/questions/scenario-knob";
import type { SimResult } from "@/lib/sim";
import styles from "./sim.module.css";

type Props = {
  data: ProfileData;
  knob: ScenarioKnob;
  markers?: Marker[];
  testId?: string;
};

type State =
  | { status: "initial"; index: number }
  | { status: "loading"; index: number; shown: ProfileData["runs"][number] | null }
  | { status: "shown"; index: number; run: ProfileData["runs"][number]; result: SimResult }
  | { status: "failed"; index: number; busyFor: number | null };

type Action =
  | { type: "move"; index: number; initial: boolean }
  | { type: "loaded"; index: number; run: ProfileData["runs"][number]; result: SimResult }
  | { type: "failed"; index: number; busyFor: number | null };

function reducer(state: State, action: Action): State {
  switch (action.type) {
    case "move":
      if (action.initial) return { status: "initial", index: action.index };
      return {
        status: "loading",
        index: action.index,
        shown: state.status === "shown" ? state.run : state.status === "loading" ? state.shown : null,
      };
    case "loaded":
      return action.index === state.index ? { status: "shown", ...action } : state;
    case "failed":
      return action.index === state.index ? { status: "failed", index: action.index, busyFor: action.busyFor } : state;
  }
}

/** Waits this long after the last move before asking the server: a drag is one request. */
const SETTLE_MS = 250;

export function ProfileExplorer({ data, knob, markers, testId }: Props) {
  const t = useTranslations("sim");
  const id = useId();
  const start = Math.max(0, knob.values.indexOf(knob.value));
  const [state, dispatch] = useReducer(reducer, { status: "initial", index: start });
  const value = knob.values[state.index] ?? knob.value;
  const knobName = t(`knob_${knob.path.replaceAll(".", "_")}`);
  const runLabel = t("knobRun", { knob: knobName, value: String(value) });

  useEffect(() => {
    if (state.status !== "loading") return;
    const index = state.index;
    const params = new URLSearchParams(knob.baseQuery);
    params.set(knob.path, String(knob.values[index]));
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`/api/simulate?${params}`, { signal: controller.signal });
        if (!response.ok) {
          const retry = Number(response.headers.get("retry-after"));
          const busy = response.status === 429 || response.status === 503;
          dispatch({ type: "failed", index, busyFor: busy ? (Number.isFinite(retry) && retry > 0 ? retry : 5) : null });
          return;
        }
        const result = (await response.json()) as SimResult;
        const [profile] = profileData([{ id: `${testId ?? "explore"}-knob`, label: runLabel, role: "config", result }]);
        const run = profile?.runs[0];
        if (run) dispatch({ type: "loaded", index, run: { ...run, index: data.runs.length }, result });
        else dispatch({ type: "failed", index, busyFor: null });
      } catch (error) {
        if (!controller.signal.aborted) dispatch({ type: "failed", index, busyFor: null });
        void error;
      }
    }, SETTLE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [state, knob, runLabel, data.runs.length, testId]);

  const extra = state.status === "shown" ? state.run : state.status === "loading" ? state.shown : null;
  const shown: ProfileData = extra ? { ...data, runs: [...data.runs, extra] } : data;
  const annotated = state.status === "shown" ? gradientAnnotation(state.result) : null;
  const annotation = annotated ? annotationMessage(annotated) : null;

  const controls = (
    <div className={styles.explorer} data-testid="knob">
      <label htmlFor={id} className={styles.knobLabel}>
        {t("knobLabel", { knob: knobName })}
      </label>
      <input
        id={id}
        type="range"
        min={0}
        max={knob.values.length - 1}
        step={1}
        value={state.index}
        aria-valuetext={String(value)}
        onChange={(e) => {
          const index = Number(e.target.value);
          dispatch({ type: "move", index, initial: index === start });
        }}
      />
      <output htmlFor={id} className={styles.knobValue} data-testid="knob-value">
        {String(value)}
      </output>
      {state.index !== start && (
        <button
          type="button"
          className="link-button"
          onClick={() => dispatch({ type: "move", index: start, initial: true })}
        >
          {t("knobReset", { value: String(knob.value) })}
        </button>
      )}
      <p role="status" className={styles.knobStatus} data-testid="knob-status" data-status={state.status}>
        {state.status === "loading" && <span className="spinner" aria-hidden="true" />}
        {state.status === "loading"
          ? t("knobRunning")
          : state.status === "failed"
            ? state.busyFor !== null
              ? t("knobBusy", { seconds: state.busyFor })
              : t("knobFailed")
            : state.status === "shown" && annotation
              ? `${runLabel}: ${t(annotation.key, annotation.values)}`
              : t("knobHint", { knob: knobName })}
      </p>
    </div>
  );
  return <GradientChart data={shown} markers={markers} controls={controls} testId={testId} />;
}
