/**
 * Why the simulation service refuses a run. One list for the service that refuses
 * (lib/sim-service/service.ts), the 429/503 body that names the reason (app/api/simulate/refusal.ts)
 * and the lab that words it in the learner's language (lib/lab/run-problem.ts).
 */
export const REFUSAL_REASONS = ["busy", "clientBusy", "clientQuota", "timeout"] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export const isRefusalReason = (value: unknown): value is RefusalReason =>
  (REFUSAL_REASONS as readonly unknown[]).includes(value);
