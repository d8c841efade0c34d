/**
 * `npm run bench:drill-schedule` — what the family schedule (lib/drills/schedule.ts, ADR 33)
 * costs a request: replaying a learner's drill attempts through FSRS, for 100 attempts and for
 * SCHEDULE_ATTEMPTS (the most a replay reads), against an anchor measured in the same run: one
 * flashcard rating's scheduling (`review`, what every rating on /flashcards computes). Pure
 * computation: no database. A benchmark, not a test: it asserts nothing.
 *
 *   npm run bench:drill-schedule [-- --rounds 30]
 */
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { DRILL_FAMILIES } from "@/lib/drills/families";
import { familySchedules, SCHEDULE_ATTEMPTS, type ScheduledAttempt } from "@/lib/drills/schedule";
import { newCard, review } from "@/lib/flashcards/fsrs";

const { values } = parseArgs({ options: { rounds: { type: "string", default: "30" } } });
const ROUNDS = Number(values.rounds);
const T0 = Date.parse("2026-11-01T08:00:00Z");

/** A learner's attempts: families in turn, two in three right, 7 minutes apart. */
const attempts = (n: number): ScheduledAttempt[] =>
  Array.from({ length: n }, (_, i) => ({
    family: DRILL_FAMILIES[i % DRILL_FAMILIES.length] ?? "estimate-ratio",
    correct: i % 3 !== 0,
    createdAt: new Date(T0 + i * 7 * 60_000),
  }));

/** Median milliseconds of `f` over ROUNDS rounds, after as many warm-up rounds. */
function median(f: () => unknown): number {
  for (let i = 0; i < ROUNDS; i++) f();
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    f();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

const card = newCard(new Date(T0));
const anchor = median(() => review(card, 3, new Date(T0 + 60_000)));
console.log(`load average ${loadavg()[0]?.toFixed(2)}, ${ROUNDS} rounds, medians`);
console.log(`anchor: one flashcard review        ${(anchor * 1000).toFixed(1)} µs`);
for (const n of [100, SCHEDULE_ATTEMPTS]) {
  const list = attempts(n);
  const now = new Date(T0 + n * 7 * 60_000);
  const ms = median(() => familySchedules(list, now));
  console.log(
    `replay of ${String(n).padStart(4)} attempts          ${ms.toFixed(2)} ms  ` +
      `(${((ms * 1000) / n).toFixed(1)} µs per attempt, ${(ms / anchor).toFixed(0)}× the anchor)`,
  );
}
