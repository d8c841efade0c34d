import { getLocale, getTranslations } from "next-intl/server";

/** Switches between English and Chinese; a plain form, so it works without JavaScript. */
export async function LocaleSwitcher({ setLocale }: { setLocale: (formData: FormData) => Promise<void> }) {
  const locale = await getLocale();
  const t = await getTranslations("nav");
  const next = locale === "zh" ? "en" : "zh";
  return (
    <form action={setLocale}>
      <input type="hidden" name="locale" value={next} />
      <button type="submit" className="link-button" lang={next} aria-label={`${t("language")}: ${t("switchTo")}`}>
        {t("switchTo")}
      </button>
    </form>
  );
}
