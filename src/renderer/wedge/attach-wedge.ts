import type { ErrorBody } from '../../shared/errors';
import { parseGs1Fields } from '../../shared/scanner/gs1-fields';
import type { Scan } from '../../shared/scanner/scan';
import { buildScan } from '../../shared/scanner/scan';
import type {
  LayoutWarning,
  WedgeKeyEvent,
  WedgeOptions,
} from '../../shared/scanner/wedge-decoder';
import { defaultWedgeOptions, WedgeDecoder } from '../../shared/scanner/wedge-decoder';

export interface WedgeAdapterOptions {
  /** Decoder settings; defaults from `defaultWedgeOptions`. */
  decoder?: Partial<WedgeOptions>;
  /** Name of the wedge scanner for the Scan's `device`, or null. */
  device?: string | null;
  /** Receives each burst as a Scan; send it to main over the IPC contract. */
  onScan: (scan: Scan, warning: LayoutWarning | null) => void;
  onDiscarded?: (error: ErrorBody) => void;
  /** Receives a hint to show when a burst without terminator was left in the field. */
  onHint?: (hint: string) => void;
}

/**
 * Feeds the window's key events to a WedgeDecoder in the capture phase, before any field
 * or form receives them, and stops the events the decoder holds back. Keys that turn out to be
 * typing are inserted into the element that was focused. Returns the function that
 * detaches every listener and timer.
 */
export function attachWedge(view: Window, options: WedgeAdapterOptions): () => void {
  const decoder = new WedgeDecoder({ ...defaultWedgeOptions, ...options.decoder });
  let timer: number | null = null;

  const settle = (outputs: ReturnType<WedgeDecoder['poll']>) => {
    for (const output of outputs) {
      switch (output.kind) {
        case 'scan':
          options.onScan(
            buildScan(output.barcode, {
              source: 'wedge',
              device: options.device ?? null,
              time: new Date(),
              parseGs1: parseGs1Fields,
            }),
            output.warning,
          );
          break;
        case 'typed':
          insertText(view.document, output.text);

          if (output.hint !== null) {
            options.onHint?.(output.hint);
          }

          break;
        case 'discarded':
          options.onDiscarded?.(output.error);
          break;
        default:
          assertNever(output);
      }
    }

    schedule();
  };

  const schedule = () => {
    if (timer !== null) {
      view.clearTimeout(timer);
      timer = null;
    }

    const deadline = decoder.nextDeadline();

    if (deadline !== null) {
      timer = view.setTimeout(
        () => {
          timer = null;
          settle(decoder.poll(view.performance.now()));
        },
        Math.max(0, deadline - view.performance.now()),
      );
    }
  };

  const onKey = (event: KeyboardEvent) => {
    const decision = decoder.handle(toWedgeEvent(event));

    if (decision.preventDefault) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }

    settle(decision.outputs);
  };

  view.addEventListener('keydown', onKey, { capture: true });
  view.addEventListener('keyup', onKey, { capture: true });

  return () => {
    view.removeEventListener('keydown', onKey, { capture: true });
    view.removeEventListener('keyup', onKey, { capture: true });

    if (timer !== null) {
      view.clearTimeout(timer);
    }
  };
}

function toWedgeEvent(event: KeyboardEvent): WedgeKeyEvent {
  return {
    type: event.type === 'keyup' ? 'keyup' : 'keydown',
    code: event.code,
    key: event.key,
    shiftKey: event.shiftKey,
    ctrlKey: event.ctrlKey,
    altKey: event.altKey,
    metaKey: event.metaKey,
    altGraph: event.getModifierState('AltGraph'),
    repeat: event.repeat,
    time: event.timeStamp,
  };
}

/**
 * Inserts held-back typing at the caret of the focused field. execCommand keeps the
 * field's undo history and fires the input events React listens to. It is deprecated but
 * still supported by Chromium, and the fallback covers inputs where it fails.
 */
function insertText(document: Document, text: string): void {
  // NOTE: this is the field focused when the keys are released, up to maxKeyGapMs after
  // they were pressed. A click on another field within that time moves the typing there.
  const element = document.activeElement;

  if (text === '' || element === null) {
    return;
  }

  if (document.execCommand('insertText', false, text)) {
    return;
  }

  if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) {
    element.setRangeText(text, element.selectionStart ?? 0, element.selectionEnd ?? 0, 'end');
    element.dispatchEvent(new InputEvent('input', { bubbles: true, data: text }));
  }
}

function assertNever(value: never): never {
  throw new Error(`Unhandled wedge output: ${JSON.stringify(value)}`);
}
