import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("errors");
  return (
    <section className="panel">
      <h1>{t("notFoundTitle")}</h1>
      <p>{t("pageNotFound")}</p>
      <p>
        <Link href="/">{t("home")}</Link>
      </p>
    </section>
  );
}
