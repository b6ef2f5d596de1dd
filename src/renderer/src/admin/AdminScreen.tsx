import { useEffect, useState } from 'react';

import { useStation } from '../ipc/StationContext';
import { toProblem } from '../ui/problem';
import type { Problem } from '../ui/problem';
import { ProblemNote } from '../ui/ProblemNote';
import { AccountSettingsPanel } from './AccountSettingsPanel';
import { CsvImportPanel } from './CsvImportPanel';
import { ProductsPanel } from './ProductsPanel';

/** Shows products and account settings when the station has an admin token or runs standalone. */
export function AdminScreen() {
  const station = useStation();
  const [access, setAccess] = useState<{ allowed: boolean; reason: string | null } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  useEffect(() => {
    let active = true;
    station
      .call('admin.access', {})
      .then((value) => {
        if (active) setAccess(value);
      })
      .catch((cause: unknown) => {
        if (active) setProblem(toProblem(cause));
      });

    return () => {
      active = false;
    };
  }, [station]);

  if (access === null) {
    return (
      <section aria-label="Products">
        <ProblemNote problem={problem} />
        {problem === null && <p className="muted">Checking admin access…</p>}
      </section>
    );
  }

  if (!access.allowed) {
    return (
      <section aria-labelledby="admin-heading">
        <h2 id="admin-heading">Products</h2>
        <p className="problem" role="alert">
          {access.reason ?? 'This station has no admin token.'}
        </p>
      </section>
    );
  }

  return (
    <div className="admin">
      <ProductsPanel />
      <CsvImportPanel />
      <AccountSettingsPanel />
    </div>
  );
}
