"use client";
/** Last-resort boundary when the root layout itself fails: no providers are available here. */
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body>
        <main style={{ fontFamily: "system-ui, sans-serif", padding: "2rem" }}>
          <h1>Something went wrong. / 出错了。</h1>
          <p>Your progress is safe. / 你的学习进度不受影响。</p>
          <button type="button" onClick={reset}>
            Try again / 重试
          </button>
        </main>
      </body>
    </html>
  );
}
