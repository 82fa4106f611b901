import { pathToFileURL } from 'node:url';

type AnyHandler = (event: unknown, context: unknown) => Promise<unknown>;
const loaded = new Map<string, Promise<AnyHandler>>();

/** Imports a handler module once, like a warm Lambda container, and returns its `handler`. */
export function loadHandler(entry: string): Promise<AnyHandler> {
  let handler = loaded.get(entry);
  if (!handler) {
    handler = import(pathToFileURL(entry).href).then((module: { handler?: AnyHandler }) => {
      if (typeof module.handler !== 'function') throw new Error(`${entry} exports no handler`);
      return module.handler;
    });
    loaded.set(entry, handler);
  }
  return handler;
}
