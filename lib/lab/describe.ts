/**
 * A config in one line for the chart legend, in the learner's language, ending with what the chart
 * shows of it: the network at initialisation, or after N training steps (a trained net's verdict
 * is about the trained weights, not the init).
 */
import type { SimConfig } from "@/lib/sim";

export type DescribeWords = {
  /** the translated name of a field's option (e.g. activation "relu" → "ReLU") */
  option: (field: string, value: string) => string;
  model: (model: SimConfig["model"]) => string;
  atInit: string;
  afterTraining: (steps: number, optimizer: string) => string;
  residual: string;
  hidden: (n: number) => string;
  extra: (c: SimConfig) => string;
};

export function describeState(c: SimConfig, w: Pick<DescribeWords, "atInit" | "afterTraining" | "option">): string {
  return c.train ? w.afterTraining(c.train.steps, w.option("train.optimizer", c.train.optimizer)) : w.atInit;
}

export function describeConfig(c: SimConfig, w: DescribeWords): string {
  const parts =
    c.model === "transformer"
      ? [`${w.model("transformer")} ${c.depth} × d=${c.dModel}`, `${c.heads}h, T=${c.seqLen}`, w.option("norm", c.norm)]
      : c.model === "mlp"
        ? [
            `${w.model("mlp")} ${c.depth}×${c.width}`,
            w.option("activation", c.activation),
            c.init === "normal" || c.init === "uniform"
              ? `${w.option("init", c.init)} (${c.initStd})`
              : w.option("init", c.init),
            c.norm !== "none" ? w.option("norm", c.norm) : "",
            c.residual ? w.residual : "",
          ]
        : [`${w.model(c.model)} T=${c.steps}`, w.hidden(c.hidden), w.extra(c)];
  if (c.precision !== "fp64") parts.push(w.option("precision", c.precision));
  return `${parts.filter(Boolean).join(", ")} — ${describeState(c, w)}`;
}
