/** A quiz step's place while it renders: progress, heading, the question and its options. */
export default function Loading() {
  return (
    <div className="loading" aria-busy="true" aria-live="polite">
      <div className="skeleton row" />
      <div className="skeleton title" />
      <div className="skeleton card-block" />
    </div>
  );
}
