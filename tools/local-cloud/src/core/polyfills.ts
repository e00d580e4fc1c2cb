/**
 * Language features the local cloud's dependencies expect from Node 22 (the Lambda
 * runtime) that Node 20 lacks. aws-local-stepfunctions 3 calls `Promise.withResolvers`.
 */
type WithResolvers = <T>() => { promise: Promise<T>; resolve: (value: T | PromiseLike<T>) => void; reject: (reason?: unknown) => void };

export function installPolyfills(): void {
  const P = Promise as unknown as { withResolvers?: WithResolvers };
  if (typeof P.withResolvers !== 'function') {
    P.withResolvers = <T>() => {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    };
  }
}
