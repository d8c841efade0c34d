import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { AnswerBody } from "@/components/questions/AnswerBody";
import { PredictionForm, PredictionResult } from "@/components/sim/Prediction";
import { ChartSkeleton } from "@/components/sim/RunCharts";
import { ScenarioSimulation } from "@/components/sim/ScenarioSimulation";
import simStyles from "@/components/sim/sim.module.css";
import { ActionForm, SubmitButton } from "@/components/ui/ActionForm";
import { Markdown } from "@/components/ui/Markdown";
import { getCurrentUser } from "@/lib/accounts/current-user.server";
import { type AttemptView, listAttempts } from "@/lib/db/attempts.server";
import { getQuestion, type QuestionDetail } from "@/lib/db/questions.server";
import { predictionConfigs } from "@/lib/grading/prediction";
import { RECALL_GRADES } from "@/lib/grading/recall";
import { toLocale } from "@/lib/i18n/locales";
import { runConfigs } from "@/lib/sim-service/simulations.server";
import { answerChoice, commitPrediction, gradeRecall, revealAnswer } from "./actions";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

async function lang() {
  const locale = await getLocale();
  return toLocale(locale);
}

async function load(slug: string) {
  return getQuestion(slug, await lang());
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const question = await load((await params).slug);
  return question ? { title: question.title } : {};
}

export default async function QuestionPage({ params, searchParams }: Props) {
  const [{ slug }, query, t, format, user, locale] = await Promise.all([
    params,
    searchParams,
    getTranslations(),
    getFormatter(),
    getCurrentUser(),
    lang(),
  ]);
  const question = await load(slug);
  if (!question) notFound();
  const attempts = user ? await listAttempts(user.id, question.id) : [];
  const showAnswer = query.answer === "1";
  const lastChoice = attempts.find((a) => a.kind === "choice");
  const lastPrediction = attempts.find((a) => a.kind === "prediction");

  return (
    <article className="question">
      <p>
        <Link href="/questions">← {t("question.back")}</Link>
      </p>
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

      {question.choice && <ChoiceSection question={question} lastChoice={showAnswer ? lastChoice : undefined} t={t} />}
      {question.prediction && !showAnswer && (
        <PredictionForm slug={question.slug} spec={question.prediction} lang={locale} action={commitPrediction} />
      )}

      {showAnswer ? (
        <AnswerSection
          question={question}
          t={t}
          prediction={
            question.prediction && (
              <Suspense fallback={<ChartSkeleton label={t("question.scenarios")} />}>
                <PredictionResult
                  spec={question.prediction}
                  lang={locale}
                  simulations={runConfigs(predictionConfigs(question.prediction))}
                  attempt={
                    lastPrediction
                      ? {
                          answer: (lastPrediction.response as { answer?: unknown } | null)?.answer,
                          expected: lastPrediction.expected,
                          correct: lastPrediction.correct,
                        }
                      : null
                  }
                />
              </Suspense>
            )
          }
        />
      ) : (
        <ActionForm action={revealAnswer} aria-label={t("question.reveal")}>
          <input type="hidden" name="slug" value={question.slug} />
          <SubmitButton>{t("question.reveal")}</SubmitButton>
        </ActionForm>
      )}

      <section aria-labelledby="attempts-heading" className="panel" data-testid="attempts">
        <h2 id="attempts-heading">{t("question.yourAttempts")}</h2>
        {attempts.length === 0 ? (
          <p className="muted">{t("question.noAttempts")}</p>
        ) : (
          <ol className="attempts">
            {attempts.map((a) => (
              <li key={a.id} data-kind={a.kind}>
                <time dateTime={a.createdAt.toISOString()}>
                  {format.dateTime(a.createdAt, { dateStyle: "medium", timeStyle: "short" })}
                </time>{" "}
                — {describeAttempt(a, t)}
              </li>
            ))}
          </ol>
        )}
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

function AnswerSection({ question, t, prediction }: { question: QuestionDetail; t: T; prediction?: React.ReactNode }) {
  return (
    <section id="answer" aria-labelledby="answer-heading" className="panel answer">
      <h2 id="answer-heading">{t("question.answer")}</h2>
      {prediction}
      <AnswerBody answer={question.answer} keyPoints={question.keyPoints} keyPointsHeading={t("question.keyPoints")} />

      {question.type === "flashcard" && (
        <ActionForm action={gradeRecall} className="recall" aria-label={t("question.selfGrade")}>
          <input type="hidden" name="slug" value={question.slug} />
          <p>{t("question.selfGrade")}</p>
          <div className="button-row">
            {RECALL_GRADES.map(({ score, key }) => (
              <SubmitButton key={key} name="score" value={score} className="button secondary">
                {t(`question.recall.${key}`)}
              </SubmitButton>
            ))}
          </div>
        </ActionForm>
      )}

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

      <h3>{t("question.scenarios")}</h3>
      {question.scenarios.map((s) => {
        const runs = [s.problem, ...s.fixes];
        return (
          <figure key={s.key} className={simStyles.scenario} data-scenario={s.key}>
            <figcaption>
              <strong>{s.title}</strong> — <Markdown className="inline-md">{s.caption}</Markdown>
            </figcaption>
            <Suspense
              fallback={
                <ChartSkeleton
                  label={s.title}
                  tall={runs.some((r) => (r.config as { train?: unknown }).train !== undefined)}
                />
              }
            >
              <ScenarioSimulation
                id={s.key}
                runs={runs.map((r, i) => ({ label: r.label, role: i === 0 ? "problem" : "fix" }))}
                simulations={runConfigs(runs.map((r) => r.config))}
              />
            </Suspense>
          </figure>
        );
      })}

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
