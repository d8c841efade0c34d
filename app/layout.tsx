import "katex/dist/katex.min.css";
import "./globals.css";
import type { Metadata, Viewport } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { AccountLinks, AccountMenu } from "@/components/accounts/AccountMenu";
import { ClientMessages } from "@/components/ui/ClientMessages";
import { Disclosure } from "@/components/ui/Disclosure";
import { LinkPending } from "@/components/ui/LinkPending";
import { LocaleSwitcher } from "@/components/ui/LocaleSwitcher";
import { ThemeToggle } from "@/components/ui/ThemeToggle";
import { TimeZoneDetector } from "@/components/ui/TimeZoneDetector";
import { type CurrentUser, getCurrentUser } from "@/lib/accounts/current-user.server";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { htmlAttributes } from "@/lib/ui/shared-page-rules";
import { parseTheme, THEME_COOKIE } from "@/lib/ui/theme";
import { setLocale, setTheme, signOut, signOutEverywhere } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return { title: { default: t("name"), template: `%s · ${t("name")}` }, description: t("tagline") };
}

export const viewport: Viewport = {
  colorScheme: "light dark",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#111318" },
  ],
};

/**
 * The learner, or "unknown" while the database is unavailable: the header still renders (without
 * its account links) so that the page's own error boundary, inside this layout and in the
 * learner's language, says what happened and offers the retry (ADR 25).
 */
async function userOrUnknown(): Promise<CurrentUser | null | "unknown"> {
  try {
    return await getCurrentUser();
  } catch (error) {
    if (isDatabaseUnavailable(error)) return "unknown";
    throw error;
  }
}

/** The header's feature links, in order; each shows a spinner while the page it opens loads (LinkPending). */
const NAV = [
  { href: "/questions", label: "nav.questions" },
  { href: "/quiz", label: "nav.quiz" },
  { href: "/drills", label: "nav.drills" },
  { href: "/flashcards", label: "nav.flashcards" },
  { href: "/lab", label: "nav.lab" },
] as const;

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, t, cookieStore, user] = await Promise.all([
    getLocale(),
    getTranslations(),
    cookies(),
    userOrUnknown(),
  ]);
  const theme = parseTheme(cookieStore.get(THEME_COOKIE)?.value);
  const links = NAV.map(({ href, label }) => (
    <Link key={href} href={href}>
      {t(label)}
      <LinkPending />
    </Link>
  ));
  const html = htmlAttributes(locale, theme);
  return (
    <html lang={html.lang} data-theme={html.theme}>
      <body>
        <a className="skip-link" href="#main">
          {t("app.skip")}
        </a>
        <header className="site-header">
          <nav aria-label={t("nav.main")} className="container nav">
            <Link href="/" className="brand">
              {t("app.name")}
            </Link>
            <div className="nav-links">{links}</div>
            <span className="spacer" />
            <div className="nav-account">
              {user !== "unknown" && (
                <AccountMenu user={user} signOut={signOut} signOutEverywhere={signOutEverywhere} />
              )}
            </div>
            <ThemeToggle theme={theme} setTheme={setTheme} />
            <LocaleSwitcher setLocale={setLocale} />
            {/* phones: one row, the links behind a menu button */}
            <Disclosure
              className="nav-menu"
              summaryClassName="link-button"
              summary={
                <>
                  <span aria-hidden="true">☰</span> {t("nav.menu")}
                </>
              }
              testId="nav-menu"
            >
              <div className="nav-menu-panel">
                {links}
                {user !== "unknown" && (
                  <AccountLinks user={user} signOut={signOut} signOutEverywhere={signOutEverywhere} />
                )}
              </div>
            </Disclosure>
          </nav>
        </header>
        <main id="main" className="container">
          <ClientMessages route="layout">{children}</ClientMessages>
          <TimeZoneDetector />
        </main>
      </body>
    </html>
  );
}
