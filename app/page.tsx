import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { TodayPanel } from "@/components/dashboard/TodayPanel";
import { getCurrentUser } from "@/lib/accounts/current-user.server";
import { TOPICS } from "@/lib/content/schema";
import { loadToday } from "@/lib/db/today.server";
import { toLocale } from "@/lib/i18n/locales";
import { topicCounts } from "@/lib/questions/bank.server";

/** A first-time visitor sees what GradLab is; a returning learner sees Today first. */
export default async function HomePage() {
  const now = new Date();
  const [t, counts, user] = await Promise.all([
    getTranslations(),
    getLocale().then((l) => topicCounts(toLocale(l))),
    getCurrentUser(),
  ]);
  const today = user ? await loadToday(user.id, now) : null;
  const byTopic = new Map(counts.map((c) => [c.topic, c.count]));
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  return (
    <>
      {today?.returning ? (
        <section className="hero compact">
          <h1>{t("today.welcomeBack")}</h1>
          <TodayPanel today={today} now={now} />
          <p className="muted" data-testid="bank-size">
            {t("home.bankSize", { count: total })} · <Link href="/questions">{t("home.start")}</Link> ·{" "}
            <Link href="/drills" data-testid="home-drills">
              {t("home.drills")}
            </Link>
          </p>
        </section>
      ) : (
        <section className="hero">
          <h1>{t("home.title")}</h1>
          <p className="lead">{t("home.lead")}</p>
          <p className="button-row">
            <Link className="button" href="/questions">
              {t("home.start")}
            </Link>
            <Link className="button secondary" href="/drills" data-testid="home-drills">
              {t("home.drills")}
            </Link>
            <Link className="button secondary" href="/flashcards">
              {t("home.flashcards")}
            </Link>
          </p>
          <p className="muted">{t("home.drillsLead")}</p>
          <p className="muted" data-testid="bank-size">
            {t("home.bankSize", { count: total })}
          </p>
        </section>
      )}
      <section aria-labelledby="by-topic">
        <h2 id="by-topic">{t("home.byTopic")}</h2>
        <ul className="topic-grid">
          {TOPICS.filter((topic) => byTopic.has(topic)).map((topic) => (
            <li key={topic}>
              <Link href={`/questions?topic=${topic}`} className="card topic-card">
                <span>{t(`topics.${topic}`)}</span>
                <span className="badge">{byTopic.get(topic)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
