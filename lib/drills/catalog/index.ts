/** Every drill family by its id, with its draw type hidden. */
import type { DrillFamilyId } from "@/lib/drills/families";
import { type Drill, makeDrill } from "@/lib/drills/generate";
import { estimateRatio } from "./estimate-ratio";
import { fp16Underflow } from "./fp16-underflow";
import { healthyFix } from "./healthy-fix";
import { lrDivergence } from "./lr-divergence";
import { smallestGradient } from "./smallest-gradient";
import { transformerLn } from "./transformer-ln";
import { verdictLstm } from "./verdict-lstm";
import { verdictMlp } from "./verdict-mlp";
import { verdictRnn } from "./verdict-rnn";

export const CATALOG: Record<DrillFamilyId, Drill> = {
  "estimate-ratio": makeDrill(estimateRatio),
  "verdict-mlp": makeDrill(verdictMlp),
  "verdict-rnn": makeDrill(verdictRnn),
  "verdict-lstm": makeDrill(verdictLstm),
  "lr-divergence": makeDrill(lrDivergence),
  "fp16-underflow": makeDrill(fp16Underflow),
  "smallest-gradient": makeDrill(smallestGradient),
  "healthy-fix": makeDrill(healthyFix),
  "transformer-ln": makeDrill(transformerLn),
};
