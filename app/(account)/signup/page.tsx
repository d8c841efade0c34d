import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { signUp } from "@/app/(account)/actions";
import { AuthForm } from "@/components/accounts/AuthForm";
import { getCurrentUser } from "@/lib/accounts/current-user.server";

export async function generateMetadata() {
  const t = await getTranslations("account");
  return { title: t("signUpTitle") };
}

export default async function SignUpPage() {
  const t = await getTranslations("account");
  const user = await getCurrentUser();
  return (
    <section>
      <h1>{t("signUpTitle")}</h1>
      <p>{user?.isAnonymous ? t("signUpKeepsProgress") : t("signUpLead")}</p>
      <AuthForm
        action={signUp}
        label={t("signUpTitle")}
        submit={t("signUpSubmit")}
        fields={[
          { name: "username", label: t("username"), type: "text", autoComplete: "username", hint: t("usernameHint") },
          { name: "email", label: t("emailOptional"), type: "email", autoComplete: "email" },
          {
            name: "password",
            label: t("password"),
            type: "password",
            autoComplete: "new-password",
            hint: t("passwordHint"),
            required: true,
          },
        ]}
      />
      <p>
        {t("haveAccount")} <Link href="/signin">{t("signInTitle")}</Link>
      </p>
    </section>
  );
}
