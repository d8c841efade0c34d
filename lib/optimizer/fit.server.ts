/**
 * Fitting FSRS parameters to a learner's own reviews, as Anki's "Optimize" does (ADR 0028): the
 * FSRS optimizer of fsrs-rs, packaged for Node (@open-spaced-repetition/binding, a native addon
 * that trains off the JavaScript thread), rather than fitting code of our own. Server only.
 */
import "server-only";
import { computeParameters, FSRSBindingItem, FSRSBindingReview } from "@open-spaced-repetition/binding";
import { DEFAULT_PARAMETERS } from "@/lib/flashcards/fsrs";
import { ParametersSchema } from "@/lib/flashcards/fsrs-fit";
import type { HistoryItem } from "@/lib/flashcards/review-history";

/**
 * At most this many training items go into one fit (the cards first reviewed most recently are
 * kept): the work is linear in them
 * (about 0.3 ms an item here), so a fit stays well under a few seconds whatever the history.
 */
export const MAX_FIT_ITEMS = 10_000;

/** The parameters that best predict `items` (the defaults when fsrs-rs finds too little to learn from). */
export async function fitParameters(items: readonly HistoryItem[]): Promise<number[]> {
  // fsrs-rs panics — taking the whole process down — on an item without a review a day or more
  // after the one before (e.g. a new card's same-day learning steps): those teach it nothing anyway
  const train = items
    .filter((item) => item.some((r) => r.deltaT > 0))
    .slice(-MAX_FIT_ITEMS)
    .map((reviews) => new FSRSBindingItem(reviews.map((r) => new FSRSBindingReview(r.rating, r.deltaT))));
  const fitted = await computeParameters(train, { enableShortTerm: true });
  // what is stored must pass the schema its readers use (FSRS's bounds); else nothing was learnt
  return ParametersSchema.safeParse(fitted).success ? fitted : [...DEFAULT_PARAMETERS];
}
