import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// `kaiku-…` tags are custom elements, not Vue components to resolve.
export default defineConfig({
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('kaiku-') } } })],
});
