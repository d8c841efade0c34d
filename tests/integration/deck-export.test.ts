import { afterAll, describe, expect, it } from "vitest";
import { GET as anki } from "@/app/api/deck/anki/route";
import { GET as csv } from "@/app/api/deck/csv/route";
import { loadQuestionBank } from "@/lib/content/load";
import { prisma } from "@/lib/db/client.server";

afterAll(() => prisma.$disconnect());
const bank = loadQuestionBank();
const CJK = /[\u4e00-\u9fff]/;

describe("deck export", () => {
  it("serves every published question as an Anki note, in English or Chinese", async () => {
    const en = await anki(new Request("http://localhost/api/deck/anki?lang=en"));
    expect(en.status).toBe(200);
    expect(en.headers.get("content-disposition")).toContain("gradlab-deck-en.txt");
    const lines = (await en.text()).trimEnd().split("\n");
    const notes = lines.filter((l) => !l.startsWith("#"));
    expect(notes).toHaveLength(bank.length);
    for (const n of notes) expect(n.split("\t")).toHaveLength(3);
    expect(notes.join("\n")).not.toMatch(/(^|[^\\])\$[^$]+\$/); // no raw $…$ math left
    const zh = await (await anki(new Request("http://localhost/api/deck/anki?lang=zh"))).text();
    expect(
      zh
        .split("\n")
        .filter((l) => !l.startsWith("#") && l)
        .every((l) => CJK.test(l)),
    ).toBe(true);
  });

  it("serves CSV and refuses bad parameters with 400", async () => {
    const res = await csv(new Request("http://localhost/api/deck/csv?lang=zh"));
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    expect((await res.text()).startsWith("Front,Back,Tags\r\n")).toBe(true);
    const bad = await csv(new Request("http://localhost/api/deck/csv?lang=fr"));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/lang must be one of/);
    expect((await anki(new Request("http://localhost/api/deck/anki?user=x"))).status).toBe(400);
  });
});
