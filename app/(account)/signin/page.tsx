import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { signIn } from "@/app/(account)/actions";
import { AuthForm } from "@/components/accounts/AuthForm";
import { isSignedOutNotice } from "@/lib/accounts/sign-out.server";

export async function generateMetadata() {
  const t = await getTranslations("account");
  return { title: t("signInTitle") };
}

/** `signedOut`: a sign-out the server could not be told about (lib/accounts/sign-out.server.ts). */
export default async function SignInPage({ searchParams }: { searchParams: Promise<{ signedOut?: string }> }) {
  const [t, { signedOut }] = await Promise.all([getTranslations("account"), searchParams]);
  return (
    <section>
      <h1>{t("signInTitle")}</h1>
      {isSignedOutNotice(signedOut) && (
        <p className="panel" role="status" data-testid="signed-out-notice">
          {t(`signedOut.${signedOut}`)}
        </p>
      )}
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
