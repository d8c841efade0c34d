/**
 * Markdown with KaTeX math as an HTML string: remark (GFM, math) → rehype → sanitized (raw HTML,
 * script and unsafe URLs never pass; math placeholders keep their classes) → KaTeX → HTML.
 * An HTML string costs one copy to send, where a React element tree of the same text (thousands
 * of KaTeX spans) is serialized twice per request (HTML and RSC payload); results are memoized.
 */
import { LRUCache } from "lru-cache";
import rehypeKatex from "rehype-katex";
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";

/**
 * remark-math renders `$$…$$` as display math only when the dollars stand on lines of their own;
 * written on one line (as our question files do, so a formula reads as one line in review) it
 * becomes inline math. A line holding nothing but `$$…$$` is turned into the block form.
 */
const ONE_LINE_DISPLAY_MATH = /^([ \t]*)\$\$([^\n$]+?)\$\$[ \t]*$/gm;

export function blockDisplayMath(markdown: string): string {
  return markdown.replace(
    ONE_LINE_DISPLAY_MATH,
    (_m, indent: string, tex: string) => `${indent}$$\n${indent}${tex.trim()}\n${indent}$$`,
  );
}

type HastNode = { type: string; properties?: Record<string, unknown>; children?: HastNode[] };

/**
 * rehype plugin: display formulas scroll sideways when wider than the screen, so keyboard users
 * must be able to focus them to scroll (WCAG 2.1.1; axe "scrollable-region-focusable").
 */
export function rehypeFocusableDisplayMath() {
  const visit = (node: HastNode): void => {
    const className = node.properties?.className;
    if (Array.isArray(className) && className.includes("katex-display") && node.properties) {
      node.properties.tabIndex = 0;
    }
    node.children?.forEach(visit);
  };
  return (tree: HastNode) => visit(tree);
}

/** GitHub's sanitation, plus the classes remark-math gives its placeholders (KaTeX replaces them after). */
const SANITIZE_SCHEMA: SanitizeSchema = {
  ...defaultSchema,
  attributes: {
    ...defaultSchema.attributes,
    code: [["className", /^language-./, "math-inline", "math-display"]],
  },
};

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkMath)
  .use(remarkRehype)
  .use(rehypeSanitize, SANITIZE_SCHEMA)
  .use(rehypeKatex, { strict: "ignore" }) // a formula KaTeX cannot parse is shown as an error in place, never thrown
  .use(rehypeFocusableDisplayMath)
  .use(rehypeStringify)
  .freeze();

/** The bank's Markdown is a few MB of HTML at most; the bound keeps a hostile caller from growing it. */
const rendered = new LRUCache<string, string>({
  maxSize: 16 * 1024 * 1024,
  sizeCalculation: (html, markdown) => (html.length + markdown.length) * 2,
});

/** The HTML of a Markdown text (our content: KaTeX math, GFM tables and lists). */
export function markdownToHtml(markdown: string): string {
  let html = rendered.get(markdown);
  if (html === undefined) {
    html = String(processor.processSync(blockDisplayMath(markdown)));
    rendered.set(markdown, html);
  }
  return html;
}
