/**
 * One drill problem, /drills/<family>/<seed>: regenerated from its seed by the engine on every
 * view (cached), the answer form until the learner commits, then the result. The answer is never
 * in the page before that.
 */
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { DrillForm } from "@/components/drills/DrillForm";
import { DrillResult } from "@/components/drills/DrillResult";
import styles from "@/components/drills/drills.module.css";
import { NextLink } from "@/components/drills/NextLink";
import { type DrillsT, say } from "@/components/drills/text";
import { getCurrentUser } from "@/lib/accounts/current-user.server";
import { getDrillAttempt } from "@/lib/db/drills.server";
import { problemFor } from "@/lib/drill-service/answer.server";
import { type DrillFamilyId, isDrillFamily, MIXED, parseSeedSegment } from "@/lib/drills/families";
import { answerDrill } from "./actions";

type Props = { params: Promise<{ family: string; seed: string }>; searchParams: Promise<{ mixed?: string }> };

async function parse(params: Props["params"]): Promise<{ family: DrillFamilyId; seed: number }> {
  const { family, seed } = await params;
  const n = parseSeedSegment(seed);
  if (!isDrillFamily(family) || n === null) notFound();
  return { family, seed: n };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { family, seed } = await parse(params);
  const t = await getTranslations("drills");
  return { title: `${t(`family_${family}`)} · ${t("problem", { seed: String(seed) })}` };
}

export default async function DrillProblemPage({ params, searchParams }: Props) {
  const [{ family, seed }, { mixed }, tr, user] = await Promise.all([
    parse(params),
    searchParams,
    getTranslations("drills"),
    getCurrentUser(),
  ]);
  const t = tr as unknown as DrillsT;
  const [problem, attempt] = await Promise.all([
    problemFor(family, seed),
    user ? getDrillAttempt(user.id, family, seed) : null,
  ]);
  const inMixed = mixed === "1";
  const next = `/drills/${inMixed ? MIXED : family}`;
  return (
    <article aria-labelledby="drill-title">
      <p className="muted">
        <a href="/drills">{t("title")}</a> · {t(`family_${family}`)}
      </p>
      <h1 id="drill-title">{t("problem", { seed: String(seed) })}</h1>
      {!problem ? (
        <>
          <p role="alert">{t("error_noProblem")}</p>
          <NextLink href={next}>{t("next")}</NextLink>
        </>
      ) : (
        <>
          {problem.prompt.map((text) => (
            <p key={text.key} className={styles.prompt} data-testid="drill-prompt">
              {say(t, text)}
            </p>
          ))}
          {attempt ? (
            <>
              <DrillResult
                problem={problem}
                attempt={{
                  answer: attempt.response.answer,
                  correct: attempt.correct,
                  errorDecades: attempt.errorDecades,
                }}
                t={t}
              />
              <NextLink href={next}>{t("next")}</NextLink>
            </>
          ) : problem.answer.type === "choice" ? (
            <DrillForm
              action={answerDrill}
              family={family}
              seed={seed}
              mixed={inMixed}
              legend={t("yourAnswer")}
              check={t("check")}
              hint={t("keysChoice", { n: problem.answer.choices.length })}
              type="choice"
              choices={problem.answer.choices.map((c) => ({ id: c.id, label: say(t, c.label) }))}
            />
          ) : (
            <DrillForm
              action={answerDrill}
              family={family}
              seed={seed}
              mixed={inMixed}
              legend={t("yourAnswer")}
              check={t("check")}
              hint={t("keysEstimate")}
              type="estimate"
              label={t("estimateLabel", { tolerance: problem.answer.tolerance })}
              min={problem.answer.min}
              max={problem.answer.max}
            />
          )}
        </>
      )}
    </article>
  );
}
