import { Markdown } from "@/components/ui/Markdown";

/** A question's answer and the key points a good answer contains (question page, quiz feedback). */
export function AnswerBody({
  answer,
  keyPoints,
  keyPointsHeading,
}: {
  answer: string;
  keyPoints: string[];
  keyPointsHeading: string;
}) {
  return (
    <>
      <Markdown>{answer}</Markdown>
      <h3>{keyPointsHeading}</h3>
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
