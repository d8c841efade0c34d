"use client";
/**
 * The end of a review session: what this session did (reviews, share rated Again, time) and when
 * the next card is due, counting down live (a learning card rated Again is back in a minute and
 * the session fetches it when due: useReviewSession).
 */
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import styles from "./flashcards.module.css";
import type { SessionStats } from "./review-session";

export function SessionSummary({ stats }: { stats: SessionStats }) {
  const t = useTranslations("flashcards");
  const format = useFormatter();
  const minutes =
    stats.startedAt !== null && stats.lastAt !== null
      ? Math.max(1, Math.round((stats.lastAt - stats.startedAt) / 60_000))
      : 1;
  return (
    <p className={styles.summary} data-testid="session-summary">
      {t("summary", {
        count: stats.reviewed,
        minutes,
        again: format.number(stats.reviewed === 0 ? 0 : stats.again / stats.reviewed, {
          style: "percent",
          maximumFractionDigits: 0,
        }),
      })}
    </p>
  );
}

/** The clock, ticking once a second after hydration (the first render uses the server's time). */
function useNow(serverNow: string): number {
  const [now, setNow] = useState(() => Date.parse(serverNow));
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function NextDue({ at, serverNow, timeZone }: { at: number | null; serverNow: string; timeZone: string }) {
  const t = useTranslations("flashcards");
  const format = useFormatter();
  const now = useNow(serverNow);
  if (at === null) return <p data-testid="next-due">{t("doneNone")}</p>;
  if (at <= now) return <p data-testid="next-due">{t("loading")}</p>;
  const time = format.dateTime(new Date(at), {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  });
  const relative = format.relativeTime(new Date(at), now);
  return <p data-testid="next-due">{t(at - now < 60 * 60 * 1000 ? "doneNextSoon" : "doneNext", { relative, time })}</p>;
}
