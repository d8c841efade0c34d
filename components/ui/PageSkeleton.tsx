/**
 * The grey shapes a page shows in place of the part that is still being read and rendered on the
 * server — inside the page, behind a Suspense boundary that comes after the page's first database
 * read, so that an outage still answers 503 (a route's loading.tsx would have sent 200 first).
 */
export const SKELETON_SHAPES = ["title", "row", "card-block"] as const;
export type SkeletonShape = (typeof SKELETON_SHAPES)[number];

export function PageSkeleton({ shapes, testId }: { shapes: readonly SkeletonShape[]; testId?: string }) {
  return (
    <div className="loading" aria-busy="true" aria-live="polite" data-testid={testId}>
      {shapes.map((shape, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list that never reorders
        <div key={i} className={`skeleton ${shape}`} />
      ))}
    </div>
  );
}
