/** The yes/no choices of the families that ask "will it …?". */
import type { DrillChoice } from "@/lib/drills/family";

export const YES_NO_CHOICES: DrillChoice[] = [
  { id: "yes", label: { key: "yes" } },
  { id: "no", label: { key: "no" } },
];
