import type { Quantizer } from "./precision";

/** What the training loop needs from a model. */
export interface Trainable {
  /** master parameters, updated in place by the optimizer */
  readonly params: Float64Array[];
  /** ∂loss/∂params, unscaled (lossScale divided out), filled by lossAndGrad() */
  readonly grads: Float64Array[];
  /** one forward + backward pass on the model's fixed batch; returns the loss */
  lossAndGrad(): number;
}

/** The model-agnostic numerical context of a run. */
export interface NumericContext {
  /** rounding of every compute op's output (null = float64) */
  q: Quantizer | null;
  /** the loss gradient is multiplied by this before backprop and the grads divided after */
  lossScale: number;
}
