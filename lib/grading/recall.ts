/**
 * Self-grades of a recalled answer (question page and quiz): the score stored with the attempt
 * and its message key. Only "all of it" (score 1) counts as correct.
 */
import { z } from "zod";

export const RECALL_GRADES = [
  { score: "0", key: "missed" },
  { score: "0.5", key: "partly" },
  { score: "1", key: "full" },
] as const;

export const RecallScoreSchema = z.enum([
  "0",
  "0.5",
  "1",
] as const satisfies readonly (typeof RECALL_GRADES)[number]["score"][]);
