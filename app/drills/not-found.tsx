import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function DrillNotFound() {
  const t = await getTranslations();
  return (
    <section className="panel" data-testid="drill-not-found">
      <h1>{t("errors.notFoundTitle")}</h1>
      <p>{t("drills.notFound")}</p>
      <p>
        <Link href="/drills">{t("drills.title")}</Link>
      </p>
    </section>
  );
}
