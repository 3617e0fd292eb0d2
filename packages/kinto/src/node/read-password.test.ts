import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readPassword } from './read-password.ts';

const piped = (text: string) => {
  const input = new PassThrough();
  input.end(text);
  return input;
};

describe('readPassword (kinto create-user without -p)', () => {
  it('takes the first line of a pipe, echoing nothing', async () => {
    const output = new PassThrough();
    const written: string[] = [];
    output.on('data', (chunk) => written.push(String(chunk)));
    expect(await readPassword(piped('s3cr3t\nignored\n'), output)).toBe('s3cr3t');
    expect(written).toEqual([]);
  });

  it('on a terminal, prompts twice and insists both answers match', async () => {
    const terminal = (text: string) => Object.assign(piped(text), { isTTY: true });
    const output = new PassThrough();
    const written: string[] = [];
    output.on('data', (chunk) => written.push(String(chunk)));
    expect(await readPassword(terminal('pw\npw\n'), output)).toBe('pw');
    expect(written.join('')).toBe('Password: \nConfirm password: \n');
    await expect(readPassword(terminal('pw\nother\n'), new PassThrough())).rejects.toThrow(
      'Passwords do not match',
    );
  });

  it('refuses an empty password and a closed input', async () => {
    await expect(readPassword(piped('\n'), new PassThrough())).rejects.toThrow('must not be empty');
    await expect(readPassword(piped(''), new PassThrough())).rejects.toThrow('end of input');
  });
});
