/**
 * Every handler runs behind a guard: an exception is logged with `connection.console.error`
 * and the request is answered with an empty result; the server never goes down for it.
 */
import type { Connection } from 'vscode-languageserver/node';
import { errorText } from './diagnostics';

export function guardRequest<P, R, T extends unknown[]>(
  connection: Connection,
  name: string,
  empty: () => R,
  handler: (params: P, ...rest: T) => R | Promise<R>,
): (params: P, ...rest: T) => Promise<R> {
  return async (params: P, ...rest: T) => {
    try {
      return await handler(params, ...rest);
    } catch (e) {
      connection.console.error(`cfn-resilience: ${name} failed: ${errorText(e)}`);
      return empty();
    }
  };
}

export function guardNotification<P>(connection: Connection, name: string, handler: (params: P) => void | Promise<void>): (params: P) => void {
  return (params: P) => {
    try {
      const r = handler(params);
      if (r && typeof (r as Promise<void>).catch === 'function') {
        (r as Promise<void>).catch((e) => connection.console.error(`cfn-resilience: ${name} failed: ${errorText(e)}`));
      }
    } catch (e) {
      connection.console.error(`cfn-resilience: ${name} failed: ${errorText(e)}`);
    }
  };
}
