/** Bump when any result for the same config can change (numerics, defaults, fields, gemm kernel). */
export const ENGINE_VERSION = "1.3.2";
