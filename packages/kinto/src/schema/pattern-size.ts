interface Group {
  done: number; // alternatives closed so far
  current: number; // the alternative being read
  last: number; // the last atom of `current`, which a quantifier repeats
}

const COUNTED = /^\{(\d+)(,(\d*))?\}/;

/** Index just past the character class opening at `start` (`[`), escapes and `[:alpha:]` included. */
function classEnd(source: string, start: number): number {
  let index = start + 1;
  if (source[index] === '^') index += 1;
  if (source[index] === ']') index += 1;
  while (index < source.length && source[index] !== ']') {
    if (source[index] === '\\') index += 2;
    else if (source.startsWith('[:', index)) index = Math.max(source.indexOf(':]', index + 2) + 2, index + 1);
    else index += 1;
  }
  return index + 1;
}

/**
 * The size of the RE2 program for `source` (within a few instructions), read without compiling it:
 * atoms count one, groups the sum of their alternatives, a counted repetition `{n,m}` copies its atom
 * m times plus one alternation per optional copy. It lets
 * a pattern that would compile into a huge program (compiling costs about a microsecond per
 * instruction, and matching is linear in the input times the program) be refused before compiling.
 */
export function estimatedProgramSize(source: string): number {
  const stack: Group[] = [{ done: 0, current: 0, last: 0 }];
  const atom = (size: number) => {
    const group = stack.at(-1)!;
    group.current += size;
    group.last = size;
  };
  let index = 0;
  while (index < source.length) {
    const char = source[index]!;
    const group = stack.at(-1)!;
    if (char === '\\') {
      const next = source[index + 1];
      const braced = (next === 'x' || next === 'p' || next === 'P') && source[index + 2] === '{';
      index = braced ? source.indexOf('}', index) + 1 || source.length : index + 2;
      atom(1);
    } else if (char === '[') {
      index = classEnd(source, index);
      atom(1);
    } else if (char === '(') {
      stack.push({ done: 0, current: 0, last: 0 });
      index += 1;
    } else if (char === ')' && stack.length > 1) {
      stack.pop();
      atom(group.done + group.current + 1);
      index += 1;
    } else if (char === '|') {
      group.done += group.current + 1;
      group.current = 0;
      group.last = 0;
      index += 1;
    } else if (char === '*' || char === '+' || char === '?') {
      group.current += 1;
      index += 1;
    } else {
      const counted = char === '{' ? COUNTED.exec(source.slice(index, index + 24)) : null;
      if (counted) {
        const least = Number(counted[1]);
        const times = Math.max(least, Number(counted[3] || 0));
        // RE2 copies the atom `times` times, plus one alternation per optional copy.
        const optional = counted[2] === undefined ? 0 : counted[3] ? times - least : 1;
        group.current += group.last * Math.max(times - 1, 0) + optional + 1;
        group.last *= Math.max(times, 1);
        index += counted[0].length;
      } else {
        atom(1);
        index += 1;
      }
    }
  }
  while (stack.length > 1) {
    const group = stack.pop()!;
    atom(group.done + group.current + 1);
  }
  const root = stack[0]!;
  return root.done + root.current;
}
