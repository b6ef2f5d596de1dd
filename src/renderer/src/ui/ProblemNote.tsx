import type { Problem } from './problem';

/** An inline error under a form or table, announced by screen readers when it appears. */
export function ProblemNote({ problem }: { problem: Problem | null }) {
  if (problem === null) return null;

  return (
    <p role="alert" className="problem" data-code={problem.code}>
      {problem.message} <span className="code">({problem.code})</span>
    </p>
  );
}
