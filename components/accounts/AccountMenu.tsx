/**
 * Header account menu (server component): guests see "Sign up" / "Sign in"; accounts see their
 * name, Dashboard, Settings, Sign out and Sign out everywhere. Place it in the site header.
 */
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import styles from "./AccountMenu.module.css";

type Props = {
  /** the current user (null: an anonymous visitor) */
  user: { isAnonymous: boolean; name: string } | null;
  signOut: () => Promise<void>;
  signOutEverywhere: () => Promise<void>;
};

export async function AccountMenu({ user, signOut, signOutEverywhere }: Props) {
  const t = await getTranslations("account");
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
