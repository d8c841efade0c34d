"use client";
/**
 * The quiz setup's live count: how many questions match the boxes ticked right now, and how long
 * the quiz will be, updated on every change (the server checks again when the quiz starts).
 */
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";

export type CandidateCount = { topic: string; difficulty: number; type: string; count: number };

function matching(form: HTMLFormElement, counts: CandidateCount[]): { count: number; length: number } {
  const data = new FormData(form);
  const topics = new Set(data.getAll("topic"));
  const difficulties = new Set(data.getAll("difficulty").map(Number));
  const types = new Set(data.getAll("type"));
  const count = counts
    .filter((c) => topics.has(c.topic) && difficulties.has(c.difficulty) && types.has(c.type))
    .reduce((n, c) => n + c.count, 0);
  return { count, length: Math.min(count, Number(data.get("length")) || 0) };
}

export function QuizMatchCount({ counts, initial }: { counts: CandidateCount[]; initial: number }) {
  const t = useTranslations("quiz.setup");
  const ref = useRef<HTMLParagraphElement>(null);
  const [state, setState] = useState<{ count: number; length: number } | null>(null);
  useEffect(() => {
    const form = ref.current?.closest("form");
    if (!form) return;
    const update = () => setState(matching(form, counts));
    update();
    form.addEventListener("change", update);
    return () => form.removeEventListener("change", update);
  }, [counts]);
  const count = state?.count ?? initial;
  return (
    <p ref={ref} aria-live="polite" data-testid="quiz-match-count" className={count === 0 ? "form-error" : undefined}>
      {t("matching", { count })} {count > 0 && state ? t("matchingLength", { count: state.length }) : null}
    </p>
  );
}
