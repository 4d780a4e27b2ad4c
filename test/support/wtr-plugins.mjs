// Server-side commands available to browser tests (executeServerCommand / @web/test-runner-commands).
// Add project-specific plugins to this list; each lives in its own file under test/support/.
import { defaultPlugins } from './wtr-default-plugins.mjs';
import { enginePlugin } from './wtr-engine-plugin.mjs';
import { keyboardPlugin } from './wtr-keyboard-plugin.mjs';
import { sandboxPlugin } from './wtr-sandbox-plugin.mjs';

export const wtrPlugins = [...defaultPlugins, enginePlugin(), keyboardPlugin(), sandboxPlugin()];
