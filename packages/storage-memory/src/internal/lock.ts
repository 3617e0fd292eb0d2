/** Serialises async critical sections: each `run` starts when the previous one has settled. */
export interface Lock {
  run<T>(section: () => Promise<T> | T): Promise<T>;
}

export function createLock(): Lock {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(section: () => Promise<T> | T): Promise<T> {
      const result = tail.then(section);
      tail = result.then(
        () => undefined,
        () => undefined,
      );
      return result;
    },
  };
}
