import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { signOut, signOutEverywhere } from "@/app/actions";
import { SettingsForm } from "@/components/accounts/SettingsForm";
import { MemoryModel } from "@/components/flashcards/MemoryModel";
import { getCurrentUser } from "@/lib/accounts/current-user.server";
import type { Settings } from "@/lib/accounts/settings";
import { countReviewLogs, getFsrsFit } from "@/lib/db/fsrs-fit.server";
import { getStudySettings } from "@/lib/db/users.server";
import { toLocale } from "@/lib/i18n/locales";
import { browserTimeZone } from "@/lib/i18n/time-zone-cookie.server";
import { timeZones } from "@/lib/i18n/time-zones";
import { fitOrResetParameters, saveSettings } from "./actions";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("settings");
  return { title: t("title") };
}

export default async function SettingsPage() {
  const [t, tAccount, user, locale, detected] = await Promise.all([
    getTranslations("settings"),
    getTranslations("account"),
    getCurrentUser(),
    getLocale(),
    browserTimeZone(),
  ]);
  const [{ parameters: _, ...study }, fit, logs] = await Promise.all([
    getStudySettings(user?.id ?? null),
    getFsrsFit(user?.id ?? null),
    user ? countReviewLogs(user.id) : 0,
  ]);
  // A visitor without a profile yet starts from the browser's zone: saving creates the guest in it.
  const initial: Settings = {
    ...study,
    timeZone: user ? study.timeZone : (detected ?? study.timeZone),
    locale: toLocale(locale),
  };
  return (
    <section>
      <h1>{t("title")}</h1>
      <SettingsForm action={saveSettings} initial={initial} timeZones={timeZones()} detectedTimeZone={detected} />
      <MemoryModel fit={fit} logs={logs} action={fitOrResetParameters} />
      <h2>{t("account")}</h2>
      {user && !user.isAnonymous ? (
        <>
          <p data-testid="signed-in-as">{tAccount("signedInAs", { name: user.name })}</p>
          <div className="button-row">
            <form action={signOut}>
              <button type="submit" className="button secondary">
                {tAccount("signOut")}
              </button>
            </form>
            <form action={signOutEverywhere}>
              <button type="submit" className="button secondary">
                {tAccount("signOutEverywhere")}
              </button>
            </form>
          </div>
        </>
      ) : (
        <p>
          {tAccount("guest")} <Link href="/signup">{tAccount("signUpTitle")}</Link> ·{" "}
          <Link href="/signin">{tAccount("signInTitle")}</Link>
        </p>
      )}
      <h2>{t("data")}</h2>
      <p>
        <Link href="/dashboard">{tAccount("dashboard")}</Link> ·{" "}
        <a href="/api/progress/export" download>
          {(await getTranslations("dashboard"))("export")}
        </a>
      </p>
    </section>
  );
}
