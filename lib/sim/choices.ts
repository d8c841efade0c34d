/** Option names shared by the schema and the engine (kept free of engine imports so a client form can load the schema alone). */
export const MODELS = ["mlp", "rnn", "lstm", "gru", "transformer"] as const;
export const ACTIVATIONS = ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "selu", "linear"] as const;
/** MLP weight inits; "lsuv" is data-driven (orthogonal, then rescaled on the batch, mlp-init.ts). */
export const INITS = ["normal", "uniform", "xavier", "he", "lecun", "orthogonal", "lsuv"] as const;
export const NORMS = ["none", "batch", "layer"] as const;
export const PRECISIONS = ["fp64", "fp32", "fp16"] as const;
export const OPTIMIZERS = ["sgd", "momentum", "adam", "adamw"] as const;
export const CLIP_MODES = ["none", "norm", "value"] as const;
/** The learning-rate schedules (train.ts). */
export const SCHEDULES = ["constant", "linear-warmup", "warmup-cosine"] as const;
/** MLP loss: mean squared error on the last layer, or binary cross-entropy on a sigmoid read-out. */
export const MLP_LOSSES = ["mse", "bce"] as const;
/** Recurrent loss: on the last state only, or the mean of every step's loss. */
export const RECURRENT_LOSSES = ["last", "all"] as const;
/** How the RNN's W_hh is drawn before it is scaled to the spectral radius. */
export const RECURRENT_INITS = ["gaussian", "orthogonal", "identity"] as const;
export const RNN_ACTIVATIONS = ["tanh", "relu"] as const;
/** Transformer: where the LayerNorms sit, how scores are scaled, the FFN's activation, the init. */
export const TRANSFORMER_NORMS = ["pre", "post", "none"] as const;
export const ATTENTION_SCALES = ["sqrt", "none"] as const;
export const FFN_ACTIVATIONS = ["relu", "gelu"] as const;
export const TRANSFORMER_INITS = ["xavier", "small"] as const;
/** Transformer loss: over every token (the contract's), or on each sequence's last position only (the RNN's "last"). */
export const TRANSFORMER_LOSSES = ["all", "last"] as const;

export type ModelName = (typeof MODELS)[number];
export type ActivationName = (typeof ACTIVATIONS)[number];
export type InitName = (typeof INITS)[number];
export type NormName = (typeof NORMS)[number];
export type PrecisionName = (typeof PRECISIONS)[number];
export type OptimizerName = (typeof OPTIMIZERS)[number];
export type ClipMode = (typeof CLIP_MODES)[number];
export type ScheduleName = (typeof SCHEDULES)[number];
export type MlpLoss = (typeof MLP_LOSSES)[number];
export type RecurrentLoss = (typeof RECURRENT_LOSSES)[number];
export type RecurrentInit = (typeof RECURRENT_INITS)[number];
export type RnnActivation = (typeof RNN_ACTIVATIONS)[number];
export type TransformerNorm = (typeof TRANSFORMER_NORMS)[number];
export type AttentionScale = (typeof ATTENTION_SCALES)[number];
export type FfnActivation = (typeof FFN_ACTIVATIONS)[number];
export type TransformerInit = (typeof TRANSFORMER_INITS)[number];
export type TransformerLoss = (typeof TRANSFORMER_LOSSES)[number];
