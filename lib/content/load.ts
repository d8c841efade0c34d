/**
 * Reads and validates the question bank from content/questions/*.yaml.
 * Pure file reading + zod: used by the seed, the content lint and the tests.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { compareLearningOrder } from "./learning-order";
import { type Question, QuestionSchema } from "./schema";

export const QUESTIONS_DIR = path.join(process.cwd(), "content", "questions");

export type LoadedQuestion = { file: string; question: Question; hash: string; position: number };
export type ContentError = { file: string; path: string; message: string };

export class ContentValidationError extends Error {
  constructor(readonly errors: ContentError[]) {
    super(`content is invalid:\n${errors.map((e) => `  ${e.file}: ${e.path || "(root)"}: ${e.message}`).join("\n")}`);
    this.name = "ContentValidationError";
  }
}

/** Parses every question file; returns all errors at once so a reviewer can fix them together. */
export function readQuestionBank(dir: string = QUESTIONS_DIR): { questions: LoadedQuestion[]; errors: ContentError[] } {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort();
  const questions: LoadedQuestion[] = [];
  const errors: ContentError[] = [];
  for (const file of files) {
    const raw = readFileSync(path.join(dir, file), "utf8");
    let data: unknown;
    try {
      data = parseYaml(raw);
    } catch (e) {
      errors.push({ file, path: "", message: `YAML syntax: ${(e as Error).message}` });
      continue;
    }
    const parsed = QuestionSchema.safeParse(data);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        errors.push({ file, path: issue.path.join("."), message: issue.message });
      continue;
    }
    if (`${parsed.data.slug}.yaml` !== file) {
      errors.push({ file, path: "slug", message: `slug "${parsed.data.slug}" must match the file name` });
    }
    const hash = createHash("sha256").update(raw).digest("hex").slice(0, 16);
    questions.push({ file, question: parsed.data, hash, position: 0 });
  }
  // Bank order: the learning order (learning-order.ts); `position` is stored with each question.
  questions.sort((a, b) => compareLearningOrder(a.question, b.question));
  questions.forEach((q, i) => {
    q.position = i;
  });
  const seen = new Map<string, string>();
  for (const q of questions) {
    const other = seen.get(q.question.slug);
    if (other) errors.push({ file: q.file, path: "slug", message: `duplicate slug, also in ${other}` });
    seen.set(q.question.slug, q.file);
  }
  return { questions, errors };
}

/** The bank, or a ContentValidationError listing every problem. */
export function loadQuestionBank(dir?: string): LoadedQuestion[] {
  const { questions, errors } = readQuestionBank(dir);
  if (errors.length > 0) throw new ContentValidationError(errors);
  return questions;
}
