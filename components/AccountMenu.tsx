/**
 * Header account menu (server component): guests see "Sign up" / "Sign in"; accounts see their
 * name, Dashboard, Settings, Sign out and Sign out everywhere. Place it in the site header.
 */
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { signOut, signOutEverywhere } from "@/app/(account)/actions";
import { getCurrentUser } from "@/lib/accounts/current-user.server";
import styles from "./AccountMenu.module.css";

export async function AccountMenu() {
  const t = await getTranslations("account");
  const user = await getCurrentUser();
  if (!user || user.isAnonymous) {
    return (
      <div className={styles.menu}>
        <Link href="/dashboard">{t("dashboard")}</Link>
        <Link href="/signin">{t("signInTitle")}</Link>
        <Link href="/signup" className={styles.primary}>
          {t("signUpTitle")}
        </Link>
      </div>
    );
  }
  return (
    <details className={styles.details}>
      <summary>{user.name || t("account")}</summary>
      <div className={styles.panel}>
        <Link href="/dashboard">{t("dashboard")}</Link>
        <Link href="/settings">{t("settings")}</Link>
        <form action={signOut}>
          <button type="submit" className={styles.linkButton}>
            {t("signOut")}
          </button>
        </form>
        <form action={signOutEverywhere}>
          <button type="submit" className={styles.linkButton}>
            {t("signOutEverywhere")}
          </button>
        </form>
      </div>
    </details>
  );
}
