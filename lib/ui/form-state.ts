/**
 * What a form's server action answers when it does not redirect: whether it worked, a message a
 * person understands, and an error per field. One shape for every form, so one kind of form
 * component can show any action's answer.
 */
import type { z } from "zod";

export type FormState = {
  ok: boolean;
  message?: string;
  fields?: Record<string, string>;
  /** what was typed (never a password), for a form re-rendered without JavaScript */
  values?: Record<string, string>;
};

export const initialFormState: FormState = { ok: true };

/** A server action bound to a form with useActionState: the previous state and the form's data in, the next state out. */
export type FormAction = (prev: FormState, formData: FormData) => Promise<FormState>;

/**
 * Field errors from the issues of a schema whose messages are message keys, translated: the first
 * issue of each field wins; an issue without a path is filed under "form". `translate` answers a
 * sentence for any key (a general one for a key it does not know), so a person never sees a key.
 */
export function fieldErrors(
  issues: readonly z.core.$ZodIssue[],
  translate: (key: string) => string,
): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) fields[String(issue.path[0] ?? "form")] ??= translate(issue.message);
  return fields;
}
