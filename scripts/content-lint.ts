/**
 * Content lint for the question bank (content/questions/*.yaml).
 *
 *   npx tsx scripts/content-lint.ts [dir]
 *
 * Prints, by slug (or file name when the file does not parse), every problem found:
 *   - files that fail YAML parsing or the zod schema (lib/content/schema.ts), slug ≠ file name;
 *   - missing translations: an `{en, zh}` pair with one side absent or empty, en/zh lists of
 *     different lengths, Chinese text without any CJK character, Chinese identical to English;
 *   - missing references (none, or an entry without authors / year / title);
 *   - KaTeX expressions that do not render;
 *   - a `shortAnswer` (the 30-second spoken answer) that is not 2–3 sentences or is longer than
 *     SHORT_ANSWER_LIMITS (75 English words; 150 Chinese characters);
 *   - Chinese text that uses BN or LN before spelling it out as 批归一化（BN）/ 层归一化（LN）;
 *   - a space or line break between two Chinese characters (YAML folds a wrapped line into a
 *     space, and browsers show a Markdown line break as one: Chinese is written without either).
 * Exits 1 when anything is reported, 0 otherwise. The functions are exported for the tests.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import katex from "katex";
import { parse as parseYaml } from "yaml";
import { QUESTIONS_DIR, readQuestionBank } from "../lib/content/load";
import type { Question } from "../lib/content/schema";

export type LintProblem = {
  slug: string;
  kind: "schema" | "translation" | "reference" | "math" | "shortAnswer" | "term";
  where: string;
  message: string;
};

/* ------------------------------------------------------------------------------------------ */
/* Math extraction                                                                            */
/* ------------------------------------------------------------------------------------------ */

export type MathSpan = { expr: string; display: boolean };

/**
 * Finds the KaTeX expressions in a Markdown string: `$$…$$` (display) and `$…$` (inline).
 * Code spans and fenced code blocks are skipped, `\$` is a literal dollar, and — following
 * Pandoc's rule, so that currency is not taken for math — an inline `$` opens math only when the
 * next character is not a space, and closes it only when the previous character is not a space
 * and the next one is not a digit ("$20,000 and $30,000" is not math). A `$` that cannot close
 * cancels its opener, so "$5 and $10, but $x$" yields only "x". An unclosed `$$` is reported as
 * an expression that will fail.
 */
