/**
 * FSRS scheduling (ts-fsrs 5), pure: no database, no clock. The app's card rows and review
 * logs are mapped to and from ts-fsrs's shapes here, so nothing else imports ts-fsrs.
 *
 * Fuzz is OFF: the interval shown on a rating button is exactly the interval that rating
 * schedules, and tests are deterministic. (Fuzz spreads cards reviewed together over nearby
 * days; with a bank of ~60 questions the clumping it prevents is negligible.)
 */
import {
  createEmptyCard,
  default_w,
  type FSRS,
  type FSRSState,
  type Card as FsrsCard,
  Rating as FsrsRating,
  type ReviewLog as FsrsReviewLog,
  fsrs,
  type Grade,
  type State,
} from "ts-fsrs";
import type { CardState, Rating } from "./ratings";
import type { HistoryItem } from "./review-history";
import { DEFAULT_STUDY_SETTINGS, MAX_RETENTION, MIN_RETENTION, type StudySettings } from "./study-settings";

/** The scheduling fields of a Card row (prisma Card without ids and timestamps). */
export type CardFields = {
  due: Date;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: CardState;
  lastReview: Date | null;
};

/** The scheduling fields of a ReviewLog row: the card's state BEFORE the review, and the review. */
export type LogFields = {
  rating: Rating;
  state: CardState;
  due: Date;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  lastElapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  review: Date;
};

/** The scheduler's settings: the retention it aims for and, once fitted, the learner's own FSRS parameters. */
export type SchedulerSettings = Pick<StudySettings, "desiredRetention"> & { parameters?: readonly number[] | null };

/** FSRS's default parameters (FSRS-6, 21 numbers), the ones a learner without enough history uses. */
export const DEFAULT_PARAMETERS: readonly number[] = default_w;

function scheduler(settings: SchedulerSettings): FSRS {
  const r = Number.isFinite(settings.desiredRetention)
    ? settings.desiredRetention
    : DEFAULT_STUDY_SETTINGS.desiredRetention;
  return fsrs({
    request_retention: Math.min(MAX_RETENTION, Math.max(MIN_RETENTION, r)),
    enable_fuzz: false,
    enable_short_term: true,
    ...(isParameterSet(settings.parameters) ? { w: [...settings.parameters] } : {}),
  });
}

/** A usable parameter set: as many finite numbers as the defaults. */
export function isParameterSet(w: readonly number[] | null | undefined): w is readonly number[] {
  return Array.isArray(w) && w.length === DEFAULT_PARAMETERS.length && w.every(Number.isFinite);
}

/**
 * What a parameter set predicts of a review history: for every item whose last review came a day
 * or more later, the probability of recall FSRS gives it (from the memory state the earlier
 * reviews left), averaged — next to the share actually recalled (not rated Again) and the log
 * loss of those predictions. Null without such items.
 */
export function predictRecall(
  items: readonly HistoryItem[],
  parameters: readonly number[] = DEFAULT_PARAMETERS,
): { predicted: number; actual: number; logLoss: number; reviews: number } | null {
  const model = fsrs({ w: [...parameters], enable_short_term: true });
  let predicted = 0;
  let recalled = 0;
  let loss = 0;
  let n = 0;
  for (const item of items) {
    const last = item[item.length - 1];
    if (!last || last.deltaT <= 0) continue;
    let state: FSRSState | null = null;
    for (const r of item.slice(0, -1)) state = model.next_state(state, r.deltaT, r.rating);
    if (!state) continue;
    const p = Math.min(1 - 1e-6, Math.max(1e-6, model.forgetting_curve(last.deltaT, state.stability)));
    const y = last.rating > 1 ? 1 : 0;
    predicted += p;
    recalled += y;
    loss -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
    n++;
  }
  return n === 0 ? null : { predicted: predicted / n, actual: recalled / n, logLoss: loss / n, reviews: n };
}

export function newCard(now: Date): CardFields {
  return fromFsrsCard(createEmptyCard(now));
}

