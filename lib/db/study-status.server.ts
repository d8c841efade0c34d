/**
 * A learner's study status per question, for the question list's status filter and badges.
 *
 * Each question has exactly one status, the first rule that applies (so the counts add up to
 * the number of questions):
 *   new        no FSRS card and no attempt by this user
 *   due        a card whose `due` is at or before now (it is waiting in the review queue)
 *   learning   a card in state 1 Learning or 3 Relearning (not yet due)
 *   mastered   a card in state 2 Review with scheduledDays ≥ 21 (the next review is three weeks
 *              or more away: the conventional "mature" card in Anki), not due
 *   seen       anything else: attempted without a card, or a young Review card not yet due
 */
import "server-only";
import type { Locale } from "@/lib/i18n/locales";
import { isMastered } from "../progress/stats";
import { STUDY_STATUS_FILTERS } from "../validation/question-filter";
import { prisma } from "./client.server";
import { listQuestions, type QuestionListFilter, type QuestionSummary } from "./questions.server";

export const STUDY_STATUSES = STUDY_STATUS_FILTERS;
export type StudyStatus = (typeof STUDY_STATUSES)[number];

export type CardFields = { due: Date; state: number; scheduledDays: number };

/** The status of one question given its card (if any) and whether it has attempts. */
export function statusOf(card: CardFields | null, attempted: boolean, now: Date): StudyStatus {
  if (!card) return attempted ? "seen" : "new";
  if (card.due.getTime() <= now.getTime()) return "due";
  if (card.state === 1 || card.state === 3) return "learning";
  if (isMastered(card)) return "mastered";
  return "seen";
}

/** Status by question slug for every published question; everything is new without a user. */
export async function studyStatusBySlug(
  userId: string | null,
  now: Date = new Date(),
): Promise<Map<string, StudyStatus>> {
  const questions = await prisma.question.findMany({ where: { published: true }, select: { id: true, slug: true } });
  if (!userId) return new Map(questions.map((q) => [q.slug, "new" as const]));
  const [cards, attempts] = await Promise.all([
    prisma.card.findMany({
      where: { userId },
      select: { questionId: true, due: true, state: true, scheduledDays: true },
    }),
    prisma.attempt.groupBy({ by: ["questionId"], where: { userId } }),
  ]);
  const cardByQuestion = new Map(cards.map((c) => [c.questionId, c]));
  const attempted = new Set(attempts.map((a) => a.questionId));
  return new Map(
    questions.map((q) => [q.slug, statusOf(cardByQuestion.get(q.id) ?? null, attempted.has(q.id), now)] as const),
  );
}

export type QuestionWithStatus = QuestionSummary & { prompt: string; status: StudyStatus };

/**
 * The list page's query: questions matching the other filters, each with its status, narrowed to
 * `status` when given; `counts` are per status over the other filters (what each status filter
 * would show).
 */
export async function listQuestionsWithStatus(
  lang: Locale,
  filter: QuestionListFilter & { status?: StudyStatus },
  userId: string | null,
  now: Date = new Date(),
): Promise<{ questions: QuestionWithStatus[]; counts: Record<StudyStatus, number> }> {
  const { status, ...rest } = filter;
  const [questions, statuses] = await Promise.all([listQuestions(lang, rest), studyStatusBySlug(userId, now)]);
  const withStatus = questions.map((q) => ({ ...q, status: statuses.get(q.slug) ?? ("new" as const) }));
  const counts = Object.fromEntries(STUDY_STATUSES.map((s) => [s, 0])) as Record<StudyStatus, number>;
  for (const q of withStatus) counts[q.status]++;
  return { questions: status ? withStatus.filter((q) => q.status === status) : withStatus, counts };
}
