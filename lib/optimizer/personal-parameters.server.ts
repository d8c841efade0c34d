/**
 * Personal FSRS parameters (ADR 0028), as Anki's "Optimize" fits them: read the learner's review
 * log, fit with fsrs-rs (fit.server.ts), keep the fit only when it predicts the learner's
 * own long-term reviews better than the defaults, store it validated. Runs when the learner asks
 * (settings) and after a review once the log has grown enough (fitIsDue), one fit at a time per
 * server: a fit asked for while another runs is skipped, so fits never queue up.
 */
import "server-only";
import { countReviewLogs, getFsrsFit, readReviewLog, saveFsrsFit } from "@/lib/db/fsrs-fit.server";
import { getStudySettings } from "@/lib/db/users.server";
import { predictRecall } from "@/lib/flashcards/fsrs";
import { type FsrsFit, fitIsDue, MIN_FIT_REVIEWS, type Prediction } from "@/lib/flashcards/fsrs-fit";
import { longTermItems, trainingItems } from "@/lib/flashcards/review-history";
import { fitParameters } from "./fit.server";

let running = false;

/**
 * Stored numbers keep 10 significant digits: what is read back is then exactly what was stored
 * (SQLite's JSON prints 15), and fsrs-rs fits in float32 (7 digits) anyway.
 */
const round = (x: number) => Number(x.toPrecision(10));

const asPrediction = (p: NonNullable<ReturnType<typeof predictRecall>>): Prediction => ({
  predicted: round(p.predicted),
  actual: round(p.actual),
  logLoss: round(p.logLoss),
});

/** Fits now and stores the outcome; null when another fit is running on this server. */
export async function fitPersonalParameters(userId: string, now = new Date()): Promise<FsrsFit | null> {
  if (running) return null;
  running = true;
  try {
    const [{ reviews, total }, { timeZone }] = await Promise.all([readReviewLog(userId), getStudySettings(userId)]);
    const items = trainingItems(reviews, timeZone);
    const longTerm = longTermItems(items);
    const checked = { at: now.toISOString(), logs: total, reviews: longTerm.length };
    const defaults = predictRecall(longTerm);
    let fit: FsrsFit;
    if (longTerm.length < MIN_FIT_REVIEWS || !defaults) {
      fit = { status: "defaults", ...checked, reason: "too_few_reviews", defaults: defaults && asPrediction(defaults) };
    } else {
      const parameters = (await fitParameters(items)).map(round);
      const fitted = predictRecall(longTerm, parameters);
      fit =
        fitted && fitted.logLoss < defaults.logLoss
          ? { status: "fitted", ...checked, parameters, fitted: asPrediction(fitted), defaults: asPrediction(defaults) }
          : { status: "defaults", ...checked, reason: "no_better", defaults: asPrediction(defaults) };
    }
    await saveFsrsFit(userId, fit);
    return fit;
  } finally {
    running = false;
  }
}

/** Back to FSRS's defaults, and no automatic fit until the learner asks for one. */
export async function resetPersonalParameters(userId: string, now = new Date()): Promise<void> {
  const fit = await getFsrsFit(userId);
  const logs = await countReviewLogs(userId);
  await saveFsrsFit(userId, { status: "reset", at: now.toISOString(), logs, reviews: fit?.reviews ?? 0 });
}

/** After a review: fits when the log has grown enough since the last fit (see fitIsDue). */
export async function refitIfDue(userId: string): Promise<void> {
  if (running) return;
  const [fit, logs] = await Promise.all([getFsrsFit(userId), countReviewLogs(userId)]);
  if (fitIsDue(fit, logs)) await fitPersonalParameters(userId);
}
