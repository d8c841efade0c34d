"use client";
/**
 * Sign-up / sign-in form bound to a server action. A message about one field sits under that
 * field and marks it (aria-invalid, a red border); what was typed stays after an error (with
 * JavaScript the form submits through a transition, which React does not reset; without it the
 * action sends back what was typed, passwords excepted); a password can be shown while typing.
 */
import { useTranslations } from "next-intl";
import { type FormEvent, startTransition, useActionState, useEffect, useRef, useState } from "react";
import { FormPendingContext, SubmitButton } from "@/components/ui/ActionForm";
import { type FormAction, initialFormState } from "@/lib/ui/form-state";
import styles from "./forms.module.css";

type Field = { name: string; label: string; type: string; autoComplete: string; hint?: string; required?: boolean };

export function AuthForm({
  action,
  fields,
  submit,
  next,
  label,
}: {
  action: FormAction;
  fields: Field[];
  submit: string;
  next?: string;
  label: string;
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const formRef = useRef<HTMLFormElement>(null);

  // After a refused submission, focus goes to the first field with a message (else the summary).
  useEffect(() => {
    if (state.ok) return;
    const first = fields.find((f) => state.fields?.[f.name]);
    const target = first ? formRef.current?.querySelector<HTMLElement>(`#${first.name}`) : null;
    (target ?? formRef.current?.querySelector<HTMLElement>("[data-form-message]"))?.focus();
  }, [state, fields]);

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    startTransition(() => formAction(data));
  }

  const formMessage = state.fields?.form ?? (!state.ok ? state.message : undefined);
  // Without a summary, the first field's message is the one announced.
  const announced = formMessage ? undefined : fields.find((f) => state.fields?.[f.name])?.name;
  return (
    <form
      ref={formRef}
      action={formAction}
      onSubmit={onSubmit}
      className={styles.form}
      aria-label={label}
      aria-busy={pending}
      noValidate
    >
      {next ? <input type="hidden" name="next" value={next} /> : null}
      {fields.map((f) => (
        <AuthField
          key={f.name}
          field={f}
          error={state.fields?.[f.name]}
          announce={f.name === announced}
          value={state.values?.[f.name]}
        />
      ))}
      {!state.ok && formMessage ? (
        <p role="alert" className={styles.error} tabIndex={-1} data-form-message>
          {formMessage}
        </p>
      ) : null}
      <FormPendingContext.Provider value={pending}>
        <SubmitButton>{submit}</SubmitButton>
      </FormPendingContext.Provider>
    </form>
  );
}

function AuthField({
  field: f,
  error,
  announce,
  value,
}: {
  field: Field;
  error?: string;
  announce: boolean;
  value?: string;
}) {
  const t = useTranslations("account");
  const [shown, setShown] = useState(false);
  const isPassword = f.type === "password";
  const describedBy = [f.hint ? `${f.name}-hint` : "", error ? `${f.name}-error` : ""].filter(Boolean).join(" ");
  const input = (
    <input
      id={f.name}
      name={f.name}
      type={isPassword && shown ? "text" : f.type}
      autoComplete={f.autoComplete}
      required={f.required}
      defaultValue={isPassword ? undefined : value}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy || undefined}
      className={error ? styles.invalid : undefined}
      autoCapitalize={f.type === "text" ? "none" : undefined}
      spellCheck={f.type === "text" ? false : undefined}
    />
  );
  return (
    <div className={styles.field}>
      <label htmlFor={f.name}>{f.label}</label>
      {isPassword ? (
        <div className={styles.passwordRow}>
          {input}
          <button
            type="button"
            className={`button secondary ${styles.reveal}`}
            aria-controls={f.name}
            // The name says what pressing does and keeps the visible word in it (WCAG 2.5.3); no
            // aria-pressed, since a toggle whose label also changes would be read "Hide, pressed".
            aria-label={shown ? t("hidePasswordLabel") : t("showPasswordLabel")}
            onClick={() => setShown((s) => !s)}
          >
            {shown ? t("hidePassword") : t("showPassword")}
          </button>
        </div>
      ) : (
        input
      )}
      {f.hint ? (
        <p id={`${f.name}-hint`} className={styles.hint}>
          {f.hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${f.name}-error`} className={styles.error} role={announce ? "alert" : undefined}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
