/**
 * The engine's problems with a config, as sentences a learner reads next to the field they are
 * about: a message key of the lab's namespace and its values. The engine's own (English,
 * developer-facing) message is kept only for what has no sentence of ours.
 */
import { fieldSpec, type ModelName } from "./fields";

export type FieldProblem = {
  /** the field's dotted name, or "" for the whole config */
  path: string;
  key: "errorInteger" | "errorNumber" | "errorChoice" | "errorBudget" | "errorMemory" | "errorBatchNorm" | "errorOther";
  values: Record<string, string | number>;
};

export function fieldProblem(model: ModelName, error: { path: string; message: string }): FieldProblem {
  const { path, message } = error;
  if (path === "") {
    if (/FLOP/.test(message))
      return { path, key: "errorBudget", values: { reduce: model === "mlp" ? "mlp" : "recurrent" } };
    if (/MB/.test(message))
      return { path, key: "errorMemory", values: { reduce: model === "mlp" ? "mlp" : "recurrent" } };
    return { path, key: "errorOther", values: { message } };
  }
  if (path === "batch" && /norm "batch"/.test(message)) return { path, key: "errorBatchNorm", values: {} };
  const spec = fieldSpec(model, path);
  if (spec?.kind === "choice") return { path, key: "errorChoice", values: {} };
  if (spec?.bound) {
    const { min, max } = spec.bound;
    return { path, key: spec.kind === "int" ? "errorInteger" : "errorNumber", values: { min, max } };
  }
  return { path, key: "errorOther", values: { message } };
}
