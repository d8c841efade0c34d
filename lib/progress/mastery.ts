/**
 * Progress over the bank for the list's bars ("12/78 mastered"): per topic and per difficulty,
 * how many questions there are, how many are mastered and how many are started (any status but
 * new and mastered: due, learning or seen). Statuses: lib/progress/study-status.ts.
 */
import { DIFFICULTIES, type Difficulty, TOPICS, type Topic } from "@/lib/content/schema";
import type { StudyStatus } from "./study-status";

export type Mastery = { total: number; mastered: number; started: number };
export type MasteryReport = {
  all: Mastery;
  byTopic: { topic: Topic; mastery: Mastery }[];
  byDifficulty: { difficulty: Difficulty; mastery: Mastery }[];
};

const empty = (): Mastery => ({ total: 0, mastered: 0, started: 0 });

function add(m: Mastery, status: StudyStatus): void {
  m.total++;
  if (status === "mastered") m.mastered++;
  else if (status !== "new") m.started++;
}

/** Topics and difficulties without questions are left out; both lists keep their canonical order. */
export function masteryReport(
  questions: Iterable<{ topic: Topic; difficulty: Difficulty; status: StudyStatus }>,
): MasteryReport {
  const all = empty();
  const topics = new Map<Topic, Mastery>();
  const difficulties = new Map<Difficulty, Mastery>();
  for (const q of questions) {
    add(all, q.status);
    const t = topics.get(q.topic) ?? empty();
    add(t, q.status);
    topics.set(q.topic, t);
    const d = difficulties.get(q.difficulty) ?? empty();
    add(d, q.status);
    difficulties.set(q.difficulty, d);
  }
  return {
    all,
    byTopic: TOPICS.flatMap((topic) => {
      const mastery = topics.get(topic);
      return mastery ? [{ topic, mastery }] : [];
    }),
    byDifficulty: DIFFICULTIES.flatMap((difficulty) => {
      const mastery = difficulties.get(difficulty);
      return mastery ? [{ difficulty, mastery }] : [];
    }),
  };
}
