/**
 * A drill attempt as it is stored (DrillAttempt's JSON columns) and read back: one schema for the
 * writer and every reader (the result view, the dashboard).
 */
import { z } from "zod";

const AnswerSchema = z.union([z.string().max(40), z.number().finite()]);
/** what the engine measured: plain JSON numbers (non-finite ones stored as null), strings, flags */
const MeasuredSchema = z.record(z.string().max(40), z.union([z.number(), z.string().max(80), z.boolean(), z.null()]));

export const DrillResponseSchema = z.strictObject({ answer: AnswerSchema });
export const DrillExpectedSchema = z.strictObject({
  answer: AnswerSchema,
  measured: MeasuredSchema,
  /** decades to the nearest boundary; null when the family has none (estimates) */
  clearance: z.number().nullable(),
});

export type DrillResponse = z.infer<typeof DrillResponseSchema>;
export type DrillExpected = z.infer<typeof DrillExpectedSchema>;

/** A non-finite number as JSON would store it (null), so what is written is what is read. */
const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

export function expectedRecord(
  answer: string | number,
  measured: Record<string, unknown>,
  clearance: number,
): DrillExpected {
  const plain = Object.fromEntries(
    Object.entries(measured).map(([k, v]) => [k, typeof v === "number" ? finiteOrNull(v) : (v ?? null)]),
  );
  return DrillExpectedSchema.parse({ answer, measured: plain, clearance: finiteOrNull(clearance) });
}
