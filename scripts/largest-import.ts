/**
 * The largest progress import allowed, from a learner's own export: its first attempt outside a
 * quiz repeated under fresh ids until the file is just under the upload limit (IMPORT_MAX_BYTES).
 * ~24,000 attempts — the most rows of this shape a file can carry. Shared by the import tests
 * (tests/integration/import-load.test.ts) and the benchmark (scripts/bench-import.ts).
 */
import { IMPORT_MAX_BYTES, type ProgressExport } from "@/lib/progress/export-format";

export function largestImportFile(file: ProgressExport): { text: string; attempts: number; ids: string[] } {
  const first = file.attempts.find((a) => a.quizSession === null);
  if (!first) throw new Error("the export needs an attempt outside a quiz to repeat");
  const template = { ...first, quizSession: null };
  const id = (i: number) => `bulk-${String(i).padStart(19, "0")}`;
  const one = JSON.stringify({ ...template, id: id(0) }).length + 1;
  const room = IMPORT_MAX_BYTES - JSON.stringify({ ...file, attempts: [] }).length - 1024;
  const n = Math.floor(room / one);
  const ids = Array.from({ length: n }, (_, i) => id(i));
  const text = JSON.stringify({ ...file, attempts: ids.map((i) => ({ ...template, id: i })) });
  if (text.length > IMPORT_MAX_BYTES || text.length < IMPORT_MAX_BYTES * 0.95) {
    throw new Error(`the file came out at ${text.length} bytes, not just under ${IMPORT_MAX_BYTES}`);
  }
  return { text, attempts: n, ids };
}
