import { RE2JS } from 're2js';
import { createBoundedCache } from './bounded-cache.ts';
import { CHARS_PER_STEP, ONE_PASS_UNITS_PER_CHAR, PATTERN_UNITS_PER_STEP } from './budget.ts';
import { type Context, charge } from './context.ts';
import { estimatedProgramSize } from './pattern-size.ts';
import { toRe2Syntax } from './pattern-syntax.ts';

/**
 * Largest program (estimated before compiling) a schema pattern may compile into. Matching costs up
 * to the input length times the program size, and compiling about 1.5 µs per instruction;
 * `^.{1,1000}$` (2,000) fits, nested counted repetitions that would compile into tens of thousands do not.
 */
export const MAX_PATTERN_SIZE = 4_000;

/** A pattern compiled for RE2JS. */
export interface CompiledPattern {
  readonly source: string;
  /** Unanchored search, in time linear in `input`; charges its worst-case cost to `context` first. */
  search(input: string, context: Context): boolean;
}

/** Either the compiled pattern or why it cannot run on the linear-time engine. */
export type PatternResult = (
  | { readonly pattern: CompiledPattern; readonly problem?: undefined }
  | { readonly pattern?: undefined; readonly problem: string }
) & {
  /** The estimated program size (at most {@link MAX_PATTERN_SIZE}): what compiling costs. */
  readonly cost: number;
};

/**
 * What one searched character costs at worst, in budget units: nothing beyond reading it for a
 * literal (a substring search), a constant for a one-pass pattern (RE2's one-pass engine, whatever
 * the program size: `^\d{4}-\d{2}-\d{2}$`, uuids), else the program size (the NFA that RE2 falls back
 * to when its DFA cache thrashes runs every instruction for every character).
 */
function unitsPerChar(compiled: RE2JS): number {
  const engine = compiled.re2Input;
  if (engine.prefixComplete) return 0;
  if (engine.onepass) return ONE_PASS_UNITS_PER_CHAR;
  return compiled.programSize();
}

function compile(source: string): PatternResult {
  const estimate = estimatedProgramSize(source);
  if (estimate > MAX_PATTERN_SIZE) {
    return {
      problem: `expression too large (over ${MAX_PATTERN_SIZE} instructions)`,
      cost: MAX_PATTERN_SIZE,
    };
  }
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(toRe2Syntax(source));
  } catch (error) {
    return {
      problem: String((error as Error).message).replace(/^error parsing regexp: /, ''),
      cost: estimate,
    };
  }
  const units = unitsPerChar(compiled);
  const search = (input: string, context: Context) => {
    charge(
      context,
      Math.floor(input.length / CHARS_PER_STEP + (input.length * units) / PATTERN_UNITS_PER_STEP),
    );
    return compiled.test(input);
  };
  return { pattern: { source, search }, cost: estimate };
}

// Patterns recur across schemas and across the meta-schema check and validation: compile each once.
const patterns = createBoundedCache<string, PatternResult>(1024);

/** Compiles a schema pattern with RE2JS (cached): lookarounds, backreferences and oversized programs are refused. */
export function compilePattern(source: string): PatternResult {
  let result = patterns.get(source);
  if (!result) {
    result = compile(source);
    patterns.set(source, result);
  }
  return result;
}
