/**
 * The renderer's only door to main: one named method per channel, each
 * invoking exactly that channel; nothing generic, no ipcRenderer handed out.
 * Sandboxed, so it imports nothing but Electron and the channel list.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from "electron";
import { CHANNELS, EVENT_CHANNEL } from "./channels.js";

const api: Record<string, unknown> = {};
for (const channel of CHANNELS) {
  if (channel !== "dropInput") api[channel] = (input: unknown) => ipcRenderer.invoke(channel, input);
}
// The path of a file the user dropped, as Electron knows it; "" (refused by main) for anything else.
api.dropInput = (file: File) => ipcRenderer.invoke("dropInput", { path: webUtils.getPathForFile(file) });
api.onEvent = (listener: (event: unknown) => void) => {
  const forward = (_: IpcRendererEvent, event: unknown) => listener(event);
  ipcRenderer.on(EVENT_CHANNEL, forward);
  return () => void ipcRenderer.removeListener(EVENT_CHANNEL, forward);
};

contextBridge.exposeInMainWorld("chatferry", api);
