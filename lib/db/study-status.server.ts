/** The question list's study statuses (rules in lib/progress/study-status.ts), from the learner's cards and attempts. */
import "server-only";
import type { Difficulty, Topic } from "@/lib/content/schema";
import type { Locale } from "@/lib/i18n/locales";
import { type MasteryReport, masteryReport } from "@/lib/progress/mastery";
import { DEFAULT_SORT, type QuestionSort, sortQuestions } from "@/lib/progress/question-sort";
import { STUDY_STATUSES, type StudyStatus, statusOf } from "@/lib/progress/study-status";
import { prisma } from "./client.server";
import { listAllQuestions, listQuestions, type QuestionListEntry, type QuestionListFilter } from "./questions.server";

type StatusRow = { slug: string; topic: Topic; difficulty: Difficulty; status: StudyStatus };

/** Every published question in bank order with its status for `userId`; everything is new without a user. */
async function statusRows(userId: string | null, now: Date): Promise<StatusRow[]> {
  const [questions, cards, attempts] = await Promise.all([
    prisma.question.findMany({
      where: { published: true },
      orderBy: [{ position: "asc" }, { slug: "asc" }],
      select: { id: true, slug: true, topic: true, difficulty: true },
    }),
    userId
      ? prisma.card.findMany({
          where: { userId },
          select: { questionId: true, due: true, state: true, scheduledDays: true },
        })
      : [],
    userId ? prisma.attempt.groupBy({ by: ["questionId"], where: { userId } }) : [],
  ]);
  const cardByQuestion = new Map(cards.map((c) => [c.questionId, c]));
  const attempted = new Set(attempts.map((a) => a.questionId));
  return questions.map((q) => ({
    slug: q.slug,
    topic: q.topic as Topic,
    difficulty: q.difficulty as Difficulty,
    status: statusOf(cardByQuestion.get(q.id) ?? null, attempted.has(q.id), now),
  }));
}

/** Status by question slug for every published question; everything is new without a user. */
export async function studyStatusBySlug(
  userId: string | null,
  now: Date = new Date(),
): Promise<Map<string, StudyStatus>> {
  return new Map((await statusRows(userId, now)).map((r) => [r.slug, r.status]));
}

export type QuestionWithStatus = QuestionListEntry & { status: StudyStatus };

/**
 * The list page's query: questions matching the other filters, each with its status, narrowed to
 * `status` when given and in the chosen order; `counts` are per status over the other filters
 * (what each status filter would show); `mastery` is the whole bank's progress, per topic and
 * difficulty. `all` is where the whole list comes from (the page passes the in-memory bank).
 */
export async function listQuestionsWithStatus(
  lang: Locale,
  filter: QuestionListFilter & { status?: StudyStatus; sort?: QuestionSort },
  userId: string | null,
  now: Date = new Date(),
  all: (lang: Locale) => Promise<QuestionListEntry[]> = listAllQuestions,
): Promise<{ questions: QuestionWithStatus[]; counts: Record<StudyStatus, number>; mastery: MasteryReport }> {
  const { status, sort = DEFAULT_SORT, ...rest } = filter;
  const [questions, rows] = await Promise.all([listQuestions(lang, rest, all), statusRows(userId, now)]);
  const statuses = new Map(rows.map((r) => [r.slug, r.status]));
  const withStatus = questions.map((q) => ({ ...q, status: statuses.get(q.slug) ?? ("new" as const) }));
  const counts = Object.fromEntries(STUDY_STATUSES.map((s) => [s, 0])) as Record<StudyStatus, number>;
  for (const q of withStatus) counts[q.status]++;
  const shown = status ? withStatus.filter((q) => q.status === status) : withStatus;
  return { questions: sortQuestions(shown, sort), counts, mastery: masteryReport(rows) };
}

/** A random question matching the filter that this learner has never seen (status new), or null. */
export async function randomUnseenQuestion(
  lang: Locale,
  filter: QuestionListFilter,
  userId: string | null,
  random: () => number = Math.random,
): Promise<string | null> {
  const { questions } = await listQuestionsWithStatus(lang, { ...filter, status: "new" }, userId);
  if (questions.length === 0) return null;
  return questions[Math.floor(random() * questions.length)]?.slug ?? null;
}
