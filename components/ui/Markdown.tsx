/**
 * Markdown with KaTeX math, rendered on the server (no client JavaScript) as one HTML string
 * (lib/ui/markdown.ts: sanitized, memoized). Content is reviewed like code; raw HTML is still
 * not rendered.
 */
import { markdownToHtml } from "@/lib/ui/markdown";

export function Markdown({ children, className }: { children: string; className?: string }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized by markdownToHtml (rehype-sanitize)
  return <div className={className ?? "prose"} dangerouslySetInnerHTML={{ __html: markdownToHtml(children) }} />;
}
