import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { TOPICS } from "@/lib/content/schema";
import { countQuestionsByTopic } from "@/lib/db/questions.server";

export default async function HomePage() {
  const [t, counts] = await Promise.all([getTranslations(), countQuestionsByTopic()]);
  const byTopic = new Map(counts.map((c) => [c.topic, c.count]));
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  return (
    <>
      <section className="hero">
        <h1>{t("home.title")}</h1>
        <p className="lead">{t("home.lead")}</p>
        <p>
          <Link className="button" href="/questions">
            {t("home.start")}
          </Link>{" "}
          <Link className="button secondary" href="/drills" data-testid="home-drills">
            {t("home.drills")}
          </Link>
        </p>
        <p className="muted">{t("home.drillsLead")}</p>
        <p className="muted" data-testid="bank-size">
          {t("home.bankSize", { count: total })}
        </p>
      </section>
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
