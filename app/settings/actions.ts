"use server";
import { getTranslations } from "next-intl/server";
import { getOrCreateUser, isGuestRefused } from "@/lib/accounts/current-user.server";
import { SettingsSchema } from "@/lib/accounts/settings";
import { saveUserSettings } from "@/lib/db/users.server";
import { rememberLocale } from "@/lib/i18n/locale-cookie.server";
import { type FormState, fieldErrors } from "@/lib/ui/form-state";

/** Saves the learner's settings (creating a guest if needed); field errors come back translated. */
export async function saveSettings(_prev: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) {
    return { ok: false, message: (await getTranslations("settings"))("fixFields") };
  }
  const parsed = SettingsSchema.safeParse({
    newCardsPerDay: formData.get("newCardsPerDay") || undefined,
    desiredRetention: formData.get("desiredRetention") || undefined,
    locale: formData.get("locale"),
    timeZone: formData.get("timeZone"),
  });
  if (!parsed.success) {
    const t = await getTranslations("settings");
    return {
      ok: false,
      message: t("fixFields"),
      fields: fieldErrors(parsed.error.issues, (k) =>
        t.has(k as "errTimeZone") ? t(k as "errTimeZone") : t("fixFields"),
      ),
    };
  }
  const user = await getOrCreateUser();
  if (isGuestRefused(user)) return { ok: false, message: (await getTranslations("actions"))("tooManyGuests") };
  await saveUserSettings(user.id, parsed.data);
  await rememberLocale(parsed.data.locale);
  const t = await getTranslations({ locale: parsed.data.locale, namespace: "settings" });
  return { ok: true, message: t("saved") };
}
