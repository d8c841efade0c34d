/** A family's Text (a "drills" message key and its values) in the page's language. */
import type { Text } from "@/lib/drills/family";

export type DrillsT = (key: string, values?: Record<string, string | number>) => string;

export const say = (t: DrillsT, text: Text): string => t(text.key, text.values);
