"use server";
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { getCurrentUser, getOrCreateUser, isGuestRefused } from "@/lib/accounts/current-user.server";
import { SettingsSchema } from "@/lib/accounts/settings";
import { saveUserSettings } from "@/lib/db/users.server";
import { MIN_FIT_REVIEWS } from "@/lib/flashcards/fsrs-fit";
import { rememberLocale } from "@/lib/i18n/locale-cookie.server";
import { fitPersonalParameters, resetPersonalParameters } from "@/lib/optimizer/personal-parameters.server";
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

/**
 * Fits the learner's FSRS parameters to their reviews now (intent "fit"), or goes back to the
 * defaults (intent "reset"); the page then shows the stored outcome (ADR 0028).
 */
export async function fitOrResetParameters(_prev: FormState, formData: FormData): Promise<FormState> {
  const t = await getTranslations("memoryModel");
  if (!(formData instanceof FormData)) return { ok: false, message: t("noReviews") };
  const intent = formData.get("intent");
  const user = await getCurrentUser();
  if (!user) return { ok: false, message: t("noReviews") };
  if (intent === "reset") {
    await resetPersonalParameters(user.id);
    revalidatePath("/settings");
    return { ok: true, message: t("doneReset") };
  }
  const fit = await fitPersonalParameters(user.id);
  revalidatePath("/settings");
  if (!fit) return { ok: false, message: t("busy") };
  if (fit.status === "fitted") return { ok: true, message: t("doneFitted") };
  if (fit.status === "defaults" && fit.reason === "no_better") return { ok: true, message: t("doneNoBetter") };
  return { ok: false, message: t("doneTooFew", { reviews: fit.reviews, min: MIN_FIT_REVIEWS }) };
}
