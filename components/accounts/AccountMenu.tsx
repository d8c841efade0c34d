/**
 * Header account menu (server component): guests see "Dashboard", "Sign in" and "Sign up";
 * accounts see their name, opening Dashboard, Settings, Sign out and Sign out everywhere (closed
 * by Esc or a click outside). `AccountLinks` is the same list flat, for the phone menu.
 */
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Disclosure } from "@/components/ui/Disclosure";
import { LinkPending } from "@/components/ui/LinkPending";
import styles from "./AccountMenu.module.css";

type Props = {
  /** the current user (null: an anonymous visitor) */
  user: { isAnonymous: boolean; name: string } | null;
  signOut: () => Promise<void>;
  signOutEverywhere: () => Promise<void>;
};

/** Dashboard, then the account's links and sign-out buttons (or a guest's sign-in and sign-up). */
export async function AccountLinks({ user, signOut, signOutEverywhere }: Props) {
  const t = await getTranslations("account");
  if (!user || user.isAnonymous) {
    return (
      <>
        <Link href="/dashboard">
          {t("dashboard")}
          <LinkPending />
        </Link>
        <Link href="/signin">{t("signInTitle")}</Link>
        <Link href="/signup" className={styles.primary}>
          {t("signUpTitle")}
        </Link>
      </>
    );
  }
  return (
    <>
      <Link href="/dashboard">
        {t("dashboard")}
        <LinkPending />
      </Link>
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
    </>
  );
}

export async function AccountMenu(props: Props) {
  const t = await getTranslations("account");
  const { user } = props;
  if (!user || user.isAnonymous) {
    return (
      <div className={styles.menu}>
        <AccountLinks {...props} />
      </div>
    );
  }
  return (
    <Disclosure className={styles.details} summary={user.name || t("account")} testId="account-menu">
      <div className={styles.panel}>
        <AccountLinks {...props} />
      </div>
    </Disclosure>
  );
}
