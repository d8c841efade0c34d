export default function Loading() {
  return (
    <div className="loading" aria-busy="true" aria-live="polite">
      <div className="skeleton title" />
      <div className="skeleton row" />
      <div className="skeleton row" />
      <div className="skeleton row" />
    </div>
  );
}
