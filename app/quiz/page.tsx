import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { QuizForm } from "@/components/quiz/QuizForm";
import { QuizMatchCount } from "@/components/quiz/QuizMatchCount";
import { SubmitButton } from "@/components/ui/ActionForm";
import { DIFFICULTIES, TOPICS } from "@/lib/content/schema";
import { quizCandidateCounts } from "@/lib/db/quiz.server";
import { QUIZ_LENGTHS, QUIZ_TYPES } from "@/lib/quiz/settings";
import { startQuiz } from "./actions";
import styles from "./quiz.module.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("quiz");
  return { title: t("setup.title") };
}

export default async function QuizSetupPage() {
  const [t, counts] = await Promise.all([getTranslations(), quizCandidateCounts()]);
  const sum = (pred: (c: (typeof counts)[number]) => boolean) => counts.filter(pred).reduce((n, c) => n + c.count, 0);
  const total = sum(() => true);

  return (
    <>
      <h1>{t("quiz.setup.title")}</h1>
      <p className="lead">{t("quiz.setup.lead")}</p>
      <QuizForm action={startQuiz} className={styles.setup} aria-label={t("quiz.setup.title")} testId="quiz-setup">
        <fieldset className={styles.group}>
          <legend>{t("quiz.setup.topics")}</legend>
          <div className={styles.checks}>
            {TOPICS.map((topic) => (
              <label key={topic} className={styles.check}>
                <input type="checkbox" name="topic" value={topic} defaultChecked />
                {t(`topics.${topic}`)} <span className="muted">({sum((c) => c.topic === topic)})</span>
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className={styles.group}>
          <legend>{t("difficulty.label")}</legend>
          <div className={styles.checks}>
            {DIFFICULTIES.map((d) => (
              <label key={d} className={styles.check}>
                <input type="checkbox" name="difficulty" value={d} defaultChecked />
                {t(`difficulty.${d}`)} <span className="muted">({sum((c) => c.difficulty === d)})</span>
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className={styles.group}>
          <legend>{t("quiz.setup.types")}</legend>
          <div className={styles.checks}>
            {QUIZ_TYPES.map((type) => (
              <label key={type} className={styles.check}>
                <input type="checkbox" name="type" value={type} defaultChecked />
                {t(`types.${type}`)} <span className="muted">({sum((c) => c.type === type)})</span>
              </label>
            ))}
          </div>
          <p className="muted">{t("quiz.setup.predictionNote")}</p>
        </fieldset>
        <fieldset className={styles.group}>
          <legend>{t("quiz.setup.length")}</legend>
          <div className={styles.checks}>
            {QUIZ_LENGTHS.map((l) => (
              <label key={l} className={styles.check}>
                <input type="radio" name="length" value={l} defaultChecked={l === 10} />
                {t("quiz.setup.questions", { count: l })}
              </label>
            ))}
          </div>
        </fieldset>
        <div>
          <QuizMatchCount counts={counts} initial={total} />
          <SubmitButton>{t("quiz.setup.start")}</SubmitButton>
        </div>
      </QuizForm>
    </>
  );
}
