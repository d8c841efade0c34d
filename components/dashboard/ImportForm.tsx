"use client";
/** Uploads a progress export to /api/progress/import and shows what was imported or what is wrong. */
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import type { Created } from "@/lib/db/progress-import.server";
import styles from "./Dashboard.module.css";

export function ImportForm() {
  const t = useTranslations("dashboard");
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    try {
      const res = await fetch("/api/progress/import", { method: "POST", body: new FormData(event.currentTarget) });
      const body = (await res.json()) as { created?: Created; error?: string };
      if (res.ok && body.created) {
        const c = body.created;
        setMessage({
          ok: true,
          text: t("importDone", {
            attempts: c.attempts,
            drills: c.drillAttempts,
            cards: c.cards,
            reviews: c.reviews,
            quizzes: c.quizSessions,
          }),
        });
        router.refresh();
      } else {
        setMessage({ ok: false, text: body.error ?? String(res.status) });
      }
    } catch (e) {
      setMessage({ ok: false, text: (e as Error).message });
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className={styles.actions}>
      <label htmlFor="import-file">{t("import")}</label>
      <input id="import-file" name="file" type="file" accept="application/json,.json" required />
      <button type="submit" className="button" disabled={pending}>
        {t("importSubmit")}
      </button>
      <p
        role="status"
        aria-live="polite"
        style={{ color: message?.ok === false ? "var(--bad)" : undefined, flexBasis: "100%", margin: 0 }}
      >
        {message?.text}
      </p>
    </form>
  );
}
