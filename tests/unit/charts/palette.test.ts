/**
 * One colour system (issue 13): a run's colour (the series palette the charts draw lines, bars
 * and swatches in) is never a verdict's colour (exploding, vanishing, healthy), in light, dark and
 * the system's dark. Read from the real stylesheets: app/globals.css's custom properties, the
 * palette module's var() names, and the classes the verdict badges and the lab's layer strip use.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SERIES_COLORS } from "@/components/charts/palette";
import { VERDICTS } from "@/lib/sim";

const css = (path: string) => readFileSync(path, "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
const globals = css("app/globals.css");

/** The custom properties declared in the first rule whose selector is exactly `selector`. */
function declarations(source: string, selector: string): Map<string, string> {
  const at = source.indexOf(`${selector} {`);
  if (at < 0) throw new Error(`no rule ${selector}`);
  const body = source.slice(at + selector.length + 2, source.indexOf("}", at));
  const out = new Map<string, string>();
  for (const m of body.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) out.set(m[1] as string, (m[2] as string).trim());
  return out;
}

const light = declarations(globals, ":root");
const themes = {
  light,
  dark: new Map([...light, ...declarations(globals, ':root[data-theme="dark"]')]),
  "system dark": new Map([...light, ...declarations(globals, ':root:not([data-theme="light"])')]),
};
type Theme = Map<string, string>;

/** A colour value with its var() references followed, as a lower-case #rrggbb. */
function resolve(value: string, theme: Theme, seen: string[] = []): string {
  const ref = /^var\((--[\w-]+)\)$/.exec(value.trim());
  if (ref) {
    const name = ref[1] as string;
    const next = theme.get(name);
    if (next === undefined || seen.includes(name)) throw new Error(`${value}: not declared`);
    return resolve(next, theme, [...seen, name]);
  }
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim());
  if (!hex) throw new Error(`${value}: not a hex colour`);
  const h = (hex[1] as string).toLowerCase();
  return h.length === 3 ? `#${[...h].map((c) => c + c).join("")}` : `#${h}`;
}

/** CIELAB (D65) of an sRGB hex colour. */
function lab(hex: string): [number, number, number] {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const xyz = [
    (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
    0.2126 * r + 0.7152 * g + 0.0722 * b,
    (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
  ].map((t) => (t > 216 / 24389 ? Math.cbrt(t) : (t * 24389) / 27 / 116 + 16 / 116)) as [number, number, number];
  return [116 * xyz[1] - 16, 500 * (xyz[0] - xyz[1]), 200 * (xyz[1] - xyz[2])];
}

/** CIE76 colour difference; ≈ 2.3 is just noticeable, 20+ reads as another colour. */
const deltaE = (a: string, b: string) => Math.hypot(...lab(a).map((v, i) => v - (lab(b)[i] as number)));

/** The var() a CSS module's `.name` rule sets for `property`. */
function ruleVar(path: string, name: string, property: string): string {
  const m = new RegExp(`\\.${name}\\s*\\{[^}]*?${property}\\s*:\\s*(var\\(--[\\w-]+\\))`).exec(css(path));
  if (!m) throw new Error(`${path}: no .${name} { ${property}: var(…) }`);
  return m[1] as string;
}

/** What the verdict badges are coloured with (components/sim/sim.module.css, class = the verdict). */
const verdictVars = VERDICTS.map((v) => ruleVar("components/sim/sim.module.css", v, "color"));
/** A colour is another only when far from it: a near-copy of a verdict colour would still read as the verdict. */
const MIN_DELTA_E = 20;

describe("the series palette and the verdict palette", () => {
  it("are read from the stylesheet: four series colours, a badge colour per verdict, each declared in every theme", () => {
    expect(SERIES_COLORS).toHaveLength(4);
    expect(verdictVars).toEqual(VERDICTS.map((v) => `var(--verdict-${v})`));
    for (const theme of Object.values(themes))
      for (const v of [...SERIES_COLORS, ...verdictVars]) expect(resolve(v, theme)).toMatch(/^#[0-9a-f]{6}$/);
  });

  for (const [name, theme] of Object.entries(themes))
    it(`share no colour, and no series colour is near a verdict colour (${name})`, () => {
      const series = SERIES_COLORS.map((c) => resolve(c, theme));
      const verdicts = verdictVars.map((c) => resolve(c, theme));
      expect(new Set(verdicts).size).toBe(verdicts.length);
      expect(new Set(series).size).toBe(series.length);
      expect(series.filter((c) => verdicts.includes(c))).toEqual([]);
      for (const s of series)
        for (const [i, v] of verdicts.entries())
          expect(deltaE(s, v), `${name}: series ${s} vs ${VERDICTS[i]} ${v}`).toBeGreaterThanOrEqual(MIN_DELTA_E);
      // and the runs tell apart from each other
      for (const [i, a] of series.entries())
        for (const b of series.slice(i + 1))
          expect(deltaE(a, b), `${name}: ${a} vs ${b}`).toBeGreaterThanOrEqual(MIN_DELTA_E);
    });

  it("the system's dark is the chosen dark, colour for colour", () => {
    for (const v of [...SERIES_COLORS, ...verdictVars])
      expect(resolve(v, themes["system dark"]), v).toBe(resolve(v, themes.dark));
  });

  it("the lab's layer strip colours shrinking, steady and growing layers with the verdicts' colours, not a run's", () => {
    const strip = "components/lab/lab.module.css";
    expect(ruleVar(strip, "shrinks", "--c")).toBe("var(--verdict-vanishing)");
    expect(ruleVar(strip, "underflow", "--c")).toBe("var(--verdict-vanishing)");
    expect(ruleVar(strip, "steady", "--c")).toBe("var(--verdict-healthy)");
    expect(ruleVar(strip, "grows", "--c")).toBe("var(--verdict-exploding)");
    expect(ruleVar(strip, "nonfinite", "--c")).toBe("var(--verdict-exploding)");
  });
});
