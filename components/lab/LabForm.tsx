/**
 * The lab's controls: one fieldset per config, a plain GET form whose field names are the lab's
 * URL format (a.depth, b.train.lr, …), so it works without JavaScript and the URL is the state.
 * Only the fields of the chosen model are shown (the engine rejects the others).
 */
import { getTranslations } from "next-intl/server";
import { type LabSlot, MAX_LAB_CONFIGS } from "@/lib/lab/state";
import {
  ACTIVATIONS,
  ATTENTION_SCALES,
  CLIP_MODES,
  FFN_ACTIVATIONS,
  INITS,
  LIMITS,
  MLP_LOSSES,
  MODELS,
  NORMS,
  OPTIMIZERS,
  PRECISIONS,
  RECURRENT_INITS,
  RECURRENT_LOSSES,
  RNN_ACTIVATIONS,
  SCHEDULES,
  TRANSFORMER_INITS,
  TRANSFORMER_NORMS,
} from "@/lib/sim";
import { AutoSubmit } from "./AutoSubmit";
import styles from "./lab.module.css";

export type SlotState = {
  slot: LabSlot;
  /** the value shown in each field: what the URL says, else the canonical config, else the default */
  value: (key: string) => string;
  model: string;
  training: boolean;
  errors: { path: string; message: string }[];
};

type T = Awaited<ReturnType<typeof getTranslations<"lab">>>;

function NumberField({
  slot,
  name,
  label,
  value,
  min,
  max,
  integer,
  invalid,
}: {
  slot: LabSlot;
  name: string;
  label: string;
  value: string;
  min: number;
  max: number;
  integer?: boolean;
  invalid: boolean;
}) {
  const id = `${slot}-${name.replace(/\./g, "-")}`;
  return (
    <label htmlFor={id} className={styles.field}>
      <span>{label}</span>
      <input
        id={id}
        name={`${slot}.${name}`}
        type="number"
        defaultValue={value}
        min={min}
        max={max}
        step={integer ? 1 : "any"}
        aria-invalid={invalid || undefined}
        inputMode={integer ? "numeric" : "decimal"}
      />
    </label>
  );
}

