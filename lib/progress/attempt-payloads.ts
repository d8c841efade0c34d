/**
 * What an attempt stores as JSON, by kind: what the learner answered (response) and what was
 * right (expected). One schema per kind for the writers (the question page's and the quiz's
 * actions), the readers (the question page, the quiz) and the import — so an imported row is
 * one the app could have written, and a reader that meets an old or damaged row degrades to
 * "no payload" instead of failing.
 */
import { z } from "zod";
import { OptionIdSchema } from "@/lib/content/schema";
import type { AttemptKind } from "./attempts";

const Options = z.array(OptionIdSchema).max(16);
/** A prediction's answer: a verdict or option id, a number (a layer, a log10 ratio) or a yes/no. */
const Answer = z.union([z.string().max(100), z.number().finite(), z.boolean()]);
/** The engine's measurement behind a prediction's grade, shown for context only. */
const Measured = z.record(z.string().max(100), z.json());

export const ATTEMPT_PAYLOADS = {
  reveal: { response: z.null(), expected: z.null() },
  recall: { response: z.object({ score: z.number().min(0).max(1) }).nullable(), expected: z.null() },
  choice: { response: z.object({ selected: Options }), expected: z.object({ correct: Options }) },
  prediction: {
    response: z.object({ answer: Answer }),
    expected: z.object({ answer: Answer, actual: Measured.optional() }),
  },
} as const satisfies Record<AttemptKind, { response: z.ZodType; expected: z.ZodType }>;

export type AttemptPayload<K extends AttemptKind> = {
  response: z.infer<(typeof ATTEMPT_PAYLOADS)[K]["response"]>;
  expected: z.infer<(typeof ATTEMPT_PAYLOADS)[K]["expected"]>;
};

/** A stored row's payload for its kind, or nulls when it is not one the app writes. */
export function readAttemptPayload(
  kind: AttemptKind,
  response: unknown,
  expected: unknown,
): { response: unknown; expected: unknown } {
  const schemas = ATTEMPT_PAYLOADS[kind];
  const r = schemas.response.safeParse(response ?? null);
  const e = schemas.expected.safeParse(expected ?? null);
  return { response: r.success ? r.data : null, expected: e.success ? e.data : null };
}
