/**
 * The parts of a question page that are the same for every learner — the question, the answer
 * with its math, every simulation chart — rendered once per question, language and content/engine
 * version and reused by every later request ("use cache", in memory; ADR 21). Nothing here may
 * read the request: the language comes in as an argument, and whatever belongs to one learner
 * (their choice, grade, prediction, attempts) arrives as slots that pass through untouched.
 *
 * A body that could not be computed (a simulation failed or timed out) is cached for seconds, not
 * for the life of the server, so the next visitor gets a fresh try.
 */
import { cacheLife } from "next/cache";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { AnswerBody } from "@/components/questions/AnswerBody";
import styles from "@/components/questions/questions.module.css";
import { PredictionCharts } from "@/components/sim/Prediction";
import { ChartSkeleton } from "@/components/sim/RunCharts";
import { ScenarioSimulation } from "@/components/sim/ScenarioSimulation";
import { WhenNear } from "@/components/sim/WhenNear";
import { Markdown } from "@/components/ui/Markdown";
import type { QuestionDetail } from "@/lib/db/questions.server";
import { predictionConfigs } from "@/lib/grading/prediction";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { questionContent } from "@/lib/questions/bank.server";
import { configsCached, runConfigs } from "@/lib/sim-service/simulations.server";

/** What a cached part is keyed by besides its own arguments: the content file's hash and the engine version. */
export type BodyKey = { slug: string; lang: Locale; version: string };

/**
 * Whether a cached part's arguments are a key at all. Next.js registers every "use cache" function
 * as a server reference, so anyone can post to one with any arguments (the fuzz spec does): junk
 * renders nothing instead of throwing a 500.
 */
function isBodyKey(value: unknown): value is BodyKey {
  if (typeof value !== "object" || value === null) return false;
  const { slug, lang, version } = value as Record<string, unknown>;
  return typeof slug === "string" && isLocale(lang) && typeof version === "string";
}

/** The question's content in one language at the key's version (null: no such published question). */
export function questionOf({ slug, lang, version }: BodyKey): Promise<QuestionDetail | null> {
  return questionContent(slug, lang, version);
}

/** Title, badges and the prompt. */
export async function QuestionHeader(key: BodyKey) {
  "use cache";
  cacheLife("max");
  if (!isBodyKey(key)) return null;
  const [question, t] = await Promise.all([questionOf(key), getTranslations({ locale: key.lang })]);
  if (!question) return null;
  return (
    <>
      <h1>{question.title}</h1>
      <div className="meta">
        <span className="badge">{t(`topics.${question.topic}`)}</span>
        <span className="badge">{t(`types.${question.type}`)}</span>
        <span className={`badge difficulty-${question.difficulty}`}>{t(`difficulty.${question.difficulty}`)}</span>
      </div>
      <section aria-labelledby="prompt-heading" className="panel">
        <h2 id="prompt-heading">{t("question.prompt")}</h2>
        <Markdown>{question.prompt}</Markdown>
      </section>
    </>
  );
}

/**
 * The answer: the 30-second answer, then what shows it (the prediction's graded chart, the first
 * scenario's chart), the full answer and key points, the learner's self-grade, the common wrong
 * answers, the other scenarios, how to read the charts, the references.
 */
