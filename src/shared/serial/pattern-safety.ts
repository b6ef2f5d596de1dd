/**
 * Rejects serial patterns that a backtracking regular-expression engine could take
 * exponential (or high polynomial) time on. Two limits together keep every check at the
 * prompt fast: the serial is at most 64 characters, and a pattern saved with a product must
 * pass this check. Rejected:
 *
 * - backreferences (`\1`, `\k<name>`) and lookarounds (`(?=`, `(?!`, `(?<=`, `(?<!`), which
 *   a serial format never needs;
 * - a group repeated more than once (`*`, `+`, `{2,}`, …) that contains a variable
 *   quantifier or an alternation, the shape of `(a+)+` and `(a|ab)*` that backtracks
 *   exponentially;
 * - more than `MAX_VARIABLE_QUANTIFIERS` variable quantifiers in total, because `\d*\d*\d*…`
 *   without nesting still costs about n^k steps on a non-matching input of length n.
 *
 * Returns the reason for rejecting, or null when the pattern is safe.
 */
export function findUnsafePatternConstruct(pattern: string): string | null {
  const frames: GroupFrame[] = [{ variableInside: false, alternation: false }];
  let variableQuantifiers = 0;
  let index = 0;

  while (index < pattern.length) {
    const character = pattern[index];

    if (character === '\\') {
      const next = pattern[index + 1] ?? '';
      if (/[1-9]/.test(next) || next === 'k') {
        return 'backreferences are not allowed';
      }
      index = skipEscape(pattern, index);
      index = readQuantifier(pattern, index, (variable) => {
        if (variable) variableQuantifiers += 1;
        markVariable(frames, variable);
      });
      continue;
    }

    if (character === '[') {
      index = skipClass(pattern, index);
      index = readQuantifier(pattern, index, (variable) => {
        if (variable) variableQuantifiers += 1;
        markVariable(frames, variable);
      });
      continue;
    }

    if (character === '(') {
      if (/^\(\?(?:=|!|<=|<!)/.test(pattern.slice(index, index + 4))) {
        return 'lookahead and lookbehind are not allowed';
      }
      frames.push({ variableInside: false, alternation: false });
      index += 1;
      continue;
    }

    if (character === '|') {
      const frame = frames[frames.length - 1];
      if (frame !== undefined) frame.alternation = true;
      index += 1;
      continue;
    }

    if (character === ')') {
      const group = frames.pop();
      if (group === undefined || frames.length === 0) {
        return 'unbalanced parentheses';
      }
      let repeatedUnsafely = false;
      index = readQuantifier(pattern, index + 1, (variable, repeats) => {
        if (variable) variableQuantifiers += 1;
        repeatedUnsafely = repeats && (group.variableInside || group.alternation);
      });
      if (repeatedUnsafely) {
        return 'a repeated group may not contain a variable quantifier or an alternation';
      }
      markVariable(frames, group.variableInside);
      continue;
    }

    index += 1;
    index = readQuantifier(pattern, index, (variable) => {
      if (variable) variableQuantifiers += 1;
      markVariable(frames, variable);
    });
  }

  if (variableQuantifiers > MAX_VARIABLE_QUANTIFIERS) {
    return `at most ${MAX_VARIABLE_QUANTIFIERS} variable quantifiers (*, +, ?, {n,m}) are allowed`;
  }
  return null;
}

/**
 * Four variable quantifiers over 64 characters cost at most about C(68, 4) ≈ 815,000
 * backtracking steps on a failing match, a few milliseconds.
 */
export const MAX_VARIABLE_QUANTIFIERS = 4;

interface GroupFrame {
  variableInside: boolean;
  alternation: boolean;
}

function markVariable(frames: GroupFrame[], variable: boolean): void {
  const frame = frames[frames.length - 1];
  if (frame !== undefined && variable) {
    frame.variableInside = true;
  }
}

function skipEscape(pattern: string, index: number): number {
  const next = pattern[index + 1];
  if ((next === 'p' || next === 'P' || next === 'u') && pattern[index + 2] === '{') {
    const close = pattern.indexOf('}', index + 3);
    return close === -1 ? pattern.length : close + 1;
  }
  return index + 2;
}

function skipClass(pattern: string, index: number): number {
  let position = index + 1;
  while (position < pattern.length && pattern[position] !== ']') {
    position += pattern[position] === '\\' ? 2 : 1;
  }
  return position + 1;
}

/**
 * Reads a quantifier at `index`, if any, and reports whether it is variable (matches a
 * varying count) and whether it repeats (can match more than once). Returns the index after.
 */
function readQuantifier(
  pattern: string,
  index: number,
  report: (variable: boolean, repeats: boolean) => void,
): number {
  const character = pattern[index];
  let end: number;
  if (character === '*' || character === '+') {
    report(true, true);
    end = index + 1;
  } else if (character === '?') {
    report(true, false);
    end = index + 1;
  } else if (character === '{') {
    const match = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(index));
    if (match === null) {
      return index;
    }
    const min = Number(match[1]);
    let max = min;
    if (match[2] !== undefined) {
      max = match[3] === '' ? Infinity : Number(match[3]);
    }
    report(max !== min, max > 1);
    end = index + match[0].length;
  } else {
    return index;
  }
  return pattern[end] === '?' ? end + 1 : end;
}
