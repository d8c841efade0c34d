import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function QuestionNotFound() {
  const t = await getTranslations();
  return (
    <section className="panel" data-testid="question-not-found">
      <h1>{t("errors.notFoundTitle")}</h1>
      <p>{t("errors.notFound")}</p>
      <p>
        <Link href="/questions">{t("question.back")}</Link>
      </p>
    </section>
  );
}