export function toFsrsCard(c: CardFields): FsrsCard {
  return {
    due: new Date(c.due),
    stability: c.stability,
    difficulty: c.difficulty,
    elapsed_days: c.elapsedDays,
    scheduled_days: c.scheduledDays,
    learning_steps: c.learningSteps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state as unknown as State,
    last_review: c.lastReview ? new Date(c.lastReview) : undefined,
  };
}

export function fromFsrsCard(c: FsrsCard): CardFields {
  return {
    due: new Date(c.due),
    stability: c.stability,
    difficulty: c.difficulty,
    elapsedDays: c.elapsed_days,
    scheduledDays: c.scheduled_days,
    learningSteps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    state: Number(c.state) as CardState,
    lastReview: c.last_review ? new Date(c.last_review) : null,
  };
}

function fromFsrsLog(l: FsrsReviewLog): LogFields {
  return {
    rating: Number(l.rating) as Rating,
    state: Number(l.state) as CardState,
    due: new Date(l.due),
    stability: l.stability,
    difficulty: l.difficulty,
    elapsedDays: l.elapsed_days,
    lastElapsedDays: l.last_elapsed_days,
    scheduledDays: l.scheduled_days,
    learningSteps: l.learning_steps,
    review: new Date(l.review),
  };
}

export type Reviewer = (card: CardFields, rating: Rating, now: Date) => { card: CardFields; log: LogFields };

/**
 * `review` with one scheduler for many reviews (a replay): building ts-fsrs's scheduler costs
 * far more than a review (ADR 33 measured it).
 */
export function reviewer(settings: SchedulerSettings = DEFAULT_STUDY_SETTINGS): Reviewer {
  const s = scheduler(settings);
  return (card, rating, now) => {
    const item = s.next(toFsrsCard(card), now, rating as unknown as Grade);
    return { card: fromFsrsCard(item.card), log: fromFsrsLog(item.log) };
  };
}

/** Applies one rating at `now`: the card after the review and the log to store. */
export function review(
  card: CardFields,
  rating: Rating,
  now: Date,
  settings: SchedulerSettings = DEFAULT_STUDY_SETTINGS,
): { card: CardFields; log: LogFields } {
  return reviewer(settings)(card, rating, now);
}

/** The interval (ms from `now` to the new due time) each rating would schedule. */
export function previewIntervals(
  card: CardFields,
  now: Date,
  settings: SchedulerSettings = DEFAULT_STUDY_SETTINGS,
): Record<Rating, number> {
  const preview = scheduler(settings).repeat(toFsrsCard(card), now);
  const ms = (g: FsrsRating.Again | FsrsRating.Hard | FsrsRating.Good | FsrsRating.Easy) =>
    Math.max(0, preview[g].card.due.getTime() - now.getTime());
  return {
    1: ms(FsrsRating.Again),
    2: ms(FsrsRating.Hard),
    3: ms(FsrsRating.Good),
    4: ms(FsrsRating.Easy),
  };
}

export type IntervalUnit = "lt1m" | "m" | "h" | "d" | "mo" | "y";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Anki-style interval: "<1m", "10m", "3.5h", "1d", "4d", "1.2mo", "2.1y" (value + unit, for i18n). */
export function intervalParts(ms: number): { value: number; unit: IntervalUnit } {
  const one = (x: number) => Math.round(x * 10) / 10;
  if (ms < MINUTE) return { value: 1, unit: "lt1m" };
  if (ms < HOUR) return { value: Math.round(ms / MINUTE), unit: "m" };
  if (ms < DAY) return { value: one(ms / HOUR), unit: "h" };
  const days = ms / DAY;
  if (days < 30) return { value: Math.round(days), unit: "d" };
  if (days < 365) return { value: one(days / 30), unit: "mo" };
  return { value: one(days / 365), unit: "y" };
}

/** English short form, e.g. for logs and tests; the UI formats intervalParts through i18n. */
export function formatInterval(ms: number): string {
  const { value, unit } = intervalParts(ms);
  return unit === "lt1m" ? "<1m" : `${value}${unit}`;
}
