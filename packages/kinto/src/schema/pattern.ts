import { RE2JS } from 're2js';
import { createBoundedCache } from './bounded-cache.ts';
import { estimatedProgramSize, toRe2Syntax } from './pattern-syntax.ts';

/**
 * Largest program (estimated before compiling) a schema pattern may compile into. Matching costs up
 * to the input length times the program size, and compiling about a microsecond per instruction;
 * `^.{1,1000}$` fits, nested counted repetitions that would compile into tens of thousands do not.
 */
export const MAX_PATTERN_SIZE = 2_000;

/** A pattern compiled for RE2JS: `test` is an unanchored search in time linear in the input. */
export interface CompiledPattern {
  readonly source: string;
  /** RE2's program size: what one tested character can cost at worst. */
  readonly size: number;
  test(input: string): boolean;
}

/** Either the compiled pattern or why it cannot run on the linear-time engine. */
export type PatternResult = (
  | { readonly pattern: CompiledPattern; readonly problem?: undefined }
  | { readonly pattern?: undefined; readonly problem: string }
) & {
  /** The estimated program size (at most {@link MAX_PATTERN_SIZE}): what compiling costs. */
  readonly cost: number;
};

function compile(source: string): PatternResult {
  const estimate = estimatedProgramSize(source);
  if (estimate > MAX_PATTERN_SIZE) {
    return {
      problem: `expression too large (over ${MAX_PATTERN_SIZE} instructions)`,
      cost: MAX_PATTERN_SIZE,
    };
  }
  try {
    const compiled = RE2JS.compile(toRe2Syntax(source));
    const pattern = { source, size: compiled.programSize(), test: (input: string) => compiled.test(input) };
    return { pattern, cost: estimate };
  } catch (error) {
    return {
      problem: String((error as Error).message).replace(/^error parsing regexp: /, ''),
      cost: estimate,
    };
  }
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
