/** Option names shared by the schema and the engine (kept free of engine imports so a client form can load the schema alone). */
export const MODELS = ["mlp", "rnn", "lstm", "gru"] as const;
export const ACTIVATIONS = ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "selu", "linear"] as const;
export const INITS = ["normal", "uniform", "xavier", "he", "lecun", "orthogonal"] as const;
export const NORMS = ["none", "batch", "layer"] as const;
export const PRECISIONS = ["fp64", "fp32", "fp16"] as const;
export const OPTIMIZERS = ["sgd", "momentum", "adam"] as const;
export const CLIP_MODES = ["none", "norm", "value"] as const;

export type ModelName = (typeof MODELS)[number];
export type ActivationName = (typeof ACTIVATIONS)[number];
export type InitName = (typeof INITS)[number];
export type NormName = (typeof NORMS)[number];
export type PrecisionName = (typeof PRECISIONS)[number];
export type OptimizerName = (typeof OPTIMIZERS)[number];
export type ClipMode = (typeof CLIP_MODES)[number];
