/**
 * Markdown with KaTeX math, rendered on the server (no client JavaScript).
 * Content is reviewed like code, but raw HTML is still not rendered.
 *
 * Rendering is deterministic and costly (KaTeX: about 40–70 ms for one flashcard's answer on this
 * machine), and the same few hundred texts are shown again and again, so a rendered text is kept
 * (by its source) and reused: a learner's first visit to the flashcards or an answer costs what a
 * lookup costs once the server has shown that text to anyone.
 */
import { LRUCache } from "lru-cache";
import type { ReactElement } from "react";
import renderMarkdown from "react-markdown";
import rehypeKatex from "rehype-katex";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import { blockDisplayMath, rehypeFocusableDisplayMath } from "@/lib/ui/markdown";

/** The bank's texts in both languages fit many times over; each entry is a small element tree. */
const rendered = new LRUCache<string, ReactElement>({ max: 5000 });

function render(source: string): ReactElement {
  const kept = rendered.get(source);
  if (kept) return kept;
  const tree = renderMarkdown({
    remarkPlugins: [remarkGfm, remarkMath],
    rehypePlugins: [[rehypeKatex, { throwOnError: false, strict: "ignore" }], rehypeFocusableDisplayMath],
    children: blockDisplayMath(source),
  });
  rendered.set(source, tree);
  return tree;
}

export function Markdown({ children, className }: { children: string; className?: string }) {
  return <div className={className ?? "prose"}>{render(children)}</div>;
}
