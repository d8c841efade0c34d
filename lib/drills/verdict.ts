/** Judging a verdict draw: the engine's verdict, kept only when the ratio is clear of both thresholds by the margin. */
import { EXPLODING_RATIO, type SimResult, VANISHING_RATIO, VERDICTS, type Verdict } from "@/lib/sim";
import type { DrillChoice, Judgement } from "./family";

/** The thresholds in decades: −2 and +2. */
const THRESHOLDS = [Math.log10(VANISHING_RATIO), Math.log10(EXPLODING_RATIO)] as const;

/** The verdicts as choices, in their order on the ratio scale (vanishing, healthy, exploding). */
export const VERDICT_CHOICES: DrillChoice[] = (
  ["vanishing", "healthy", "exploding"] as const satisfies readonly Verdict[]
).map((v) => ({ id: v, label: { key: `verdict_${v}` } }));
// the choices above name every verdict the engine knows
if (VERDICT_CHOICES.length !== VERDICTS.length) throw new Error("VERDICT_CHOICES must list every verdict");

export function judgeVerdict(r: SimResult, margin: number): Judgement {
  const log = r.summary.log10GradRatio;
  const measured = { log10GradRatio: Number.isFinite(log) ? log : null, nonFinite: r.summary.nonFinite };
  if (r.summary.nonFinite) return { ok: true, expected: "exploding", clearance: Infinity, measured };
  if (!Number.isFinite(log)) return { ok: false, reason: `log10 gradRatio is ${log}` };
  const clearance = Math.min(...THRESHOLDS.map((t) => Math.abs(log - t)));
  if (clearance < margin)
    return { ok: false, reason: `log10 gradRatio ${log.toFixed(2)} is within ${margin} of a threshold` };
  return { ok: true, expected: r.summary.verdict, clearance, measured };
}
