/**
 * The question deck as files other tools import: Anki's tab-separated text with its header lines
 * (https://docs.ankiweb.net/importing/text-files.html) and RFC 4180 CSV. Pure functions.
 */

export type DeckNote = {
  slug: string;
  title: string;
  prompt: string;
  answer: string;
  keyPoints: string[];
  tags: string[];
};

/**
 * TeX in our Markdown ($…$ inline, $$…$$ display) to Anki's MathJax delimiters \(…\) and \[…\].
 * An escaped dollar (\$) stays a literal dollar; an unmatched $ is left as it is.
 */
export function mathToAnki(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === "\\" && text[i + 1] === "$") {
      out += "$";
      i += 2;
      continue;
    }
    if (ch === "$") {
      const display = text[i + 1] === "$";
      const open = display ? 2 : 1;
      const close = display ? "$$" : "$";
      let j = i + open;
      let end = -1;
      while (j < text.length) {
        if (text[j] === "\\") {
          j += 2;
          continue;
        }
        if (text.startsWith(close, j)) {
          end = j;
          break;
        }
        j++;
      }
      const body = end >= 0 ? text.slice(i + open, end) : "";
      if (end >= 0 && body.trim() !== "" && (display || !body.includes("\n"))) {
        out += display ? `\\[${body}\\]` : `\\(${body}\\)`;
        i = end + close.length;
        continue;
      }
    }
    out += ch;
    i++;
  }
  return out;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** One field of an Anki note: math converted, HTML-escaped, line breaks as <br>, no raw tab or newline left. */
export function ankiField(text: string): string {
  return escapeHtml(mathToAnki(text)).replace(/\r\n?/g, "\n").replace(/\t/g, "&#9;").replace(/\n/g, "<br>");
}

/** Anki tags: no spaces inside a tag; one space between tags. */
export function ankiTag(tag: string): string {
  return tag.trim().replace(/\s+/g, "_");
}

function front(n: DeckNote): string {
  return `**${n.title}**\n\n${n.prompt}`;
}

function back(n: DeckNote): string {
  return n.keyPoints.length ? `${n.answer}\n\n${n.keyPoints.map((p) => `• ${p}`).join("\n")}` : n.answer;
}

function fieldsHtml(n: DeckNote): [string, string, string] {
  const f = ankiField(front(n)).replace(/^\*\*(.*?)\*\*/, "<b>$1</b>");
  return [f, ankiField(back(n)), ["gradlab", ...n.tags].map(ankiTag).join(" ")];
}

export function toAnkiText(notes: DeckNote[], deck: string): string {
  const header = [
    "#separator:tab",
    "#html:true",
    "#notetype:Basic",
    `#deck:${deck}`,
    "#columns:Front\tBack\tTags",
    "#tags column:3",
  ];
  const rows = notes.map((n) => fieldsHtml(n).join("\t"));
  return `${[...header, ...rows].join("\n")}\n`;
}

/** RFC 4180: quote a field containing a quote, comma, CR or LF; double the quotes. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsv(notes: DeckNote[]): string {
  const rows = [["Front", "Back", "Tags"], ...notes.map((n) => fieldsHtml(n))];
  return `${rows.map((r) => r.map(csvField).join(",")).join("\r\n")}\r\n`;
}
