/** Question queries: published questions in one language, reshaped into plain view objects. */
import "server-only";
import { z } from "zod";
import {
  ChoiceSpecSchema,
  type Difficulty,
  type Localized,
  PredictionSpecSchema,
  type QuestionType,
  ReferenceSchema,
  ScenarioRunSchema,
  type Topic,
} from "@/lib/content/schema";
import type { Locale } from "@/lib/i18n/locales";
import { prisma } from "./client.server";
import type { Prisma } from "./prisma";

export type QuestionSummary = {
  slug: string;
  topic: Topic;
  difficulty: Difficulty;
  type: QuestionType;
  title: string;
  /** the 30-second spoken answer, said before the full answer */
  shortAnswer: string;
  tags: string[];
};

export type QuestionListFilter = {
  topic?: Topic;
  difficulty?: Difficulty;
  type?: QuestionType;
  /** case-insensitive substring of the title, prompt or a tag, in any language */
  search?: string;
};

export type ChoiceOptionView = { id: string; text: string; correct: boolean; explanation: string };
export type ScenarioRunView = { label: string; config: Record<string, unknown> };
export type ScenarioView = {
  key: string;
  title: string;
  caption: string;
  problem: ScenarioRunView;
  fixes: ScenarioRunView[];
};

export type QuestionDetail = QuestionSummary & {
  id: string;
  prompt: string;
  answer: string;
  keyPoints: string[];
  wrongAnswers: { claim: string; why: string }[];
  references: z.infer<typeof ReferenceSchema>[];
  choice: { multiple: boolean; options: ChoiceOptionView[] } | null;
  prediction: z.infer<typeof PredictionSpecSchema> | null;
  scenarios: ScenarioView[];
};

const StoredSpecSchema = z.union([
  z.object({ choice: ChoiceSpecSchema }),
  z.object({ prediction: PredictionSpecSchema }),
  z.null(),
]);
const LocalizedJson = z.object({ en: z.string(), zh: z.string() });
const StringList = z.array(z.string());
const WrongAnswers = z.array(z.object({ claim: z.string(), why: z.string() }));

const summarySelect = (lang: Locale) =>
  ({
    slug: true,
    topic: true,
    difficulty: true,
    type: true,
    translations: { where: { lang }, select: { title: true, prompt: true, shortAnswer: true } },
    tags: { select: { tag: { select: { slug: true } } } },
  }) satisfies Prisma.QuestionSelect;

type SummaryRow = Prisma.QuestionGetPayload<{ select: ReturnType<typeof summarySelect> }>;

function toSummary(row: SummaryRow): QuestionSummary & { prompt: string } {
  const t = row.translations[0];
  return {
    slug: row.slug,
    topic: row.topic as Topic,
    difficulty: row.difficulty as Difficulty,
    type: row.type as QuestionType,
    title: t?.title ?? row.slug,
    prompt: t?.prompt ?? "",
    shortAnswer: t?.shortAnswer ?? "",
    tags: row.tags.map((t) => t.tag.slug).sort(),
  };
}

/**
 * A list entry in one language, with what the list's search reads: `searchTexts` holds the title
 * and prompt in EVERY language and the tags, lower-cased once when the bank is read, so 梯度 finds
 * questions from the English page and "clipping" from the Chinese one.
 */
export type QuestionListEntry = QuestionSummary & {
  prompt: string;
  /** the question's number in the learning order, 1 first (as a problem number in LeetCode) */
  number: number;
  searchTexts: string[];
};

/** Every published question's list entry in `lang`, in bank order (one read of the bank). */
export async function listAllQuestions(lang: Locale): Promise<QuestionListEntry[]> {
  const rows = await prisma.question.findMany({
    where: { published: true },
    orderBy: [{ position: "asc" }, { slug: "asc" }],
    select: {
      ...summarySelect(lang),
      position: true,
      translations: { select: { lang: true, title: true, prompt: true, shortAnswer: true } },
    },
  });
  return rows.map((row) => ({
    ...toSummary({ ...row, translations: row.translations.filter((t) => t.lang === lang) }),
    number: row.position + 1,
    searchTexts: searchTextsOf(
      row.translations,
      row.tags.map((t) => t.tag.slug),
    ),
  }));
}

/** What the list's search matches: every language's title and prompt and the tags, lower-cased. */
export function searchTextsOf(
  translations: readonly { title: string; prompt: string }[],
  tags: readonly string[],
): string[] {
  return [...translations.flatMap((t) => [t.title, t.prompt]), ...tags].map((text) => text.toLocaleLowerCase());
}

/**
 * The entries a filter keeps, in their order. Search is a case-insensitive substring of the title,
 * prompt or a tag in any language (`searchTexts`), ignoring surrounding blanks.
 */
