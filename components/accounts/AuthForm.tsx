"use client";
/** Sign-up / sign-in form bound to a server action: field errors next to their inputs, a summary alert. */
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/ActionForm";
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
  const [state, formAction] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className={styles.form} aria-label={label} noValidate>
      {next ? <input type="hidden" name="next" value={next} /> : null}
      {fields.map((f) => {
        const error = state.fields?.[f.name];
        const describedBy = [f.hint ? `${f.name}-hint` : "", error ? `${f.name}-error` : ""].filter(Boolean).join(" ");
        return (
          <div key={f.name} className={styles.field}>
            <label htmlFor={f.name}>{f.label}</label>
            <input
              id={f.name}
              name={f.name}
              type={f.type}
              autoComplete={f.autoComplete}
              required={f.required}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy || undefined}
            />
            {f.hint ? (
              <p id={`${f.name}-hint`} className={styles.hint}>
                {f.hint}
              </p>
            ) : null}
            {error ? (
              <p id={`${f.name}-error`} className={styles.error}>
                {error}
              </p>
            ) : null}
          </div>
        );
      })}
      {!state.ok && state.message ? (
        <p role="alert" className={styles.error}>
          {state.message}
        </p>
      ) : null}
      <SubmitButton>{submit}</SubmitButton>
    </form>
  );
}