export function extractMath(md: string): MathSpan[] {
  const out: MathSpan[] = [];
  // blank out fenced code blocks and inline code spans (keep offsets irrelevant: we only collect)
  const text = md.replace(/```[\s\S]*?```/g, " ").replace(/`[^`\n]*`/g, " ");
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === "\\" && text[i + 1] === "$") {
      i += 2;
      continue;
    }
    if (c !== "$") {
      i++;
      continue;
    }
    if (text[i + 1] === "$") {
      const end = findUnescaped(text, "$$", i + 2);
      if (end < 0) {
        out.push({ expr: `\\text{unclosed $$ display math}\\unclosed`, display: true });
        return out;
      }
      out.push({ expr: text.slice(i + 2, end), display: true });
      i = end + 2;
      continue;
    }
    // inline: opening $ must be followed by a non-space
    const next = text[i + 1];
    if (next === undefined || /\s/.test(next)) {
      i++;
      continue; // "$ x" is not math
    }
    let j = i + 1;
    let closed = -1;
    while (j < text.length) {
      const d = text[j];
      if (d === "\\") {
        j += 2;
        continue;
      }
      if (d === "\n" && text[j + 1] === "\n") break; // math never spans paragraphs
      if (d === "$") {
        const prev = text[j - 1] ?? "";
        const after = text[j + 1] ?? "";
        if (!/\s/.test(prev) && !/[0-9]/.test(after)) closed = j;
        break; // the first unescaped "$" closes the span or, if it cannot close, cancels the opener
      }
      j++;
    }
    if (closed < 0) {
      i++;
      continue; // a lone dollar sign (e.g. currency): not math
    }
    out.push({ expr: text.slice(i + 1, closed), display: false });
    i = closed + 1;
  }
  return out;
}

function findUnescaped(s: string, needle: string, from: number): number {
  let k = s.indexOf(needle, from);
  while (k > 0 && s[k - 1] === "\\") k = s.indexOf(needle, k + 1);
  return k;
}

/** Renders one expression with KaTeX; returns the error message or null. */
export function renderError(span: MathSpan): string | null {
  try {
    katex.renderToString(span.expr, { throwOnError: true, displayMode: span.display, strict: "ignore" });
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/* ------------------------------------------------------------------------------------------ */
/* Walking a question's texts                                                                 */
/* ------------------------------------------------------------------------------------------ */

export type LocalizedText = { where: string; en: string; zh: string; prose: boolean };

/** Every `{en, zh}` text of a parsed question with its location; `prose` marks long texts. */
export function localizedTexts(q: Question): LocalizedText[] {
  const out: LocalizedText[] = [];
  const add = (where: string, v: { en: string; zh: string }, prose = false): void => {
    out.push({ where, en: v.en, zh: v.zh, prose });
  };
  add("title", q.title, true);
  add("prompt", q.prompt, true);
  add("shortAnswer", q.shortAnswer, true);
  add("answer", q.answer, true);
  q.keyPoints.en.forEach((en, i) => {
    add(`keyPoints[${i}]`, { en, zh: q.keyPoints.zh[i] ?? "" }, true);
  });
  q.wrongAnswers.forEach((w, i) => {
    add(`wrongAnswers[${i}].claim`, w.claim, true);
    add(`wrongAnswers[${i}].why`, w.why, true);
  });
  if (q.type === "choice") {
    q.choice.options.forEach((o) => {
      add(`choice.options.${o.id}.text`, o.text);
      add(`choice.options.${o.id}.explanation`, o.explanation, true);
    });
  }
  if (q.type === "prediction" && q.prediction.kind === "healthiest") {
    for (const o of q.prediction.options) add(`prediction.options.${o.id}.label`, o.label);
  }
  q.scenarios.forEach((s, i) => {
    add(`scenarios[${i}].title`, s.title, true);
    add(`scenarios[${i}].caption`, s.caption, true);
    add(`scenarios[${i}].problem.label`, s.problem.label);
    s.fixes.forEach((f, j) => {
      add(`scenarios[${i}].fixes[${j}].label`, f.label);
    });
  });
  return out;
}

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff]/;
export const hasCjk = (s: string): boolean => CJK.test(s);

/** Raw walk for files that fail the schema: `{en, zh}` pairs with a side missing or empty. */
function rawTranslationProblems(node: unknown, where: string, out: LintProblem[], slug: string): void {
  if (Array.isArray(node)) {
    node.forEach((v, i) => {
      rawTranslationProblems(v, `${where}[${i}]`, out, slug);
    });
    return;
  }
  if (node === null || typeof node !== "object") return;
  const o = node as Record<string, unknown>;
  if ("en" in o || "zh" in o) {
    const empty = (v: unknown) =>
      v === undefined ||
      v === null ||
      (typeof v === "string" && v.trim() === "") ||
      (Array.isArray(v) && v.length === 0);
    if (empty(o.en)) out.push({ slug, kind: "translation", where, message: "English text missing or empty" });
    if (empty(o.zh)) out.push({ slug, kind: "translation", where, message: "Chinese text missing or empty" });
    if (Array.isArray(o.en) && Array.isArray(o.zh) && o.en.length !== o.zh.length) {
      out.push({ slug, kind: "translation", where, message: `en has ${o.en.length} items, zh has ${o.zh.length}` });
    }
    return;
  }
  for (const [k, v] of Object.entries(o)) rawTranslationProblems(v, where ? `${where}.${k}` : k, out, slug);
}

/* ------------------------------------------------------------------------------------------ */
/* The 30-second answer                                                                       */
/* ------------------------------------------------------------------------------------------ */

/**
 * What a candidate can say in about 30 seconds: 2–3 sentences, at most 75 English words (≈ 150
 * words a minute, spoken) and at most 150 Chinese characters (≈ 300 a minute, the usual pace of
 * spoken Mandarin). A formula, a code span and a Latin word inside Chinese text count as one.
 */
export const SHORT_ANSWER_LIMITS = {
  minSentences: 2,
  maxSentences: 3,
  maxEnglishWords: 75,
  maxChineseChars: 150,
} as const;

/** The text with every formula and code span replaced by the one-token placeholder "F". */
function spokenText(md: string): string {
  const text = md.replace(/`[^`\n]*`/g, " F ");
  let out = "";
  let cursor = 0;
  for (const span of extractMath(text)) {
    const source = span.display ? `$$${span.expr}$$` : `$${span.expr}$`;
    const at = text.indexOf(source, cursor);
    if (at < 0) continue;
    out += `${text.slice(cursor, at)} F `;
    cursor = at + source.length;
  }
  return `${out}${text.slice(cursor)}`.replace(/\s+/g, " ").trim();
}

