import type { ReactNode } from "react";
import { Markdown } from "@/components/ui/Markdown";
import { ShortAnswer } from "./ShortAnswer";

/**
 * A question's answer as people should meet it: the 30-second answer first, then (`children`,
 * e.g. the answer page's first chart) what shows it, then the full answer and its key points
 * (question page, quiz feedback).
 */
export function AnswerBody({
  shortAnswer,
  answer,
  keyPoints,
  labels,
  children,
}: {
  shortAnswer: string;
  answer: string;
  keyPoints: string[];
  labels: { shortAnswer: string; fullAnswer: string; keyPoints: string };
  children?: ReactNode;
}) {
  return (
    <>
      <ShortAnswer text={shortAnswer} heading={labels.shortAnswer} />
      {children}
      <h3>{labels.fullAnswer}</h3>
      <Markdown>{answer}</Markdown>
      <h3>{labels.keyPoints}</h3>
      <ul>
        {keyPoints.map((p) => (
          <li key={p}>
            <Markdown className="inline-md">{p}</Markdown>
          </li>
        ))}
      </ul>
    </>
  );
}
