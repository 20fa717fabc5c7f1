import type { AppError } from "../electron/ipc.js";
import { baseName } from "./format.js";
import { hasKey, type Translate } from "./i18n/index.js";

/** The sentence for an error: what happened and what to do, in the user's words. */
export function errorText(t: Translate, error: AppError): string {
  const params = { ...error.params };
  // Users know their files by name; the folders they sit in are noise here.
  if (typeof params.file === "string") params.file = baseName(params.file);
  const reason = `reason.${params.reason}`;
  if (hasKey(reason)) params.reason = t(reason);
  const key = `error.${error.code}`;
  return hasKey(key) ? t(key, params) : t("error.unknown", { code: error.code });
}
