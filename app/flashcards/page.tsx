/**
 * Flashcards: the learner's FSRS queue. The cards are rendered here on the server (Markdown and
 * KaTeX) and handed to the review session, a client component, as ready-made content.
 */
import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { FlashcardSession, type SessionCard } from "@/components/flashcards/FlashcardSession";
import styles from "@/components/flashcards/flashcards.module.css";
import { ShortAnswer } from "@/components/questions/ShortAnswer";
import { Markdown } from "@/components/ui/Markdown";
import { getCurrentUser } from "@/lib/accounts/current-user.server";
import { getCardContent, getStudyQueue, type StudyQueue } from "@/lib/db/cards.server";
import { intervalParts, previewIntervals } from "@/lib/flashcards/fsrs";
import { RATINGS } from "@/lib/flashcards/ratings";
import { toLocale } from "@/lib/i18n/locales";
import { browserTimeZone } from "@/lib/i18n/time-zone-cookie.server";
import { isTimeZone } from "@/lib/i18n/time-zones";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("flashcards");
  return { title: t("title") };
}

/**
 * Cards rendered per page load (Markdown and KaTeX on the server: the first visit's cost grows
 * with it); the session asks for the next batch while a few cards are left.
 */
const BATCH = 10;

/**
 * The learner and their queue are read before anything is sent: a database outage then answers
 * 503 with the error page (ADR 25), as every other page does. The cards (Markdown and KaTeX)
 * render with the page, not behind a Suspense skeleton: React reveals a fallback's content no
 * sooner than 300 ms after the fallback showed, which turned ~70 ms of server work into a 350 ms
 * wait; the header link shows a spinner meanwhile (LinkPending).
 */
export default async function FlashcardsPage() {
  const [t, user] = await Promise.all([getTranslations("flashcards"), getCurrentUser()]);
  const now = new Date();
  const queue = await getStudyQueue(user?.id ?? null, now, { limit: BATCH });
  return (
    <>
      <h1>{t("title")}</h1>
      <p className={styles.intro}>{t("intro")}</p>
      <FlashcardsBody queue={queue} signedIn={user !== null} now={now} />
    </>
  );
}

async function FlashcardsBody({ queue, signedIn, now }: { queue: StudyQueue; signedIn: boolean; now: Date }) {
  const [locale, t, tq, detected] = await Promise.all([
    getLocale(),
    getTranslations("flashcards"),
    getTranslations("question"),
    browserTimeZone(),
  ]);
  const lang = toLocale(locale);
  const content = await getCardContent(
    queue.entries.map((e) => e.questionId),
    lang,
  );
  const interval = (ms: number) => {
    const { value, unit } = intervalParts(ms);
    return t(`interval.${unit}`, { n: value });
  };

  const cards: SessionCard[] = queue.entries.flatMap((entry) => {
    const c = content.get(entry.questionId);
    if (!c) return [];
    const iv = previewIntervals(entry.card, now, queue.settings);
    return [
      {
        slug: entry.slug,
        kind: entry.kind,
        title: c.title,
        intervals: Object.fromEntries(RATINGS.map((r) => [r, interval(iv[r])])) as SessionCard["intervals"],
        front: <Markdown>{c.prompt}</Markdown>,
        back: (
          <>
            <ShortAnswer text={c.shortAnswer} heading={tq("shortAnswer")} />
            <h3 className={styles.backHeading}>{t("answer")}</h3>
            <Markdown>{c.answer}</Markdown>
            {c.keyPoints.length > 0 && (
              <>
                <h3 className={styles.backHeading}>{t("keyPoints")}</h3>
                <ul className={styles.keyPoints}>
                  {c.keyPoints.map((k) => (
                    <li key={k}>
                      <Markdown className="prose inline-md">{k}</Markdown>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        ),
      },
    ];
  });

  // a visitor without a profile yet: the browser's zone (a guest is created in it)
  const stored = signedIn ? queue.settings.timeZone : (detected ?? queue.settings.timeZone);
  const timeZone = isTimeZone(stored) ? stored : "UTC";
  const done = (
    <>
      {queue.newCount === 0 && queue.newToday > 0 && (
        <p>{t("doneNewLimit", { count: queue.newToday, limit: queue.settings.newCardsPerDay, timeZone })}</p>
      )}
      <p>
        <Link href="/questions">{t("browse")}</Link>
      </p>
    </>
  );

  return (
    <FlashcardSession
      cards={cards}
      dueCount={queue.dueCount}
      newCount={queue.newCount}
      version={now.toISOString()}
      nextDue={queue.nextDue?.toISOString() ?? null}
      timeZone={timeZone}
      done={done}
    />
  );
}
