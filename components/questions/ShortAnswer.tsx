import { Markdown } from "@/components/ui/Markdown";
import styles from "./questions.module.css";

/** The 30-second spoken answer: what a candidate says first, shown before the full answer everywhere. */
export function ShortAnswer({ text, heading }: { text: string; heading: string }) {
  if (!text) return null;
  return (
    <section className={styles.shortAnswer} aria-label={heading} data-testid="short-answer">
      <h3>{heading}</h3>
      <Markdown>{text}</Markdown>
    </section>
  );
}
