import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Suspense } from "react";
import {
  addMistakesToFlashcards,
  answerQuizChoice,
  answerQuizPrediction,
  answerQuizRecall,
  retryMistakes,
} from "@/app/quiz/actions";
import styles from "@/app/quiz/quiz.module.css";
import { AnswerBody } from "@/components/questions/AnswerBody";
import { ShortAnswer } from "@/components/questions/ShortAnswer";
import { FocusOnMount } from "@/components/quiz/FocusOnMount";
import { PrefetchOnMount } from "@/components/quiz/PrefetchOnMount";
import { QuizForm } from "@/components/quiz/QuizForm";
import { QuizKeys } from "@/components/quiz/QuizKeys";
import { PredictionCharts, PredictionField, PredictionOutcome } from "@/components/sim/Prediction";
import { ActionForm, SubmitButton } from "@/components/ui/ActionForm";
import { Markdown } from "@/components/ui/Markdown";
import { getCurrentUser } from "@/lib/accounts/current-user.server";
import { getQuestion, type QuestionDetail } from "@/lib/db/questions.server";
import { getQuizRun, getQuizSummary, type QuizAnswerView, type QuizRun } from "@/lib/db/quiz.server";
import { predictionConfigs } from "@/lib/grading/prediction";
import { RECALL_GRADES } from "@/lib/grading/recall";
import type { Locale } from "@/lib/i18n/locales";
import { toLocale } from "@/lib/i18n/locales";
import { runConfigs } from "@/lib/sim-service/simulations.server";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};
type T = Awaited<ReturnType<typeof getTranslations>>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("quiz");
  return { title: t("run.title") };
}

/** The owner's quiz or a 404: another user's quiz id is indistinguishable from a missing one. */
async function loadRun(id: string): Promise<{ run: QuizRun; userId: string }> {
  const user = await getCurrentUser();
  const run = user ? await getQuizRun(user.id, id) : null;
  if (!user || !run) notFound();
  return { run, userId: user.id };
}

