/** The lab's translated words for config labels, from either next-intl translator (server or client). */
import type { DescribeWords } from "@/lib/lab/describe";
import { fieldProblem } from "@/lib/lab/field-errors";
import { labelKey, type ModelName, optionKey } from "@/lib/lab/fields";
import type { RunProblem } from "@/lib/lab/run-problem";
import type { SimConfig } from "@/lib/sim";

/** The shape both `getTranslations("lab")` and `useTranslations("lab")` satisfy for these keys. */
export type LabT = {
  (key: string, values?: Record<string, string | number>): string;
  has(key: string): boolean;
};

export function describeWords(t: LabT): DescribeWords {
  // options added to the engine after the lab's words fall back to the engine's own name
  const option = (field: string, value: string) =>
    t.has(optionKey(field, value)) ? t(optionKey(field, value)) : value;
  return {
    option,
    model: (m) => t(`model_${m}`),
    atInit: t("atInit"),
    afterTraining: (steps, optimizer) => t("afterTraining", { steps, optimizer }),
    residual: t("residualShort"),
    hidden: (n) => t("hiddenShort", { n }),
    extra: (c: SimConfig) =>
      c.model === "rnn"
        ? t("rhoShort", { rho: c.spectralRadius })
        : c.model === "lstm"
          ? t("forgetShort", { bias: c.forgetBias })
          : "",
  };
}

/** Why config `slot`'s run gave no result, as one sentence in the learner's language. */
export function runProblemWords(t: LabT, slot: string, model: ModelName, problem: RunProblem): string {
  const config = t("configN", { slot: slot.toUpperCase() });
  switch (problem.kind) {
    case "refused":
      return t(`refused.${problem.reason}`, { seconds: problem.seconds });
    case "unavailable":
      return t("runProblem.unavailable", { seconds: problem.seconds });
    case "invalid": {
      const sentences = problem.issues.map((e) => {
        const p = fieldProblem(model, e);
        const what = t(p.key, p.values);
        return e.path ? `${t(labelKey(e.path))}: ${what}` : what;
      });
      return t("runProblem.invalid", { config, problems: sentences.join(" ") || t("runProblem.noDetail") });
    }
    case "offline":
      return t("runProblem.offline");
    case "engine":
      return t("runProblem.engine", { config });
    case "server":
      return t("runProblem.server", { status: problem.status });
  }
}
