/**
 * The prediction loop: after a graded prediction, the next prediction question to try and the
 * learner's streak. The streak counts questions, each by its first prediction — retrying a
 * question until it comes out right cannot build one.
 */

export type PredictionAttempt = { slug: string; correct: boolean | null; createdAt: Date };

/** How many questions in a row, newest first, were predicted right on the first try. */
export function predictionStreak(attempts: readonly PredictionAttempt[]): number {
  const firstTries = new Map<string, PredictionAttempt>();
  for (const a of attempts) {
    const seen = firstTries.get(a.slug);
    if (!seen || a.createdAt < seen.createdAt) firstTries.set(a.slug, a);
  }
  const newestFirst = [...firstTries.values()].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  let streak = 0;
  for (const a of newestFirst) {
    if (a.correct !== true) break;
    streak++;
  }
  return streak;
}

/**
 * The next prediction question after `current` in bank order that the learner has not tried,
 * wrapping around; when every one has been tried, simply the next one. Null when `current` is
 * the only one.
 */
export function nextPrediction(order: readonly string[], current: string, tried: ReadonlySet<string>): string | null {
  const others = order.filter((s) => s !== current);
  if (others.length === 0) return null;
  const at = order.indexOf(current);
  const after = at < 0 ? others : [...order.slice(at + 1), ...order.slice(0, Math.max(at, 0))];
  return after.find((s) => !tried.has(s)) ?? after[0] ?? null;
}
