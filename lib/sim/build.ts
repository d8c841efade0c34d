/**
 * The one place that builds a model from a canonical config: its parameters and data drawn from
 * the seed's streams (one per purpose, rng.ts), the parameters rounded to the master format, and
 * the numeric context of the precision.
 */
import { Gru, type GruParams, gruInit } from "./gru";
import { initWeights } from "./init";
import { Lstm, type LstmParams, lstmInit } from "./lstm";
import { Mlp } from "./mlp";
import type { Data, Params } from "./model";
import { computeQuantizer, masterQuantizer, type NumericContext } from "./precision";
import type { Recurrent, Sequence } from "./recurrent";
import { Rng, STREAM } from "./rng";
import { Rnn, type RnnParams, rnnInit } from "./rnn";
import type { MlpConfig, RecurrentConfig, SimConfig, TransformerConfig } from "./schema";
import { Transformer, transformerParams } from "./transformer";

export function createModel(c: SimConfig): Mlp | Recurrent | Transformer {
  if (c.model === "mlp") return createMlp(c);
  if (c.model === "transformer") return createTransformer(c);
  return createRecurrent(c);
}

export function createTransformer(c: TransformerConfig, keepActivationGrads = false): Transformer {
  const W = inMasterFormat(transformerParams(c), c);
  return new Transformer(c, W, drawTokens(c), numericContext(c), keepActivationGrads);
}

/** The Transformer's batch: x ~ N(0, 1) and y ~ N(0, 1), (batch · seqLen) × dModel. */
export function drawTokens(c: TransformerConfig): Data {
  const n = c.batch * c.seqLen * c.dModel;
  const x = new Rng(c.seed, STREAM.inputs).fillNormal(new Float64Array(n));
  const y = new Rng(c.seed, STREAM.targets).fillNormal(new Float64Array(n));
  return { x, y };
}

export function createMlp(c: MlpConfig, keepActivationGrads = false): Mlp {
  const W = inMasterFormat(mlpParams(c), c);
  return new Mlp(c, W, drawBatch(c), numericContext(c), keepActivationGrads);
}

export function createRecurrent(c: RecurrentConfig, keepHiddenGrads = false): Recurrent {
  return recurrentModel(c, inMasterFormat(recurrentParams(c), c), drawSequence(c), keepHiddenGrads);
}

/**
 * The MLP's weights W_1 … W_depth (width × width), drawn in order from the weights stream; for
 * LSUV the orthogonal draws, then rescaled layer by layer on the batch (Mlp.lsuvCalibrate, in float64).
 */
export function mlpParams(c: MlpConfig): Float64Array[] {
  const rng = new Rng(c.seed, STREAM.weights);
  const init = c.init === "lsuv" ? "orthogonal" : c.init;
  const W = Array.from({ length: c.depth }, () => initWeights(init, c.width, c.width, rng, c.initStd ?? 1));
  if (c.init === "lsuv") new Mlp(c, W, drawBatch(c)).lsuvCalibrate();
  return W;
}

/** The MLP's batch: x ~ N(0, 1), batch × width; y ~ N(0, 1) (mse) or Bernoulli(½) in {0, 1} (bce). */
export function drawBatch(c: MlpConfig): Data {
  const n = c.batch * c.width;
  const x = new Rng(c.seed, STREAM.inputs).fillNormal(new Float64Array(n));
  const targets = new Rng(c.seed, STREAM.targets);
  const y = c.loss === "bce" ? targets.fillBernoulli(new Float64Array(n)) : targets.fillNormal(new Float64Array(n));
  return { x, y };
}

/** The cell's parameters, initialised as its file says (rnn.ts, lstm.ts, gru.ts). */
export function recurrentParams(c: RecurrentConfig): RnnParams | LstmParams | GruParams {
  return c.model === "rnn" ? rnnInit(c) : c.model === "lstm" ? lstmInit(c) : gruInit(c);
}

/**
 * x_t ~ N(0, 1) for the RNN (inputScale acts through W_xh), N(0, inputScale²) for LSTM/GRU
 * (whose weights follow PyTorch's init); y ~ N(0, 1): y_T for loss "last"; for "all" y_1 … y_T
 * (t-major), drawn y_T first so that y_T is the same target under both losses.
 */
export function drawSequence(c: RecurrentConfig): Sequence {
  const xStd = c.model === "rnn" ? 1 : c.inputScale;
  const x = new Rng(c.seed, STREAM.inputs).fillNormal(new Float64Array(c.steps * c.batch * c.inputs), xStd);
  const bh = c.batch * c.hidden;
  const targets = new Rng(c.seed, STREAM.targets);
  if (c.loss === "last") return { x, y: targets.fillNormal(new Float64Array(bh)) };
  const drawn = targets.fillNormal(new Float64Array(c.steps * bh)); // y_T, y_1, …, y_{T−1}
  const y = new Float64Array(c.steps * bh);
  y.set(drawn.subarray(0, bh), (c.steps - 1) * bh);
  y.set(drawn.subarray(bh), 0);
  return { x, y };
}

/**
 * A recurrent model at given parameters (as recurrentParams(c) returns them: the tests rebuild a
 * model at perturbed parameters), in the config's numeric context.
 */
export function recurrentModel(c: RecurrentConfig, params: Params, seq: Sequence, keepHiddenGrads = false): Recurrent {
  const ctx = numericContext(c);
  if (c.model === "rnn") return new Rnn(c, params as RnnParams, seq, ctx, keepHiddenGrads);
  if (c.model === "lstm") return new Lstm(c, params as LstmParams, seq, ctx, keepHiddenGrads);
  return new Gru(c, params as GruParams, seq, ctx, keepHiddenGrads);
}

function numericContext(c: SimConfig): NumericContext {
  return { q: computeQuantizer(c.precision), lossScale: c.lossScale };
}

/** Master weights are float32 for fp32/fp16 runs (mixed-precision practice), float64 otherwise. */
function inMasterFormat<P extends Params>(params: P, c: SimConfig): P {
  const mq = masterQuantizer(c.precision);
  if (mq) for (const p of params) mq.roundArray(p);
  return params;
}
