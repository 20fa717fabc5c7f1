import { resolve } from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "electron-vite";

const root = import.meta.dirname;

/**
 * One build for the three parts (electron.md §3c): main (with the job worker
 * and the `npm start` launcher beside it), the sandboxed preload as a single
 * CommonJS file, and the renderer. Everything lands in out/.
 */
export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, "out/main"),
      rollupOptions: {
        input: {
          main: resolve(root, "electron/main.ts"),
          "job-worker": resolve(root, "electron/job-worker.ts"),
          start: resolve(root, "electron/start.ts"),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, "out/preload"),
      rollupOptions: {
        input: { preload: resolve(root, "electron/preload.ts") },
        output: { format: "cjs", entryFileNames: "[name].cjs" },
      },
    },
  },
  renderer: {
    root: resolve(root, "renderer"),
    plugins: [react()],
    build: {
      outDir: resolve(root, "out/renderer"),
      minify: true,
      rollupOptions: { input: resolve(root, "renderer/index.html") },
    },
  },
});
