/**
 * The engine's problems with a config, as sentences a learner reads next to the field they are
 * about: a message key of the lab's namespace and its values, never the engine's own English,
 * developer-facing message. The engine's cross-field rules (lib/sim/schema.ts) are recognised by
 * their message before a field's range is assumed (a value in range that breaks a rule is not
 * "out of range"); tests/unit/lab/lab-view.test.ts makes each one from the engine, so a reworded
 * engine message fails there, not silently here.
 */
import { fieldSpec, type ModelName } from "./fields";

export type FieldProblem = {
  /** the field's dotted name, or "" for the whole config */
  path: string;
  key:
    | "errorInteger"
    | "errorNumber"
    | "errorChoice"
    | "errorBudget"
    | "errorMemory"
    | "errorBatchNorm"
    | "errorHeadsDivide"
    | "errorWarmupMin"
    | "errorWarmupMax"
    | "errorNotApplicable"
    | "errorOther";
  values: Record<string, string | number>;
};

export function fieldProblem(model: ModelName, error: { path: string; message: string }): FieldProblem {
  const { path, message } = error;
  if (path === "") {
    // which of the model's own knobs to name (the engine names the same ones, lib/sim/cost.ts)
    const reduce = model === "mlp" || model === "transformer" ? model : "recurrent";
    if (/FLOP/.test(message)) return { path, key: "errorBudget", values: { reduce } };
    if (/MB/.test(message)) return { path, key: "errorMemory", values: { reduce } };
    return { path, key: "errorOther", values: {} };
  }
  if (path === "batch" && /norm "batch"/.test(message)) return { path, key: "errorBatchNorm", values: {} };
  if (path === "heads" && /must divide dModel/.test(message)) return { path, key: "errorHeadsDivide", values: {} };
  if (/applies only to/.test(message)) return { path, key: "errorNotApplicable", values: {} };
  if (path === "train.schedule.warmupSteps") {
    const most = /at most train\.steps \((\d+)\)/.exec(message);
    if (most) return { path, key: "errorWarmupMax", values: { steps: Number(most[1]) } };
    if (/at least 1 with schedule/.test(message)) return { path, key: "errorWarmupMin", values: {} };
  }
  const spec = fieldSpec(model, path);
  if (spec?.kind === "choice") return { path, key: "errorChoice", values: {} };
  if (spec?.bound) {
    const { min, max } = spec.bound;
    return { path, key: spec.kind === "int" ? "errorInteger" : "errorNumber", values: { min, max } };
  }
  return { path, key: "errorOther", values: {} };
}
