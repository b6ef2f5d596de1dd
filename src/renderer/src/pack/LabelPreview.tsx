import { useEffect, useRef, useState } from 'react';

import { useStation } from '../ipc/StationContext';
import { toProblem } from '../ui/problem';
import type { Problem } from '../ui/problem';
import { ProblemNote } from '../ui/ProblemNote';

/**
 * Shows the order's 4×6 PDF label in a frame, loaded from a blob: URL (the CSP allows frames from
 * blob:), with Print through the frame's own print dialog.
 */
export function LabelPreview({ orderNumber }: { orderNumber: string }) {
  const station = useStation();
  const frame = useRef<HTMLIFrameElement>(null);
  const [url, setUrl] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  useEffect(() => {
    let objectUrl: string | null = null;
    let active = true;

    station
      .call('pack.label', { orderNumber })
      .then((label) => {
        if (!active) return;

        objectUrl = URL.createObjectURL(pdfBlob(label.pdfBase64));
        setUrl(objectUrl);
      })
      .catch((cause: unknown) => {
        if (active) setProblem(toProblem(cause));
      });

    return () => {
      active = false;
      if (objectUrl !== null) URL.revokeObjectURL(objectUrl);
    };
  }, [station, orderNumber]);

  return (
    <section className="label-preview" aria-labelledby="label-heading">
      <h3 id="label-heading">Shipping label</h3>
      <ProblemNote problem={problem} />
      {url === null && problem === null && <p className="muted">Loading the label…</p>}
      {url !== null && (
        <>
          <iframe ref={frame} src={url} title={`Shipping label of order ${orderNumber}`} />
          <button type="button" onClick={() => frame.current?.contentWindow?.print()}>
            Print label
          </button>
        </>
      )}
    </section>
  );
}

function pdfBlob(base64: string): Blob {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);

  return new Blob([bytes], { type: 'application/pdf' });
}
