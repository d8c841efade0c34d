"use client";
/**
 * The answer form of a drill problem, for the keyboard: digits 1–n pick a choice, Enter checks
 * (also from a radio, where browsers differ), and the number field takes an estimate. Posts to
 * the server action; its refusal shows in the form's alert.
 */
import { useEffect, useRef } from "react";
import { ActionForm, SubmitButton } from "@/components/ui/ActionForm";
import type { FormAction } from "@/lib/ui/form-state";
import styles from "./drills.module.css";

type Choice = { id: string; label: string };

type Props = {
  action: FormAction;
  family: string;
  seed: number;
  mixed: boolean;
  legend: string;
  check: string;
  hint: string;
} & ({ type: "choice"; choices: Choice[] } | { type: "estimate"; label: string; min: number; max: number });

export function DrillForm(props: Props) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = box.current;
    const form = root?.closest("form");
    if (!root || !form) return;
    root.querySelector<HTMLInputElement>("input")?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const radios = [...form.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
      const n = Number(e.key);
      if (radios.length && Number.isInteger(n) && n >= 1 && n <= radios.length) {
        e.preventDefault();
        const radio = radios[n - 1];
        if (radio) {
          radio.checked = true;
          radio.focus();
        }
      } else if (e.key === "Enter" && e.target instanceof HTMLInputElement && e.target.type === "radio") {
        e.preventDefault();
        form.requestSubmit();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  return (
    <ActionForm action={props.action} className={styles.form} aria-label={props.legend}>
      <input type="hidden" name="family" value={props.family} />
      <input type="hidden" name="seed" value={props.seed} />
      {props.mixed && <input type="hidden" name="mixed" value="1" />}
      <div ref={box}>
        {props.type === "choice" ? (
          <fieldset>
            <legend>{props.legend}</legend>
            {props.choices.map((c, i) => (
              <label key={c.id} className={styles.choice}>
                <input type="radio" name="answer" value={c.id} required />
                <span className={styles.key} aria-hidden="true">
                  {i + 1}
                </span>
                {c.label}
              </label>
            ))}
          </fieldset>
        ) : (
          <fieldset>
            <legend>{props.legend}</legend>
            <label className={styles.estimate}>
              {props.label}
              <input
                type="text"
                name="answer"
                inputMode="decimal"
                autoComplete="off"
                required
                maxLength={40}
                aria-describedby="drill-hint"
              />
            </label>
          </fieldset>
        )}
      </div>
      <p id="drill-hint" className={`muted ${styles.hint}`}>
        {props.hint}
      </p>
      <SubmitButton>{props.check}</SubmitButton>
    </ActionForm>
  );
}
