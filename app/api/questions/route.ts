/**
 * GET /api/questions?lang=en|zh — the published questions in one language, as JSON.
 * Filters (topic, difficulty, type, q) follow the question list page.
 */
import { z } from "zod";
import { answeringOutages } from "@/app/api/outage";
import { DIFFICULTIES, type Difficulty, QUESTION_TYPES, TOPICS } from "@/lib/content/schema";
import { listQuestions } from "@/lib/db/questions.server";
import { jsonError, problemsOf } from "@/lib/http/json";
import { LOCALES } from "@/lib/i18n/locales";

const QuerySchema = z.strictObject({
  lang: z.enum(LOCALES, { error: `lang must be one of: ${LOCALES.join(", ")}` }).default("en"),
  topic: z.enum(TOPICS, { error: `topic must be one of: ${TOPICS.join(", ")}` }).optional(),
  difficulty: z.enum(DIFFICULTIES.map(String), { error: "difficulty must be 1, 2 or 3" }).optional(),
  type: z.enum(QUESTION_TYPES, { error: `type must be one of: ${QUESTION_TYPES.join(", ")}` }).optional(),
  q: z.string().max(100, "q must be at most 100 characters").optional(),
});

async function get(request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const repeated = [...new Set(params.keys())].filter((k) => params.getAll(k).length > 1);
  if (repeated.length > 0) return jsonError(400, `Give each parameter once (repeated: ${repeated.join(", ")}).`);
  const parsed = QuerySchema.safeParse(Object.fromEntries(params));
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const message =
      first?.code === "unrecognized_keys"
        ? `Unknown parameter: ${first.keys.join(", ")}. Allowed: lang, topic, difficulty, type, q.`
        : (first?.message ?? "Invalid query.");
    return jsonError(400, message, problemsOf(parsed.error.issues));
  }
  const { lang, topic, difficulty, type, q } = parsed.data;
  const questions = await listQuestions(lang, {
    topic,
    type,
    difficulty: difficulty ? (Number(difficulty) as Difficulty) : undefined,
    search: q,
  });
  // searchTexts is the search's own index (every language, lower-cased), not part of the answer
  const shown = questions.map(({ searchTexts: _searchTexts, ...q }) => q);
  return Response.json({ lang, count: shown.length, questions: shown });
}

export const GET = answeringOutages(get);
