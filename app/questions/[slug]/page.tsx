/**
 * A question page. The body — question, answer, math, charts — comes from the cached parts in
 * body.tsx (once per question, language and content/engine version); this page adds what belongs
 * to the learner reading it (their choice, prediction, streak, self-grade, attempts), each behind
 * its own Suspense so the shared body is sent first and the learner's status streams in after it —
 * except a committed prediction's outcome, which is the answer the learner asked for.
 */
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { after } from "next/server";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { SelfGrade } from "@/components/questions/SelfGrade";
import { PredictionForm, PredictionOutcome } from "@/components/sim/Prediction";
import { ChartSkeleton } from "@/components/sim/RunCharts";
import { ActionForm, SubmitButton } from "@/components/ui/ActionForm";
import { Markdown } from "@/components/ui/Markdown";
import { PendingSkeleton } from "@/components/ui/Pending";
import { getCurrentUser } from "@/lib/accounts/current-user.server";
import { type AttemptView, listAttempts, listPredictionAttempts } from "@/lib/db/attempts.server";
import type { QuestionDetail } from "@/lib/db/questions.server";
import { RECALL_GRADES } from "@/lib/grading/recall";
import { type Locale, toLocale } from "@/lib/i18n/locales";
import { nextPrediction, predictionStreak } from "@/lib/progress/prediction-loop";
import { questionHead, questionHeads } from "@/lib/questions/bank.server";
import { ENGINE_VERSION } from "@/lib/sim";
import { answerChoice, commitPrediction, gradeRecall, revealAnswer } from "./actions";
import {
  AnswerContent,
  type BodyKey,
  deferScenario,
  PredictionFigure,
  predictionReady,
  prepareAnswerCharts,
  QuestionHeader,
  questionOf,
  ScenarioFigure,
  scenarioReady,
} from "./body";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

async function requestLang(): Promise<Locale> {
  return toLocale(await getLocale());
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const head = await questionHead((await params).slug, await requestLang());
  return head ? { title: head.title } : {};
}

export default async function QuestionPage({ params, searchParams }: Props) {
  const [{ slug }, query, t, user, lang] = await Promise.all([
    params,
    searchParams,
    getTranslations(),
    getCurrentUser(),
    requestLang(),
  ]);
  const head = await questionHead(slug, lang);
  if (!head) notFound();
  const key: BodyKey = { slug: head.slug, lang, version: `${head.contentHash}:${ENGINE_VERSION}` };
  const question = await questionOf(key);
  if (!question) notFound();
  // the learner's own records: started now, awaited inside their Suspense boundaries
  const attempts = user ? listAttempts(user.id, head.id) : Promise.resolve([]);
  const showAnswer = query.answer === "1";
  // the answer's charts into the cache while the learner reads the question (server-side only)
  if (!showAnswer) after(() => prepareAnswerCharts(key, question));
  const [firstScenario, ...otherScenarios] = question.scenarios;

  return (
    <article className="question">
      <p>
        <Link href="/questions">← {t("question.back")}</Link>
      </p>
      <QuestionHeader {...key} />

      {question.choice && (
        <Suspense fallback={<ChoiceSection question={question} t={t} />}>
          <LearnersChoice question={question} attempts={attempts} showAnswer={showAnswer} t={t} />
        </Suspense>
      )}
      {question.prediction && !showAnswer && (
        <PredictionForm slug={question.slug} spec={question.prediction} lang={lang} action={commitPrediction} />
      )}

      {showAnswer ? (
        <AnswerContent
          {...key}
          prediction={
            // the learner's outcome is what they came for: sent with the answer (a few reads of
            // their attempts), not behind a skeleton that would hold it back (body.tsx, scenarioReady)
            question.prediction && (
              <LearnersPrediction
                question={question}
                bodyKey={key}
                userId={user?.id ?? null}
                attempts={attempts}
                lang={lang}
              />
            )
          }
          firstScenario={
            firstScenario &&
            (scenarioReady(question, 0) ? (
              <ScenarioFigure {...key} index={0} explore defer={deferScenario(question, 0)} />
            ) : (
              <Suspense fallback={<ChartSkeleton label={firstScenario.title} />}>
                <ScenarioFigure {...key} index={0} explore defer={deferScenario(question, 0)} />
              </Suspense>
            ))
          }
          moreScenarios={otherScenarios.map((s, i) => (
            <Suspense key={s.key} fallback={<ChartSkeleton label={s.title} />}>
              <ScenarioFigure {...key} index={i + 1} explore={false} defer />
            </Suspense>
          ))}
          selfGrade={
            question.type === "flashcard" && (
              <Suspense fallback={<SelfGrade action={gradeRecall} slug={question.slug} saved={null} loading />}>
                <LearnersSelfGrade slug={question.slug} attempts={attempts} />
              </Suspense>
            )
          }
        />
      ) : (
        <ActionForm action={revealAnswer} aria-label={t("question.reveal")}>
          <input type="hidden" name="slug" value={question.slug} />
          {/* on a prediction question, committing a prediction is the way in; revealing is the other way */}
          <SubmitButton className={question.prediction ? "button secondary" : "button"}>
            {t("question.reveal")}
          </SubmitButton>
          <PendingSkeleton label={t("question.loadingAnswer")} tall />
        </ActionForm>
      )}

      <section aria-labelledby="attempts-heading" className="panel" data-testid="attempts">
        <h2 id="attempts-heading">{t("question.yourAttempts")}</h2>
        <Suspense fallback={<p className="muted">{t("question.noAttempts")}</p>}>
          <AttemptList attempts={attempts} t={t} />
        </Suspense>
      </section>
    </article>
  );
}

