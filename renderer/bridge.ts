/**
 * The only place that touches `window.chatferry`: Electron's preload puts it
 * there, or the loopback server's bridge script in the browser fallback.
 */
import type { AppError, Api, Result } from "../electron/ipc.js";

declare global {
  interface Window {
    readonly chatferry?: Api;
  }
}

if (window.chatferry === undefined) throw new Error("ChatFerry's bridge is missing: open the app with `npm start`.");
export const api: Api = window.chatferry;

/** The value of a Result, or the error thrown as an AppFailure for the step's error box. */
export async function unwrap<T>(result: Promise<Result<T>>): Promise<T> {
  const settled = await result;
  if (!settled.ok) throw new AppFailure(settled.error);
  return settled.value;
}

export class AppFailure extends Error {
  constructor(readonly error: AppError) {
    super(error.code);
  }
}

/** Any failure as an AppError: a bridge failure, or something thrown in the page itself. */
export function asAppError(err: unknown): AppError {
  if (err instanceof AppFailure) return err.error;
  return { code: "E_INTERNAL", params: { reason: err instanceof Error ? err.message : String(err) } };
}
