"use client";
/**
 * The review session's view: the counts, the card (front, then back), the rating buttons with
 * their next intervals, undo, retry, the status line and the keys; at the end, the session's
 * summary and a live countdown to the next card due (which then comes back). Behaviour lives in
 * useReviewSession (sending, retries, acknowledgement) and useReviewShortcuts (the keyboard);
 * card content arrives pre-rendered from the server.
 */
import Link from "next/link";
import { useTranslations } from "next-intl";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { RATING_NAMES, RATINGS } from "@/lib/flashcards/ratings";
import styles from "./flashcards.module.css";
import type { Notice, SessionCard } from "./review-session";
import { NextDue, SessionSummary } from "./SessionEnd";
import { useReviewSession } from "./useReviewSession";
import { useReviewShortcuts } from "./useReviewShortcuts";

export type { SessionCard };

export function FlashcardSession(props: {
  cards: SessionCard[];
  dueCount: number;
  newCount: number;
  /** the server's render time (ISO): changes whenever the server renders a new queue */
  version: string;
  /** the earliest due time after `version`, ISO, or null */
  nextDue: string | null;
  /** the learner's time zone, for the next due time */
  timeZone: string;
  /** what else to show when the queue is empty (the daily new-card limit), rendered on the server */
  done: ReactNode;
}) {
  const t = useTranslations("flashcards");
  const session = useReviewSession(props);
  const { state, current, refreshing, cardRef, reveal, rate, retry, undo } = session;
  const { counts, revealed, busy, failed, history, notice, stats, nextDueAt } = state;
  useReviewShortcuts({ reveal, rate: (r) => void rate(r), undo: () => void undo() });

  // The answer comes into view when it is shown (on a phone it starts below the fold).
  const answerRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (revealed) answerRef.current?.scrollIntoView({ block: "nearest" });
  }, [revealed]);

  // Marks the session interactive (hydrated), for people and tests alike.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);

  const noticeText = (n: Notice): string => {
    switch (n.kind) {
      case "saved":
        return t("saved", { rating: t(`rating.${RATING_NAMES[n.rating]}`), interval: n.interval });
      case "undone":
        return t("undone", { title: n.title });
      case "undoNothing":
        return t("undoNothing");
      case "networkError":
        return t("networkError");
      case "refused":
        return t("refused", { message: n.message });
      case "undoFailed":
        return t("undoFailed", { message: n.message });
    }
  };
  const isError = notice !== null && ["networkError", "refused", "undoFailed"].includes(notice.kind);

  return (
    <div className={styles.session} data-ready={ready ? "true" : undefined} data-testid="flashcard-session">
      <div className={styles.toolbar}>
        <p className={styles.counts}>
          <span className="visually-hidden">{t("countsLabel")}:</span>
          <span className={styles.countNew}>
            {t("newCount")} <strong data-testid="new-count">{counts.new}</strong>
          </span>
          <span className={styles.countDue}>
            {t("dueCount")} <strong data-testid="due-count">{counts.due}</strong>
          </span>
        </p>
        <button
          type="button"
          className="button secondary"
          onClick={() => void undo()}
          disabled={history.length === 0 || busy !== null || failed !== null}
          aria-keyshortcuts="Control+Z Meta+Z"
        >
          {t("undo")} <kbd className={`${styles.kbd} ${styles.keyHint}`}>Ctrl+Z</kbd>
        </button>
      </div>

      {current ? (
        <>
          <article
            ref={cardRef}
            tabIndex={-1}
            className={`card ${styles.card}`}
            aria-labelledby="flashcard-title"
            data-testid="flashcard"
            data-slug={current.slug}
          >
            <p className="meta">
              <span className="badge">{t(`kind.${current.kind}`)}</span>
              <Link href={`/questions/${current.slug}`} className={styles.questionLink}>
                {t("openQuestion")}
              </Link>
            </p>
            <h2 id="flashcard-title" className={styles.title}>
              {current.title}
            </h2>
            {current.front}
            {revealed && (
              <section ref={answerRef} className={styles.back} aria-label={t("answer")} data-testid="flashcard-answer">
                {current.back}
              </section>
            )}
          </article>
          <div className={styles.actions}>
            {!revealed ? (
              <button type="button" className={`button ${styles.reveal}`} onClick={reveal} aria-keyshortcuts="Space">
                {t("showAnswer")} <kbd className={`${styles.kbd} ${styles.keyHint}`}>Space</kbd>
              </button>
            ) : (
              <fieldset className={styles.ratings} aria-busy={busy === "rate"}>
                <legend className="visually-hidden">{t("rateLabel")}</legend>
                {RATINGS.map((r) => (
                  <button
                    key={r}
                    type="button"
                    className={`${styles.rate} ${styles[RATING_NAMES[r]]}`}
                    onClick={() => void rate(r)}
                    disabled={busy !== null || failed !== null}
                    aria-keyshortcuts={String(r)}
                    aria-describedby={`interval-${r}`}
                    data-testid={`rate-${r}`}
                  >
                    <span className={styles.rateName}>{t(`rating.${RATING_NAMES[r]}`)}</span>
                    <span className={styles.interval} id={`interval-${r}`} data-testid={`interval-${r}`}>
                      {current.intervals[r]}
                    </span>
                    <kbd className={`${styles.kbd} ${styles.keyHint}`}>{r}</kbd>
                  </button>
                ))}
              </fieldset>
            )}
            {failed && (
              <button type="button" className="button" onClick={retry} disabled={busy !== null}>
                {t("retry")}
              </button>
            )}
          </div>
        </>
      ) : refreshing ? (
        <p className={styles.placeholder}>{t("loading")}</p>
      ) : (
        <section className="panel" data-testid="flashcards-done" aria-labelledby="flashcards-done-title">
          <h2 id="flashcards-done-title">{t(soon(nextDueAt, props.version) ? "doneForNow" : "doneTitle")}</h2>
          {stats.reviewed > 0 && <SessionSummary stats={stats} />}
          <NextDue at={nextDueAt} serverNow={props.version} timeZone={props.timeZone} />
          {props.done}
        </section>
      )}

      <p
        role="status"
        className={isError ? `form-error ${styles.status}` : styles.status}
        data-testid="flashcard-status"
      >
        {busy === "rate" ? t("saving") : notice && noticeText(notice)}
      </p>

      <section className={`${styles.shortcuts} ${styles.keyHint}`} aria-labelledby="shortcuts-title">
        <h2 id="shortcuts-title" className={styles.shortcutsTitle}>
          {t("shortcutsTitle")}
        </h2>
        <ul>
          <li>
            <kbd className={styles.kbd}>Space</kbd> {t("shortcutReveal")}
          </li>
          <li>
            <kbd className={styles.kbd}>1</kbd>–<kbd className={styles.kbd}>4</kbd> {t("shortcutRate")}
          </li>
          <li>
            <kbd className={styles.kbd}>Ctrl+Z</kbd> / <kbd className={styles.kbd}>⌘Z</kbd> {t("shortcutUndo")}
          </li>
        </ul>
      </section>
    </div>
  );
}

/** Within the hour: a learning card coming back this session ("done for now"), not tomorrow's reviews. */
function soon(nextDueAt: number | null, serverNow: string): boolean {
  return nextDueAt !== null && nextDueAt - Date.parse(serverNow) < 60 * 60 * 1000;
}
