/**
 * A learner's personal FSRS parameters (ADR 0028): what User.fsrsFit holds, the one schema its
 * writer and its readers use, and the rules for when a fit is due. Client-safe.
 *
 * - "fitted": parameters fsrs-rs fitted to the learner's reviews, kept because they predicted
 *   those reviews better than the defaults (lower log loss), with what each predicted.
 * - "defaults": a fit was tried and the defaults stay (too few reviews a day or more apart, or
 *   the fitted parameters predicted no better).
 * - "reset": the learner chose the defaults; no automatic fit until they ask for one.
 */
import { CLAMP_PARAMETERS, default_w, W17_W18_Ceiling } from "ts-fsrs";
import { z } from "zod";

/** Reviews a day or more after the previous one of their card: what a forgetting curve is fitted to. */
export const MIN_FIT_REVIEWS = 100;

/** An automatic refit once the review log has grown by a quarter (and at least this many reviews). */
export const REFIT_MIN_NEW_LOGS = 50;

/** FSRS-6's bounds per parameter (as ts-fsrs clamps them with short-term memory on). */
const BOUNDS = CLAMP_PARAMETERS(W17_W18_Ceiling, true);

const inBounds = (x: number, bound: number[] | undefined) =>
  bound !== undefined && x >= (bound[0] as number) && x <= (bound[1] as number);

export const ParametersSchema = z
  .array(z.number().finite())
  .length(default_w.length)
  .refine((w) => w.every((x, i) => inBounds(x, BOUNDS[i])), {
    message: "parameter out of FSRS's bounds",
  });

/** Recall predicted for the long-term reviews of the log, next to what was recalled. */
const PredictionSchema = z.object({
  /** mean predicted probability of recall */
  predicted: z.number().min(0).max(1),
  /** share not rated Again */
  actual: z.number().min(0).max(1),
  logLoss: z.number().finite().nonnegative(),
});
export type Prediction = z.infer<typeof PredictionSchema>;

const Checked = {
  /** when the log was read */
  at: z.iso.datetime(),
  /** review logs read (the refit rule compares the log's growth with it) */
  logs: z.number().int().nonnegative(),
  /** reviews a day or more after the card's previous one (what the fit predicts) */
  reviews: z.number().int().nonnegative(),
};

export const FsrsFitSchema = z.discriminatedUnion("status", [
  z.object({
    status: z.literal("fitted"),
    ...Checked,
    parameters: ParametersSchema,
    fitted: PredictionSchema,
    defaults: PredictionSchema,
  }),
  z.object({
    status: z.literal("defaults"),
    ...Checked,
    reason: z.enum(["too_few_reviews", "no_better"]),
    defaults: PredictionSchema.nullable(),
  }),
  z.object({ status: z.literal("reset"), ...Checked }),
]);
export type FsrsFit = z.infer<typeof FsrsFitSchema>;

/** The stored fit, or null when there is none or it does not pass the schema (the defaults then). */
export function readFit(json: unknown): FsrsFit | null {
  if (json === null || json === undefined) return null;
  const parsed = FsrsFitSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** The parameters the scheduler uses: the fitted ones, else null (FSRS's defaults). */
export function parametersOf(json: unknown): number[] | null {
  const fit = readFit(json);
  return fit?.status === "fitted" ? fit.parameters : null;
}

/** Whether a review log of `logs` reviews calls for an automatic fit, given the last one. */
export function fitIsDue(fit: FsrsFit | null, logs: number): boolean {
  if (logs < MIN_FIT_REVIEWS) return false;
  if (fit === null) return true;
  if (fit.status === "reset") return false;
  return logs - fit.logs >= Math.max(REFIT_MIN_NEW_LOGS, Math.ceil(fit.logs / 4));
}
