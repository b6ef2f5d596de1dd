import { PREDEFINED_LENGTH_PREFIXES } from './ai-table';
import { GS } from './codes';

type ElementText = { ai: string; value: string };

/** Formats elements in the human-readable bracketed form, `(01)09506000134352(21)SN-1`. */
export function formatGs1Bracketed(elements: readonly ElementText[]): string {
  return elements.map((element) => `(${element.ai})${element.value}`).join('');
}

/**
 * Formats elements as a scanner transmits them: an optional AIM identifier, then the
 * elements with a GS after every element whose AI has no predefined length, except the last.
 */
export function formatGs1Raw(elements: readonly ElementText[], aim = ''): string {
  let text = aim;
  for (const [index, element] of elements.entries()) {
    text += element.ai + element.value;
    const isLast = index === elements.length - 1;
    if (!isLast && !PREDEFINED_LENGTH_PREFIXES.has(element.ai.slice(0, 2))) {
      text += GS;
    }
  }
  return text;
}
