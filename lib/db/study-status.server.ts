/** The question list's study statuses (rules in lib/progress/study-status.ts), from the learner's cards and attempts. */
import "server-only";
import type { Locale } from "@/lib/i18n/locales";
import { STUDY_STATUSES, type StudyStatus, statusOf } from "@/lib/progress/study-status";
import { prisma } from "./client.server";
import { listAllQuestions, listQuestions, type QuestionListEntry, type QuestionListFilter } from "./questions.server";

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

export type QuestionWithStatus = QuestionListEntry & { status: StudyStatus };

/**
 * The list page's query: questions matching the other filters, each with its status, narrowed to
 * `status` when given; `counts` are per status over the other filters (what each status filter
 * would show). `all` is where the whole list comes from (the page passes the in-memory bank).
 */
export async function listQuestionsWithStatus(
  lang: Locale,
  filter: QuestionListFilter & { status?: StudyStatus },
  userId: string | null,
  now: Date = new Date(),
  all: (lang: Locale) => Promise<QuestionListEntry[]> = listAllQuestions,
): Promise<{ questions: QuestionWithStatus[]; counts: Record<StudyStatus, number> }> {
  const { status, ...rest } = filter;
  const [questions, statuses] = await Promise.all([listQuestions(lang, rest, all), studyStatusBySlug(userId, now)]);
  const withStatus = questions.map((q) => ({ ...q, status: statuses.get(q.slug) ?? ("new" as const) }));
  const counts = Object.fromEntries(STUDY_STATUSES.map((s) => [s, 0])) as Record<StudyStatus, number>;
  for (const q of withStatus) counts[q.status]++;
  return { questions: status ? withStatus.filter((q) => q.status === status) : withStatus, counts };
}
