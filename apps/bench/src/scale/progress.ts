/** `[##########··········]  50%  500,000 / 1,000,000 records  12.3 s` (no line ending). */
export function progressLine(
  done: number,
  total: number,
  phase: string,
  elapsedMs: number,
  width = 30,
): string {
  const fraction = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(fraction * width);
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  const count = `${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}`;
  return `[${'#'.repeat(filled)}${'·'.repeat(width - filled)}] ${percent}  ${count}  ${phase}  ${(elapsedMs / 1000).toFixed(1)} s`;
}

/**
 * A progress bar on stderr: redrawn in place on a terminal; elsewhere (a log file, CI) one line per
 * phase change or tenth of the way, so the log stays short.
 */
export function progressBar(stream: NodeJS.WriteStream = process.stderr) {
  const started = performance.now();
  let lastTenth = -1;
  let lastPhase = '';
  return {
    update(done: number, total: number, phase: string): void {
      const line = progressLine(done, total, phase, performance.now() - started);
      if (stream.isTTY) {
        stream.write(`\r${line}\u001b[K`);
        return;
      }
      const tenth = total > 0 ? Math.floor((done / total) * 10) : 10;
      if (tenth !== lastTenth || phase !== lastPhase) stream.write(`${line}\n`);
      lastTenth = tenth;
      lastPhase = phase;
    },
    done(): number {
      if (stream.isTTY) stream.write('\n');
      return performance.now() - started;
    },
  };
}