export default async function QuizRunPage({ params, searchParams }: Props) {
  const [{ id }, query, t, locale] = await Promise.all([params, searchParams, getTranslations(), getLocale()]);
  const lang: Locale = toLocale(locale);
  const { run, userId } = await loadRun(id);

  const answeredSlug = one(query.answered);
  const answered = run.answers.find((a) => a.slug === answeredSlug);
  if (answered) {
    const question = await getQuestion(answered.slug, lang);
    if (question) return <Feedback run={run} answer={answered} question={question} lang={lang} t={t} />;
  }

  const current = run.slugs[run.position];
  if (!current) {
    const summary = await getQuizSummary(userId, run.id, lang);
    if (!summary) notFound();
    const percent = Math.round(summary.score * 100);
    return (
      <section aria-labelledby="quiz-heading" data-testid="quiz-summary">
        <FocusOnMount key="summary" targetId="quiz-heading" />
        <h1 id="quiz-heading" tabIndex={-1} className={styles.heading}>
          {t("quiz.summary.title")}
        </h1>
        <p className={styles.score} data-testid="quiz-score">
          {t("quiz.summary.score", {
            correct: summary.correct,
            total: summary.total,
            partly: summary.partly,
            percent,
          })}
        </p>
        {summary.mistakes.length > 0 && (
          <div className={styles.summaryActions}>
            <ActionForm action={retryMistakes} aria-label={t("quiz.summary.retry")}>
              <input type="hidden" name="quizId" value={run.id} />
              <SubmitButton testId="quiz-retry">{t("quiz.summary.retry")}</SubmitButton>
            </ActionForm>
            <ActionForm
              action={addMistakesToFlashcards}
              aria-label={t("quiz.summary.addToFlashcards")}
              afterSuccess={<Link href="/flashcards">{t("quiz.summary.reviewNow")}</Link>}
            >
              <input type="hidden" name="quizId" value={run.id} />
              <SubmitButton className="button secondary" testId="quiz-add-flashcards">
                {t("quiz.summary.addToFlashcards")}
              </SubmitButton>
            </ActionForm>
          </div>
        )}
        <h2>{t("quiz.summary.byTopic")}</h2>
        <table className={styles.table} data-testid="quiz-by-topic">
          <thead>
            <tr>
              <th scope="col">{t("quiz.summary.topic")}</th>
              <th scope="col">{t("quiz.summary.correct")}</th>
            </tr>
          </thead>
          <tbody>
            {summary.byTopic.map((row) => (
              <tr key={row.topic} data-topic={row.topic}>
                <th scope="row">{t(`topics.${row.topic}`)}</th>
                <td>
                  {row.correct} / {row.total}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>{t("quiz.summary.mistakes")}</h2>
        {summary.mistakes.length === 0 ? (
          <p data-testid="quiz-no-mistakes">{t("quiz.summary.noMistakes")}</p>
        ) : (
          <ul data-testid="quiz-mistakes">
            {summary.mistakes.map((m) => (
              <li key={m.slug}>
                <Link href={`/questions/${m.slug}`}>{m.title}</Link>{" "}
                <span className="badge">{t(`topics.${m.topic}`)}</span>
                {m.partly && <span className="badge">{t("quiz.summary.partly")}</span>}
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link href="/quiz" className="button secondary">
            {t("quiz.summary.again")}
          </Link>
        </p>
      </section>
    );
  }

  const question = await getQuestion(current, lang);
  if (!question) notFound();
  const revealed = one(query.reveal) === "1";

  return (
    <article aria-labelledby="quiz-heading" data-testid="quiz-question" data-slug={question.slug} data-quiz-keys>
      <QuizKeys />
      <FocusOnMount key={`${question.slug}-${revealed}`} targetId={revealed ? "quiz-answer-heading" : "quiz-heading"} />
      <Progress run={run} index={run.position} t={t} />
      <h1 id="quiz-heading" tabIndex={-1} className={styles.heading}>
        {question.title}
      </h1>
      <div className="meta">
        <span className="badge">{t(`topics.${question.topic}`)}</span>
        <span className="badge">{t(`types.${question.type}`)}</span>
        <span className={`badge difficulty-${question.difficulty}`}>{t(`difficulty.${question.difficulty}`)}</span>
      </div>
      <section className="panel" aria-label={t("question.prompt")}>
        <Markdown>{question.prompt}</Markdown>
      </section>

      {question.prediction ? (
        <QuizForm action={answerQuizPrediction} aria-label={t("question.submit")} testId="quiz-prediction" checksAnswer>
          <input type="hidden" name="quizId" value={run.id} />
          <input type="hidden" name="slug" value={question.slug} />
          <div className={styles.prediction}>
            <PredictionField spec={question.prediction} lang={lang} />
          </div>
          <p className={`muted ${styles.keyHint}`}>{t("quiz.run.enterHint")}</p>
          <SubmitButton>{t("question.submit")}</SubmitButton>
        </QuizForm>
      ) : question.choice ? (
        <QuizForm action={answerQuizChoice} aria-label={t("question.submit")} testId="quiz-choice" checksAnswer>
          <input type="hidden" name="quizId" value={run.id} />
          <input type="hidden" name="slug" value={question.slug} />
          <fieldset className="options">
            <legend>{question.choice.multiple ? t("question.chooseMany") : t("question.chooseOne")}</legend>
            {question.choice.options.map((o) => (
              <div key={o.id} className={styles.option}>
                <label>
                  <input type={question.choice?.multiple ? "checkbox" : "radio"} name="option" value={o.id} />
                  <Markdown className="inline-md">{o.text}</Markdown>
                </label>
              </div>
            ))}
          </fieldset>
          <p className={`muted ${styles.keyHint}`}>{t("quiz.run.enterHint")}</p>
          <SubmitButton>{t("question.submit")}</SubmitButton>
        </QuizForm>
      ) : revealed ? (
        <section className="panel answer" aria-labelledby="quiz-answer-heading">
          <h2 id="quiz-answer-heading" tabIndex={-1} className={styles.heading}>
            {t("question.answer")}
          </h2>
          <AnswerBody
            shortAnswer={question.shortAnswer}
            answer={question.answer}
            keyPoints={question.keyPoints}
            labels={answerLabels(t)}
          />
          <QuizForm action={answerQuizRecall} aria-label={t("question.selfGrade")} testId="quiz-recall">
            <input type="hidden" name="quizId" value={run.id} />
            <input type="hidden" name="slug" value={question.slug} />
            <p>{t("question.selfGrade")}</p>
            <div className="button-row">
              {RECALL_GRADES.map(({ score, key }, i) => (
                <SubmitButton
                  key={key}
                  name="score"
                  value={score}
                  className="button secondary"
                  data-grade={String(i + 1)}
                >
                  {t(`question.recall.${key}`)} <kbd className={styles.keyHint}>{i + 1}</kbd>
                </SubmitButton>
              ))}
            </div>
            <p className="muted">{t("quiz.run.recallNote")}</p>
          </QuizForm>
        </section>
      ) : (
        <p>
          <Link href={`/quiz/${run.id}?reveal=1`} className="button" replace data-quiz-go>
            {t("question.reveal")}
          </Link>
        </p>
      )}
    </article>
  );
}

const answerLabels = (t: T) => ({
  shortAnswer: t("question.shortAnswer"),
  fullAnswer: t("question.fullAnswer"),
  keyPoints: t("question.keyPoints"),
});

function Progress({ run, index, t }: { run: QuizRun; index: number; t: T }) {
  const n = run.slugs.length;
  return (
    <div className={styles.progress}>
      <progress value={index + 1} max={n} aria-label={t("quiz.run.progressLabel")} />
      <span className={styles.count} data-testid="quiz-progress">
        {t("quiz.run.progress", { current: index + 1, total: n })}
      </span>
    </div>
  );
}

/** Immediate feedback on the answer just given, then "Next" (or "See the results"). */
function Feedback({
  run,
  answer,
  question,
  lang,
  t,
}: {
  run: QuizRun;
  answer: QuizAnswerView;
  question: QuestionDetail;
  lang: Locale;
  t: T;
}) {
  const index = run.slugs.indexOf(answer.slug);
  const last = run.position >= run.slugs.length;
  const nextHref = `/quiz/${run.id}?step=${last ? "results" : index + 2}`;
  const selected = new Set(answer.selected);
  const grade = RECALL_GRADES.find((g) => Number(g.score) === answer.score);
  return (
    <article aria-labelledby="quiz-heading" data-testid="quiz-feedback" data-slug={question.slug} data-quiz-keys>
      <QuizKeys />
      <FocusOnMount key={`feedback-${answer.slug}`} targetId="quiz-next" />
      <Progress run={run} index={index} t={t} />
      <h1 id="quiz-heading" tabIndex={-1} className={styles.heading}>
        {question.title}
      </h1>
      <p
        role="status"
        className={answer.correct ? "result-correct" : "result-wrong"}
        data-testid="quiz-result"
        data-correct={answer.correct}
      >
        {answer.kind === "recall" && grade
          ? t("quiz.run.recallResult", { grade: t(`question.recall.${grade.key}`), credit: grade.key })
          : answer.kind === "prediction"
            ? answer.correct
              ? t("quiz.run.predictionRight")
              : t("quiz.run.predictionWrong")
            : answer.correct
              ? t("question.resultCorrect")
              : t("question.resultIncorrect")}
      </p>
      {/* the 30-second answer first; a recall question's is in its AnswerBody */}
      {(question.prediction || question.choice) && (
        <ShortAnswer text={question.shortAnswer} heading={t("question.shortAnswer")} />
      )}
      {question.prediction ? (
        <Suspense fallback={<div className="skeleton row" aria-busy="true" />}>
          <PredictionOutcome
            spec={question.prediction}
            lang={lang}
            attempt={{
              answer: answer.prediction?.answer,
              expected: { answer: answer.prediction?.expected },
              correct: answer.correct,
            }}
            charts={
              <PredictionCharts
                spec={question.prediction}
                lang={lang}
                answer={answer.prediction?.answer ?? null}
                simulations={runConfigs(predictionConfigs(question.prediction))}
              />
            }
          />
        </Suspense>
      ) : question.choice ? (
        <ul className={styles.feedbackList} aria-label={t("quiz.run.options")}>
          {question.choice.options.map((o) => {
            const mine = selected.has(o.id);
            return (
              <li
                key={o.id}
                className={`${styles.option} ${o.correct ? styles.correct : mine ? styles.wrong : ""}`}
                data-option={o.id}
                data-correct={o.correct}
              >
                <span className={styles.mark}>{o.correct ? "✓" : mine ? "✗" : ""}</span>
                <Markdown className="inline-md">{o.text}</Markdown>
                {mine && <span className="badge">{t("quiz.run.yourChoice")}</span>}
                <Markdown className="explanation">{o.explanation}</Markdown>
              </li>
            );
          })}
        </ul>
      ) : (
        <section className="panel answer" aria-label={t("question.answer")}>
          <AnswerBody
            shortAnswer={question.shortAnswer}
            answer={question.answer}
            keyPoints={question.keyPoints}
            labels={answerLabels(t)}
          />
        </section>
      )}
      <p className="button-row">
        {/* Prefetched in full while the learner reads this feedback, even below the fold: "Next" is
            at once. The step in the URL only makes it a new address (the page goes by what is answered). */}
        <PrefetchOnMount href={nextHref} />
        <Link id="quiz-next" href={nextHref} className="button" data-testid="quiz-next" prefetch data-quiz-go>
          {last ? t("quiz.run.results") : t("quiz.run.next")}
        </Link>
        <Link href={`/questions/${question.slug}`} className="button secondary">
          {t("quiz.run.openQuestion")}
        </Link>
      </p>
    </article>
  );
}
