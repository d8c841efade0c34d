/**
 * The bank's learning order (ADR 17): the order a newcomer meets the questions in the list, as
 * new flashcards and in the Anki export. A core path first — every topic's easy and medium
 * questions, topic by topic in curriculum order (fundamentals → … → practice) — then the hard
 * ones, topic by topic again. Within a topic: easier first, and a concept (flashcard) before
 * applying it (choice) before predicting a run (prediction); an explicit `order` in a question
 * file breaks the remaining ties, then the slug.
 */
import { type Difficulty, QUESTION_TYPES, type QuestionType, TOPICS, type Topic } from "./schema";

/** Difficulties up to this one form the core path; harder questions follow it. */
export const CORE_MAX_DIFFICULTY: Difficulty = 2;

export type Orderable = { slug: string; topic: Topic; difficulty: Difficulty; type: QuestionType; order?: number };

function key(q: Orderable): number[] {
  return [
    q.difficulty > CORE_MAX_DIFFICULTY ? 1 : 0,
    TOPICS.indexOf(q.topic),
    q.difficulty,
    QUESTION_TYPES.indexOf(q.type),
    q.order ?? Number.MAX_SAFE_INTEGER,
  ];
}

export function compareLearningOrder(a: Orderable, b: Orderable): number {
  const ka = key(a);
  const kb = key(b);
  for (let i = 0; i < ka.length; i++) {
    const d = (ka[i] ?? 0) - (kb[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0;
}
