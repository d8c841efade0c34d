/** The layer strip of one config: a cell per layer (or time step) coloured by its backward gain (lib/lab/layer-strip.ts). */
import { useTranslations } from "next-intl";
import { sci } from "@/lib/charts/log-scale";
import type { StripCell } from "@/lib/lab/layer-strip";
import styles from "./lab.module.css";
import type { LabT } from "./words";

export function LayerStrip({ slot, axis, cells }: { slot: string; axis: "layer" | "step"; cells: StripCell[] }) {
  const t = useTranslations("lab") as unknown as LabT;
  const label = t("stripLabel", { slot: slot.toUpperCase(), axis });
  return (
    <figure className={styles.stripRow} data-testid={`layer-strip-${slot}`}>
      <figcaption className={styles.stripName}>{slot.toUpperCase()}</figcaption>
      <ol className={styles.strip} aria-label={label}>
        {cells.map((c) => {
          const text =
            c.kind === "underflow"
              ? t("stripUnderflow", { index: c.index })
              : c.kind === "nonfinite"
                ? t("stripNonFinite", { index: c.index })
                : t("stripCell", { index: c.index, gain: sci(c.gain) });
          return (
            <li
              key={c.index}
              className={`${styles.cell} ${styles[c.kind]}`}
              style={{ "--s": `${Math.round(15 + 85 * c.strength)}%` } as React.CSSProperties}
              title={text}
              data-kind={c.kind}
            >
              <span className="visually-hidden">{text}</span>
            </li>
          );
        })}
      </ol>
    </figure>
  );
}
