/** Builds the model of a canonical config: parameters and data drawn from the seed's streams. */
import { Gru, gruInit } from "./gru";
import { Lstm, lstmInit } from "./lstm";
import { createMlp, type Mlp } from "./mlp";
import { computeQuantizer, masterQuantizer } from "./precision";
import type { Recurrent, Sequence } from "./recurrent";
import { Rng, STREAM } from "./rng";
import { Rnn, rnnInit } from "./rnn";
import type { RecurrentConfig, SimConfig } from "./schema";

/**
 * x_t ~ N(0, 1) for the RNN (inputScale acts through W_xh), N(0, inputScale²) for LSTM/GRU
 * (whose weights follow PyTorch's init); y ~ N(0, 1).
 */
export function drawSequence(c: RecurrentConfig): Sequence {
  const xStd = c.model === "rnn" ? 1 : c.inputScale;
  const x = new Rng(c.seed, STREAM.inputs).fillNormal(new Float64Array(c.steps * c.batch * c.inputs), xStd);
  const y = new Rng(c.seed, STREAM.targets).fillNormal(new Float64Array(c.batch * c.hidden));
  return { x, y };
}

export function recurrentParams(c: RecurrentConfig): Float64Array[] {
  return c.model === "rnn" ? rnnInit(c) : c.model === "lstm" ? lstmInit(c) : gruInit(c);
}

/** A recurrent model at given parameters (fp64 unless the config says otherwise). */
export function recurrentModel(
  c: RecurrentConfig,
  params: Float64Array[],
  seq: Sequence,
  keepHiddenGrads = false,
): Recurrent {
  const ctx = { q: computeQuantizer(c.precision), lossScale: c.lossScale };
  if (c.model === "rnn") return new Rnn(c, params, seq, ctx, keepHiddenGrads);
  if (c.model === "lstm") return new Lstm(c, params, seq, ctx, keepHiddenGrads);
  return new Gru(c, params, seq, ctx, keepHiddenGrads);
}

export function createRecurrent(c: RecurrentConfig, keepHiddenGrads = false): Recurrent {
  const params = recurrentParams(c);
  const mq = masterQuantizer(c.precision);
  if (mq) for (const p of params) mq.roundArray(p);
  return recurrentModel(c, params, drawSequence(c), keepHiddenGrads);
}

export function createModel(c: SimConfig): Mlp | Recurrent {
  return c.model === "mlp" ? createMlp(c) : createRecurrent(c);
}
