/** Attempts: every answer a learner gives (revealing an answer counts), kept as their progress. */
export const ATTEMPT_KINDS = ["reveal", "recall", "choice", "prediction"] as const;
export type AttemptKind = (typeof ATTEMPT_KINDS)[number];
