"use client";
/**
 * A form bound to a server action with useActionState: works without JavaScript, shows the
 * action's error message in an alert region (and a success message, if it answers one, in a
 * status region), and disables its submit buttons while pending.
 */
import { createContext, type ReactNode, useActionState, useContext } from "react";
import { useFormStatus } from "react-dom";
import { type FormAction, initialFormState } from "@/lib/ui/form-state";

type Props = {
  action: FormAction;
  children: ReactNode;
  className?: string;
  "aria-label"?: string;
  /** shown after the success message (a link to what to do next) */
  afterSuccess?: ReactNode;
};

export function ActionForm({ action, children, className, afterSuccess, ...rest }: Props) {
  const [state, formAction] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className={className} aria-label={rest["aria-label"]}>
      {children}
      {state.message &&
        (state.ok ? (
          <p role="status">
            {state.message} {afterSuccess}
          </p>
        ) : (
          <p role="alert" className="form-error">
            {state.message}
          </p>
        ))}
    </form>
  );
}

/**
 * Pending state for forms that submit through startTransition rather than their action
 * (QuizForm), which useFormStatus cannot see.
 */
export const FormPendingContext = createContext(false);

/** A form's submit button, disabled while its submission is on its way. */
export function SubmitButton({
  children,
  name,
  value,
  className,
  testId,
  ...data
}: {
  children: ReactNode;
  name?: string;
  value?: string;
  className?: string;
  testId?: string;
  /** a self-grade's number, for the quiz's 1–3 keys */
  "data-grade"?: string;
}) {
  const { pending } = useFormStatus();
  const transitionPending = useContext(FormPendingContext);
  return (
    <button
      type="submit"
      name={name}
      value={value}
      disabled={pending || transitionPending}
      className={className ?? "button"}
      data-testid={testId}
      data-grade={data["data-grade"]}
    >
      {children}
    </button>
  );
}
