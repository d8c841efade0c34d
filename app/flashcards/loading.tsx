/** The flashcards' place while the first cards are rendered: the card and the answer button. */
export default function Loading() {
  return (
    <div className="loading" aria-busy="true" aria-live="polite" data-testid="flashcards-loading">
      <div className="skeleton title" />
      <div className="skeleton card-block" />
      <div className="skeleton row" />
    </div>
  );
}
