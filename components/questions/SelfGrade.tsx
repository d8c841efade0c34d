"use client";
/**
 * Self-grading a recalled answer on the question page: three buttons, the chosen one shown as
 * pressed, and "Saved" once the server has it. The action answers in place (no redirect, so the
 * page does not jump to the top of the answer); without JavaScript the form still posts and the
 * page comes back with the choice marked.
 */
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { RECALL_GRADES } from "@/lib/grading/recall";
import { type FormAction, initialFormState } from "@/lib/ui/form-state";
import styles from "./questions.module.css";

type Score = (typeof RECALL_GRADES)[number]["score"];

export function SelfGrade({
  action,
  slug,
  saved,
  loading = false,
}: {
  action: FormAction;
  slug: string;
  saved: Score | null;
  /** the stand-in shown while the learner's stored grade streams in (it works, but is replaced) */
  loading?: boolean;
}) {
  const t = useTranslations("question");
  const [state, formAction, pending] = useActionState(action, initialFormState);
  // the button last pressed in this page view; before any, the stored grade
  const [chosen, setChosen] = useState<Score | null>(null);
  const selected = chosen ?? saved;
  const grade = RECALL_GRADES.find((g) => g.score === selected);
  return (
    <form
      action={formAction}
      className={styles.selfGrade}
      aria-label={t("selfGrade")}
      data-testid="self-grade"
      aria-busy={loading || undefined}
    >
      <input type="hidden" name="slug" value={slug} />
      <fieldset className={styles.gradeButtons}>
        <legend>{t("selfGrade")}</legend>
        {RECALL_GRADES.map(({ score, key }) => (
          <button
            key={key}
            type="submit"
            name="score"
            value={score}
            className="button secondary"
            aria-pressed={selected === score}
            disabled={pending}
            onClick={() => setChosen(score)}
          >
            {t(`recall.${key}`)}
          </button>
        ))}
      </fieldset>
      <p role="status" className={state.ok ? styles.saved : "form-error"} data-testid="self-grade-status">
        {pending
          ? t("saving")
          : !state.ok
            ? state.message
            : grade && (chosen === null || state.message)
              ? t("savedGrade", { grade: t(`recall.${grade.key}`) })
              : ""}
      </p>
    </form>
  );
}
