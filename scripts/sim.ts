/**
 * GradLab simulation CLI.
 *
 *   npm run -s sim -- '<json config>'    one result JSON line on stdout
 *   npm run -s sim -- -                  one config per stdin line → one result per line, streamed
 *   --no-timing                          meta.elapsedMs = 0 (byte-identical output per config)
 *
 * Bad input: a message naming the field and the allowed range on stderr, exit code 2.
 * In "-" mode a bad line is reported as "line N: …" and skipped (the sweep goes on, so one typo
 * does not lose the other results); the exit code is 2 at the end if any line was bad. Blank
 * lines are ignored.
 */
import { createInterface } from "node:readline";
import { parseSimConfig, simulate } from "@/lib/sim";

type Outcome = { ok: true; json: string } | { ok: false; message: string };

function runOne(text: string, timing: boolean): Outcome {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `invalid JSON: ${(e as Error).message}` };
  }
  const parsed = parseSimConfig(input);
  if (!parsed.ok) {
    return {
      ok: false,
      message: parsed.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join("; "),
    };
  }
  return { ok: true, json: JSON.stringify(simulate(parsed.config, { timing })) };
}

async function main(argv: string[]): Promise<number> {
  const timing = !argv.includes("--no-timing");
  const args = argv.filter((a) => a !== "--no-timing");
  if (args.length !== 1) {
    process.stderr.write("usage: sim '<json config>'  |  sim - < configs.jsonl   [--no-timing]\n");
    return 2;
  }
  const arg = args[0] as string;
  if (arg !== "-") {
    const out = runOne(arg, timing);
    if (!out.ok) {
      process.stderr.write(`invalid config: ${out.message}\n`);
      return 2;
    }
    process.stdout.write(`${out.json}\n`);
    return 0;
  }
  let bad = 0;
  let lineNo = 0;
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    lineNo++;
    if (line.trim() === "") continue;
    const out = runOne(line, timing);
    if (out.ok) {
      if (!process.stdout.write(`${out.json}\n`)) await new Promise((r) => process.stdout.once("drain", r));
    } else {
      bad++;
      process.stderr.write(`line ${lineNo}: invalid config: ${out.message}\n`);
    }
  }
  return bad > 0 ? 2 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`sim: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
