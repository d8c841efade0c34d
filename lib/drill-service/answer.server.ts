/**
 * The server path of a drill: a problem regenerated from (family, seed) by running the engine
 * through the app's simulation service (its worker pool and cache, as for the answer pages), and
 * a learner's answer checked, graded and stored once. Bounded: a problem is at most its family's
 * maxDraws draws (MAX_DRAWS = 8; verdict-rnn's 3 ms runs 16) of its family's runs (one to five,
 * healthy-fix), each within the scenario budget (≈ 50 ms), and cached after.
 */
import "server-only";
import { getOrCreateUser, isGuestRefused } from "@/lib/accounts/current-user.server";
import { type DrillAttemptView, recordDrillAttempt } from "@/lib/db/drills.server";
import { expectedRecord } from "@/lib/drills/attempt";
import { CATALOG } from "@/lib/drills/catalog";
import {
  DRILL_SEED_MAX,
  type DrillFamilyId,
  DrillSeedSchema,
  isDrillFamily,
  parseSeedSegment,
} from "@/lib/drills/families";
import type { Problem } from "@/lib/drills/generate";
import { gradeAnswer, parseAnswerField } from "@/lib/drills/grade";
import { ENGINE_VERSION } from "@/lib/sim";
import { runSimulation } from "@/lib/sim-service/simulations.server";

export function problemFor(family: DrillFamilyId, seed: number): Promise<Problem | null> {
  return CATALOG[family].generate(seed, runSimulation);
}

/** A seed as a form (a string of digits) or a JSON body (an integer) carries it; null when it is not one. */
function seedOf(raw: unknown): number | null {
  if (typeof raw === "string") return parseSeedSegment(raw);
  const parsed = DrillSeedSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** Why an answer was refused: the HTTP status and a message key of the "drills" namespace with its values. */
export type DrillRefusal = { ok: false; status: 400 | 404 | 429 | 503; key: string; values?: Record<string, number> };

export type DrillSubmission =
  | { ok: true; family: DrillFamilyId; seed: number; attempt: DrillAttemptView; created: boolean }
  | DrillRefusal;

/**
 * Checks the family, the seed and the answer (in that order, so the message names the first
 * thing wrong), grades the answer with the engine and stores it for the current learner (a new
 * guest when there is none). A problem answered before keeps its first answer.
 */
export async function submitDrillAnswer(raw: {
  family: unknown;
  seed: unknown;
  answer: unknown;
}): Promise<DrillSubmission> {
  if (!isDrillFamily(raw.family)) return { ok: false, status: 404, key: "error_family" };
  const seed = seedOf(raw.seed);
  if (seed === null) return { ok: false, status: 400, key: "error_seed", values: { max: DRILL_SEED_MAX } };
  let problem: Problem | null;
  try {
    problem = await problemFor(raw.family, seed);
  } catch {
    return { ok: false, status: 503, key: "error_engine" };
  }
  if (!problem) return { ok: false, status: 404, key: "error_noProblem" };
  const form = problem.answer;
  const answer = parseAnswerField(form, typeof raw.answer === "number" ? String(raw.answer) : raw.answer);
  if (answer === null)
    return form.type === "estimate"
      ? { ok: false, status: 400, key: "error_estimate", values: { min: form.min, max: form.max } }
      : { ok: false, status: 400, key: "error_choice" };
  const grade = gradeAnswer(problem, answer);
  const user = await getOrCreateUser();
  if (isGuestRefused(user)) return { ok: false, status: 429, key: "error_tooManyGuests" };
  const { attempt, created } = await recordDrillAttempt({
    userId: user.id,
    family: problem.family,
    seed,
    response: { answer },
    expected: expectedRecord(grade.expected, problem.measured, problem.clearance),
    correct: grade.correct,
    errorDecades: grade.errorDecades,
    margin: problem.margin,
    engineVersion: ENGINE_VERSION,
  });
  return { ok: true, family: problem.family, seed, attempt, created };
}
