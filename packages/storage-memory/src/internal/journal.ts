/**
 * Undo log of one memory transaction: every mutation records how to revert itself; `rollback`
 * replays the records newest first.
 */
export interface Journal {
  record(undo: () => void): void;
  rollback(): void;
}

export function createJournal(): Journal {
  const undos: (() => void)[] = [];
  return {
    record(undo) {
      undos.push(undo);
    },
    rollback() {
      for (let i = undos.length - 1; i >= 0; i--) undos[i]!();
      undos.length = 0;
    },
  };
}
