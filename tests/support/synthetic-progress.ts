/**
 * A progress file (lib/progress/export-format.ts) of the simulated learner with a known forgetting
 * curve (synthetic-learner.ts): `cards` cards studied for half a year, each reviewed when FSRS's
 * defaults schedule it, as the app's own scheduler would have written the log. Importing it gives
 * an account enough long-term reviews for a personal fit (ADR 0028), without a database of our own.
 */
import { type CardFields, newCard, review } from "@/lib/flashcards/fsrs";
import { PROGRESS_FORMAT, PROGRESS_VERSION, type ProgressExport } from "@/lib/progress/export-format";
import { learnerMemory, rng } from "./synthetic-learner";

const DAY = 86_400_000;

const iso = (d: Date) => d.toISOString();
const stored = (c: CardFields) => ({ ...c, due: iso(c.due), lastReview: c.lastReview ? iso(c.lastReview) : null });

export function syntheticProgress(
  slugs: readonly string[],
  opts: { start: Date; days: number; seed: number },
): ProgressExport {
  const random = rng(opts.seed);
  const start = opts.start.getTime();
  const end = start + opts.days * DAY;
  const cards = slugs.map((question, i) => {
    const answer = learnerMemory(random);
    let at = start + (i % 20) * DAY; // 20 new cards a day
    let last = at;
    let card: CardFields | null = null;
    const createdAt = new Date(at);
    const reviews: ProgressExport["cards"][number]["reviews"] = [];
    while (at < end) {
      const now = new Date(at);
      const before = card;
      const next = review(before ?? newCard(now), answer(Math.floor(at / DAY) - Math.floor(last / DAY)), now);
      reviews.push({
        requestId: `synthetic-${opts.seed}-${i}-${reviews.length}`,
        rating: next.log.rating,
        state: next.log.state,
        due: iso(next.log.due),
        stability: next.log.stability,
        difficulty: next.log.difficulty,
        elapsedDays: next.log.elapsedDays,
        lastElapsedDays: next.log.lastElapsedDays,
        scheduledDays: next.log.scheduledDays,
        learningSteps: next.log.learningSteps,
        review: iso(next.log.review),
        previousCard: before ? stored(before) : null,
      });
      card = next.card;
      last = at;
      at = Math.max(card.due.getTime(), at + 60_000);
    }
    if (!card) throw new Error("a card without reviews");
    return { question, ...stored(card), createdAt: iso(createdAt), reviews };
  });
  return {
    format: PROGRESS_FORMAT,
    version: PROGRESS_VERSION,
    exportedAt: iso(new Date(end)),
    settings: { locale: "en", timeZone: "UTC", newCardsPerDay: 20, desiredRetention: 0.9 },
    quizSessions: [],
    attempts: [],
    cards,
    drillAttempts: [],
  };
}