/** Abbreviations whose full stop does not end an English sentence. */
const ABBREVIATION = /\b(?:e\.g|i\.e|et al|vs|cf|approx|resp|Fig|Eq|Sec)\.$/;

/** Sentences in an English or Chinese text (a full stop inside a formula or code never ends one). */
export function sentenceCount(md: string, lang: "en" | "zh"): number {
  const s = spokenText(md);
  if (s === "") return 0;
  const end = lang === "zh" ? /[。！？]+/g : /[.!?]+(?=\s|$)/g;
  let count = 0;
  for (let m = end.exec(s); m; m = end.exec(s)) {
    if (lang === "zh" || !ABBREVIATION.test(s.slice(0, m.index + 1))) count++;
  }
  const closed = lang === "zh" ? /[。！？]$/ : /[.!?]$/;
  return count + (closed.test(s) ? 0 : 1);
}

/** Spoken length: English words, or Chinese characters (a Latin word, number or formula counts once). */
export function spokenLength(md: string, lang: "en" | "zh"): number {
  const s = spokenText(md);
  if (lang === "en") return s.split(" ").filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  return (s.match(/[\u3400-\u4dbf\u4e00-\u9fff]|[A-Za-z0-9]+(?:[.'’-][A-Za-z0-9]+)*/g) ?? []).length;
}

/** Problems of one short answer, as messages (empty = fine). */
export function shortAnswerProblems(v: { en: string; zh: string }): { lang: "en" | "zh"; message: string }[] {
  const out: { lang: "en" | "zh"; message: string }[] = [];
  const { minSentences, maxSentences, maxEnglishWords, maxChineseChars } = SHORT_ANSWER_LIMITS;
  for (const lang of ["en", "zh"] as const) {
    const n = sentenceCount(v[lang], lang);
    if (n < minSentences || n > maxSentences)
      out.push({ lang, message: `${n} sentence(s); a 30-second answer has ${minSentences}–${maxSentences}` });
  }
  const words = spokenLength(v.en, "en");
  if (words > maxEnglishWords)
    out.push({ lang: "en", message: `${words} words; at most ${maxEnglishWords} fit in 30 seconds` });
  const chars = spokenLength(v.zh, "zh");
  if (chars > maxChineseChars)
    out.push({ lang: "zh", message: `${chars} characters; at most ${maxChineseChars} fit in 30 seconds` });
  return out;
}

/** Abbreviations a Chinese reader must see spelled out at their first use in a question. */
export const CHINESE_ABBREVIATIONS = [
  { abbr: "BN", full: "批归一化（BN）" },
  { abbr: "LN", full: "层归一化（LN）" },
] as const;

/**
 * For each abbreviation, the first Chinese text (in reading order) that uses it, if that first
 * use is not the spelled-out form. Names such as Pre-LN / Post-LN and formulas do not count.
 */
export function abbreviationProblems(texts: LocalizedText[]): { where: string; message: string }[] {
  const out: { where: string; message: string }[] = [];
  for (const { abbr, full } of CHINESE_ABBREVIATIONS) {
    const use = new RegExp(`(?<![A-Za-z-])${abbr}(?![A-Za-z])`);
    for (const t of texts) {
      const zh = spokenText(t.zh);
      const at = zh.search(use);
      if (at < 0) continue;
      const spelled = zh.slice(Math.max(0, at - full.length + abbr.length + 1), at + abbr.length + 1) === full;
      if (!spelled) out.push({ where: `${t.where}.zh`, message: `first use of ${abbr}: write it as ${full}` });
      break;
    }
  }
  return out;
}

/** Chinese characters and full-width punctuation (the CJK ranges Chinese prose is written in). */
const CJK_PROSE = "\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef";
const GAP_BETWEEN_CJK = new RegExp(`[${CJK_PROSE}][ \\n][${CJK_PROSE}]`, "u");

/** Where a Chinese text has a space or a single line break between two Chinese characters, if anywhere. */
export function cjkGap(zh: string): string | null {
  const m = GAP_BETWEEN_CJK.exec(zh);
  return m ? m[0].replace("\n", "⏎") : null;
}

/* ------------------------------------------------------------------------------------------ */
/* The lint                                                                                   */
/* ------------------------------------------------------------------------------------------ */

export function lintBank(dir: string = QUESTIONS_DIR): { problems: LintProblem[]; count: number } {
  const problems: LintProblem[] = [];
  const { questions, errors } = readQuestionBank(dir);

  // Files that fail YAML or the schema: report the schema errors, plus translation gaps from the raw YAML.
  const failed = new Set(errors.map((e) => e.file));
  for (const e of errors) {
    const slug = e.file.replace(/\.yaml$/, "");
    const kind = e.path.startsWith("references") ? "reference" : "schema";
    problems.push({ slug, kind, where: e.path || "(root)", message: e.message });
  }
  for (const file of failed) {
    const slug = file.replace(/\.yaml$/, "");
    try {
      const raw = parseYaml(readFileSync(path.join(dir, file), "utf8")) as unknown;
      rawTranslationProblems(raw, "", problems, slug);
    } catch {
      /* YAML syntax error already reported */
    }
  }

  for (const { question: q, file } of questions) {
    if (failed.has(file)) continue; // slug mismatch / duplicate: already reported
    const slug = q.slug;
    for (const t of localizedTexts(q)) {
      if (!hasCjk(t.zh))
        problems.push({ slug, kind: "translation", where: t.where, message: "Chinese text has no Chinese characters" });
      else if (t.prose && t.zh.trim() === t.en.trim())
        problems.push({
          slug,
          kind: "translation",
          where: t.where,
          message: "Chinese text is identical to the English",
        });
      for (const [lang, s] of [
        ["en", t.en],
        ["zh", t.zh],
      ] as const) {
        for (const span of extractMath(s)) {
          if (hasCjk(span.expr))
            problems.push({
              slug,
              kind: "math",
              where: `${t.where}.${lang}`,
              message: `Chinese characters inside math (no font metrics in KaTeX; move them out of the formula): ${span.expr}`,
            });
          const err = renderError(span);
          if (err)
            problems.push({
              slug,
              kind: "math",
              where: `${t.where}.${lang}`,
              message: `${span.display ? "$$" : "$"}${span.expr}${span.display ? "$$" : "$"}: ${err}`,
            });
        }
      }
    }
    for (const t of localizedTexts(q)) {
      const gap = cjkGap(t.zh);
      if (gap)
        problems.push({
          slug,
          kind: "translation",
          where: `${t.where}.zh`,
          message: `a space or line break between Chinese characters ("${gap}"): keep a wrapped line unbroken there`,
        });
    }
    for (const p of abbreviationProblems(localizedTexts(q)))
      problems.push({ slug, kind: "term", where: p.where, message: p.message });
    for (const p of shortAnswerProblems(q.shortAnswer))
      problems.push({ slug, kind: "shortAnswer", where: `shortAnswer.${p.lang}`, message: p.message });
    if (q.references.length === 0)
      problems.push({ slug, kind: "reference", where: "references", message: "no references" });
    q.references.forEach((r, i) => {
      if (!r.authors.trim() || !r.title.trim() || !r.year)
        problems.push({
          slug,
          kind: "reference",
          where: `references[${i}]`,
          message: "reference without authors, year or title",
        });
    });
  }

  const count = readdirSync(dir).filter((f) => f.endsWith(".yaml")).length;
  return { problems, count };
}

function main(): void {
  const dir = process.argv[2] ? path.resolve(process.argv[2]) : QUESTIONS_DIR;
  const { problems, count } = lintBank(dir);
  const bySlug = new Map<string, LintProblem[]>();
  for (const p of problems) bySlug.set(p.slug, [...(bySlug.get(p.slug) ?? []), p]);
  for (const [slug, list] of [...bySlug.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`${slug}:`);
    for (const p of list) console.log(`  [${p.kind}] ${p.where}: ${p.message}`);
  }
  if (problems.length > 0) {
    console.log(`\n${problems.length} problem(s) in ${bySlug.size} of ${count} question file(s).`);
    process.exit(1);
  }
  console.log(`content lint: ${count} question file(s), no problems.`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
