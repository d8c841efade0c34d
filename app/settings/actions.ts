"use server";
/** Saves the learner's settings (creating a guest if needed); field errors come back translated. */
import { cookies } from "next/headers";
import { getTranslations } from "next-intl/server";
import { getOrCreateUser } from "@/lib/accounts/current-user.server";
import { SettingsSchema } from "@/lib/accounts/settings";
import { prisma } from "@/lib/db/client.server";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import { type FormState, fieldErrors } from "@/lib/ui/form-state";

export async function saveSettings(_prev: FormState, formData: FormData): Promise<FormState> {
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
      fields: fieldErrors(parsed.error.issues, (k) => t(k as "errTimeZone")),
    };
  }
  const user = await getOrCreateUser();
  await prisma.user.update({ where: { id: user.id }, data: parsed.data });
  (await cookies()).set(LOCALE_COOKIE, parsed.data.locale, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax" });
  const t = await getTranslations({ locale: parsed.data.locale, namespace: "settings" });
  return { ok: true, message: t("saved") };
}
