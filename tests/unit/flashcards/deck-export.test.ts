import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ankiField, ankiTag, csvField, escapeHtml, mathToAnki, toAnkiText, toCsv } from "@/lib/flashcards/deck-export";

describe("mathToAnki", () => {
  it("converts inline and display math to MathJax delimiters", () => {
    expect(mathToAnki("grad $\\prod_l w_l$ shrinks")).toBe("grad \\(\\prod_l w_l\\) shrinks");
    expect(mathToAnki("$$0.99^{100} \\approx 0.37$$")).toBe("\\[0.99^{100} \\approx 0.37\\]");
    expect(mathToAnki("a $x$ and $$y$$ and $z$")).toBe("a \\(x\\) and \\[y\\] and \\(z\\)");
  });

  it("keeps escaped and unmatched dollars literal", () => {
    expect(mathToAnki("costs \\$5")).toBe("costs $5");
    expect(mathToAnki("only one $ here")).toBe("only one $ here");
    expect(mathToAnki("$a \\$ b$")).toBe("\\(a \\$ b\\)");
  });
});

describe("Anki fields", () => {
  it("escapes HTML and turns tabs and newlines into markup", () => {
    expect(escapeHtml(`<b>"x" & 'y'</b>`)).toBe("&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;");
    expect(ankiField("a\tb\nc\r\nd")).toBe("a&#9;b<br>c<br>d");
    expect(ankiField("if $x < 1$ then")).toBe("if \\(x &lt; 1\\) then");
  });

  it("never leaves a raw tab or newline in a field, whatever the text", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(ankiField(s)).not.toMatch(/[\t\n\r]/);
        expect(ankiField(s)).not.toMatch(/<(?!br>)/);
      }),
    );
  });

  it("makes tags without spaces", () => {
    expect(ankiTag(" topic::weight init ")).toBe("topic::weight_init");
  });

  it("writes Anki's header lines and one row of three fields per note", () => {
    const text = toAnkiText(
      [{ slug: "s", title: "T", prompt: "P\twith tab", answer: "A\nline", keyPoints: ["k1"], tags: ["topic::x"] }],
      "GradLab",
    );
    const lines = text.trimEnd().split("\n");
    expect(lines.slice(0, 6)).toEqual([
      "#separator:tab",
      "#html:true",
      "#notetype:Basic",
      "#deck:GradLab",
      "#columns:Front\tBack\tTags",
      "#tags column:3",
    ]);
    expect(lines).toHaveLength(7);
    expect(lines[6]?.split("\t")).toEqual([
      "<b>T</b><br><br>P&#9;with tab",
      "A<br>line<br><br>• k1",
      "gradlab topic::x",
    ]);
  });
});

describe("CSV (RFC 4180)", () => {
  it("quotes only when needed and doubles quotes", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField("a\nb")).toBe('"a\nb"');
  });

  it("round-trips any field through a strict RFC 4180 parser", () => {
    const parse = (line: string): string[] => {
      const out: string[] = [];
      let i = 0;
      while (i <= line.length) {
        if (line[i] === '"') {
          let v = "";
          i++;
          for (;;) {
            if (line[i] === '"' && line[i + 1] === '"') {
              v += '"';
              i += 2;
            } else if (line[i] === '"') {
              i++;
              break;
            } else v += line[i++];
          }
          out.push(v);
          i++;
        } else {
          const end = line.indexOf(",", i);
          out.push(line.slice(i, end < 0 ? line.length : end));
          i = end < 0 ? line.length + 1 : end + 1;
        }
      }
      return out;
    };
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 4 }), (fields) => {
        expect(parse(fields.map(csvField).join(","))).toEqual(fields);
      }),
    );
  });

  it("has a header row and CRLF line ends", () => {
    const csv = toCsv([{ slug: "s", title: "T, too", prompt: "P", answer: "A", keyPoints: [], tags: [] }]);
    expect(csv.startsWith("Front,Back,Tags\r\n")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv).toContain('"<b>T, too</b><br><br>P",A,gradlab');
  });
});
