import { createInterface } from 'node:readline';
import { type Readable, Writable } from 'node:stream';

/**
 * Reads a password: on a terminal, prompts twice without echoing (readline echoes into a muted
 * stream) and insists both match; from a pipe (`echo "$PASSWORD" | kinto create-user -u admin`),
 * takes the first line. Rejects on an empty answer or at end of input.
 */
export async function readPassword(
  input: Readable & { isTTY?: boolean } = process.stdin,
  output: Writable = process.stderr,
): Promise<string> {
  const terminal = input.isTTY === true;
  const muted = new Writable({ write: (_chunk, _encoding, done) => done() });
  const lines = createInterface({ input, output: muted, terminal });
  const iterator = lines[Symbol.asyncIterator]();
  const ask = async (prompt: string): Promise<string> => {
    if (terminal) output.write(prompt);
    const line = await iterator.next();
    if (terminal) output.write('\n');
    if (line.done) throw new Error('No password given (end of input)');
    return line.value;
  };
  try {
    const password = await ask('Password: ');
    if (password.length === 0) throw new Error('The password must not be empty');
    if (terminal && (await ask('Confirm password: ')) !== password) throw new Error('Passwords do not match');
    return password;
  } finally {
    lines.close();
  }
}
