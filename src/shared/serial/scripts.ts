/**
 * Script detection for the mixed-script rule: a Cyrillic or Greek look-alike inside a Latin
 * serial is a different serial that reads the same, so it is rejected.
 *
 * Han, Hiragana, Katakana, Bopomofo and Hangul form one group because Japanese, Chinese and
 * Korean text mixes them routinely. Letters of a script not listed here are reported as
 * "other", so mixing such a letter with a listed script is rejected too.
 */
const SCRIPT_GROUPS: ReadonlyArray<{ name: string; pattern: RegExp }> = [
  { name: 'Latin', pattern: /\p{Script=Latin}/u },
  { name: 'Cyrillic', pattern: /\p{Script=Cyrillic}/u },
  { name: 'Greek', pattern: /\p{Script=Greek}/u },
  { name: 'Armenian', pattern: /\p{Script=Armenian}/u },
  { name: 'Georgian', pattern: /\p{Script=Georgian}/u },
  { name: 'Hebrew', pattern: /\p{Script=Hebrew}/u },
  { name: 'Arabic', pattern: /\p{Script=Arabic}/u },
  { name: 'Devanagari', pattern: /\p{Script=Devanagari}/u },
  { name: 'Thai', pattern: /\p{Script=Thai}/u },
  { name: 'Cherokee', pattern: /\p{Script=Cherokee}/u },
  {
    name: 'Han/Kana/Hangul',
    pattern:
      /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\p{Script=Hangul}]/u,
  },
];

const LETTER = /\p{L}/u;

export interface MixedScript {
  mainScript: string;
  otherScript: string;
  /** The first letter outside the main script, its code point and 1-based position. */
  character: string;
  codePoint: number;
  position: number;
}

/**
 * Finds the first letter whose script differs from the serial's main script: the script
 * with the most letters, Latin on a tie. Digits, symbols and marks have no script here.
 */
export function findMixedScript(value: string): MixedScript | null {
  const letters: Array<{ character: string; position: number; script: string }> = [];
  let position = 0;
  for (const character of value) {
    position += 1;
    if (LETTER.test(character)) {
      letters.push({ character, position, script: scriptOf(character) });
    }
  }

  const counts = new Map<string, number>();
  for (const letter of letters) {
    counts.set(letter.script, (counts.get(letter.script) ?? 0) + 1);
  }
  if (counts.size < 2) {
    return null;
  }

  const mainScript = pickMainScript(counts);
  const intruder = letters.find((letter) => letter.script !== mainScript);
  if (intruder === undefined) {
    return null;
  }

  return {
    mainScript,
    otherScript: intruder.script,
    character: intruder.character,
    codePoint: intruder.character.codePointAt(0) ?? 0,
    position: intruder.position,
  };
}

function scriptOf(letter: string): string {
  return SCRIPT_GROUPS.find((group) => group.pattern.test(letter))?.name ?? 'other';
}

function pickMainScript(counts: Map<string, number>): string {
  let main = '';
  let mainCount = -1;
  for (const [script, count] of counts) {
    const beatsTie = count === mainCount && script === 'Latin';
    if (count > mainCount || beatsTie) {
      main = script;
      mainCount = count;
    }
  }
  return main;
}
