/** Grading a multiple-choice answer: right when the selected set equals the correct set. */
import type { z } from "zod";
import type { ChoiceSpecSchema } from "@/lib/content/schema";

type ChoiceSpec = z.infer<typeof ChoiceSpecSchema>;

export type ChoiceGrade =
  | { ok: true; correct: boolean; selected: string[]; expected: string[] }
  | { ok: false; unknown: string[] };

export function gradeChoice(spec: ChoiceSpec, selectedIds: readonly string[]): ChoiceGrade {
  const known = new Set(spec.options.map((o) => o.id));
  const unknown = selectedIds.filter((id) => !known.has(id));
  if (unknown.length > 0) return { ok: false, unknown };
  const selected = [...new Set(selectedIds)].sort();
  const expected = spec.options
    .filter((o) => o.correct)
    .map((o) => o.id)
    .sort();
  const correct = selected.length === expected.length && selected.every((id, i) => id === expected[i]);
  return { ok: true, correct, selected, expected };
}

/** What an attempt stores of a graded choice: the score, the selected and the correct option ids. */
export function choiceAttempt(graded: Extract<ChoiceGrade, { ok: true }>) {
  return {
    correct: graded.correct,
    score: graded.correct ? 1 : 0,
    response: { selected: graded.selected },
    expected: { correct: graded.expected },
  };
}
