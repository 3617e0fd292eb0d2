import type { Logger } from '@core/contracts';

/** What {@link installProcessSafetyNet} installed. */
export interface ProcessSafetyNet {
  /** Uncaught exceptions and unhandled rejections caught so far. */
  caught(): number;
  /** Removes the handlers. */
  uninstall(): void;
}

function describe(thrown: unknown): { name: string; message: string; stack: string | undefined } {
  if (thrown instanceof Error) return { name: thrown.name, message: thrown.message, stack: thrown.stack };
  return { name: typeof thrown, message: String(thrown), stack: undefined };
}

/**
 * The last line of defence of `kinto start`: an exception no caller could catch (a driver throwing
 * from a timer callback) or a rejection nobody handled is logged at error level — stack, origin and a
 * running count, so it is seen and counted rather than hidden — and the process keeps serving the
 * requests in flight and the next ones instead of dying with all of them. Only for the process that
 * owns the server: library code and tests never install it (several servers share a test process).
 */
export function installProcessSafetyNet(logger: Logger): ProcessSafetyNet {
  let count = 0;
  const report = (origin: string, thrown: unknown) => {
    count++;
    const error = describe(thrown);
    logger.error(
      { err: error, origin, caught: count },
      `${origin} #${count} caught by the process safety net (still serving): ${error.name}: ${error.message}`,
    );
  };
  const onException = (error: unknown, origin: string) =>
    report(origin === 'unhandledRejection' ? 'unhandledRejection' : 'uncaughtException', error);
  const onRejection = (reason: unknown) => report('unhandledRejection', reason);
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return {
    caught: () => count,
    uninstall() {
      process.off('uncaughtException', onException);
      process.off('unhandledRejection', onRejection);
    },
  };
}
