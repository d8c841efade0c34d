"use client";
/**
 * Progressive enhancement for the lab's GET form: changing a control marked data-autosubmit (the
 * model, the training switch, the init) submits the form, so the fields that apply appear at once.
 * Without JavaScript the Run button does the same.
 */
import { useEffect } from "react";

export function AutoSubmit({ formId }: { formId: string }) {
  useEffect(() => {
    const form = document.getElementById(formId);
    if (!(form instanceof HTMLFormElement)) return;
    const onChange = (e: Event) => {
      if (e.target instanceof HTMLElement && e.target.dataset.autosubmit !== undefined) form.requestSubmit();
    };
    form.addEventListener("change", onChange);
    return () => form.removeEventListener("change", onChange);
  }, [formId]);
  return null;
}
