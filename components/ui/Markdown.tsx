/**
 * Markdown with KaTeX math, rendered on the server (no client JavaScript).
 * Content is reviewed like code, but raw HTML is still not rendered.
 */
import ReactMarkdown from "react-markdown";
import rehypeKatex from "rehype-katex";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import { blockDisplayMath, rehypeFocusableDisplayMath } from "@/lib/ui/markdown";

export function Markdown({ children, className }: { children: string; className?: string }) {
  return (
    <div className={className ?? "prose"}>
      <ReactMarkdown
        remarkPlugins={[remarkGfm, remarkMath]}
        rehypePlugins={[[rehypeKatex, { throwOnError: false, strict: "ignore" }], rehypeFocusableDisplayMath]}
      >
        {blockDisplayMath(children)}
      </ReactMarkdown>
    </div>
  );
}
