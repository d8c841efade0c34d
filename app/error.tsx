"use client";
/**
 * Error boundary for every route: a calm message and a retry, never a stack trace. A database
 * outage (the server gave its error OUTAGE_DIGEST: lib/db/outage-scope.ts) says so and that
 * trying again in a few seconds will work; anything else says something went wrong. "Try again"
 * fetches the page from the server again (Next.js's retry: refresh, then re-render), so it works
 * once the cause has gone.
 */
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { OUTAGE_DIGEST } from "@/lib/http/outage";

export default function ErrorBoundary({
  error,
  retry,
}: {
  error: Error & { digest?: string };
  reset: () => void;
  retry: () => void;
}) {
  const t = useTranslations("errors");
  const outage = error.digest === OUTAGE_DIGEST;
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <section className="panel" role="alert" data-testid="error-page" data-outage={outage}>
      <h1>{t(outage ? "unavailable" : "generic")}</h1>
      {error.digest && !outage && <p className="muted">ref: {error.digest}</p>}
      <p>
        <button type="button" className="button" onClick={retry}>
          {t("retry")}
        </button>{" "}
        <a href="/">{t("home")}</a>
      </p>
    </section>
  );
}