export function filterQuestions(all: readonly QuestionListEntry[], filter: QuestionListFilter): QuestionListEntry[] {
  const needle = filter.search?.trim().toLocaleLowerCase();
  return all.filter(
    (q) =>
      (filter.topic === undefined || q.topic === filter.topic) &&
      (filter.difficulty === undefined || q.difficulty === filter.difficulty) &&
      (filter.type === undefined || q.type === filter.type) &&
      (!needle || q.searchTexts.some((text) => text.includes(needle))),
  );
}

/** Published questions in bank order, filtered (`all`: where the whole list comes from, e.g. a cache). */
export async function listQuestions(
  lang: Locale,
  filter: QuestionListFilter = {},
  all: (lang: Locale) => Promise<QuestionListEntry[]> = listAllQuestions,
): Promise<QuestionListEntry[]> {
  return filterQuestions(await all(lang), filter);
}

function pick(l: Localized, lang: Locale): string {
  return l[lang];
}

/** What a question page needs before its (cached) body: the id, the type and the content's version. */
export type QuestionHead = { id: string; slug: string; type: QuestionType; title: string; contentHash: string };

/** Every published question's head in `lang`, in bank order: one query for the whole bank. */
export async function listQuestionHeads(lang: Locale): Promise<QuestionHead[]> {
  const rows = await prisma.question.findMany({
    where: { published: true },
    orderBy: [{ position: "asc" }, { slug: "asc" }],
    select: {
      id: true,
      slug: true,
      type: true,
      contentHash: true,
      translations: { where: { lang }, select: { title: true } },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    type: row.type as QuestionType,
    title: row.translations[0]?.title ?? row.slug,
    contentHash: row.contentHash,
  }));
}

/** One published question in `lang`, or null when there is no such slug. */
export async function getQuestion(slug: string, lang: Locale): Promise<QuestionDetail | null> {
  const row = await prisma.question.findFirst({
    where: { slug, published: true },
    select: {
      id: true,
      ...summarySelect(lang),
      spec: true,
      references: true,
      translations: {
        where: { lang },
        select: { title: true, prompt: true, shortAnswer: true, answer: true, keyPoints: true, wrongAnswers: true },
      },
      scenarios: {
        orderBy: { position: "asc" },
        select: { key: true, title: true, caption: true, problem: true, fixes: true },
      },
    },
  });
  if (!row) return null;
  const t = row.translations[0];
  if (!t) return null;
  const spec = StoredSpecSchema.parse(row.spec);
  const choice =
    spec && "choice" in spec
      ? {
          multiple: spec.choice.multiple,
          options: spec.choice.options.map((o) => ({
            id: o.id,
            text: pick(o.text, lang),
            correct: o.correct,
            explanation: pick(o.explanation, lang),
          })),
        }
      : null;
  const run = (r: z.infer<typeof ScenarioRunSchema>): ScenarioRunView => ({
    label: pick(r.label, lang),
    config: r.config,
  });
  return {
    id: row.id,
    ...toSummary({ ...row, translations: [t] }),
    prompt: t.prompt,
    answer: t.answer,
    keyPoints: StringList.parse(t.keyPoints),
    wrongAnswers: WrongAnswers.parse(t.wrongAnswers),
    references: z.array(ReferenceSchema).parse(row.references),
    choice,
    prediction: spec && "prediction" in spec ? spec.prediction : null,
    scenarios: row.scenarios.map((s) => ({
      key: s.key,
      title: pick(LocalizedJson.parse(s.title), lang),
      caption: pick(LocalizedJson.parse(s.caption), lang),
      problem: run(ScenarioRunSchema.parse(s.problem)),
      fixes: z.array(ScenarioRunSchema).parse(s.fixes).map(run),
    })),
  };
}

/** What grading an answer needs of a question: its id and type, with its choice or prediction spec. */
export type GradingSpec =
  | { id: string; type: "flashcard" }
  | { id: string; type: "choice"; choice: z.infer<typeof ChoiceSpecSchema> }
  | { id: string; type: "prediction"; prediction: z.infer<typeof PredictionSpecSchema> };

/** A question row's stored spec, validated with the content schema (the schema the seed wrote it with). */
export function gradingSpecOf(row: { id: string; type: string; spec: unknown }): GradingSpec {
  const spec = StoredSpecSchema.parse(row.spec);
  if (row.type === "flashcard" && spec === null) return { id: row.id, type: "flashcard" };
  if (row.type === "choice" && spec && "choice" in spec) return { id: row.id, type: "choice", choice: spec.choice };
  if (row.type === "prediction" && spec && "prediction" in spec)
    return { id: row.id, type: "prediction", prediction: spec.prediction };
  throw new Error(`question ${row.id}: its stored spec does not match its type "${row.type}"`);
}

/** The grading spec of a published question, or null when there is no such slug. */
export async function getGradingSpec(slug: string): Promise<GradingSpec | null> {
  const row = await prisma.question.findFirst({
    where: { slug, published: true },
    select: { id: true, type: true, spec: true },
  });
  return row ? gradingSpecOf(row) : null;
}
