"use server";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { sameOriginPath } from "@/lib/http/request";
import { THEME_COOKIE, THEMES } from "@/lib/ui/theme";

/** Remembers the colour theme and returns to the page the learner was on. */
export async function setTheme(formData: FormData): Promise<void> {
  const theme = formData.get("theme");
  if (typeof theme === "string" && (THEMES as readonly string[]).includes(theme)) {
    (await cookies()).set(THEME_COOKIE, theme, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax" });
  }
  redirect(sameOriginPath((await headers()).get("referer")));
}
