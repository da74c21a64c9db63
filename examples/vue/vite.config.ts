// The example's own build, as a Vue app has it: `volley-chat` resolves through the package's
// "exports" to its built files (run `npm run build` in the repository first).
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  // Every volley- tag is a custom element, not a Vue component to resolve.
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('volley-') } } })],
  build: { outDir: 'dist', emptyOutDir: true },
});
