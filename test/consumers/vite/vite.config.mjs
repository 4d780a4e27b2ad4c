// Vite with no plugin. The API, token, venue and shows: `define` here (the shared page reads `process.env.KAIKU_…`,
// as the other bundlers replace it); a Vite-only app reads `import.meta.env.VITE_KAIKU_…` (vue, vite-react).
import { defineConfig } from 'vite';

const env = ['KAIKU_API', 'KAIKU_TOKEN', 'KAIKU_VENUE', 'KAIKU_SHOWS'];

export default defineConfig({
  define: Object.fromEntries(env.map((k) => [`process.env.${k}`, JSON.stringify(process.env[k])])),
});
