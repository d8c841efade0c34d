import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { signOut, signOutEverywhere } from "@/app/actions";
import { SettingsForm } from "@/components/accounts/SettingsForm";
import { getCurrentUser } from "@/lib/accounts/current-user.server";
import type { Settings } from "@/lib/accounts/settings";
import { getStudySettings } from "@/lib/db/users.server";
import { toLocale } from "@/lib/i18n/locales";
import { timeZones } from "@/lib/i18n/time-zones";
import { saveSettings } from "./actions";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("settings");
  return { title: t("title") };
}

export default async function SettingsPage() {
  const [t, tAccount, user, locale] = await Promise.all([
    getTranslations("settings"),
    getTranslations("account"),
    getCurrentUser(),
    getLocale(),
  ]);
  const study = await getStudySettings(user?.id ?? null);
  const initial: Settings = { ...study, locale: toLocale(locale) };
  return (
    <section>
      <h1>{t("title")}</h1>
      <SettingsForm action={saveSettings} initial={initial} timeZones={timeZones()} />
      <h2>{t("account")}</h2>
      {user && !user.isAnonymous ? (
        <>
          <p data-testid="signed-in-as">{tAccount("signedInAs", { name: user.name })}</p>
          <div style={{ display: "flex", gap: "0.75rem", flexWrap: "wrap" }}>
            <form action={signOut}>
              <button type="submit" className="button">
                {tAccount("signOut")}
              </button>
            </form>
            <form action={signOutEverywhere}>
              <button type="submit" className="button">
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
