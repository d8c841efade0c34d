/**
 * The question bank as pages read it, kept in memory: the published heads and the list's entries
 * (each re-read from the database at most once a minute, stale-while-revalidate) and each question's content per
 * language and content version (a content file's hash changes with the file, so an entry never
 * goes stale: it is only evicted). Plain objects, no serialization per request; the rendered
 * parts built from them are cached by the route ("use cache", ADR 21).
 */
import "server-only";
import { LRUCache } from "lru-cache";
import type { Topic } from "@/lib/content/schema";
import {
  getQuestion,
  listAllQuestions,
  listQuestionHeads,
  type QuestionDetail,
  type QuestionHead,
  type QuestionListEntry,
} from "@/lib/db/questions.server";
import { LOCALES, type Locale } from "@/lib/i18n/locales";

/** How long a page may use a read of the bank's heads before re-reading it in the background. */
export const HEADS_TTL_MS = 60_000;

const heads = new LRUCache<Locale, QuestionHead[]>({
  max: LOCALES.length,
  ttl: HEADS_TTL_MS,
  allowStale: true,
  fetchMethod: (lang) => listQuestionHeads(lang),
});

const entries = new LRUCache<Locale, QuestionListEntry[]>({
  max: LOCALES.length,
  ttl: HEADS_TTL_MS,
  allowStale: true,
  fetchMethod: (lang) => listAllQuestions(lang),
});

/** A bank of ~100 questions in two languages and a few versions during a re-seed. */
const questions = new LRUCache<string, QuestionDetail>({
  max: 1000,
  fetchMethod: async (key) => {
    const [slug = "", lang] = key.split("\n");
    return (await getQuestion(slug, lang as Locale)) ?? undefined;
  },
});

/** Every published question's head in `lang`, in bank order. */
export async function questionHeads(lang: Locale): Promise<QuestionHead[]> {
  return (await heads.fetch(lang)) ?? [];
}

/** The head of one published question, or null (an unknown slug costs no query). */
export async function questionHead(slug: string, lang: Locale): Promise<QuestionHead | null> {
  return (await questionHeads(lang)).find((h) => h.slug === slug) ?? null;
}

/** A question's content in `lang` at `version` (its head's content hash), or null. */
export async function questionContent(slug: string, lang: Locale, version: string): Promise<QuestionDetail | null> {
  return (await questions.fetch(`${slug}\n${lang}\n${version}`)) ?? null;
}

/** Every published question's list entry in `lang`, in bank order (the list page filters these). */
export async function questionEntries(lang: Locale): Promise<QuestionListEntry[]> {
  return (await entries.fetch(lang)) ?? [];
}

/** How many published questions each topic has (from the list's entries: no query per request). */
export async function topicCounts(lang: Locale): Promise<{ topic: Topic; count: number }[]> {
  const counts = new Map<Topic, number>();
  for (const e of await questionEntries(lang)) counts.set(e.topic, (counts.get(e.topic) ?? 0) + 1);
  return [...counts].map(([topic, count]) => ({ topic, count }));
}
