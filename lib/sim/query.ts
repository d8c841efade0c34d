/**
 * Flat query parameters ↔ config, for GET /api/simulate?… and "Open in lab" links.
 *   model=mlp&depth=30&train.steps=50&train.clip.mode=norm
 * Dotted keys nest; "true"/"false" become booleans, numeric strings numbers; empty values are
 * dropped (→ defaults). Repeated keys stay arrays, which the schema rejects with a clear message.
 * The output is unvalidated: pass it to parseSimConfig.
 */

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function coerce(v: string): unknown {
  const s = v.trim();
  if (s === "true") return true;
  if (s === "false") return false;
  if (NUMERIC.test(s)) return Number(s);
  return s;
}

/** Own-property assignment even for keys like "__proto__" (the schema then rejects them as unknown). */
function put(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

export function configFromSearchParams(
  params: Record<string, string | string[] | undefined> | URLSearchParams,
): unknown {
  const entries: [string, string | string[]][] = [];
  if (params instanceof URLSearchParams) {
    for (const key of new Set(params.keys())) {
      const all = params.getAll(key);
      entries.push([key, all.length === 1 ? all[0]! : all]);
    }
  } else {
    for (const [k, v] of Object.entries(params)) if (v !== undefined) entries.push([k, v]);
  }
  const root: Record<string, unknown> = {};
  for (const [key, raw] of entries) {
    const value = Array.isArray(raw) ? raw.map(coerce) : raw.trim() === "" ? undefined : coerce(raw);
    if (value === undefined) continue;
    const parts = key.split(".");
    let node = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const part = parts[i]!;
      const next = Object.hasOwn(node, part) ? node[part] : undefined;
      if (typeof next !== "object" || next === null || Array.isArray(next)) {
        const child: Record<string, unknown> = {};
        put(node, part, child);
        node = child;
      } else node = next as Record<string, unknown>;
    }
    put(node, parts[parts.length - 1]!, value);
  }
  return root;
}

/** The inverse: a (canonical) config → flat, dotted query parameters in the config's key order. */
export function configToSearchParams(config: object): URLSearchParams {
  const out = new URLSearchParams();
  const walk = (obj: object, prefix: string): void => {
    for (const [k, v] of Object.entries(obj)) {
      if (v === undefined) continue;
      const key = prefix ? `${prefix}.${k}` : k;
      if (typeof v === "object" && v !== null && !Array.isArray(v)) walk(v, key);
      else out.append(key, String(v));
    }
  };
  walk(config, "");
  return out;
}
