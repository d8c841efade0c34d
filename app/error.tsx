"use client";
/** Error boundary for every route: a calm message and a retry, never a stack trace. */
import { useTranslations } from "next-intl";
import { useEffect } from "react";

export default function ErrorBoundary({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors");
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <section className="panel" role="alert">
      <h1>{t("generic")}</h1>
      {error.digest && <p className="muted">ref: {error.digest}</p>}
      <p>
        <button type="button" className="button" onClick={reset}>
          {t("retry")}
        </button>{" "}
        <a href="/">{t("home")}</a>
      </p>
    </section>
  );
}
