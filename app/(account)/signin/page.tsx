import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { signIn } from "@/app/(account)/actions";
import { AuthForm } from "@/components/accounts/AuthForm";

export async function generateMetadata() {
  const t = await getTranslations("account");
  return { title: t("signInTitle") };
}

export default async function SignInPage() {
  const t = await getTranslations("account");
  return (
    <section>
      <h1>{t("signInTitle")}</h1>
      <AuthForm
        action={signIn}
        label={t("signInTitle")}
        submit={t("signInSubmit")}
        fields={[
          { name: "identifier", label: t("identifier"), type: "text", autoComplete: "username", required: true },
          {
            name: "password",
            label: t("password"),
            type: "password",
            autoComplete: "current-password",
            required: true,
          },
        ]}
      />
      <p>
        {t("noAccount")} <Link href="/signup">{t("signUpTitle")}</Link>
      </p>
    </section>
  );
}