type T = Awaited<ReturnType<typeof getTranslations>>;

function describeAttempt(a: AttemptView, t: T): string {
  const kind = t(`question.kind.${a.kind}`);
  if (a.kind === "recall" && a.score !== null) {
    const grade = RECALL_GRADES.find((g) => g.score === String(a.score));
    if (grade) return `${kind}: ${t(`question.recall.${grade.key}`)}`;
  }
  if (a.correct === null) return kind;
  return `${kind}: ${a.correct ? t("question.correct") : t("question.incorrect")}`;
}

async function AttemptList({ attempts, t }: { attempts: Promise<AttemptView[]>; t: T }) {
  const [list, format] = await Promise.all([attempts, getFormatter()]);
  if (list.length === 0) return <p className="muted">{t("question.noAttempts")}</p>;
  return (
    <ol className="attempts">
      {list.map((a) => (
        <li key={a.id} data-kind={a.kind}>
          <time dateTime={a.createdAt.toISOString()}>
            {format.dateTime(a.createdAt, { dateStyle: "medium", timeStyle: "short" })}
          </time>{" "}
          — {describeAttempt(a, t)}
        </li>
      ))}
    </ol>
  );
}

async function LearnersSelfGrade({ slug, attempts }: { slug: string; attempts: Promise<AttemptView[]> }) {
  const last = (await attempts).find((a) => a.kind === "recall");
  const saved = RECALL_GRADES.find((g) => last && Number(g.score) === last.score)?.score ?? null;
  return <SelfGrade action={gradeRecall} slug={slug} saved={saved} />;
}

async function LearnersPrediction({
  question,
  bodyKey,
  userId,
  attempts,
  lang,
}: {
  question: QuestionDetail;
  bodyKey: BodyKey;
  userId: string | null;
  attempts: Promise<AttemptView[]>;
  lang: Locale;
}) {
  const spec = question.prediction;
  if (!spec) return null;
  const [list, heads, predictions] = await Promise.all([
    attempts,
    questionHeads(lang),
    userId ? listPredictionAttempts(userId) : Promise.resolve([]),
  ]);
  const last = list.find((a) => a.kind === "prediction");
  const answer = (last?.response as { answer?: unknown } | null | undefined)?.answer;
  const given = typeof answer === "string" || typeof answer === "number" || typeof answer === "boolean" ? answer : null;
  const order = heads.filter((h) => h.type === "prediction").map((h) => h.slug);
  const next = last ? nextPrediction(order, question.slug, new Set(predictions.map((p) => p.slug))) : null;
  return (
    <PredictionOutcome
      spec={spec}
      lang={lang}
      attempt={last ? { answer, expected: last.expected, correct: last.correct } : null}
      streak={predictionStreak(predictions)}
      nextHref={next ? `/questions/${next}` : null}
      charts={
        predictionReady(question) ? (
          <PredictionFigure {...bodyKey} answer={given} />
        ) : (
          <Suspense fallback={<ChartSkeleton label={question.title} tall />}>
            <PredictionFigure {...bodyKey} answer={given} />
          </Suspense>
        )
      }
    />
  );
}

async function LearnersChoice({
  question,
  attempts,
  showAnswer,
  t,
}: {
  question: QuestionDetail;
  attempts: Promise<AttemptView[]>;
  showAnswer: boolean;
  t: T;
}) {
  const lastChoice = showAnswer ? (await attempts).find((a) => a.kind === "choice") : undefined;
  return <ChoiceSection question={question} lastChoice={lastChoice} t={t} />;
}

function ChoiceSection({ question, lastChoice, t }: { question: QuestionDetail; lastChoice?: AttemptView; t: T }) {
  const choice = question.choice;
  if (!choice) return null;
  const selected = new Set(
    (lastChoice?.response as { selected?: string[] } | null | undefined)?.selected ?? ([] as string[]),
  );
  return (
    <section aria-labelledby="choice-heading" className="panel">
      <h2 id="choice-heading">{choice.multiple ? t("question.chooseMany") : t("question.chooseOne")}</h2>
      <ActionForm action={answerChoice} aria-label={t("question.submit")}>
        <input type="hidden" name="slug" value={question.slug} />
        <fieldset className="options">
          <legend className="visually-hidden">{question.title}</legend>
          {choice.options.map((o) => (
            <div
              key={o.id}
              className={`option${lastChoice ? (o.correct ? " is-correct" : selected.has(o.id) ? " is-wrong" : "") : ""}`}
            >
              <label>
                <input
                  type={choice.multiple ? "checkbox" : "radio"}
                  name="option"
                  value={o.id}
                  defaultChecked={selected.has(o.id)}
                />{" "}
                <Markdown className="inline-md">{o.text}</Markdown>
              </label>
              {lastChoice && <Markdown className="explanation">{o.explanation}</Markdown>}
            </div>
          ))}
        </fieldset>
        <SubmitButton>{t("question.submit")}</SubmitButton>
      </ActionForm>
      {lastChoice && (
        <p role="status" className={lastChoice.correct ? "result-correct" : "result-wrong"} data-testid="choice-result">
          {lastChoice.correct ? t("question.resultCorrect") : t("question.resultIncorrect")}
        </p>
      )}
    </section>
  );
}
