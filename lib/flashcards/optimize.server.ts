/**
 * Fitting FSRS parameters to a learner's own reviews, as Anki's "Optimize" does (ADR 21): the
 * FSRS optimizer of fsrs-rs, packaged for Node (@open-spaced-repetition/binding, a native addon
 * that trains off the JavaScript thread), rather than fitting code of our own. Server only.
 */
import "server-only";
import { computeParameters, FSRSBindingItem, FSRSBindingReview } from "@open-spaced-repetition/binding";
import { DEFAULT_PARAMETERS, isParameterSet } from "./fsrs";
import type { HistoryItem } from "./review-history";

/**
 * At most this many training items go into one fit (the cards first reviewed most recently are
 * kept): the work is linear in them
 * (about 0.3 ms an item here), so a fit stays well under a few seconds whatever the history.
 */
export const MAX_FIT_ITEMS = 10_000;

/** The parameters that best predict `items` (the defaults when fsrs-rs finds too little to learn from). */
export async function fitParameters(items: readonly HistoryItem[]): Promise<number[]> {
  const train = items
    .slice(-MAX_FIT_ITEMS)
    .map((reviews) => new FSRSBindingItem(reviews.map((r) => new FSRSBindingReview(r.rating, r.deltaT))));
  const fitted = await computeParameters(train, { enableShortTerm: true });
  return isParameterSet(fitted) ? fitted : [...DEFAULT_PARAMETERS];
}
