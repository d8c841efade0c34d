/** While a question page is on its way (a click in the list): its shape, at once. */
export default function Loading() {
  return (
    <div className="loading" aria-busy="true" aria-live="polite" data-testid="question-loading">
      <div className="skeleton title" />
      <div className="skeleton row" />
      <div className="skeleton row" />
    </div>
  );
}
