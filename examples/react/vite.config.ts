// The example's own build, as a React app has it: `volley-chat` resolves through the package's
// "exports" to its built files (run `npm run build` in the repository first).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
});
