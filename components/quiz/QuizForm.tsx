"use client";
/**
 * A quiz form bound to a server action: works without JavaScript; with it, Enter on an option
 * (radio or checkbox) submits the form, and an error message is announced and focused.
 * With JavaScript the submission goes through onSubmit rather than the form action, because
 * React resets a form after its action runs, and a rejected setup must keep the learner's choices.
 * Its buttons are SubmitButtons (components/ui/ActionForm.tsx), told the pending state by context.
 */
import {
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
  startTransition,
  useActionState,
  useEffect,
  useRef,
} from "react";
import { FormPendingContext } from "@/components/ui/ActionForm";
import { type FormAction, initialFormState } from "@/lib/ui/form-state";

type Props = {
  action: FormAction;
  children: ReactNode;
  className?: string;
  "aria-label"?: string;
  testId?: string;
  /** the form that checks an answer: Enter anywhere on the page submits it (QuizKeys) */
  checksAnswer?: boolean;
};

export function QuizForm({ action, children, className, testId, checksAnswer, ...rest }: Props) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const errorRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (!state.ok) errorRef.current?.focus();
  }, [state]);

  function onKeyDown(e: KeyboardEvent<HTMLFormElement>) {
    const target = e.target as HTMLElement;
    if (e.key !== "Enter" || !(target instanceof HTMLInputElement)) return;
    if (target.type !== "radio" && target.type !== "checkbox") return;
    e.preventDefault();
    e.currentTarget.requestSubmit();
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter;
    const data = new FormData(e.currentTarget, submitter);
    startTransition(() => formAction(data));
  }

  return (
    <form
      action={formAction}
      onSubmit={onSubmit}
      aria-busy={pending}
      className={className}
      aria-label={rest["aria-label"]}
      onKeyDown={onKeyDown}
      data-testid={testId}
      data-quiz-answer={checksAnswer ? "true" : undefined}
    >
      <FormPendingContext.Provider value={pending}>{children}</FormPendingContext.Provider>
      {!state.ok && (
        <p role="alert" className="form-error" tabIndex={-1} ref={errorRef} data-testid="quiz-error">
          {state.message}
        </p>
      )}
    </form>
  );
}