export async function AnswerContent(
  props: BodyKey & {
    prediction?: ReactNode;
    firstScenario?: ReactNode;
    moreScenarios?: ReactNode;
    selfGrade?: ReactNode;
  },
) {
  "use cache";
  cacheLife("max");
  if (!isBodyKey(props)) return null;
  const { prediction, firstScenario, moreScenarios, selfGrade, ...key } = props;
  const [question, t] = await Promise.all([questionOf(key), getTranslations({ locale: key.lang })]);
  if (!question) return null;
  return (
    <section id="answer" aria-labelledby="answer-heading" className="panel answer">
      <h2 id="answer-heading">{t("question.answer")}</h2>
      <AnswerBody
        shortAnswer={question.shortAnswer}
        answer={question.answer}
        keyPoints={question.keyPoints}
        labels={{
          shortAnswer: t("question.shortAnswer"),
          fullAnswer: t("question.fullAnswer"),
          keyPoints: t("question.keyPoints"),
        }}
      >
        {prediction}
        {firstScenario}
      </AnswerBody>
      {selfGrade}

      <h3>{t("question.wrongAnswers")}</h3>
      <dl className="wrong-answers">
        {question.wrongAnswers.map((w) => (
          <div key={w.claim}>
            <dt>
              <Markdown className="inline-md">{w.claim}</Markdown>
            </dt>
            <dd>
              <Markdown className="inline-md">{w.why}</Markdown>
            </dd>
          </div>
        ))}
      </dl>

      {question.scenarios.length > 1 && (
        <>
          <h3>{t("question.moreScenarios")}</h3>
          {moreScenarios}
        </>
      )}
      {(question.scenarios.length > 0 || question.prediction) && (
        <details className={styles.howToRead}>
          <summary>{t("question.howToRead")}</summary>
          <p>{t("sim.whyBackward")}</p>
          <p>{t("sim.whyHidden")}</p>
          <p>{t("sim.whyWeight")}</p>
        </details>
      )}

      <h3>{t("question.references")}</h3>
      <ul className="references">
        {question.references.map((r) => (
          <li key={`${r.authors}-${r.year}-${r.title}`}>
            {r.authors} ({r.year}). <cite>{r.title}</cite>
            {r.venue ? `. ${r.venue}` : ""}
            {r.url ? (
              <>
                {" "}
                <a href={r.url} rel="noreferrer">
                  {r.url}
                </a>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Runs a part's simulations; a failure is reported (and kept only briefly) rather than thrown. */
async function settled<T>(run: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
  try {
    return { ok: true, value: await run() };
  } catch {
    return { ok: false };
  }
}

/**
 * One scenario as a figure: the chart (annotated with the measured ratio; the page's first one
 * with its inline control) and its own caption. With `defer` the chart is drawn when the learner
 * scrolls near it (WhenNear): revealing an answer draws only the chart it opens with (see
 * deferScenario).
 */
export async function ScenarioFigure(props: BodyKey & { index: number; explore: boolean; defer: boolean }) {
  "use cache";
  if (!isBodyKey(props) || !Number.isInteger(props.index)) {
    cacheLife("max");
    return null;
  }
  const { index, explore, defer, ...key } = props;
  const [question, t] = await Promise.all([questionOf(key), getTranslations({ locale: key.lang })]);
  const s = question?.scenarios[index];
  if (!s) {
    cacheLife("max");
    return null;
  }
  const runs = [s.problem, ...s.fixes];
  const simulations = await settled(() => runConfigs(runs.map((r) => r.config)));
  cacheLife(simulations.ok ? "max" : "seconds");
  const chart = simulations.ok && (
    <ScenarioSimulation
      id={s.key}
      lang={key.lang}
      runs={runs.map((r, i) => ({ label: r.label, role: i === 0 ? "problem" : "fix" }))}
      simulations={Promise.resolve(simulations.value)}
      explore={explore}
    />
  );
  return (
    <figure className={styles.figure} data-scenario={s.key}>
      {simulations.ok ? (
        defer ? (
          <WhenNear placeholder={<ChartSkeleton label={s.title} />}>{chart}</WhenNear>
        ) : (
          chart
        )
      ) : (
        <p role="alert" className="form-error">
          {t("prediction.engineFailed")}
        </p>
      )}
      <figcaption>
        <strong>{s.title}</strong> — <Markdown className="inline-md">{s.caption}</Markdown>
      </figcaption>
    </figure>
  );
}

/** A prediction question's run with the learner's answer (`answer`, null before one) and the model's marked. */
export async function PredictionFigure(props: BodyKey & { answer: string | number | boolean | null }) {
  "use cache";
  if (!isBodyKey(props)) {
    cacheLife("max");
    return null;
  }
  const { answer, ...key } = props;
  const [question, t] = await Promise.all([questionOf(key), getTranslations({ locale: key.lang })]);
  const spec = question?.prediction;
  if (!spec) {
    cacheLife("max");
    return null;
  }
  const simulations = await settled(() => runConfigs(predictionConfigs(spec)));
  cacheLife(simulations.ok ? "max" : "seconds");
  if (!simulations.ok) return <p className="form-error">{t("prediction.engineFailed")}</p>;
  return (
    <PredictionCharts spec={spec} lang={key.lang} answer={answer} simulations={Promise.resolve(simulations.value)} />
  );
}

/**
 * Renders a question's answer charts into the cache while the learner reads the question (called
 * after its page has been sent), so that "Reveal" or a committed prediction finds them ready
 * instead of running the simulations then. Nothing reaches the learner: the parts stay on the server.
 */
export async function prepareAnswerCharts(key: BodyKey, question: QuestionDetail): Promise<void> {
  await Promise.allSettled([
    ...question.scenarios.map((_, index) =>
      ScenarioFigure({ ...key, index, explore: index === 0, defer: deferScenario(question, index) }),
    ),
    ...(question.prediction ? [PredictionFigure({ ...key, answer: null })] : []),
  ]);
}

/**
 * Whether a chart's simulations are cached (so its part renders at once): the page then sends it
 * with the answer instead of behind a skeleton of its own. A boundary's skeleton, once shown, holds
 * the content that follows it for 300 ms (React's reveal throttle) — longer than the chart takes.
 */
export function scenarioReady(question: QuestionDetail, index: number): boolean {
  const s = question.scenarios[index];
  return s !== undefined && configsCached([s.problem, ...s.fixes].map((r) => r.config));
}

export function predictionReady(question: QuestionDetail): boolean {
  return question.prediction ? configsCached(predictionConfigs(question.prediction)) : false;
}

/**
 * Whether a scenario's chart waits until it is scrolled near: all but the one the answer opens
 * with — the first scenario's, or on a prediction question the graded chart (so all of them).
 */
export function deferScenario(question: QuestionDetail, index: number): boolean {
  return index > 0 || question.prediction !== null;
}