function SelectField({
  slot,
  name,
  label,
  value,
  options,
  invalid,
  autoSubmit,
}: {
  slot: LabSlot;
  name: string;
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  invalid: boolean;
  autoSubmit?: boolean;
}) {
  const id = `${slot}-${name.replace(/\./g, "-")}`;
  return (
    <label htmlFor={id} className={styles.field}>
      <span>{label}</span>
      <select
        id={id}
        name={`${slot}.${name}`}
        defaultValue={value}
        aria-invalid={invalid || undefined}
        data-autosubmit={autoSubmit ? "" : undefined}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function SlotFields({ s, t }: { s: SlotState; t: T }) {
  const bad = (name: string) => s.errors.some((e) => e.path === name);
  const num = (name: string, b: { min: number; max: number }, integer = false) => (
    <NumberField
      slot={s.slot}
      name={name}
      label={t(`field_${name.replace(/\./g, "_")}` as "field_depth")}
      value={s.value(name)}
      min={b.min}
      max={b.max}
      integer={integer}
      invalid={bad(name)}
    />
  );
  const sel = (name: string, values: readonly string[], labelOf: (v: string) => string = (v) => v) => (
    <SelectField
      slot={s.slot}
      name={name}
      label={t(`field_${name.replace(/\./g, "_")}` as "field_depth")}
      value={s.value(name)}
      options={values.map((v) => ({ value: v, label: labelOf(v) }))}
      invalid={bad(name)}
      autoSubmit={name === "model" || name === "init" || name === "train.schedule.kind"}
    />
  );
  const init = s.value("init");
  const onOff = (v: string) => t(v === "true" ? "on" : "off");
  const recurrent = s.model === "rnn" || s.model === "lstm" || s.model === "gru";
  return (
    <>
      <div className={styles.grid}>
        {sel("model", MODELS, (m) => t(`model_${m}` as "model_mlp"))}
        {s.model === "transformer" ? (
          <>
            {num("depth", LIMITS.transformerDepth, true)}
            {num("dModel", LIMITS.dModel, true)}
            {num("heads", LIMITS.heads, true)}
            {num("seqLen", LIMITS.seqLen, true)}
            {num("batch", LIMITS.transformerBatch, true)}
            {num("ffnMult", LIMITS.ffnMult, true)}
            {sel("ffnActivation", FFN_ACTIVATIONS)}
            {sel("norm", TRANSFORMER_NORMS)}
            {sel("attentionScale", ATTENTION_SCALES)}
            {sel("causal", ["true", "false"], onOff)}
            {sel("init", TRANSFORMER_INITS)}
          </>
        ) : s.model === "mlp" ? (
          <>
            {num("depth", LIMITS.depth, true)}
            {num("width", LIMITS.width, true)}
            {num("batch", LIMITS.batch, true)}
            {sel("activation", ACTIVATIONS)}
            {sel("init", INITS)}
            {(init === "normal" || init === "uniform") && num("initStd", LIMITS.initStd)}
            {sel("norm", NORMS)}
            {sel("residual", ["false", "true"], onOff)}
            {sel("loss", MLP_LOSSES)}
          </>
        ) : (
          <>
            {num("steps", LIMITS.steps, true)}
            {num("hidden", LIMITS.hidden, true)}
            {num("inputs", LIMITS.inputs, true)}
            {num("inputScale", LIMITS.inputScale)}
            {num("batch", LIMITS.recurrentBatch, true)}
            {s.model === "rnn" && num("spectralRadius", LIMITS.spectralRadius)}
            {s.model === "rnn" && sel("recurrentInit", RECURRENT_INITS)}
            {s.model === "rnn" && sel("activation", RNN_ACTIVATIONS)}
            {s.model === "lstm" && num("forgetBias", LIMITS.forgetBias)}
            {sel("loss", RECURRENT_LOSSES)}
          </>
        )}
        {num("seed", LIMITS.seed, true)}
        {sel("precision", PRECISIONS)}
        {num("lossScale", LIMITS.lossScale)}
      </div>
      <div className={styles.training}>
        <input type="hidden" name={`${s.slot}.training`} value="0" />
        <label className={styles.check}>
          <input type="checkbox" name={`${s.slot}.training`} value="1" defaultChecked={s.training} data-autosubmit="" />{" "}
          {t("training")}
        </label>
        {s.training ? (
          <div className={styles.grid}>
            {num("train.steps", LIMITS.trainSteps, true)}
            {sel("train.optimizer", OPTIMIZERS)}
            {num("train.lr", LIMITS.lr)}
            {sel("train.schedule.kind", SCHEDULES)}
            {s.value("train.schedule.kind") !== "constant" &&
              num("train.schedule.warmupSteps", LIMITS.warmupSteps, true)}
            {num("train.weightDecay", LIMITS.weightDecay)}
            {sel("train.clip.mode", CLIP_MODES)}
            {num("train.clip.threshold", LIMITS.clipThreshold)}
            {recurrent && num("train.truncation", LIMITS.truncation, true)}
          </div>
        ) : (
          <p className={styles.hint}>{t("trainingHint")}</p>
        )}
      </div>
    </>
  );
}

export async function LabForm({ slots }: { slots: SlotState[] }) {
  const t = await getTranslations("lab");
  return (
    // autoComplete off: the browser must not restore edited-but-unsubmitted values on Back, or
    // the form would disagree with the URL (and the charts) it belongs to.
    <form
      id="lab-form"
      method="get"
      action="/lab"
      className={styles.form}
      aria-label={t("formLabel")}
      autoComplete="off"
    >
      <AutoSubmit formId="lab-form" />
      <div className={styles.slots}>
        {slots.map((s) => (
          <fieldset key={s.slot} className={styles.slot} data-slot={s.slot}>
            <legend>{t("configN", { slot: s.slot.toUpperCase() })}</legend>
            <SlotFields s={s} t={t} />
          </fieldset>
        ))}
      </div>
      <noscript>
        <p className={styles.hint}>{t("modelHint")}</p>
      </noscript>
      <div className="button-row">
        <button type="submit" className="button">
          {t("run")}
        </button>
        {slots.length < MAX_LAB_CONFIGS && (
          <button type="submit" name="op" value="add" className="button secondary">
            {t("addConfig")}
          </button>
        )}
        {slots.length > 1 &&
          slots.map((s) => (
            <button key={s.slot} type="submit" name="op" value={`remove-${s.slot}`} className="button secondary">
              {t("removeConfig", { slot: s.slot.toUpperCase() })}
            </button>
          ))}
      </div>
    </form>
  );
}
