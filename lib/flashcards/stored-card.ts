/**
 * A card's scheduling state as JSON (ReviewLog.previousCard, so a review can be undone exactly):
 * the ts-fsrs fields with ISO dates; JSON null means the card did not exist before the review.
 * One schema for the writer, the undo that reads it and the import that brings it in.
 */
import { z } from "zod";
import { CARD_STATES } from "./ratings";

const Count = z.number().int().min(0).max(1_000_000_000);

export const StoredCardSchema = z.object({
  due: z.iso.datetime(),
  stability: z.number().finite().min(0),
  difficulty: z.number().finite(),
  elapsedDays: Count,
  scheduledDays: Count,
  learningSteps: Count,
  reps: Count,
  lapses: Count,
  state: z.literal(CARD_STATES),
  lastReview: z.iso.datetime().nullable(),
});
