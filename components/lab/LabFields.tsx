/**
 * One config's controls, drawn from the lab's field table (lib/lab/fields.ts): a label, a line on
 * what the control does, and the problem with its value right under it. Plain named inputs of the
 * lab's GET form, so the form works without JavaScript; with it, LabApp listens to their events.
 */
import { useTranslations } from "next-intl";
import { type FieldProblem, fieldProblem } from "@/lib/lab/field-errors";
import { type FieldSpec, fieldsFor, helpKey, labelKey, MODEL_NAMES, optionKey } from "@/lib/lab/fields";
import type { LabSlotView } from "@/lib/lab/slots";
import styles from "./lab.module.css";
import type { LabT } from "./words";

function Field({ s, f, problem, t }: { s: LabSlotView; f: FieldSpec; problem?: FieldProblem; t: LabT }) {
  const id = `${s.slot}-${f.name.replace(/\./g, "-")}`;
  const help = t.has(helpKey(f.name)) ? t(helpKey(f.name)) : null;
  const describedBy = [help ? `${id}-help` : "", problem ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  const common = {
    id,
    name: `${s.slot}.${f.name}`,
    defaultValue: s.values[f.name] ?? "",
    "aria-invalid": problem ? true : undefined,
    "aria-describedby": describedBy,
  };
  return (
    <div className={styles.field}>
      <label htmlFor={id}>{t.has(labelKey(f.name)) ? t(labelKey(f.name)) : f.name}</label>
      {f.kind === "choice" ? (
        <select {...common}>
          {(f.choices ?? []).map((v) => (
            <option key={v} value={v}>
              {f.name === "model" ? t(`model_${v}`) : t.has(optionKey(f.name, v)) ? t(optionKey(f.name, v)) : v}
            </option>
          ))}
        </select>
      ) : (
        <input
          {...common}
          type="number"
          min={f.bound?.min}
          max={f.bound?.max}
          step={f.kind === "int" ? 1 : "any"}
          inputMode={f.kind === "int" ? "numeric" : "decimal"}
        />
      )}
      {help && (
        <span id={`${id}-help`} className={styles.help}>
          {help}
        </span>
      )}
      {problem && (
        <span id={`${id}-error`} className={styles.fieldError} data-testid="field-error" data-path={f.name}>
          {t(problem.key, problem.values)}
        </span>
      )}
    </div>
  );
}

export function LabFields({ s }: { s: LabSlotView }) {
  const t = useTranslations("lab") as unknown as LabT;
  const problems = s.errors.map((e) => fieldProblem(s.model, e));
  const value = (name: string) => s.values[name] ?? "";
  const fields = fieldsFor(s.model, s.training, value);
  const problemOf = (name: string) => problems.find((p) => p.path === name);
  const modelProblem = problemOf("model");
  const field = (f: FieldSpec) => <Field key={f.name} s={s} f={f} problem={problemOf(f.name)} t={t} />;
  return (
    <>
      <div className={styles.grid}>
        <Field
          s={s}
          f={{ name: "model", kind: "choice", choices: MODEL_NAMES, models: MODEL_NAMES }}
          problem={modelProblem}
          t={t}
        />
        {fields.filter((f) => !f.training).map(field)}
      </div>
      {s.modelMissing && (
        <p className={styles.capped} role="status" data-testid="model-missing">
          {t("modelMissing", { slot: s.slot.toUpperCase() })}
        </p>
      )}
      <fieldset className={styles.training}>
        <legend>{t("trainingLegend")}</legend>
        <div className={styles.radios}>
          {(["0", "1"] as const).map((v) => (
            <label key={v} className={styles.check}>
              <input type="radio" name={`${s.slot}.training`} value={v} defaultChecked={s.training === (v === "1")} />{" "}
              {t(v === "1" ? "trainingOn" : "trainingOff")}
            </label>
          ))}
        </div>
        <p className={styles.hint}>{t(s.training ? "trainingOnHint" : "trainingHint")}</p>
        {s.training && <div className={styles.grid}>{fields.filter((f) => f.training).map(field)}</div>}
        {s.capped && (
          <p className={styles.capped} role="status" data-testid="steps-capped">
            {t("capped", s.capped)}
          </p>
        )}
      </fieldset>
    </>
  );
}
