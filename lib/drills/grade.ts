/**
 * Grading a learner's answer to a problem: what an answer is (the one validation, for the form
 * and the API alike), and whether it is right by the family's stated tolerance.
 */
import { z } from "zod";
import type { AnswerForm, DrillAnswer } from "./family";
import type { Problem } from "./generate";

/** A form field longer than this is no answer (the longest choice id or number is far shorter). */
const MAX_FIELD = 40;

export function answerSchema(form: AnswerForm): z.ZodType<DrillAnswer> {
  if (form.type === "choice") return z.enum(form.choices.map((c) => c.id) as [string, ...string[]]);
  return z.number().finite().min(form.min).max(form.max);
}

/** A form's answer field as this problem's answer, or null when it is not one (wrong type, NaN, huge, unknown choice). */
export function parseAnswerField(form: AnswerForm, field: unknown): DrillAnswer | null {
  if (typeof field !== "string" || field.length > MAX_FIELD) return null;
  const trimmed = field.trim();
  const value = form.type === "estimate" ? (trimmed === "" ? Number.NaN : Number(trimmed.replace("−", "-"))) : trimmed;
  const parsed = answerSchema(form).safeParse(value);
  return parsed.success ? parsed.data : null;
}

export type DrillGrade = {
  correct: boolean;
  expected: DrillAnswer;
  /** estimates: |answer − the engine's value| in decades (the learner's calibration); null for choices */
  errorDecades: number | null;
};

/** Grades a valid answer (parseAnswerField's output). Estimates are right within ± the tolerance, choices when equal. */
export function gradeAnswer(problem: Problem, answer: DrillAnswer): DrillGrade {
  if (problem.answer.type === "estimate") {
    if (typeof answer !== "number" || typeof problem.expected !== "number") throw new Error("an estimate is a number");
    const errorDecades = Math.abs(answer - problem.expected);
    return { correct: errorDecades <= problem.answer.tolerance, expected: problem.expected, errorDecades };
  }
  return { correct: answer === problem.expected, expected: problem.expected, errorDecades: null };
}
