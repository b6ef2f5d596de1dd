import { useEffect, useRef } from 'react';

import type { Feedback } from '../../../shared/ipc/channels/pack';
import { playSound } from '../audio/sounds';

/** Characters past which a message is set smaller, so it fits the band in three lines. */
const longMessage = 60;

const kindLabels: Record<Feedback['kind'], string> = {
  success: 'OK',
  warning: 'Warning',
  error: 'Error',
  info: 'Info',
};

/**
 * The large message of the last scan, in a band of fixed height so the screen below never
 * moves. A new `sequence` plays the sound again even when the message repeats.
 */
export function FeedbackBanner({ feedback }: { feedback: Feedback | null }) {
  const lastSequence = useRef<number | null>(null);

  useEffect(() => {
    if (feedback === null || feedback.sequence === lastSequence.current) return;

    const first = lastSequence.current === null;
    lastSequence.current = feedback.sequence;

    // The view loaded on start carries the previous feedback; replaying its sound would
    // beep on every window reload.
    if (!first && feedback.sound !== 'none') playSound(feedback.sound);
  }, [feedback]);

  const kind = feedback?.kind ?? 'info';

  return (
    <div
      className={`feedback feedback-${kind}`}
      data-testid="feedback"
      data-kind={kind}
      data-code={feedback?.code ?? ''}
      role={kind === 'error' ? 'alert' : 'status'}
    >
      {feedback === null ? (
        <span className="feedback-message">Scan an order number to start.</span>
      ) : (
        <>
          <span className="feedback-kind">{kindLabels[feedback.kind]}</span>
          <span
            className={`feedback-message ${feedback.message.length > longMessage ? 'feedback-long' : ''}`}
          >
            {feedback.message}
          </span>
        </>
      )}
    </div>
  );
}
