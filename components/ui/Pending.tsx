"use client";
/**
 * Inside a form whose action ends in new content (reveal an answer, commit a prediction): while
 * the submission is on its way, a skeleton stands where the content will appear, with what is
 * happening in words — progress at once, however long the server takes.
 */
import { useFormStatus } from "react-dom";
import styles from "./pending.module.css";

export function PendingSkeleton({ label, tall = false }: { label: string; tall?: boolean }) {
  const { pending } = useFormStatus();
  if (!pending) return null;
  return (
    <div className={styles.pending} role="status" data-testid="pending-skeleton">
      <p className={styles.label}>
        <span className="spinner" aria-hidden="true" /> {label}
      </p>
      <span className={`skeleton ${styles.block} ${tall ? styles.tall : ""}`} />
    </div>
  );
}
