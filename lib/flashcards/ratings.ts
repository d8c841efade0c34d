/** The four ratings of a flashcard review (ts-fsrs's Rating numbers). Client-safe: no ts-fsrs here. */
export const RATINGS = [1, 2, 3, 4] as const;
/** 1 Again, 2 Hard, 3 Good, 4 Easy. */
export type Rating = (typeof RATINGS)[number];
/** Message keys and CSS names of the ratings. */
export const RATING_NAMES = { 1: "again", 2: "hard", 3: "good", 4: "easy" } as const satisfies Record<Rating, string>;

/** 0 New, 1 Learning, 2 Review, 3 Relearning (ts-fsrs's State numbers). */
export const CARD_STATES = [0, 1, 2, 3] as const;
export type CardState = (typeof CARD_STATES)[number];
