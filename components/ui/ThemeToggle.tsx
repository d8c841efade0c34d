import { getTranslations } from "next-intl/server";
import { nextTheme, type Theme } from "@/lib/ui/theme";

/** Cycles the colour theme (system → dark → light); a plain form, so it works without JavaScript. */
export async function ThemeToggle({
  theme,
  setTheme,
}: {
  theme: Theme;
  setTheme: (formData: FormData) => Promise<void>;
}) {
  const t = await getTranslations("theme");
  const next = nextTheme(theme);
  return (
    <form action={setTheme}>
      <input type="hidden" name="theme" value={next} />
      <button type="submit" className="link-button" aria-label={t("switch", { current: t(theme), next: t(next) })}>
        <span aria-hidden="true">{theme === "dark" ? "☾" : theme === "light" ? "☀" : "◐"}</span>{" "}
        <span className="theme-label">{t(theme)}</span>
      </button>
    </form>
  );
}
