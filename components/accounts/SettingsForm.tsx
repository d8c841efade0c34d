"use client";
/** The settings form: inputs with hints and field errors, bound to the saveSettings action. */
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { SubmitButton } from "@/components/ui/ActionForm";
import type { Settings } from "@/lib/accounts/settings";
import { MAX_NEW_CARDS_PER_DAY, MAX_RETENTION, MIN_RETENTION } from "@/lib/flashcards/study-settings";
import { LOCALE_NAMES, LOCALES } from "@/lib/i18n/locales";
import { type FormAction, initialFormState } from "@/lib/ui/form-state";
import styles from "./forms.module.css";

export function SettingsForm({
  action,
  initial,
  timeZones,
  detectedTimeZone,
}: {
  action: FormAction;
  initial: Settings;
  timeZones: string[];
  /** the browser's zone (TimeZoneDetector), offered when it differs from the saved one */
  detectedTimeZone: string | null;
}) {
  const t = useTranslations("settings");
  const [state, formAction] = useActionState(action, initialFormState);
  const [timeZone, setTimeZone] = useState(initial.timeZone);
  const err = (name: string) => state.fields?.[name];
  const describedBy = (name: string, hint: boolean) =>
    [hint ? `${name}-hint` : "", err(name) ? `${name}-error` : ""].filter(Boolean).join(" ") || undefined;
  const error = (name: string) =>
    err(name) ? (
      <p id={`${name}-error`} className={styles.error}>
        {err(name)}
      </p>
    ) : null;
  return (
    <form action={formAction} className={styles.form} aria-label={t("title")} noValidate>
      <div className={styles.field}>
        <label htmlFor="newCardsPerDay">{t("newCardsPerDay")}</label>
        <input
          id="newCardsPerDay"
          name="newCardsPerDay"
          type="number"
          min={0}
          max={MAX_NEW_CARDS_PER_DAY}
          step={1}
          defaultValue={initial.newCardsPerDay}
          aria-invalid={err("newCardsPerDay") ? true : undefined}
          aria-describedby={describedBy("newCardsPerDay", true)}
        />
        <p id="newCardsPerDay-hint" className={styles.hint}>
          {t("newCardsPerDayHint")}
        </p>
        {error("newCardsPerDay")}
      </div>
      <div className={styles.field}>
        <label htmlFor="desiredRetention">{t("desiredRetention")}</label>
        <input
          id="desiredRetention"
          name="desiredRetention"
          type="number"
          min={MIN_RETENTION}
          max={MAX_RETENTION}
          step={0.01}
          defaultValue={initial.desiredRetention}
          aria-invalid={err("desiredRetention") ? true : undefined}
          aria-describedby={describedBy("desiredRetention", true)}
        />
        <p id="desiredRetention-hint" className={styles.hint}>
          {t("desiredRetentionHint")}
        </p>
        {error("desiredRetention")}
      </div>
      <div className={styles.field}>
        <label htmlFor="locale">{t("language")}</label>
        <select id="locale" name="locale" defaultValue={initial.locale} aria-describedby={describedBy("locale", false)}>
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LOCALE_NAMES[l]}
            </option>
          ))}
        </select>
        {error("locale")}
      </div>
      <div className={styles.field}>
        <label htmlFor="timeZone">{t("timeZone")}</label>
        <select
          id="timeZone"
          name="timeZone"
          value={timeZone}
          onChange={(e) => setTimeZone(e.target.value)}
          aria-invalid={err("timeZone") ? true : undefined}
          aria-describedby={describedBy("timeZone", true)}
        >
          {timeZones.map((tz) => (
            <option key={tz} value={tz}>
              {tz}
            </option>
          ))}
        </select>
        <p id="timeZone-hint" className={styles.hint}>
          {t("timeZoneHint")}{" "}
          {detectedTimeZone && detectedTimeZone !== timeZone ? (
            <>
              {t("timeZoneDetected", { timeZone: detectedTimeZone })}{" "}
              <button type="button" className="link-button" onClick={() => setTimeZone(detectedTimeZone)}>
                {t("timeZoneUseDetected", { timeZone: detectedTimeZone })}
              </button>
            </>
          ) : null}
        </p>
        {error("timeZone")}
      </div>
      {state.message ? (
        <p role={state.ok ? "status" : "alert"} className={state.ok ? undefined : styles.error}>
          {state.message}
        </p>
      ) : null}
      <SubmitButton>{t("save")}</SubmitButton>
    </form>
  );
}
