/**
 * The learner's study settings (User columns), their defaults and their bounds: one definition
 * for the scheduler, the settings form, the export format and the flashcard queue. Client-safe
 * (no ts-fsrs), so the settings form can show the same bounds it is validated with.
 */
export type StudySettings = { desiredRetention: number; newCardsPerDay: number; timeZone: string };

/** The same defaults as the User columns in prisma/schema.prisma. */
export const DEFAULT_STUDY_SETTINGS: StudySettings = { desiredRetention: 0.9, newCardsPerDay: 20, timeZone: "UTC" };

/** FSRS's request_retention: below 0.7 reviews grow too rare to help, above 0.99 too frequent to keep up. */
export const MIN_RETENTION = 0.7;
export const MAX_RETENTION = 0.99;

export const MAX_NEW_CARDS_PER_DAY = 200;
