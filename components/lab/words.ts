/** The lab's translated words for config labels, from either next-intl translator (server or client). */
import type { DescribeWords } from "@/lib/lab/describe";
import { optionKey } from "@/lib/lab/fields";
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
